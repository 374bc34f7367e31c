//! The questionnaire form's own browser module, and what the server-rendered form shares
//! with it (its words and element ids).
//!
//! The form page carries no Leptos island: this crate, compiled alone to wasm with the
//! feature `browser` (`scripts/build-form.sh`), is all the JavaScript it loads. It takes
//! neither Leptos nor any other page's code with it, so the long questionnaire stays light
//! on a phone. `app` uses `words` and `ids` (without the feature) to render the form.

pub mod ids;
pub mod words;

#[cfg(feature = "browser")]
mod controller;
