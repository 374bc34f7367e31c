//! The questionnaire's controller: it takes over the server-rendered form. Every change is
//! read back into typed answers (`survey::entry`), the whole questionnaire is validated
//! (the same `validate` the server runs), and messages, the index and the progress bar are
//! written into the page. It saves per group with a version check and keeps a draft in
//! localStorage, so a closed tab, a lost connection or an expired session loses nothing.
//!
//! - `state.rs`: the form in memory (answers, issues, what changed) and the edits to it;
//! - `events.rs`: the form's listeners (edits, leaving a field, buttons);
//! - `inputs.rs`: the inputs read into typed entries and choices, and written back;
//! - `view.rs`: what validation shows (messages, section index, progress);
//! - `saving.rs`: saving a group, its status, conflicts and expired sessions;
//! - `drafts.rs`: the draft in localStorage and its restore;
//! - `session.rs`: the warning before the session ends, and "stay signed in";
//! - `server.rs`: the two server functions it calls;
//! - `dom.rs`: small `web_sys` helpers.

mod dom;
mod drafts;
mod events;
mod inputs;
mod saving;
mod server;
mod session;
mod state;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::ids::START_DATA_ID;
use dom::{document, listen, window};
use state::{Form, Shared};
use wire::form::FormStart;

/// The module's entry point, run once it is loaded: starts the form when the page holds one
/// (its data in `#questionnaire-start`), then marks the page interactive.
#[wasm_bindgen(start)]
pub fn main() {
    console_error_panic_hook::set_once();
    let data = document()
        .get_element_by_id(START_DATA_ID)
        .and_then(|el| el.text_content());
    match data.map(|json| serde_json::from_str::<FormStart>(&json)) {
        Some(Ok(start)) => run(start),
        // A module older than the page (kept by the browser across an update) cannot run the
        // form; without it nothing typed would be checked or saved, so the page says so.
        Some(Err(_)) => out_of_date(),
        None => {}
    }
    mark_ready();
}

/// Says, above the form, that the page must be reloaded before anything is entered.
fn out_of_date() {
    let doc = document();
    let lang = doc
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| survey::i18n::Lang::from_code(&code))
        .unwrap_or_default();
    let notice = dom::paragraph(
        "notice error",
        Some("alert"),
        crate::words::FORM_OUT_OF_DATE.get(lang),
    );
    if let Ok(Some(form)) = doc.query_selector("#questionnaire") {
        let _ = form.prepend_with_node_1(&notice);
    }
}

/// Listens on the form (event delegation: the inputs are the server's), brings the page up
/// to date with the answers, then offers a draft left from the last visit.
fn run(start: FormStart) {
    let form: Shared = Rc::new(RefCell::new(Form::new(start)));
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
}

/// Tells whoever watches the page (end-to-end tests, `scripts/measure-form.mjs`) that the
/// form is interactive: `window.__renkei_form_ready`.
fn mark_ready() {
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &JsValue::from_str("__renkei_form_ready"),
        &JsValue::TRUE,
    );
}
