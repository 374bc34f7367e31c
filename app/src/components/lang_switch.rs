//! The language switch: changes the page at once and remembers the choice in a cookie.

use leptos::prelude::*;

use crate::app::{tr, use_lang};
use crate::i18n::{ui, Lang};

#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let switch = move |_| {
        let next = lang.get_untracked().other();
        lang.set(next);
        remember(next);
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            lang=move || lang.get().other().code()
            title=tr(&ui::SWITCH_LANGUAGE_HINT)
            on:click=switch
        >
            {tr(&ui::SWITCH_LANGUAGE)}
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn remember(lang: Lang) {
    use wasm_bindgen::JsCast;
    if let Some(doc) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let cookie = format!("{}={}; Path=/; Max-Age=31536000; SameSite=Lax", Lang::COOKIE, lang.code());
        let _ = doc.set_cookie(&cookie);
    }
}

#[cfg(not(feature = "hydrate"))]
fn remember(_lang: Lang) {}

/// The language stored in the browser's cookie.
#[cfg(not(feature = "ssr"))]
pub fn cookie_lang() -> Option<Lang> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let doc = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
        Lang::from_cookie_header(&doc.cookie().ok()?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
