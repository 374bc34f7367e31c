//! The page's language: read from the `lang` cookie (by the server from the request, by
//! the browser from `document.cookie`), provided to components as context, and the helpers
//! that translate the UI's strings with it.

use leptos::prelude::*;

use super::Lang;

/// The UI language for this page load: the `lang` cookie, else Japanese.
/// The server and the browser read the same cookie, so hydration agrees.
pub fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .find_map(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        cookie_lang().unwrap_or_default()
    }
}

/// The language signal: provided by [`App`] on the server; in the browser an island reads
/// the cookie (the switch reloads the page, so the language is fixed for a page's life).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| {
        let lang = RwSignal::new(page_lang());
        provide_context(lang);
        lang
    })
}

/// The language for the page title. leptos_meta renders the title into `<head>`
/// after the server's reactive arena for the request is gone, so on the server
/// it must not read a signal; in the browser it follows the switch.
pub(crate) fn title_lang(lang: RwSignal<Lang>) -> Lang {
    #[cfg(feature = "ssr")]
    {
        let _ = lang;
        use_context::<SsrLang>().map(|l| l.0).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        lang.get()
    }
}

/// The request's language as a plain value, for what is rendered after the arena ends.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
pub(crate) struct SsrLang(pub Lang);

/// A page title from a UI string (see [`title_lang`] for why it is not a plain `tr`).
pub fn page_title(label: &'static super::Label) -> TextProp {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    return label.get(title_lang(lang)).to_string().into();
    #[cfg(not(feature = "ssr"))]
    return (move || label.get(title_lang(lang)).to_string()).into();
}

/// A reactive translation of a UI string.
pub fn tr(
    label: &'static super::Label,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || label.get(lang.get())
}

/// The language stored in the browser's cookie.
#[cfg(not(feature = "ssr"))]
pub fn cookie_lang() -> Option<Lang> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let doc = web_sys::window()?
            .document()?
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()?;
        Lang::from_cookie_header(&doc.cookie().ok()?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
