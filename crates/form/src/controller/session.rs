//! The session's idle clock in the browser. The server ends a session after
//! `SESSION_IDLE_SECONDS` without a request; a few minutes before, `#session-warning` asks
//! whether to stay signed in, and its button makes one request that pushes the end forward.
//! Every answer from the server restarts the clock.

use std::cell::Cell;

use super::dom::document;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::{set_prop, target_element};
use super::server::keep_signed_in;
use crate::words as ui;
use survey::account::SESSION_IDLE_SECONDS;
use survey::i18n::Lang;

/// How long before the end the warning shows.
const WARN_BEFORE_SECONDS: i64 = 5 * 60;

thread_local! {
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
}

fn warning() -> Option<web_sys::Element> {
    document().query_selector("#session-warning").ok().flatten()
}

fn show_warning(shown: bool) {
    if let Some(w) = warning() {
        set_prop(&w, "hidden", (!shown).into());
    }
}

/// (Re)starts the clock: at load, and after each reply from the server.
pub(super) fn restart() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(id) = TIMER.with(Cell::take) {
        window.clear_timeout_with_handle(id);
    }
    show_warning(false);
    let warn = Closure::once_into_js(|| show_warning(true));
    let ms = (SESSION_IDLE_SECONDS - WARN_BEFORE_SECONDS) * 1000;
    if let Ok(id) = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(warn.unchecked_ref(), ms as i32)
    {
        TIMER.with(|t| t.set(Some(id)));
    }
}

/// The warning's "stay signed in" button: one request, then the clock starts again; if the
/// session has already ended, the warning says so (the answers stay in the draft).
pub(super) fn on_warning_click(ev: &web_sys::Event, lang: Lang) {
    let Some(button) =
        target_element(ev).and_then(|t| t.closest("button[data-keep-session]").ok().flatten())
    else {
        return;
    };
    set_prop(&button, "disabled", true.into());
    wasm_bindgen_futures::spawn_local(async move {
        match keep_signed_in().await {
            Ok(()) => restart(),
            Err(_) => {
                if let Some(text) = warning().and_then(|w| w.query_selector("p").ok().flatten()) {
                    text.set_text_content(Some(ui::SESSION_EXPIRED.get(lang)));
                }
            }
        }
        set_prop(&button, "disabled", false.into());
    });
}
