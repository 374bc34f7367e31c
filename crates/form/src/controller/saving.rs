//! Saving one group (A–C, D–G, H–J): refused while the group has errors, sent with the
//! version the answers are based on, and its outcome shown under the group's button. A
//! conflict (a newer save elsewhere) offers to reload the newest data; an expired session
//! offers to sign in, and the save is done again on return (see `drafts.rs`).

use super::dom::{document, window};

use super::dom::{all, paragraph, set_prop};
use super::server::save_response;
use super::state::{Form, Shared};
use crate::words as ui;
use survey::validate::Severity;
use wire::form::{kept_as_stored, SaveRequest};
use wire::ApiError;

/// What the last save said, shown under its group's button.
enum SaveStatus {
    Saving,
    Saved(String),
    Blocked,
    Failed(ApiError),
}

/// Saves one group's sections (the server takes the whole answers and keeps its group's).
pub(super) fn save(form: &Shared, group: u8) {
    let request = {
        let mut f = form.borrow_mut();
        if f.saving {
            return;
        }
        if f.group_has_errors(group) {
            f.show_status(group, &SaveStatus::Blocked);
            return;
        }
        f.saving = true;
        f.show_status(group, &SaveStatus::Saving);
        SaveRequest {
            network_id: f.network_id,
            save_group: group,
            answers: f.answers.clone(),
            disclosure: f.disclosure.clone(),
            version: f.version,
            unconfirmed: f.unconfirmed.clone(),
        }
    };
    let form = form.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = save_response(request).await;
        let mut f = form.borrow_mut();
        f.saving = false;
        match outcome {
            Ok(saved) => {
                super::session::restart();
                f.version = saved.version;
                f.saved_group(group, saved.version);
                f.stored_group(group);
                f.show_status(group, &SaveStatus::Saved(saved.saved_at));
            }
            Err(error) => {
                if matches!(error, ApiError::Unauthorized) {
                    f.keep_pending(group);
                }
                f.show_status(group, &SaveStatus::Failed(error));
            }
        }
    });
}

impl Form {
    /// The saved group's answers are what the server holds now.
    fn stored_group(&mut self, group: u8) {
        let keys: Vec<String> = (self.stored.0.keys().chain(self.answers.0.keys()))
            .filter(|k| self.group_of_key(k) == Some(group))
            .cloned()
            .collect();
        for key in keys {
            match self.answers.get(&key).cloned() {
                Some(answer) => self.stored.set(key, answer),
                None => self.stored.clear(&key),
            }
        }
    }

    fn group_has_errors(&self, group: u8) -> bool {
        let sections: Vec<String> = self
            .edition
            .sections
            .iter()
            .filter(|s| s.save_group == group)
            .map(|s| format!("{}.", s.key))
            .collect();
        let in_group = |key: &str| sections.iter().any(|s| key.starts_with(s.as_str()));
        self.unreadable.keys().any(|k| in_group(k))
            || self.issues.iter().any(|i| {
                i.severity == Severity::Error
                    && in_group(&i.item)
                    && !kept_as_stored(Some(&self.stored), &self.answers, &i.item)
            })
    }

    /// Shows the status under its group's button (clearing the others') and disables the
    /// save buttons while a save is under way.
    fn show_status(&self, group: u8, status: &SaveStatus) {
        let lang = self.lang;
        for slot in all(
            &document().document_element().expect("html"),
            "[data-status-group]",
        ) {
            slot.set_text_content(None);
            if slot.get_attribute("data-status-group").as_deref()
                != Some(group.to_string().as_str())
            {
                continue;
            }
            let shown = match status {
                SaveStatus::Saving => {
                    paragraph("save-status", Some("status"), ui::SAVING.get(lang))
                }
                SaveStatus::Saved(at) => paragraph(
                    "save-status ok",
                    Some("status"),
                    &format!("{} ({at})", ui::SAVE_DONE.get(lang)),
                ),
                SaveStatus::Blocked => paragraph(
                    "save-status error",
                    Some("alert"),
                    ui::SAVE_BLOCKED.get(lang),
                ),
                SaveStatus::Failed(error) => {
                    let expired = matches!(error, ApiError::Unauthorized);
                    let message = if expired {
                        ui::SESSION_EXPIRED.clone()
                    } else {
                        error.message()
                    };
                    let block = document().create_element("div").expect("create div");
                    block.set_class_name("save-status error");
                    let _ = block.set_attribute("role", "alert");
                    let _ = block.append_child(&paragraph("", None, message.get(lang)));
                    if matches!(error, ApiError::Conflict { .. }) {
                        let button = document().create_element("button").expect("create button");
                        let _ = button.set_attribute("type", "button");
                        let _ = button.set_attribute("data-reload", "");
                        button.set_text_content(Some(ui::RELOAD_NEWEST.get(lang)));
                        let _ = block.append_child(&button);
                    }
                    if expired {
                        let link = document().create_element("a").expect("create a");
                        // Back to this form after signing in, where the draft is saved.
                        let here = window().location().pathname().unwrap_or_default();
                        let _ = link.set_attribute("href", &format!("{}?next={here}", self.login));
                        link.set_text_content(Some(ui::LOGIN_SUBMIT.get(lang)));
                        let _ = block.append_child(&link);
                    }
                    block
                }
            };
            let _ = slot.append_child(&shown);
        }
        for button in all(
            &document().document_element().expect("html"),
            "button[data-save-group]",
        ) {
            set_prop(
                &button,
                "disabled",
                matches!(status, SaveStatus::Saving).into(),
            );
        }
    }
}
