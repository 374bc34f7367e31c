//! What validation shows on the page: each item's messages and `aria-invalid`, the section
//! index's states, the carried-forward notes and the progress bar. Message slots and index
//! entries whose content is unchanged are left alone (`Form::shown`).

use std::collections::HashMap;

use leptos::prelude::document;

use super::dom::{all, item_element, paragraph, set_prop};
use super::state::Form;
use crate::components::fields::messages_id;
use crate::i18n::Label;
use crate::pages::response_form::state_look;
use survey::validate::{section_state, SectionState, Severity};

impl Form {
    /// Writes the unreadable amounts and the validation issues under their items.
    pub(super) fn show_messages(&mut self) {
        let mut messages: HashMap<&str, Vec<(Severity, &Label)>> = HashMap::new();
        for (key, why) in &self.unreadable {
            messages
                .entry(key.as_str())
                .or_default()
                .push((Severity::Error, why));
        }
        for issue in &self.issues {
            messages
                .entry(issue.item.as_str())
                .or_default()
                .push((issue.severity, &issue.message));
        }
        let lang = self.lang;
        let mut updates: Vec<(String, String)> = Vec::new();
        for (_, item) in self.edition.items().filter(|(_, i)| !i.retired) {
            let mine = messages
                .get(item.key.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let signature: String = mine
                .iter()
                .map(|(s, m)| {
                    format!(
                        "{}{}\n",
                        if *s == Severity::Error { 'E' } else { 'W' },
                        m.get(lang)
                    )
                })
                .collect();
            if self.shown.get(&item.key) == Some(&signature) {
                continue;
            }
            if let Ok(Some(slot)) =
                document().query_selector(&format!("#{}", messages_id(&item.key)))
            {
                slot.set_text_content(None);
                for (severity, message) in mine {
                    let class = if *severity == Severity::Error {
                        "field-error"
                    } else {
                        "field-warning"
                    };
                    let _ = slot.append_child(&paragraph(class, None, message.get(lang)));
                }
            }
            if let Some(element) = item_element(&item.key) {
                let invalid = if mine.iter().any(|(s, _)| *s == Severity::Error) {
                    "true"
                } else {
                    "false"
                };
                for input in all(
                    &element,
                    "input:not([type=radio]):not([type=checkbox]), textarea, select",
                ) {
                    let _ = input.set_attribute("aria-invalid", invalid);
                }
            }
            updates.push((item.key.clone(), signature));
        }
        self.shown.extend(updates);
    }

    /// Updates the section index, the carried-forward notes and the progress bar.
    pub(super) fn show_index(&mut self) {
        let mut complete = 0;
        for section in &self.edition.sections {
            let state = section_state(&self.edition, &self.answers, &section.key, self.this_year);
            complete += usize::from(state == SectionState::Complete);
            let (class, words) = state_look(state);
            if let Ok(Some(li)) = document().query_selector(&format!(
                ".section-index li[data-section=\"{}\"]",
                section.key
            )) {
                if li.class_name() != class {
                    li.set_class_name(class);
                    if let Some(span) = all(&li, ".state").first() {
                        span.set_text_content(Some(words.get(self.lang)));
                    }
                }
            }
            let prefix = format!("{}.", section.key);
            let pending = self.unconfirmed.iter().any(|k| k.starts_with(&prefix));
            if let Ok(Some(note)) =
                document().query_selector(&format!("#section-{} .carried-section", section.key))
            {
                set_prop(&note, "hidden", (!pending).into());
            }
        }
        if let Ok(Some(progress)) = document().query_selector("#form-progress") {
            set_prop(&progress, "value", (complete as f64).into());
        }
    }
}
