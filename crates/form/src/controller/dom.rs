//! Small helpers over `web_sys` for the rest of the controller: the document, properties,
//! queries, elements and listeners.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

pub(super) fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub(super) fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// Reads a live DOM property (`checked`, `value`…), which the attribute does not track.
pub(super) fn prop(el: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(el, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

pub(super) fn set_prop(el: &JsValue, name: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(el, &JsValue::from_str(name), &value);
}

pub(super) fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The `.item` block of one question.
pub(super) fn item_element(key: &str) -> Option<Element> {
    document()
        .query_selector(&format!(".item[data-key=\"{key}\"]"))
        .ok()
        .flatten()
}

pub(super) fn paragraph(class: &str, role: Option<&str>, text: &str) -> Element {
    let p = document().create_element("p").expect("create p");
    p.set_class_name(class);
    if let Some(role) = role {
        let _ = p.set_attribute("role", role);
    }
    p.set_text_content(Some(text));
    p
}

pub(super) fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl FnMut(Event) + 'static,
) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // The listeners live as long as the page (there is no client-side navigation).
    closure.forget();
}

pub(super) fn target_element(ev: &Event) -> Option<Element> {
    ev.target()?.dyn_into::<Element>().ok()
}
