//! What the person does in the form, delegated from `#questionnaire`: typing or choosing,
//! leaving a field, and the buttons (clear a choice, save a group, confirm carried-forward
//! answers, reload after a conflict).

use super::dom::window;
use web_sys::Event;

use super::dom::{item_element, target_element};
use super::inputs::{read_disclosure, read_entry, write_entry};
use super::saving::save;
use super::state::Shared;
use survey::entry::{tidied, Entry};

/// An item's inputs or a disclosure choice changed.
pub(super) fn on_edit(form: &Shared, ev: &Event) {
    let Some(target) = target_element(ev) else {
        return;
    };
    let mut f = form.borrow_mut();
    if let Some(block) = target.closest("[data-disclosure]").ok().flatten() {
        let section = block.get_attribute("data-disclosure").unwrap_or_default();
        f.set_disclosure(&section, read_disclosure(&block));
    } else if let Some(item) = target.closest(".item[data-key]").ok().flatten() {
        let key = item.get_attribute("data-key").unwrap_or_default();
        f.typed(&key, &item);
    } else {
        return;
    }
    f.refresh();
}

/// Leaving a text field shows what was understood (an amount, a postal code…), and what is
/// wrong with an amount that cannot be read.
pub(super) fn on_leave(form: &Shared, ev: &Event) {
    let Some(item) = target_element(ev).and_then(|t| t.closest(".item[data-key]").ok().flatten())
    else {
        return;
    };
    let key = item.get_attribute("data-key").unwrap_or_default();
    let mut f = form.borrow_mut();
    let Some(kind) = f.kinds.get(&key).cloned() else {
        return;
    };
    let mut changed = f.left(&key);
    if let Entry::Text(text) = read_entry(&item, &kind) {
        if let Some(tidy) = tidied(&kind, &text) {
            // A unit converted (「3,000円」 → 3 千円) stays told after the text is tidied; a
            // number only written differently (「１２」, 「1,200」) does not need it.
            let note = f.notes.get(&key).cloned().filter(|_| {
                text.chars().any(|c| {
                    !(c.is_ascii_digit()
                        || c.is_whitespace()
                        || "０１２３４５６７８９,，、､".contains(c))
                })
            });
            write_entry(&item, &Entry::Text(tidy));
            f.edited(&key, &item);
            if let Some(note) = note {
                f.notes.insert(key.clone(), note);
            }
            changed = true;
        }
    }
    if changed {
        f.refresh();
    }
}

pub(super) fn on_click(form: &Shared, ev: &Event) {
    let Some(button) = target_element(ev).and_then(|t| t.closest("button").ok().flatten()) else {
        return;
    };
    if let Some(key) = button.get_attribute("data-clear") {
        if let Some(item) = item_element(&key) {
            write_entry(&item, &Entry::Choice(None));
            let mut f = form.borrow_mut();
            f.edited(&key, &item);
            f.refresh();
        }
    } else if let Some(group) = button
        .get_attribute("data-save-group")
        .and_then(|g| g.parse().ok())
    {
        save(form, group);
    } else if let Some(section) = button.get_attribute("data-confirm") {
        let prefix = format!("{section}.");
        let mut f = form.borrow_mut();
        f.confirm(|k| k.starts_with(&prefix));
        f.refresh();
    } else if button.has_attribute("data-reload") {
        // The newest data; this tab's edits stay in the draft, offered for restore.
        let _ = window().location().reload();
    }
}
