//! Making the next edition from the current one: copy, then add, rename or retire items.
//! Staff do this in the console and the shipped 2013 edition is made the same way, so an
//! edition is always data. Keys never change: a renamed item keeps its answers, a retired
//! one stays in old editions' data and charts, and carry-forward maps answers by key.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::definition::{AnswerKind, Edition, Item};
use super::{Answer, Answers};
use crate::i18n::Label;

/// Why a change to an edition was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviseError {
    NoSuchGroup,
    NoSuchItem,
    /// The key is taken (by a live or a retired item).
    DuplicateKey,
    /// Keys are lower-case ASCII letters, digits and `_`.
    BadKey,
    EmptyLabel,
}

impl ReviseError {
    pub fn message(&self) -> Label {
        match self {
            ReviseError::NoSuchGroup => Label::new(
                "指定された設問グループがありません。",
                "No such question group.",
            ),
            ReviseError::NoSuchItem => Label::new("指定された設問がありません。", "No such item."),
            ReviseError::DuplicateKey => Label::new(
                "このキーはすでに使われています（廃止した設問を含む）。",
                "This key is already used (retired items included).",
            ),
            ReviseError::BadKey => Label::new(
                "キーは半角英小文字・数字・_ で入力してください。",
                "Use lower-case letters, digits and _ for the key.",
            ),
            ReviseError::EmptyLabel => Label::new(
                "日本語と英語の設問文を入力してください。",
                "Enter the item's Japanese and English labels.",
            ),
        }
    }
}

impl Edition {
    /// A copy of this edition under a new id, every item kept under its key.
    pub fn next(&self, id: &str, title: Label) -> Edition {
        Edition {
            id: id.to_string(),
            title,
            previous_keys: Default::default(),
            ..self.clone()
        }
    }

    /// Adds an item to a group (`section`, `group`), before the item `before` if given (e.g.
    /// before その他), else at the end. `key` is the item's own key; the full key is
    /// `section.group.key`.
    pub fn add_item(
        &mut self,
        section: &str,
        group: &str,
        key: &str,
        label: Label,
        kind: AnswerKind,
        before: Option<&str>,
    ) -> Result<String, ReviseError> {
        if key.is_empty()
            || key.len() > 40
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(ReviseError::BadKey);
        }
        if label.ja.trim().is_empty() || label.en.trim().is_empty() {
            return Err(ReviseError::EmptyLabel);
        }
        let full = format!("{section}.{group}.{key}");
        if self.item(&full).is_some() {
            return Err(ReviseError::DuplicateKey);
        }
        let items = &mut self
            .sections
            .iter_mut()
            .find(|s| s.key == section)
            .and_then(|s| s.groups.iter_mut().find(|g| g.key == group))
            .ok_or(ReviseError::NoSuchGroup)?
            .items;
        let at = before
            .and_then(|b| {
                items
                    .iter()
                    .position(|i| i.key == format!("{section}.{group}.{b}"))
            })
            .unwrap_or(items.len());
        items.insert(
            at,
            Item {
                key: full.clone(),
                label,
                kind,
                required: false,
                contact: false,
                retired: false,
                max_chars: None,
            },
        );
        Ok(full)
    }

    fn item_mut(&mut self, key: &str) -> Result<&mut Item, ReviseError> {
        self.sections
            .iter_mut()
            .flat_map(|s| s.groups.iter_mut())
            .flat_map(|g| g.items.iter_mut())
            .find(|i| i.key == key)
            .ok_or(ReviseError::NoSuchItem)
    }

    /// New wording for an item; its key, and so its answers, stay.
    pub fn rename_item(&mut self, key: &str, label: Label) -> Result<(), ReviseError> {
        if label.ja.trim().is_empty() || label.en.trim().is_empty() {
            return Err(ReviseError::EmptyLabel);
        }
        self.item_mut(key)?.label = label;
        Ok(())
    }

    /// Stops asking an item (or asks it again); old answers and charts keep it.
    pub fn set_retired(&mut self, key: &str, retired: bool) -> Result<(), ReviseError> {
        self.item_mut(key)?.retired = retired;
        Ok(())
    }
}

/// Last edition's answers as the starting point for the next: kept item by item where the
/// item is still asked with the same kind of answer (choices no longer offered are dropped).
/// An item takes the answer of its previous key (`to.previous_keys`, else its own key).
/// Returns the answers and the keys carried, which stay unconfirmed until the respondent
/// touches them or confirms their section.
pub fn carry_forward(
    from: &Edition,
    answers: &Answers,
    to: &Edition,
) -> (Answers, BTreeSet<String>) {
    let mut carried = Answers::default();
    for (_, new) in to.items().filter(|(_, i)| !i.retired) {
        let was = to.previous_key(&new.key);
        let (Some(old), Some(answer)) = (from.item(was), answers.get(was)) else {
            continue;
        };
        let kept = match (&old.kind, &new.kind, answer) {
            (
                AnswerKind::Bearers { .. },
                AnswerKind::Bearers { choices },
                Answer::Choices(chosen),
            ) => {
                let offered: BTreeSet<String> = chosen
                    .iter()
                    .filter(|c| choices.iter().any(|o| &o.key == *c))
                    .cloned()
                    .collect();
                (!offered.is_empty()).then_some(Answer::Choices(offered))
            }
            (a, b, _) if same_kind(a, b) => Some(answer.clone()),
            _ => None,
        };
        if let Some(a) = kept {
            carried.set(new.key.clone(), a);
        }
    }
    let keys = carried.0.keys().cloned().collect();
    (carried, keys)
}

/// Whether an answer of one kind still fits the other (a fee that gains 未定 still fits; a
/// start status whose words name another year).
fn same_kind(a: &AnswerKind, b: &AnswerKind) -> bool {
    match (a, b) {
        (AnswerKind::Fee { .. }, AnswerKind::Fee { .. }) => true,
        (AnswerKind::StartStatus { .. }, AnswerKind::StartStatus { .. }) => true,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin_edition, Tri};

    #[test]
    fn adds_renames_and_retires_items_by_key() {
        let mut e = builtin_edition("2012")
            .unwrap()
            .next("2099", Label::new("2099年度", "2099"));
        let key = e
            .add_item(
                "services",
                "diseases",
                "diabetes",
                Label::new("糖尿病", "Diabetes"),
                AnswerKind::Tri,
                Some("other"),
            )
            .unwrap();
        assert_eq!(key, "services.diseases.diabetes");
        let diseases = &e.section("services").unwrap().groups[0].items;
        assert_eq!(
            diseases[diseases.len() - 2].key,
            key,
            "inserted before その他"
        );
        assert_eq!(
            e.add_item(
                "services",
                "diseases",
                "diabetes",
                Label::new("a", "b"),
                AnswerKind::Tri,
                None
            ),
            Err(ReviseError::DuplicateKey)
        );
        assert_eq!(
            e.add_item(
                "services",
                "nowhere",
                "x",
                Label::new("a", "b"),
                AnswerKind::Tri,
                None
            ),
            Err(ReviseError::NoSuchGroup)
        );
        assert_eq!(
            e.add_item(
                "services",
                "diseases",
                "Bad Key",
                Label::new("a", "b"),
                AnswerKind::Tri,
                None
            ),
            Err(ReviseError::BadKey)
        );
        assert_eq!(
            e.add_item(
                "services",
                "diseases",
                "x",
                Label::new(" ", "b"),
                AnswerKind::Tri,
                None
            ),
            Err(ReviseError::EmptyLabel)
        );
        e.rename_item(
            "services.diseases.prostate",
            Label::new("前立腺がん", "Prostate cancer"),
        )
        .unwrap();
        assert_eq!(
            e.item("services.diseases.prostate").unwrap().label.ja,
            "前立腺がん"
        );
        e.set_retired("services.diseases.hepatitis", true).unwrap();
        assert!(e.item("services.diseases.hepatitis").unwrap().retired);
        assert_eq!(
            e.set_retired("services.diseases.nothing", true),
            Err(ReviseError::NoSuchItem)
        );
        // A retired key stays taken.
        assert_eq!(
            e.add_item(
                "services",
                "diseases",
                "hepatitis",
                Label::new("a", "b"),
                AnswerKind::Tri,
                None
            ),
            Err(ReviseError::DuplicateKey)
        );
    }

    #[test]
    fn carries_kept_items_and_drops_retired_changed_and_unknown_ones() {
        let from = builtin_edition("2012").unwrap();
        let mut to = from.next("2099", Label::new("2099年度", "2099"));
        to.add_item(
            "services",
            "diseases",
            "diabetes",
            Label::new("糖尿病", "Diabetes"),
            AnswerKind::Tri,
            None,
        )
        .unwrap();
        to.set_retired("services.diseases.hepatitis", true).unwrap();
        let mut a = Answers::default();
        a.set("services.diseases.heart", Answer::Tri(Tri::InProgress));
        a.set("services.diseases.hepatitis", Answer::Tri(Tri::Planned));
        a.set("overview.main.name", Answer::Text("連携".into()));
        a.set("no.such.item", Answer::Text("x".into()));
        a.set(
            "bearers.current.construction",
            Answer::Choices(["mhlw".to_string(), "gone".to_string()].into()),
        );
        let (carried, keys) = carry_forward(&from, &a, &to);
        assert_eq!(
            carried.tri("services.diseases.heart"),
            Some(Tri::InProgress)
        );
        assert_eq!(carried.get("services.diseases.hepatitis"), None, "retired");
        assert_eq!(carried.get("no.such.item"), None);
        assert_eq!(
            carried.get("services.diseases.diabetes"),
            None,
            "new items start unanswered"
        );
        assert_eq!(
            carried.get("bearers.current.construction"),
            Some(&Answer::Choices(["mhlw".to_string()].into()))
        );
        assert_eq!(keys.len(), 3);
        assert!(keys.contains("overview.main.name"));
    }

    #[test]
    fn a_re_keyed_item_takes_the_answer_of_its_previous_key() {
        let from = builtin_edition("2012").unwrap();
        let mut to = from.next("2099", Label::new("2099年度", "2099"));
        to.add_item(
            "services",
            "diseases",
            "liver",
            Label::new("肝炎", "Hepatitis"),
            AnswerKind::Tri,
            None,
        )
        .unwrap();
        to.set_retired("services.diseases.hepatitis", true).unwrap();
        to.previous_keys.insert(
            "services.diseases.liver".into(),
            "services.diseases.hepatitis".into(),
        );
        let mut a = Answers::default();
        a.set("services.diseases.hepatitis", Answer::Tri(Tri::Planned));
        a.set(
            "overview.main.start_status",
            Answer::StartStatus(crate::StartStatus::Started),
        );
        let (carried, _) = carry_forward(&from, &a, &to);
        assert_eq!(carried.tri("services.diseases.liver"), Some(Tri::Planned));
        assert_eq!(carried.get("services.diseases.hepatitis"), None);
        let next_year = builtin_edition("2013").unwrap();
        let (carried, _) = carry_forward(&from, &a, &next_year);
        assert!(
            carried.get("overview.main.start_status").is_some(),
            "a start status carries although its words name the next year"
        );
    }
}
