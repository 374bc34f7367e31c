//! The form's controls as typed values: an item's inputs read into and written from an
//! `Entry` (`survey::entry` turns entries into answers and back), and a section's
//! disclosure checkboxes read into and written from a `Disclosure`.

use super::dom::document;
use web_sys::Element;

use super::dom::{all, item_element, prop, set_prop};
use super::state::Form;
use crate::ids::has_counter;
use crate::words::public_sees;
use survey::entry::{entry_of, is_single_choice, Entry};
use survey::{AnswerKind, Disclosure};

/// Reads an item's inputs.
pub(super) fn read_entry(item: &Element, kind: &AnswerKind) -> Entry {
    if is_single_choice(kind) {
        return Entry::Choice(
            all(item, "input[type=radio]")
                .iter()
                .find(|r| prop(r, "checked").is_truthy())
                .and_then(|r| r.get_attribute("value")?.parse().ok()),
        );
    }
    match kind {
        AnswerKind::Bearers { .. } => Entry::Boxes(
            all(item, "input[type=checkbox]")
                .iter()
                .filter(|b| prop(b, "checked").is_truthy())
                .filter_map(|b| b.get_attribute("value"))
                .collect(),
        ),
        AnswerKind::Check => Entry::Checked(
            all(item, "input[type=checkbox]")
                .iter()
                .any(|b| prop(b, "checked").is_truthy()),
        ),
        _ => Entry::Text(
            all(item, "input, textarea, select")
                .first()
                .and_then(|i| prop(i, "value").as_string())
                .unwrap_or_default(),
        ),
    }
}

/// Shows an entry in an item's inputs (a restored draft).
pub(super) fn write_entry(item: &Element, entry: &Entry) {
    match entry {
        Entry::Choice(index) => {
            for radio in all(item, "input[type=radio]") {
                let on = index.is_some_and(|i| {
                    radio.get_attribute("value").as_deref() == Some(i.to_string().as_str())
                });
                set_prop(&radio, "checked", on.into());
            }
        }
        Entry::Boxes(keys) => {
            for b in all(item, "input[type=checkbox]") {
                set_prop(
                    &b,
                    "checked",
                    b.get_attribute("value")
                        .is_some_and(|v| keys.contains(&v))
                        .into(),
                );
            }
        }
        Entry::Checked(on) => all(item, "input[type=checkbox]")
            .iter()
            .for_each(|b| set_prop(b, "checked", (*on).into())),
        Entry::Text(text) => {
            if let Some(input) = all(item, "input, textarea, select").first() {
                set_prop(input, "value", text.as_str().into());
            }
        }
    }
}

/// Reads a section's disclosure block (`[data-disclosure]`): hiding all wins over hiding
/// the contact.
pub(super) fn read_disclosure(block: &Element) -> Disclosure {
    let checked = |which: &str| {
        all(block, &format!("input[data-hide={which}]"))
            .iter()
            .any(|i| prop(i, "checked").is_truthy())
    };
    if checked("all") {
        Disclosure::Private
    } else if checked("contact") {
        Disclosure::HideContact
    } else {
        Disclosure::Public
    }
}

impl Form {
    pub(super) fn show_disclosure(&self, section: &str) {
        let choice = self.disclosure.of(section);
        let Ok(Some(block)) =
            document().query_selector(&format!("[data-disclosure=\"{section}\"]"))
        else {
            return;
        };
        for input in all(&block, "input[data-hide=all]") {
            set_prop(&input, "checked", (choice == Disclosure::Private).into());
        }
        for input in all(&block, "input[data-hide=contact]") {
            set_prop(
                &input,
                "checked",
                (choice == Disclosure::HideContact).into(),
            );
            set_prop(&input, "disabled", (choice == Disclosure::Private).into());
        }
        if let Some(p) = all(&block, ".disclosure-explanation").first() {
            p.set_text_content(Some(public_sees(choice).get(self.lang)));
        }
    }

    /// Writes the answers and choices into the inputs (at start, after what was typed
    /// before the controller started was adopted as edits).
    pub(super) fn show_inputs(&self) {
        for (key, kind) in &self.kinds {
            if let Some(item) = item_element(key) {
                let entry = entry_of(kind, self.answers.get(key));
                write_entry(&item, &entry);
                if let (Entry::Text(text), true) = (&entry, has_counter(kind)) {
                    self.show_count(key, text);
                }
            }
        }
        self.edition
            .sections
            .iter()
            .for_each(|s| self.show_disclosure(&s.key));
    }
}
