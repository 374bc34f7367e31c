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
    pub responses: i64,
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
