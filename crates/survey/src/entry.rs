//! What a person enters in an item's inputs, and the answer it means — both ways, so the
//! server renders a stored answer into the same inputs the browser reads it back from.
//! Pure, so the rules are unit-tested natively; the browser side only moves values
//! between these types and the DOM.

use std::collections::BTreeSet;

use crate::i18n::Label;
use crate::normalise::{normalise_phone, normalise_postal, parse_amount};
use crate::vocabulary;
use crate::{Answer, AnswerKind, Fee, StartStatus, Tri};

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
    matches!(
        kind,
        AnswerKind::Count | AnswerKind::Yen | AnswerKind::KiloYen | AnswerKind::Year
    )
}

/// The answer an entry means: `Ok(None)` is unanswered; `Err` is an amount that cannot
/// be read (the answer is then unset and the message shown next to the field).
pub fn answer_of(kind: &AnswerKind, entry: &Entry) -> Result<Option<Answer>, Label> {
    Ok(match entry {
        Entry::Text(text) if is_amount(kind) => parse_amount(text)
            .map_err(|e| e.label())?
            .map(Answer::Number),
        Entry::Text(text) => (!text.trim().is_empty()).then(|| Answer::Text(text.clone())),
        Entry::Choice(index) => index
            .and_then(|i| single_choices(kind).into_iter().nth(i))
            .map(|(answer, _)| answer),
        Entry::Boxes(keys) => (!keys.is_empty()).then(|| Answer::Choices(keys.clone())),
        Entry::Checked(on) => on.then_some(Answer::Check(true)),
    })
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
        k if is_amount(k) => parse_amount(text)
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
        assert!(answer_of(&AnswerKind::Yen, &Entry::Text("3000円".into())).is_err());
        assert_eq!(
            entry_of(&AnswerKind::Count, Some(&Answer::Number(7))),
            Entry::Text("7".into())
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
