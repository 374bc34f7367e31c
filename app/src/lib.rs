//! Renkei: the survey of Japan's IT-based regional healthcare networks.
//!
//! This crate is shared by the browser (feature `hydrate`, compiled to wasm)
//! and the server (feature `ssr`). Leptos runs in islands mode: every component renders
//! on the server, and only `#[island]`s (the interactive parts) ship to the browser.
//! The pure core (`survey`, `i18n`) compiles into both; `store` and the bodies of the
//! server functions in `api` are server-only.

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod app;
pub mod charts;
pub mod components;
pub mod disclosure;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod requests;
pub mod search;
#[cfg(feature = "ssr")]
pub mod store;
pub mod survey;

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
