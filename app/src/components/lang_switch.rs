//! The language switch: a plain form that posts the other language to `/lang`, which sets
//! the cookie and sends the visitor back to the same page. It needs no JavaScript (and
//! ships none): pages are server-rendered in the cookie's language.

use leptos::prelude::*;

use crate::components::island::current_address;
use crate::i18n::ui;
use crate::i18n::{tr, use_lang};

#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="post" action="/lang" class="lang-switch-form">
            <input type="hidden" name="lang" value=move || lang.get().other().code() />
            <input type="hidden" name="back" value=current_address() />
            <button type="submit" class="lang-switch" lang=move || lang.get().other().code() title=tr(&ui::SWITCH_LANGUAGE_HINT)>
                {tr(&ui::SWITCH_LANGUAGE)}
            </button>
        </form>
    }
}
