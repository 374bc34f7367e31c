//! The questionnaire's island: it takes over the server-rendered form. Every change is
//! read back into typed answers (`survey::entry`), the whole questionnaire is validated
//! (the same `validate` the server runs), and messages, the index and the progress bar are
//! written into the page. It saves per group with a version check and keeps a draft in
//! localStorage, so a closed tab, a lost connection or an expired session loses nothing.
//!
//! It holds no reactive views, signals or context, only plain DOM updates, so that its
//! wasm needs none of Leptos' reactive runtime (see `response_form/mod.rs`).
//!
//! In the browser (all but the island itself is `hydrate` only):
//! - `state.rs`: the form in memory (answers, issues, what changed) and the edits to it;
//! - `events.rs`: the form's listeners (edits, leaving a field, buttons);
//! - `inputs.rs`: the inputs read into typed entries and choices, and written back;
//! - `view.rs`: what validation shows (messages, section index, progress);
//! - `saving.rs`: saving a group, its status, conflicts and expired sessions;
//! - `drafts.rs`: the draft in localStorage and its restore;
//! - `session.rs`: the warning before the session ends, and "stay signed in";
//! - `dom.rs`: small `web_sys` helpers.

#[cfg(feature = "hydrate")]
mod dom;
#[cfg(feature = "hydrate")]
mod drafts;
#[cfg(feature = "hydrate")]
mod events;
#[cfg(feature = "hydrate")]
mod inputs;
#[cfg(feature = "hydrate")]
mod saving;
#[cfg(feature = "hydrate")]
mod session;
#[cfg(feature = "hydrate")]
mod state;
#[cfg(feature = "hydrate")]
mod view;

use leptos::prelude::*;

use crate::api::respondent::ResponseForm;
use survey::account::Role;

#[island(lazy)]
pub fn Questionnaire(data: ResponseForm, role: Role) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    start(data, role.login_page());
    #[cfg(not(feature = "hydrate"))]
    let _ = (data, role);
}

/// Listens on the form (event delegation: the inputs are the server's), brings the page up
/// to date with the answers, offers a draft left from the last visit, then counts the
/// island as interactive.
#[cfg(feature = "hydrate")]
fn start(data: ResponseForm, login: &'static str) {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::JsCast;

    use dom::listen;
    use state::{Form, Shared};

    let form: Shared = Rc::new(RefCell::new(Form::new(data, login)));
    let doc = document();
    if let Ok(Some(root)) = doc.query_selector("#questionnaire") {
        // The buttons are not submit buttons, but Enter in a field must not reload the page.
        listen(&root, "submit", |ev| ev.prevent_default());
        // `input` fires for every kind of control (radios, checkboxes and selects too).
        let f = form.clone();
        listen(&root, "input", move |ev| events::on_edit(&f, &ev));
        let f = form.clone();
        listen(&root, "focusout", move |ev| events::on_leave(&f, &ev));
        let f = form.clone();
        listen(&root, "click", move |ev| events::on_click(&f, &ev));
    }
    if let Ok(Some(banner)) = doc.query_selector("#draft-banner") {
        let f = form.clone();
        listen(&banner, "click", move |ev| drafts::on_draft_choice(&f, &ev));
    }
    if let Ok(Some(panel)) = doc.query_selector("#draft-conflict") {
        let f = form.clone();
        listen(&panel, "click", move |ev| {
            drafts::on_conflict_choice(&f, &ev)
        });
    }
    if let Some(warning) = doc.query_selector("#session-warning").ok().flatten() {
        let lang = form.borrow().lang;
        listen(&warning, "click", move |ev| {
            session::on_warning_click(&ev, lang)
        });
    }
    // Back to this page from the browser's history cache: its data may be older than a
    // save made since (a false conflict), so load it afresh.
    listen(&window(), "pageshow", |ev| {
        if dom::prop(&ev, "persisted").as_bool() == Some(true) {
            let _ = window().location().reload();
        }
    });
    let f = form.clone();
    listen(&window(), "beforeunload", move |ev| {
        if !f.borrow().dirty.is_empty() {
            ev.prevent_default();
            if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                ev.set_return_value("");
            }
        }
    });
    {
        let mut f = form.borrow_mut();
        f.adopt_typed();
        f.show_inputs();
        f.refresh();
    }
    drafts::offer_draft(&form);
    session::restart();
    crate::components::island::count_interactive();
}
