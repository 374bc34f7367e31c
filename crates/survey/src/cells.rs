//! Answers as the words people read (実施中, 無料, a choice's label…), in Japanese or
//! English, for staff exports and the review page. [`parse`] is the exact inverse of
//! [`render`] for every answer the item's kind allows, so an exported file reads back
//! to the same answers (the export round-trip tests rely on it).
//!
//! An empty cell is an unanswered item; an empty text answer therefore reads back as
//! unanswered, which the form never distinguishes either.

use crate::i18n::{Label, Lang};
use crate::vocabulary;
use crate::{Answer, AnswerKind, Fee, StartStatus, Tri};

/// Between the labels of several chosen choices. No choice label contains it.
pub fn choice_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "；",
        Lang::En => "; ",
    }
}

/// The labelled values of a kind with a fixed set of answers.
fn labelled(kind: &AnswerKind) -> Vec<(Answer, Label)> {
    match kind {
        AnswerKind::Tri => Tri::ALL
            .iter()
            .map(|t| (Answer::Tri(*t), t.label()))
            .collect(),
        AnswerKind::Fee { .. } => vec![
            (Answer::Fee(Fee::Free), vocabulary::FEE_FREE.clone()),
            (Answer::Fee(Fee::Paid), vocabulary::FEE_PAID.clone()),
            (
                Answer::Fee(Fee::Undecided),
                vocabulary::FEE_UNDECIDED.clone(),
            ),
        ],
        AnswerKind::StartStatus { words } => vec![
            (
                Answer::StartStatus(StartStatus::Started),
                words.started.clone(),
            ),
            (
                Answer::StartStatus(StartStatus::Planned),
                words.planned.clone(),
            ),
        ],
        AnswerKind::Check => vec![
            (Answer::Check(true), vocabulary::CELL_YES.clone()),
            (Answer::Check(false), vocabulary::CELL_NO.clone()),
        ],
        _ => Vec::new(),
    }
}

/// One answer as a cell. An answer that does not fit its item's kind (which validation
/// never lets in) falls back to its stable keyword, so nothing is hidden.
pub fn render(kind: &AnswerKind, answer: &Answer, lang: Lang) -> String {
    match (kind, answer) {
        (AnswerKind::Bearers { choices }, Answer::Choices(keys)) => keys
            .iter()
            .map(|k| {
                choices
                    .iter()
                    .find(|c| &c.key == k)
                    .map_or(k.as_str(), |c| c.label.get(lang))
            })
            .collect::<Vec<_>>()
            .join(choice_separator(lang)),
        (_, Answer::Number(n)) => n.to_string(),
        (_, Answer::Text(t)) => t.clone(),
        _ => labelled(kind)
            .into_iter()
            .find(|(a, _)| a == answer)
            .map_or_else(
                || answer.to_cell(),
                |(_, label)| label.get(lang).to_string(),
            ),
    }
}

/// A cell that is not an answer of its item's kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadCell(pub String);

/// A cell back to the answer it shows; empty is unanswered.
pub fn parse(kind: &AnswerKind, cell: &str, lang: Lang) -> Result<Option<Answer>, BadCell> {
    if cell.is_empty() {
        return Ok(None);
    }
    let bad = || BadCell(cell.to_string());
    let answer = match kind {
        AnswerKind::Count | AnswerKind::Yen | AnswerKind::KiloYen | AnswerKind::Year => {
            Answer::Number(cell.parse().map_err(|_| bad())?)
        }
        AnswerKind::Text
        | AnswerKind::TextArea
        | AnswerKind::Url
        | AnswerKind::Email
        | AnswerKind::Postal
        | AnswerKind::Phone
        | AnswerKind::Prefecture => Answer::Text(cell.to_string()),
        AnswerKind::Bearers { choices } => Answer::Choices(
            cell.split(choice_separator(lang))
                .map(|part| {
                    choices
                        .iter()
                        .find(|c| c.label.get(lang) == part)
                        .map(|c| c.key.clone())
                        .ok_or_else(bad)
                })
                .collect::<Result<_, _>>()?,
        ),
        _ => labelled(kind)
            .into_iter()
            .find(|(_, label)| label.get(lang) == cell)
            .map(|(a, _)| a)
            .ok_or_else(bad)?,
    };
    Ok(Some(answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin_editions, Choice};

    fn bearers() -> AnswerKind {
        AnswerKind::Bearers {
            choices: vec![
                Choice {
                    key: "mhlw".into(),
                    label: Label::new("国の負担（厚労省）", "National: MHLW"),
                },
                Choice {
                    key: "medical".into(),
                    label: Label::new("医療関係団体(医師会、その他)の負担", "Medical associations"),
                },
            ],
        }
    }

    #[test]
    fn answers_read_as_the_questionnaire_words() {
        assert_eq!(
            render(&AnswerKind::Tri, &Answer::Tri(Tri::InProgress), Lang::Ja),
            "実施中"
        );
        assert_eq!(
            render(&AnswerKind::Tri, &Answer::Tri(Tri::Planned), Lang::Ja),
            "実施予定あり"
        );
        assert_eq!(
            render(&AnswerKind::Tri, &Answer::Tri(Tri::None), Lang::Ja),
            "実施なし・予定なし"
        );
        assert_eq!(
            render(&AnswerKind::Tri, &Answer::Tri(Tri::None), Lang::En),
            "None"
        );
        assert_eq!(
            render(
                &AnswerKind::Fee { undecided: true },
                &Answer::Fee(Fee::Undecided),
                Lang::Ja
            ),
            "未定"
        );
        assert_eq!(
            render(&AnswerKind::Check, &Answer::Check(true), Lang::Ja),
            "はい"
        );
        assert_eq!(
            render(&AnswerKind::Yen, &Answer::Number(-1200), Lang::Ja),
            "-1200"
        );
        let both = Answer::Choices(["medical".to_string(), "mhlw".to_string()].into());
        assert_eq!(
            render(&bearers(), &both, Lang::Ja),
            "医療関係団体(医師会、その他)の負担；国の負担（厚労省）"
        );
        assert_eq!(
            render(&bearers(), &both, Lang::En),
            "Medical associations; National: MHLW"
        );
        // An answer that does not fit the kind still shows, as its keyword.
        assert_eq!(
            render(&AnswerKind::Tri, &Answer::Fee(Fee::Paid), Lang::Ja),
            "paid"
        );
    }

    #[test]
    fn every_kind_reads_back_to_the_same_answer() {
        let cases: Vec<(AnswerKind, Answer)> = vec![
            (AnswerKind::Tri, Answer::Tri(Tri::InProgress)),
            (AnswerKind::Tri, Answer::Tri(Tri::Planned)),
            (AnswerKind::Tri, Answer::Tri(Tri::None)),
            (AnswerKind::Count, Answer::Number(0)),
            (AnswerKind::KiloYen, Answer::Number(123_456_789)),
            (AnswerKind::Year, Answer::Number(2011)),
            (AnswerKind::Fee { undecided: false }, Answer::Fee(Fee::Free)),
            (
                AnswerKind::Fee { undecided: true },
                Answer::Fee(Fee::Undecided),
            ),
            (
                AnswerKind::StartStatus {
                    words: Default::default(),
                },
                Answer::StartStatus(StartStatus::Started),
            ),
            (
                AnswerKind::StartStatus {
                    words: Default::default(),
                },
                Answer::StartStatus(StartStatus::Planned),
            ),
            (AnswerKind::Check, Answer::Check(true)),
            (AnswerKind::Check, Answer::Check(false)),
            (bearers(), Answer::Choices(["mhlw".to_string()].into())),
            (
                bearers(),
                Answer::Choices(["mhlw".to_string(), "medical".to_string()].into()),
            ),
            (
                AnswerKind::TextArea,
                Answer::Text("一行目, \"引用\"\n二行目".into()),
            ),
            (AnswerKind::Prefecture, Answer::Text("沖縄県".into())),
        ];
        for lang in [Lang::Ja, Lang::En] {
            for (kind, answer) in &cases {
                let cell = render(kind, answer, lang);
                assert_eq!(
                    parse(kind, &cell, lang),
                    Ok(Some(answer.clone())),
                    "{kind:?} {cell}"
                );
            }
        }
        assert_eq!(parse(&AnswerKind::Tri, "", Lang::Ja), Ok(None));
    }

    #[test]
    fn cells_that_are_not_answers_are_refused() {
        assert_eq!(
            parse(&AnswerKind::Tri, "たぶん", Lang::Ja),
            Err(BadCell("たぶん".into()))
        );
        assert!(parse(&AnswerKind::Count, "12件", Lang::Ja).is_err());
        assert!(parse(&bearers(), "国の負担（厚労省）；宇宙人", Lang::Ja).is_err());
        // The words of one language are not the other's.
        assert!(parse(&AnswerKind::Tri, "実施中", Lang::En).is_err());
    }

    #[test]
    fn no_choice_label_contains_the_separator() {
        for edition in builtin_editions() {
            for (_, item) in edition.items() {
                if let AnswerKind::Bearers { choices } = &item.kind {
                    for c in choices {
                        for lang in [Lang::Ja, Lang::En] {
                            assert!(
                                !c.label.get(lang).contains(choice_separator(lang)),
                                "{}",
                                c.key
                            );
                        }
                    }
                }
            }
        }
    }
}
