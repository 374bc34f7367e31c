//! The questionnaire: its definition per edition, typed answers, and the
//! geography (prefectures, regions) and classifications it refers to.

pub mod answers;
pub mod cells;
pub mod definition;
pub mod entry;
pub mod edition_2012;
pub mod edition_2013;
pub mod geography;
pub mod normalise;
pub mod revise;
pub mod validate;

pub use answers::{Answer, Answers, Disclosure, DisclosureChoices, Fee, StartStatus, Tri};
pub use definition::{AnswerKind, Choice, DisclosureOptions, Edition, Group, Item, Section};

/// The editions that ship with Renkei, oldest first.
pub fn builtin_editions() -> Vec<Edition> {
    vec![edition_2012::edition(), edition_2013::edition()]
}

/// A built-in edition by id.
pub fn builtin_edition(id: &str) -> Option<Edition> {
    builtin_editions().into_iter().find(|e| e.id == id)
}
