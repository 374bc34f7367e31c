//! A network's response in an edition: where it is in review, what changed since staff last
//! reviewed it, and how it appears in the respondent's and the reviewers' lists.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Label;
use crate::{Answer, Answers, Disclosure, DisclosureChoices, Edition};

/// Where a response is in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    /// Saved by staff or imported, never submitted.
    Draft,
    /// Saved by the respondent, waiting for review.
    Submitted,
    /// Sent back by staff with a note.
    Returned,
    /// Accepted by staff: a valid answer.
    Approved,
}

impl ResponseStatus {
    pub const ALL: [ResponseStatus; 4] = [
        ResponseStatus::Draft,
        ResponseStatus::Submitted,
        ResponseStatus::Returned,
        ResponseStatus::Approved,
    ];

    /// The stored name (the `responses.status` column).
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::Draft => "draft",
            ResponseStatus::Submitted => "submitted",
            ResponseStatus::Returned => "returned",
            ResponseStatus::Approved => "approved",
        }
    }

    /// A stored name read back; unknown names are `None`.
    pub fn parse(stored: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == stored)
    }

    /// The status in words.
    pub fn label(self) -> Label {
        match self {
            ResponseStatus::Draft => Label::new("下書き", "Draft"),
            ResponseStatus::Submitted => {
                Label::new("提出済み（確認待ち）", "Submitted (to review)")
            }
            ResponseStatus::Returned => Label::new("差し戻し", "Returned"),
            ResponseStatus::Approved => Label::new("承認済み", "Approved"),
        }
    }
}

/// A network a respondent answers for, as their list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNetwork {
    pub id: i64,
    pub name: String,
    pub prefecture: String,
    /// The response's status in the current edition, if there is one.
    pub status: Option<ResponseStatus>,
}

/// A response in the staff review queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub network_id: i64,
    pub name: String,
    pub prefecture: String,
    pub status: ResponseStatus,
    pub version: i64,
    /// When the respondent last saved, in Japan.
    pub updated: String,
    /// False for a submission staff never reviewed (new), true for a changed one.
    pub reviewed_before: bool,
}

/// One item whose answer differs from the reviewed baseline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub item: String,
    pub before: Option<Answer>,
    pub after: Option<Answer>,
}

/// What changed, item by item: `key → [old, new]` (null where absent).
pub fn diff(old: &Answers, new: &Answers) -> BTreeMap<String, [Option<Answer>; 2]> {
    old.0
        .keys()
        .chain(new.0.keys())
        .filter(|k| old.get(k) != new.get(k))
        .map(|k| (k.clone(), [old.get(k).cloned(), new.get(k).cloned()]))
        .collect()
}

/// What changed since the baseline, in questionnaire order; keys the edition does not
/// know (kept from older data) come last. No baseline: every answer is new.
pub fn changes(edition: &Edition, baseline: Option<&Answers>, answers: &Answers) -> Vec<Change> {
    let empty = Answers::default();
    let mut diff = diff(baseline.unwrap_or(&empty), answers);
    let known: Vec<_> = edition
        .items()
        .filter_map(|(_, item)| diff.remove_entry(&item.key))
        .collect();
    known
        .into_iter()
        .chain(diff)
        .map(|(item, [before, after])| Change {
            item,
            before,
            after,
        })
        .collect()
}

/// What an unanswered item shows in a list of changes.
pub static UNANSWERED: Label = Label::new("（未回答）", "(unanswered)");

/// An item's full name: section letter, group title and label. A key the edition does not
/// know (kept from older data) is its own name.
pub fn item_name(edition: &Edition, key: &str) -> Label {
    for section in &edition.sections {
        for group in &section.groups {
            if let Some(item) = group.items.iter().find(|i| i.key == key) {
                let part = |f: fn(&Label) -> &str| {
                    let group = group
                        .title
                        .as_ref()
                        .filter(|g| *g != &item.label)
                        .map(|g| format!("{} ", f(g)))
                        .unwrap_or_default();
                    crate::lettered(&section.letter, &format!("{group}{}", f(&item.label)))
                };
                return Label {
                    ja: part(|l| &l.ja).into(),
                    en: part(|l| &l.en).into(),
                };
            }
        }
    }
    Label {
        ja: key.to_string().into(),
        en: key.to_string().into(),
    }
}

/// An answer in words (`crate::cells::render`); unanswered is said so.
pub fn answer_words(edition: &Edition, key: &str, answer: Option<&Answer>) -> Label {
    let Some(answer) = answer else {
        return UNANSWERED.clone();
    };
    match edition.item(key) {
        Some(item) => Label {
            ja: crate::cells::render(&item.kind, answer, crate::i18n::Lang::Ja).into(),
            en: crate::cells::render(&item.kind, answer, crate::i18n::Lang::En).into(),
        },
        None => Label {
            ja: answer.to_cell().into(),
            en: answer.to_cell().into(),
        },
    }
}

/// Which sections' disclosure a save changed: `section → [before, after]`.
pub fn disclosure_diff(
    old: &DisclosureChoices,
    new: &DisclosureChoices,
) -> BTreeMap<String, [Disclosure; 2]> {
    old.0
        .keys()
        .chain(new.0.keys())
        .filter(|k| old.of(k) != new.of(k))
        .map(|k| (k.clone(), [old.of(k), new.of(k)]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin_edition, Tri};

    #[test]
    fn statuses_round_trip_through_their_stored_names() {
        for status in ResponseStatus::ALL {
            assert_eq!(ResponseStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert_eq!(ResponseStatus::parse("pending"), None);
    }

    #[test]
    fn diff_lists_changed_added_and_removed_items() {
        let mut old = Answers::default();
        old.set("a", Answer::Tri(Tri::None));
        old.set("b", Answer::Number(1));
        let mut new = old.clone();
        new.set("a", Answer::Tri(Tri::Planned));
        new.clear("b");
        new.set("c", Answer::Text("x".into()));
        let d = diff(&old, &new);
        assert_eq!(d.len(), 3);
        assert_eq!(
            d["a"],
            [
                Some(Answer::Tri(Tri::None)),
                Some(Answer::Tri(Tri::Planned))
            ]
        );
        assert_eq!(d["b"], [Some(Answer::Number(1)), None]);
        assert_eq!(d["c"], [None, Some(Answer::Text("x".into()))]);
    }

    #[test]
    fn changes_follow_the_questionnaire_and_keep_unknown_keys_last() {
        let edition = builtin_edition("2012").unwrap();
        let mut before = Answers::default();
        before.set("services.diseases.hepatitis", Answer::Tri(Tri::None));
        before.set("overview.main.name", Answer::Text("旧名称".into()));
        before.set("facilities.hospital.count", Answer::Number(3));
        let mut after = before.clone();
        after.set("services.diseases.hepatitis", Answer::Tri(Tri::InProgress));
        after.set("overview.main.name", Answer::Text("新名称".into()));
        after.clear("facilities.hospital.count");
        after.set("zz.retired.item", Answer::Check(true));
        let items: Vec<String> = changes(&edition, Some(&before), &after)
            .into_iter()
            .map(|c| c.item)
            .collect();
        assert_eq!(
            items,
            [
                "overview.main.name",
                "facilities.hospital.count",
                "services.diseases.hepatitis",
                "zz.retired.item"
            ]
        );
        let removed = &changes(&edition, Some(&before), &after)[1];
        assert_eq!(
            (removed.before.clone(), removed.after.clone()),
            (Some(Answer::Number(3)), None)
        );
        assert!(changes(&edition, Some(&after), &after).is_empty());
    }

    #[test]
    fn without_a_baseline_every_answer_is_new() {
        let edition = builtin_edition("2012").unwrap();
        let mut answers = Answers::default();
        answers.set("overview.main.name", Answer::Text("名称".into()));
        answers.set("services.diseases.hepatitis", Answer::Tri(Tri::Planned));
        let all = changes(&edition, None, &answers);
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(|c| c.before.is_none() && c.after.is_some()));
    }
}
