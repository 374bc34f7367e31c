//! The UI's words: [`Label`] and [`Lang`] come from the core (questionnaire labels are in
//! the edition data); the UI's own strings live here.

pub mod ui;
pub mod ui_requests;

pub use survey::i18n::{Label, Lang};
