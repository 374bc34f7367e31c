//! Typed answers, shared by browser and server. An item missing from
//! [`Answers`] is unanswered, which is not the same as [`Tri::None`].

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use crate::i18n::Label;

/// A tri-state answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tri {
    InProgress,
    Planned,
    None,
}

impl Tri {
    pub const ALL: [Tri; 3] = [Tri::InProgress, Tri::Planned, Tri::None];

    pub fn label(self) -> Label {
        match self {
            Tri::InProgress => Label::new("実施中", "In progress"),
            Tri::Planned => Label::new("実施予定あり", "Planned"),
            Tri::None => Label::new("実施なし・予定なし", "None"),
        }
    }

    /// In progress or planned: the report counts these.
    pub fn is_active(self) -> bool {
        matches!(self, Tri::InProgress | Tri::Planned)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fee {
    Free,
    Paid,
    Undecided,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartStatus {
    Started,
    Planned,
}

/// One answer; which variant fits an item is given by its `AnswerKind`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Tri(Tri),
    /// Counts, yen, thousand-yen and years.
    Number(i64),
    Fee(Fee),
    /// Keys of the chosen [`Choice`](super::definition::Choice)s.
    Choices(BTreeSet<String>),
    /// Any text kind, and the prefecture.
    Text(String),
    Check(bool),
    StartStatus(StartStatus),
}

impl Answer {
    /// The answer as one cell of a CSV export: stable English keywords, digits,
    /// choice keys joined by `;`, or the text itself.
    pub fn to_cell(&self) -> String {
        fn word<T: Serialize>(v: &T) -> String {
            serde_json::to_value(v)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        }
        match self {
            Answer::Tri(t) => word(t),
            Answer::Number(n) => n.to_string(),
            Answer::Fee(f) => word(f),
            Answer::Choices(c) => c.iter().cloned().collect::<Vec<_>>().join(";"),
            Answer::Text(t) => t.clone(),
            Answer::Check(b) => b.to_string(),
            Answer::StartStatus(s) => word(s),
        }
    }
}

/// All answers of one response, by item key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn get(&self, key: &str) -> Option<&Answer> {
        self.0.get(key)
    }

    pub fn set(&mut self, key: impl Into<String>, answer: Answer) {
        self.0.insert(key.into(), answer);
    }

    pub fn clear(&mut self, key: &str) {
        self.0.remove(key);
    }

    pub fn tri(&self, key: &str) -> Option<Tri> {
        match self.get(key) {
            Some(Answer::Tri(t)) => Some(*t),
            _ => None,
        }
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Answer::Text(t)) if !t.is_empty() => Some(t),
            _ => None,
        }
    }

    pub fn number(&self, key: &str) -> Option<i64> {
        match self.get(key) {
            Some(Answer::Number(n)) => Some(*n),
            _ => None,
        }
    }
}

/// What a network lets the public see of one section.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    Public,
    /// Public except the contact person's name and email.
    HideContact,
    /// Nothing of the section is public. The default: absent means private.
    #[default]
    Private,
}

/// The disclosure choice of each section, by section key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DisclosureChoices(pub BTreeMap<String, Disclosure>);

impl DisclosureChoices {
    /// A section nobody chose for is private.
    pub fn of(&self, section: &str) -> Disclosure {
        self.0.get(section).copied().unwrap_or_default()
    }

    pub fn set(&mut self, section: impl Into<String>, choice: Disclosure) {
        self.0.insert(section.into(), choice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanswered_is_not_none() {
        let mut a = Answers::default();
        assert_eq!(a.tri("services.diseases.hepatitis"), None);
        a.set("services.diseases.hepatitis", Answer::Tri(Tri::None));
        assert_eq!(a.tri("services.diseases.hepatitis"), Some(Tri::None));
        a.clear("services.diseases.hepatitis");
        assert_eq!(a.tri("services.diseases.hepatitis"), None);
    }

    #[test]
    fn answers_round_trip_through_json() {
        let mut a = Answers::default();
        a.set("x.tri", Answer::Tri(Tri::Planned));
        a.set("x.n", Answer::Number(12));
        a.set("x.set", Answer::Choices(["mhlw".to_string()].into()));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            r#"{"x.n":{"number":12},"x.set":{"choices":["mhlw"]},"x.tri":{"tri":"planned"}}"#
        );
        assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), a);
    }

    #[test]
    fn answers_become_csv_cells() {
        assert_eq!(Answer::Tri(Tri::InProgress).to_cell(), "in_progress");
        assert_eq!(Answer::Fee(Fee::Undecided).to_cell(), "undecided");
        assert_eq!(
            Answer::StartStatus(StartStatus::Planned).to_cell(),
            "planned"
        );
        assert_eq!(Answer::Number(-3).to_cell(), "-3");
        assert_eq!(
            Answer::Choices(["mic".to_string(), "meti".to_string()].into()).to_cell(),
            "meti;mic"
        );
        assert_eq!(Answer::Check(true).to_cell(), "true");
    }

    #[test]
    fn missing_disclosure_is_private() {
        let mut d = DisclosureChoices::default();
        assert_eq!(d.of("services"), Disclosure::Private);
        d.set("services", Disclosure::Public);
        assert_eq!(d.of("services"), Disclosure::Public);
    }
}
