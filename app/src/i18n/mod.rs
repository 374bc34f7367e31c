//! The UI's words: [`Label`] and [`Lang`] come from the core (questionnaire labels are in
//! the edition data); the UI's own strings live here.

mod current;
pub mod ui;
pub mod ui_audit;
pub mod ui_networks;
pub mod ui_readonly;
pub mod ui_requests;

pub(crate) use current::title_lang;
#[cfg(feature = "ssr")]
pub(crate) use current::SsrLang;
pub use current::{page_lang, page_title, tr, use_lang};
pub use survey::i18n::{Label, Lang};
