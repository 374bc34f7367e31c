//! Renkei: the survey of Japan's IT-based regional healthcare networks.
//!
//! The Leptos layer, shared by the browser (feature `hydrate`, compiled to wasm) and the
//! server (feature `ssr`): pages, components and server functions. Leptos runs in islands
//! mode: every component renders on the server, and only `#[island]`s (the interactive
//! parts) ship to the browser. It builds on the pure core (`survey`) and the `charts`
//! crate on both sides; the bodies of the server functions in `api`, the guards in `auth`
//! and the `store` they call are server-only.

pub mod api;
pub mod app;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod i18n;
pub mod pages;

pub use app::{shell, App};

/// The browser entry point. Pages are server-rendered HTML; Leptos' island script calls
/// this once the main module is loaded, then hydrates each `<leptos-island>` (loading a lazy
/// island's own wasm chunk first). Each island counts itself in `__renkei_islands` once
/// interactive (see [`components::island::Ready`]), so end-to-end tests wait for
/// interactivity instead of sleeping.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__renkei_hydrated".into(), &true.into());
}
