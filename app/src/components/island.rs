//! What islands share: a mark that they are interactive, and where the page is.

use leptos::prelude::*;

/// Placed in each island: once the island has hydrated, counts it in
/// `window.__renkei_islands`, so tests (and anyone curious) can tell when every
/// `<leptos-island>` of the page is interactive.
#[component]
pub fn Ready() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| count_interactive());
}

/// Counts one more island as interactive in `window.__renkei_islands` (see [`Ready`]).
#[cfg(feature = "hydrate")]
fn count_interactive() {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str("__renkei_islands");
    let count = js_sys::Reflect::get(&global, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&global, &key, &(count + 1.0).into());
}

/// The address of the page being shown (path and query): from the request on the server,
/// from the address bar in the browser (islands have no router), so both render the same.
pub fn current_address() -> String {
    #[cfg(feature = "ssr")]
    return use_context::<http::request::Parts>()
        .and_then(|parts| parts.uri.path_and_query().map(|pq| pq.as_str().to_string()))
        .unwrap_or_else(|| "/".into());
    #[cfg(not(feature = "ssr"))]
    {
        let location = window().location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    }
}

/// The path of the page being shown, without its query.
pub fn current_path() -> String {
    let address = current_address();
    address.split('?').next().unwrap_or_default().to_string()
}
