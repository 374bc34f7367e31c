//! What a person enters in an item's inputs, and the answer it means — both ways, so the
//! server renders a stored answer into the same inputs the browser reads it back from.
//! Pure, so the rules are unit-tested natively; the browser side only moves values
//! between these types and the DOM.

use std::collections::BTreeSet;

use crate::i18n::Label;
use crate::normalise::{grouped, normalise_phone, normalise_postal, parse_amount, AmountUnit};
use crate::vocabulary;
use crate::{Answer, AnswerKind, Answers, Edition, Fee, StartStatus, Tri};

/// The state of one item's inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A text box, text area or select, as typed.
    Text(String),
    /// A radio group: the index of the checked radio in [`single_choices`], if any.
    Choice(Option<usize>),
    /// Checkboxes of a choice set: the keys ticked.
    Boxes(BTreeSet<String>),
    /// A single checkbox.
    Checked(bool),
}

/// The radios of a single-choice item, in order (a radio's value is its index here).
/// Empty for every other kind.
pub fn single_choices(kind: &AnswerKind) -> Vec<(Answer, Label)> {
    match kind {
        AnswerKind::Tri => Tri::ALL
            .iter()
            .map(|t| (Answer::Tri(*t), t.label()))
            .collect(),
        AnswerKind::Fee { undecided } => {
            let mut options = vec![
                (Answer::Fee(Fee::Free), vocabulary::FEE_FREE.clone()),
                (Answer::Fee(Fee::Paid), vocabulary::FEE_PAID.clone()),
            ];
            if *undecided {
                options.push((
                    Answer::Fee(Fee::Undecided),
                    vocabulary::FEE_UNDECIDED.clone(),
                ));
            }
            options
        }
        AnswerKind::StartStatus { words } => vec![
            (
                Answer::StartStatus(StartStatus::Started),
                words.started_sentence.clone(),
            ),
            (
                Answer::StartStatus(StartStatus::Planned),
                words.planned_sentence.clone(),
            ),
        ],
        _ => Vec::new(),
    }
}

/// Whether the item is answered with radios (and so has a 選択解除 control).
pub fn is_single_choice(kind: &AnswerKind) -> bool {
    matches!(
        kind,
        AnswerKind::Tri | AnswerKind::Fee { .. } | AnswerKind::StartStatus { .. }
    )
}

/// Whether the item's inputs take whole numbers typed as text.
pub fn is_amount(kind: &AnswerKind) -> bool {
    amount_unit(kind).is_some()
}

/// What an amount item holds, which decides the units its text may carry
/// ([`parse_amount`]); `None` for every other kind.
pub fn amount_unit(kind: &AnswerKind) -> Option<AmountUnit> {
    Some(match kind {
        AnswerKind::Count => AmountUnit::Count,
        AnswerKind::Yen => AmountUnit::Yen,
        AnswerKind::KiloYen => AmountUnit::KiloYen,
        AnswerKind::Year => AmountUnit::Year,
        _ => return None,
    })
}

/// The answer an entry means: `Ok(None)` is unanswered; `Err` is an amount that cannot
/// be read, with the message to show next to the field.
pub fn answer_of(kind: &AnswerKind, entry: &Entry) -> Result<Option<Answer>, Label> {
    Ok(match entry {
        Entry::Text(text) => match amount_unit(kind) {
            Some(unit) => parse_amount(text, unit)
                .map_err(|e| e.label(unit))?
                .map(Answer::Number),
            None => (!text.trim().is_empty()).then(|| Answer::Text(text.clone())),
        },
        Entry::Choice(index) => index
            .and_then(|i| single_choices(kind).into_iter().nth(i))
            .map(|(answer, _)| answer),
        Entry::Boxes(keys) => (!keys.is_empty()).then(|| Answer::Choices(keys.clone())),
        Entry::Checked(on) => on.then_some(Answer::Check(true)),
    })
}

/// What an amount field will be saved as, when that is not what was typed: 「3 千円として
/// 保存します」 for 「3,000円」 in a 千円 field. `None` when the text is the stored value
/// itself, blank, unreadable, or the kind is not an amount.
pub fn understood(kind: &AnswerKind, text: &str) -> Option<Label> {
    let unit = amount_unit(kind)?;
    let n = parse_amount(text, unit).ok()??;
    if text.trim() == n.to_string() {
        return None;
    }
    let words = unit.words();
    let value = match unit {
        AmountUnit::Year => n.to_string(),
        _ => grouped(n),
    };
    let (ja, en) = match (words.ja.is_empty(), words.en.is_empty()) {
        (true, _) => (
            format!("{value} として保存します。"),
            format!("Will be saved as {value}."),
        ),
        (false, true) => (
            format!("{value} {}として保存します。", words.ja),
            format!("Will be saved as {value}."),
        ),
        (false, false) => (
            format!("{value} {}として保存します。", words.ja),
            format!("Will be saved as {value} {}.", words.en),
        ),
    };
    Some(Label {
        ja: ja.into(),
        en: en.into(),
    })
}

/// Amounts sent as text (what a person typed, 「３，０００円」) read into numbers by the
/// rules of [`answer_of`], for a client that sends the typed text rather than the number.
/// Blank text is unanswered; unreadable text is left as it is, and validation refuses it
/// with the same message the form shows.
pub fn read_amounts(edition: &Edition, answers: &mut Answers) {
    let typed: Vec<(String, AnswerKind, String)> = answers
        .0
        .iter()
        .filter_map(|(key, answer)| match answer {
            Answer::Text(text) => {
                let item = edition.item(key)?;
                is_amount(&item.kind).then(|| (key.clone(), item.kind.clone(), text.clone()))
            }
            _ => None,
        })
        .collect();
    for (key, kind, text) in typed {
        match answer_of(&kind, &Entry::Text(text)) {
            Ok(Some(answer)) => answers.set(&key, answer),
            Ok(None) => answers.clear(&key),
            Err(_) => {}
        }
    }
}

/// The entry that shows an answer (what the server renders, and what a restored draft
/// writes back into the inputs).
pub fn entry_of(kind: &AnswerKind, answer: Option<&Answer>) -> Entry {
    match kind {
        k if is_single_choice(k) => Entry::Choice(
            answer.and_then(|a| single_choices(k).iter().position(|(choice, _)| choice == a)),
        ),
        AnswerKind::Bearers { .. } => Entry::Boxes(match answer {
            Some(Answer::Choices(keys)) => keys.clone(),
            _ => BTreeSet::new(),
        }),
        AnswerKind::Check => Entry::Checked(matches!(answer, Some(Answer::Check(true)))),
        _ => Entry::Text(match answer {
            Some(Answer::Number(n)) => n.to_string(),
            Some(Answer::Text(t)) => t.clone(),
            _ => String::new(),
        }),
    }
}

/// What a text field should show once the person leaves it: an amount as it was understood,
/// a postal code as NNN-NNNN, a phone number in half width, a URL or email trimmed.
/// `None` when it should stay as typed (unreadable amounts stay, so the person can fix them).
pub fn tidied(kind: &AnswerKind, text: &str) -> Option<String> {
    let tidy = match kind {
        k if is_amount(k) => parse_amount(text, amount_unit(k)?)
            .ok()
            .map(|n| n.map(|n| n.to_string()).unwrap_or_default()),
        AnswerKind::Postal => normalise_postal(text),
        AnswerKind::Phone => Some(normalise_phone(text)),
        AnswerKind::Url | AnswerKind::Email => Some(text.trim().to_string()),
        _ => None,
    };
    tidy.filter(|t| t != text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bearers() -> AnswerKind {
        AnswerKind::Bearers {
            choices: Vec::new(),
        }
    }

    #[test]
    fn a_radio_index_is_its_answer_and_back() {
        for kind in [
            AnswerKind::Tri,
            AnswerKind::Fee { undecided: true },
            AnswerKind::Fee { undecided: false },
            AnswerKind::StartStatus {
                words: Default::default(),
            },
        ] {
            for (i, (answer, _)) in single_choices(&kind).into_iter().enumerate() {
                assert_eq!(
                    answer_of(&kind, &Entry::Choice(Some(i))),
                    Ok(Some(answer.clone()))
                );
                assert_eq!(entry_of(&kind, Some(&answer)), Entry::Choice(Some(i)));
            }
            assert_eq!(answer_of(&kind, &Entry::Choice(None)), Ok(None));
            assert_eq!(entry_of(&kind, None), Entry::Choice(None));
        }
        assert_eq!(
            answer_of(&AnswerKind::Tri, &Entry::Choice(Some(1))),
            Ok(Some(Answer::Tri(Tri::Planned)))
        );
        // 未定 is offered only where the item allows it; an index past the choices is unanswered.
        assert_eq!(
            single_choices(&AnswerKind::Fee { undecided: false }).len(),
            2
        );
        assert_eq!(
            answer_of(
                &AnswerKind::Fee { undecided: false },
                &Entry::Choice(Some(2))
            ),
            Ok(None)
        );
        assert!(single_choices(&AnswerKind::Text).is_empty());
    }

    #[test]
    fn amounts_are_read_from_full_width_and_flagged_when_unreadable() {
        assert_eq!(
            answer_of(&AnswerKind::Count, &Entry::Text("１２".into())),
            Ok(Some(Answer::Number(12)))
        );
        assert_eq!(
            answer_of(&AnswerKind::Yen, &Entry::Text("３，０００ ".into())),
            Ok(Some(Answer::Number(3000)))
        );
        assert_eq!(
            answer_of(&AnswerKind::KiloYen, &Entry::Text("".into())),
            Ok(None)
        );
        assert_eq!(
            answer_of(&AnswerKind::Yen, &Entry::Text("3000円".into())),
            Ok(Some(Answer::Number(3000)))
        );
        assert_eq!(
            answer_of(&AnswerKind::KiloYen, &Entry::Text("3,000円".into())),
            Ok(Some(Answer::Number(3)))
        );
        let refused = answer_of(&AnswerKind::KiloYen, &Entry::Text("1,500円".into()));
        assert!(refused.unwrap_err().ja.contains("1.5千円"));
        assert!(answer_of(&AnswerKind::Count, &Entry::Text("3,000円".into())).is_err());
        assert_eq!(
            entry_of(&AnswerKind::Count, Some(&Answer::Number(7))),
            Entry::Text("7".into())
        );
        // Unreadable text kept in an amount's answer (a draft) is shown as typed.
        assert_eq!(
            entry_of(&AnswerKind::Yen, Some(&Answer::Text("3,000円?".into()))),
            Entry::Text("3,000円?".into())
        );
    }

    #[test]
    fn the_understood_value_is_told_when_it_is_not_what_was_typed() {
        let said = |kind: &AnswerKind, text: &str| understood(kind, text).map(|l| l.ja.to_string());
        assert_eq!(
            said(&AnswerKind::KiloYen, "3,000円").as_deref(),
            Some("3 千円として保存します。")
        );
        assert_eq!(
            understood(&AnswerKind::KiloYen, "3,000円").unwrap().en,
            "Will be saved as 3 thousand yen."
        );
        assert_eq!(
            said(&AnswerKind::Yen, "1万5千円").as_deref(),
            Some("15,000 円として保存します。")
        );
        assert_eq!(
            said(&AnswerKind::Count, "１２").as_deref(),
            Some("12 として保存します。")
        );
        assert_eq!(
            said(&AnswerKind::Year, "２０１２年").as_deref(),
            Some("2012 年として保存します。")
        );
        assert_eq!(said(&AnswerKind::Yen, "3000"), None);
        assert_eq!(said(&AnswerKind::Yen, " 3000 "), None);
        assert_eq!(said(&AnswerKind::Yen, ""), None);
        assert_eq!(said(&AnswerKind::KiloYen, "1,500円"), None);
        assert_eq!(said(&AnswerKind::Text, "3,000円"), None);
    }

    #[test]
    fn amounts_sent_as_text_are_read_by_the_same_rules() {
        let edition = crate::builtin_edition("2012").unwrap();
        let mut answers = Answers::default();
        answers.set(
            "budget.current.construction",
            Answer::Text("３，０００円".into()),
        );
        answers.set("budget.current.operating", Answer::Text("1,500円".into()));
        answers.set("budget.current.maintenance", Answer::Text("  ".into()));
        answers.set("facilities.hospital.count", Answer::Number(4));
        answers.set("overview.main.name", Answer::Text("12".into()));
        read_amounts(&edition, &mut answers);
        assert_eq!(
            answers.get("budget.current.construction"),
            Some(&Answer::Number(3))
        );
        assert_eq!(
            answers.get("budget.current.operating"),
            Some(&Answer::Text("1,500円".into()))
        );
        assert_eq!(answers.get("budget.current.maintenance"), None);
        assert_eq!(
            answers.get("facilities.hospital.count"),
            Some(&Answer::Number(4))
        );
        assert_eq!(
            answers.get("overview.main.name"),
            Some(&Answer::Text("12".into()))
        );
    }

    #[test]
    fn blank_text_is_unanswered_and_text_is_kept_as_typed() {
        assert_eq!(
            answer_of(&AnswerKind::Text, &Entry::Text("  ".into())),
            Ok(None)
        );
        assert_eq!(
            answer_of(&AnswerKind::Text, &Entry::Text(" 下書き ".into())),
            Ok(Some(Answer::Text(" 下書き ".into())))
        );
        assert_eq!(
            entry_of(
                &AnswerKind::Prefecture,
                Some(&Answer::Text("北海道".into()))
            ),
            Entry::Text("北海道".into())
        );
    }

    #[test]
    fn choice_sets_and_checks() {
        let keys: BTreeSet<String> = ["city".to_string(), "hospital".to_string()].into();
        assert_eq!(
            answer_of(&bearers(), &Entry::Boxes(keys.clone())),
            Ok(Some(Answer::Choices(keys.clone())))
        );
        assert_eq!(
            answer_of(&bearers(), &Entry::Boxes(BTreeSet::new())),
            Ok(None)
        );
        assert_eq!(
            entry_of(&bearers(), Some(&Answer::Choices(keys.clone()))),
            Entry::Boxes(keys)
        );
        assert_eq!(
            answer_of(&AnswerKind::Check, &Entry::Checked(true)),
            Ok(Some(Answer::Check(true)))
        );
        assert_eq!(
            answer_of(&AnswerKind::Check, &Entry::Checked(false)),
            Ok(None)
        );
        assert_eq!(entry_of(&AnswerKind::Check, None), Entry::Checked(false));
    }

    #[test]
    fn fields_are_tidied_on_leaving() {
        assert_eq!(tidied(&AnswerKind::Count, "１２"), Some("12".into()));
        assert_eq!(tidied(&AnswerKind::Count, "12"), None);
        assert_eq!(tidied(&AnswerKind::Count, "12個"), None);
        assert_eq!(tidied(&AnswerKind::Count, "12施設"), Some("12".into()));
        assert_eq!(tidied(&AnswerKind::KiloYen, "3,000円"), Some("3".into()));
        assert_eq!(tidied(&AnswerKind::KiloYen, "1,500円"), None);
        assert_eq!(tidied(&AnswerKind::Yen, " "), Some("".into()));
        assert_eq!(
            tidied(&AnswerKind::Postal, "０４７１２３４"),
            Some("047-1234".into())
        );
        assert_eq!(tidied(&AnswerKind::Postal, "12"), None);
        assert_eq!(
            tidied(&AnswerKind::Phone, "０１３４－２２"),
            Some("0134-22".into())
        );
        assert_eq!(
            tidied(&AnswerKind::Url, " https://a.jp "),
            Some("https://a.jp".into())
        );
        assert_eq!(tidied(&AnswerKind::Text, " x "), None);
    }
}
