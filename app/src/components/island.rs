//! What islands share: a mark that they are interactive, and where the page is.

use leptos::prelude::*;

/// Placed in each island: once the island has hydrated, counts it in
/// `window.__renkei_islands`, so tests (and anyone curious) can tell when every
/// `<leptos-island>` of the page is interactive.
#[component]
pub fn Ready() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        let global = js_sys::global();
        let key = wasm_bindgen::JsValue::from_str("__renkei_islands");
        let count = js_sys::Reflect::get(&global, &key).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&global, &key, &(count + 1.0).into());
    });
}

/// The path of the page being shown: from the request on the server, from the address bar
/// in the browser (islands have no router), so both render the same.
pub fn current_path() -> String {
    #[cfg(feature = "ssr")]
    return use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_string()).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    return window().location().pathname().unwrap_or_default();
}
