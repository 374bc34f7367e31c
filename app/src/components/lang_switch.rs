//! The language switch: a plain form that posts the other language to `/lang`, which sets
//! the cookie and sends the visitor back to the same page. It needs no JavaScript (and
//! ships none): pages are server-rendered in the cookie's language.

use leptos::prelude::*;

use crate::app::{tr, use_lang};
use crate::i18n::ui;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="post" action="/lang" class="lang-switch-form">
            <input type="hidden" name="lang" value=move || lang.get().other().code() />
            <input type="hidden" name="back" value=current_page() />
            <button type="submit" class="lang-switch" lang=move || lang.get().other().code() title=tr(&ui::SWITCH_LANGUAGE_HINT)>
                {tr(&ui::SWITCH_LANGUAGE)}
            </button>
        </form>
    }
}

/// The address of the page being rendered (path and query), to come back to.
fn current_page() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.path_and_query().map(|pq| pq.as_str().to_string()))
            .unwrap_or_else(|| "/".into())
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/".into()
    }
}

/// The language stored in the browser's cookie.
#[cfg(not(feature = "ssr"))]
pub fn cookie_lang() -> Option<crate::i18n::Lang> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let doc = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
        crate::i18n::Lang::from_cookie_header(&doc.cookie().ok()?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
