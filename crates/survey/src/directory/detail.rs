//! A network's public detail page (別添2) and its history across editions.

use serde::{Deserialize, Serialize};

use crate::disclosure::PublicAnswers;
use crate::geography::{OperatorType, Region};
use crate::i18n::Label;
use crate::{Answer, AnswerKind, Edition, Fee, StartStatus, Tri};

/// An answer as the detail page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DetailValue {
    Tri(Tri),
    Text(String),
    Number {
        value: i64,
        unit: Option<Label>,
    },
    Fee(Fee),
    Choices(Vec<Label>),
    Check(bool),
    /// The answer and its words in the edition.
    StartStatus {
        status: StartStatus,
        label: Label,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailRow {
    pub label: Label,
    pub value: DetailValue,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailGroup {
    pub title: Option<Label>,
    pub rows: Vec<DetailRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailSection {
    pub key: String,
    pub letter: String,
    pub title: Label,
    pub published: bool,
    pub groups: Vec<DetailGroup>,
}

/// A network's public detail page (別添2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkDetail {
    pub id: i64,
    pub edition: String,
    pub no: Option<i64>,
    pub name: String,
    pub nickname: String,
    pub prefecture: String,
    pub region: Option<Region>,
    pub operator: Option<OperatorType>,
    pub regional_fund: bool,
    /// 情報更新日, YYYY-MM-DD in Japan.
    pub updated: Option<String>,
    pub sections: Vec<DetailSection>,
    /// The public editions this network answered, newest first.
    pub editions: Vec<String>,
    /// What changed in its published answers from one edition to the next, newest first.
    pub history: Vec<HistoryStep>,
}

/// One published answer that differs between two editions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryChange {
    pub section: Label,
    pub item: Label,
    pub before: Option<DetailValue>,
    pub after: Option<DetailValue>,
}

/// The changes from one edition to the next, over the sections published in both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryStep {
    pub from: String,
    pub to: String,
    pub changes: Vec<HistoryChange>,
}

/// Compares two editions' public answers section by section; a section private in either
/// edition is left out entirely, so the history reveals nothing the pages do not.
pub fn history_step(
    from: (&Edition, &PublicAnswers),
    to: (&Edition, &PublicAnswers),
) -> HistoryStep {
    let ((old_edition, old), (new_edition, new)) = (from, to);
    let mut changes = Vec::new();
    for section in &new_edition.sections {
        if !old.is_published(&section.key) || !new.is_published(&section.key) {
            continue;
        }
        let old_items = old_edition
            .section(&section.key)
            .into_iter()
            .flat_map(|s| s.groups.iter().flat_map(|g| &g.items));
        let new_items = section.groups.iter().flat_map(|g| &g.items);
        let mut seen = std::collections::BTreeSet::new();
        for item in new_items.chain(old_items) {
            if !seen.insert(item.key.clone()) {
                continue;
            }
            let value = |answers: &PublicAnswers| {
                answers
                    .get(&item.key)
                    .and_then(|a| detail_value(&item.kind, a))
            };
            let (before, after) = (value(old), value(new));
            if before != after {
                changes.push(HistoryChange {
                    section: section.title.clone(),
                    item: item.label.clone(),
                    before,
                    after,
                });
            }
        }
    }
    HistoryStep {
        from: old_edition.id.clone(),
        to: new_edition.id.clone(),
        changes,
    }
}

impl NetworkDetail {
    pub fn publishes_nothing(&self) -> bool {
        self.sections.iter().all(|s| !s.published)
    }
}

fn detail_value(kind: &AnswerKind, answer: &Answer) -> Option<DetailValue> {
    Some(match (kind, answer) {
        (_, Answer::Tri(t)) => DetailValue::Tri(*t),
        // A year is not an amount: no thousands separator.
        (AnswerKind::Year, Answer::Number(n)) => DetailValue::Text(n.to_string()),
        (AnswerKind::Yen, Answer::Number(n)) => DetailValue::Number {
            value: *n,
            unit: Some(Label::new("円", " yen")),
        },
        (AnswerKind::KiloYen, Answer::Number(n)) => DetailValue::Number {
            value: *n,
            unit: Some(Label::new("千円", " thousand yen")),
        },
        (_, Answer::Number(n)) => DetailValue::Number {
            value: *n,
            unit: None,
        },
        (_, Answer::Fee(f)) => DetailValue::Fee(*f),
        (AnswerKind::Bearers { choices }, Answer::Choices(keys)) => DetailValue::Choices(
            choices
                .iter()
                .filter(|c| keys.contains(&c.key))
                .map(|c| c.label.clone())
                .collect(),
        ),
        (_, Answer::Choices(_)) => return None,
        (_, Answer::Text(t)) => DetailValue::Text(t.clone()),
        (_, Answer::Check(b)) => DetailValue::Check(*b),
        (AnswerKind::StartStatus { words }, Answer::StartStatus(s)) => DetailValue::StartStatus {
            status: *s,
            label: match s {
                StartStatus::Started => words.started.clone(),
                StartStatus::Planned => words.planned.clone(),
            },
        },
        (_, Answer::StartStatus(_)) => return None,
    })
}

/// Lays out a network's public answers section by section, as the questionnaire orders them.
pub fn detail_sections(edition: &Edition, public: &PublicAnswers) -> Vec<DetailSection> {
    edition
        .sections
        .iter()
        .filter(|s| !s.staff_only())
        .map(|section| {
            let published = public.is_published(&section.key);
            let groups = if published {
                section
                    .groups
                    .iter()
                    .map(|g| DetailGroup {
                        title: g.title.clone(),
                        rows: g
                            .items
                            .iter()
                            .filter_map(|i| {
                                let value = detail_value(&i.kind, public.get(&i.key)?)?;
                                Some(DetailRow {
                                    label: i.label.clone(),
                                    value,
                                })
                            })
                            .collect(),
                    })
                    .filter(|g| !g.rows.is_empty())
                    .collect()
            } else {
                Vec::new()
            };
            DetailSection {
                key: section.key.clone(),
                letter: section.letter.clone(),
                title: section.title.clone(),
                published,
                groups,
            }
        })
        .collect()
}
