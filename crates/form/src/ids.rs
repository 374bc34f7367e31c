//! The ids the server-rendered form gives its elements, by which the browser module finds
//! them again (the markup contract is described in `app/src/components/fields.rs`).

use survey::AnswerKind;

/// The `<script type="application/json">` holding the form's start data ([`wire::form::FormStart`]).
pub const START_DATA_ID: &str = "questionnaire-start";

/// A DOM id from an item key.
pub fn dom_id(key: &str) -> String {
    format!("q-{}", key.replace('.', "-"))
}

/// The id of an item's message slot.
pub fn messages_id(key: &str) -> String {
    format!("{}-messages", dom_id(key))
}

/// The id of a text item's length counter (its live region is this id with `-live`).
pub fn count_id(key: &str) -> String {
    format!("{}-count", dom_id(key))
}

/// Whether a text item shows a counter of its length under the field (texts people write;
/// not addresses and numbers whose limit they will never meet).
pub fn has_counter(kind: &AnswerKind) -> bool {
    matches!(kind, AnswerKind::Text | AnswerKind::TextArea)
}
