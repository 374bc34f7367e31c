//! What validation shows on the page: each item's messages and `aria-invalid`, the section
//! index's states, the carried-forward notes and the progress bar. Message slots and index
//! entries whose content is unchanged are left alone (`Form::shown`).

use super::dom::document;

use super::dom::{all, item_element, paragraph, set_prop};
use super::state::Form;
use crate::ids::{count_id, dom_id, messages_id};
use crate::words as ui;
use crate::words::state_look;
use survey::i18n::Label;
use survey::validate::{messages_for, section_state, SectionState, Severity};

impl Form {
    /// Writes the validation issues under their items: one message per finding, at its
    /// field (the slot its inputs name in `aria-describedby`), in the page's language. An
    /// amount that cannot be read is one finding (validation stays quiet about it being
    /// missing) and waits while the person is still typing it (`Form::held`). An amount
    /// read differently from what was typed says what will be saved, when nothing is wrong.
    pub(super) fn show_messages(&mut self) {
        let lang = self.lang;
        let mut updates: Vec<(String, String)> = Vec::new();
        for (_, item) in self.edition.items().filter(|(_, i)| !i.retired) {
            let held = self.held.contains(&item.key);
            let mut mine: Vec<(&'static str, &Label)> = messages_for(&self.issues, &item.key)
                .into_iter()
                .filter(|i| !(held && i.severity == Severity::Error))
                .map(|i| match i.severity {
                    Severity::Error => ("field-error", &i.message),
                    Severity::Warning => ("field-warning", &i.message),
                })
                .collect();
            let has_error = mine.iter().any(|(class, _)| *class == "field-error");
            if let Some(note) = self.notes.get(&item.key).filter(|_| !has_error && !held) {
                mine.push(("field-note", note));
            }
            let signature: String = mine
                .iter()
                .map(|(class, m)| format!("{class}:{}\n", m.get(lang)))
                .collect();
            if self.shown.get(&item.key) == Some(&signature) {
                continue;
            }
            if let Ok(Some(slot)) =
                document().query_selector(&format!("#{}", messages_id(&item.key)))
            {
                slot.set_text_content(None);
                for (class, message) in &mine {
                    let _ = slot.append_child(&paragraph(class, None, message.get(lang)));
                }
            }
            if let Some(element) = item_element(&item.key) {
                let invalid = if has_error { "true" } else { "false" };
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

    /// Updates a text's counter (「123／2000文字」) as it is typed; its limit is the field's
    /// `maxlength`. The counter itself is not a live region; a hidden one next to it speaks
    /// when the text comes near its limit and when it reaches it, not at every keystroke.
    pub(super) fn show_count(&self, key: &str, text: &str) {
        let id = count_id(key);
        let field = document().get_element_by_id(&dom_id(key));
        let (Some(counter), Some(max)) = (
            document().get_element_by_id(&id),
            field
                .and_then(|f| f.get_attribute("maxlength"))
                .and_then(|m| m.parse::<usize>().ok()),
        ) else {
            return;
        };
        let count = text.chars().count();
        counter.set_text_content(Some(&ui::char_count(count, max, self.lang)));
        // 0 far from the limit, 1 near it, 2 at it.
        let band = match count {
            c if c >= max => "2",
            c if c * 10 >= max * 9 => "1",
            _ => "0",
        };
        let _ = counter.class_list().toggle_with_force("over", count > max);
        let before = counter.get_attribute("data-band");
        if before.as_deref() == Some(band) {
            return;
        }
        let _ = counter.set_attribute("data-band", band);
        // The first time (the page's own text, at the start) is not news.
        if before.is_none() {
            return;
        }
        if let Some(live) = document().get_element_by_id(&format!("{id}-live")) {
            let said = match band {
                "2" => ui::CHARS_AT_LIMIT.get(self.lang).to_string(),
                "1" => ui::chars_left(max - count, self.lang),
                _ => String::new(),
            };
            live.set_text_content(Some(&said));
        }
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
