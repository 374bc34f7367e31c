//! The pure core of Renkei: the questionnaire as data and every rule over it. Serde only,
//! no Leptos, no database, so it builds for the browser (wasm) and the server alike and is
//! tested without I/O. Editions, typed answers, validation, the disclosure choke point,
//! request lists, search and the record types every layer above exchanges live here.

pub mod account;
pub mod answers;
pub mod audit;
pub mod cells;
pub mod definition;
pub mod directory;
pub mod disclosure;
pub mod duplicates;
pub mod editions;
pub mod entry;
pub mod geography;
pub mod home;
pub mod i18n;
pub mod lifecycle;
pub mod normalise;
pub mod notes;
pub mod requests;
pub mod response;
pub mod revise;
pub mod search;
pub mod spreadsheet;
pub mod validate;
pub mod vocabulary;

#[cfg(test)]
mod fuzz_tests;

pub use answers::{Answer, Answers, Disclosure, DisclosureChoices, Fee, StartStatus, Tri};
pub use definition::{
    lettered, AnswerKind, Choice, DisclosureOptions, Edition, Group, Item, Section, StartWords,
};

/// The editions that ship with Renkei (the folders under `editions/`), oldest first.
///
/// # Panics
/// When an edition folder is invalid; the server checks [`editions::builtin`] at start-up
/// and refuses to start with the error, so this only panics in tests and tools.
pub fn builtin_editions() -> Vec<Edition> {
    editions::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .to_vec()
}

/// A built-in edition by id.
pub fn builtin_edition(id: &str) -> Option<Edition> {
    builtin_editions().into_iter().find(|e| e.id == id)
}
