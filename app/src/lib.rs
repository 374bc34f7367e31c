//! Renkei: the survey of Japan's IT-based regional healthcare networks.
//!
//! This crate is shared by the browser (feature `hydrate`, compiled to wasm)
//! and the server (feature `ssr`). The pure core (`survey`, `i18n`) compiles
//! into both; `store` and the bodies of the server functions in `api` are
//! server-only.

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

/// The browser entry point: hydrates the server-rendered page, after loading the wasm
/// chunk of its (lazily loaded) route.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else { return };
        leptos::mount::hydrate_from_async(body, App).await.forget();
        // Lets end-to-end tests wait for interactivity instead of sleeping.
        let _ = js_sys::Reflect::set(&js_sys::global(), &"__renkei_hydrated".into(), &true.into());
    });
}
