//! The draft in localStorage: every change is kept there until it is saved, so a closed
//! tab, a lost connection or an expired session loses nothing. At the next visit the draft
//! is offered for restore (`#draft-banner`), or, when a save was refused for want of a
//! session, put back and saved at once.
//!
//! Keys: `renkei-draft:{network}:{edition}` holds the [`Draft`]; the same with `:pending`
//! holds the save group that waits for a sign-in.

use leptos::prelude::document;
use serde::{Deserialize, Serialize};
use web_sys::Event;

use super::dom::{set_prop, target_element};
use super::saving::save;
use super::state::{Form, Shared};
use survey::{Answers, DisclosureChoices};

/// What a draft in localStorage holds: the answers and choices, and the version they
/// were based on (so restoring a draft over a newer save is refused as a conflict).
#[derive(Serialize, Deserialize)]
pub(super) struct Draft {
    answers: Answers,
    disclosure: DisclosureChoices,
    version: i64,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn show_banner(shown: bool) {
    if let Ok(Some(banner)) = document().query_selector("#draft-banner") {
        set_prop(&banner, "hidden", (!shown).into());
    }
}

impl Form {
    pub(super) fn keep_draft(&self) {
        if !self.dirty {
            return;
        }
        let draft = Draft {
            answers: self.answers.clone(),
            disclosure: self.disclosure.clone(),
            version: self.version,
        };
        if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&draft)) {
            let _ = s.set_item(&self.draft_key, &json);
        }
    }

    pub(super) fn clear_draft(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(&self.draft_key);
            let _ = s.remove_item(&self.pending_key());
        }
    }

    /// Remembers that a group's save was refused for want of a session, to save it again
    /// once the person has signed in and is back.
    pub(super) fn keep_pending(&self, group: u8) {
        if let Some(s) = storage() {
            let _ = s.set_item(&self.pending_key(), &group.to_string());
        }
    }

    fn pending_key(&self) -> String {
        format!("{}:pending", self.draft_key)
    }
}

/// A draft left at the last visit: offered for restore, or — when a save was refused
/// for want of a session — put back and saved at once.
pub(super) fn offer_draft(form: &Shared) {
    let (draft, pending) = {
        let f = form.borrow();
        let Some(s) = storage() else { return };
        let draft = s
            .get_item(&f.draft_key)
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str::<Draft>(&json).ok());
        let pending = s
            .get_item(&f.pending_key())
            .ok()
            .flatten()
            .and_then(|g| g.parse::<u8>().ok());
        (draft, pending)
    };
    let Some(draft) = draft else { return };
    let mut f = form.borrow_mut();
    if draft.answers == f.answers && draft.disclosure == f.disclosure {
        f.clear_draft();
        return;
    }
    if let Some(group) = pending {
        // Based on the version the person edited: a newer save elsewhere is a conflict.
        f.version = draft.version;
        f.show_answers(draft.answers, draft.disclosure);
        f.refresh();
        drop(f);
        save(form, group);
    } else {
        f.offered = Some(draft);
        show_banner(true);
    }
}

/// The person restores or discards the offered draft (`#draft-banner`'s buttons).
pub(super) fn on_draft_choice(form: &Shared, ev: &Event) {
    let Some(choice) =
        target_element(ev).and_then(|t| t.closest("button[data-draft]").ok().flatten())
    else {
        return;
    };
    let mut f = form.borrow_mut();
    let Some(draft) = f.offered.take() else {
        return;
    };
    if choice.get_attribute("data-draft").as_deref() == Some("restore") {
        f.show_answers(draft.answers, draft.disclosure);
        f.refresh();
    } else {
        f.clear_draft();
    }
    show_banner(false);
}
