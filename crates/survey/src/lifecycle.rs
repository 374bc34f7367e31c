//! Where each edition is in its life (draft → open → closed), as staff list them.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// Where an edition is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditionStatus {
    Draft,
    Open,
    Closed,
}

impl EditionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EditionStatus::Draft => "draft",
            EditionStatus::Open => "open",
            EditionStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            EditionStatus::Draft,
            EditionStatus::Open,
            EditionStatus::Closed,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    pub fn label(self) -> Label {
        match self {
            EditionStatus::Draft => Label::new("準備中", "Draft"),
            EditionStatus::Open => Label::new("回答受付中", "Open"),
            EditionStatus::Closed => Label::new("終了", "Closed"),
        }
    }
}

/// An edition as staff see it in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionRow {
    pub id: String,
    pub status: EditionStatus,
    /// Networks with a response (any status).
    pub responses: i64,
    /// Responses that are valid answers under the edition's rule.
    pub valid: i64,
    /// Networks asked in this edition that have no response.
    pub not_answered: i64,
    pub valid_rule: ValidRule,
}

/// An edition as a staff page's switcher offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionChoice {
    pub id: String,
    pub status: EditionStatus,
}

/// A network that answered the previous edition but not (yet) the open one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoppedNetwork {
    pub id: i64,
    pub name: String,
    pub prefecture: String,
    /// The request's outcome this edition when staff recorded one (refused, declined).
    pub outcome: Option<String>,
    pub reason: String,
}

/// When a response in an edition counts as a valid answer (有効回答): in the charts, the
/// directory and the detail pages. Chosen while the edition is a draft.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidRule {
    /// Once staff approve it (the default).
    #[default]
    Approved,
    /// Once submitted, unless staff return it.
    Submitted,
}

impl ValidRule {
    pub const ALL: [ValidRule; 2] = [ValidRule::Approved, ValidRule::Submitted];

    /// The stored name (`editions.valid_rule`).
    pub fn as_str(self) -> &'static str {
        match self {
            ValidRule::Approved => "approved",
            ValidRule::Submitted => "submitted",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == stored)
    }

    pub fn label(self) -> Label {
        match self {
            ValidRule::Approved => Label::new("事務局が承認した回答", "Answers staff approved"),
            ValidRule::Submitted => Label::new(
                "提出された回答（差し戻しを除く）",
                "Submitted answers, unless returned",
            ),
        }
    }

    /// Whether a response with this status is a valid answer (store's `COUNTED` in SQL).
    pub fn counts(self, status: crate::response::ResponseStatus) -> bool {
        use crate::response::ResponseStatus::{Approved, Submitted};
        status == Approved || (self == ValidRule::Submitted && status == Submitted)
    }
}

#[cfg(test)]
mod tests {
    use super::ValidRule;
    use crate::response::ResponseStatus;

    #[test]
    fn only_approved_answers_count_by_default_and_returned_ones_never() {
        let counted = |rule: ValidRule| {
            ResponseStatus::ALL
                .into_iter()
                .filter(|s| rule.counts(*s))
                .collect::<Vec<_>>()
        };
        assert_eq!(counted(ValidRule::default()), [ResponseStatus::Approved]);
        assert_eq!(
            counted(ValidRule::Submitted),
            [ResponseStatus::Submitted, ResponseStatus::Approved]
        );
        for rule in ValidRule::ALL {
            assert_eq!(ValidRule::parse(rule.as_str()), Some(rule));
        }
    }
}
