//! Bounded fuzzing (proptest, a fixed number of cases, so the test command's time stays
//! bounded) of what every typed or sent answer goes through: amount parsing, the entry
//! readers, validation of the whole questionnaire, and the name search. None may panic,
//! whatever arrives; each keeps its promises on what it accepts.

use proptest::prelude::*;
use proptest::test_runner::Config;

use crate::entry::{answer_of, entry_of, Entry};
use crate::normalise::{grouped, parse_amount, AmountUnit};
use crate::search::Query;
use crate::validate::{validate, MAX_YEN};
use crate::{builtin_edition, Answer, AnswerKind, Answers, Fee, StartStatus, Tri};

/// Characters that matter to the parsers, mixed with anything at all.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "0",
        "９",
        "1",
        "3,000",
        "３，０００",
        "円",
        "千円",
        "万円",
        "億円",
        ".",
        "．",
        "-",
        "▲",
        "(",
        ")",
        "e9",
        "0x",
        "NaN",
        " ",
        "　",
        "\t",
        "\"",
        "'",
        "=",
        "<script>",
        "</textarea>",
        "ｱ",
        "ｶﾞ",
        "ガ",
        "が",
        "ID-Link",
        "ＩＤ－ＬＩＮＫ",
        "\u{FF9E}",
        "\u{301}",
        "٣",
        "१",
        "𝟘",
        "🙂",
        "\u{202E}",
        "\u{FEFF}",
        "999999999999999999999",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

fn unit() -> impl Strategy<Value = AmountUnit> {
    prop::sample::select(vec![
        AmountUnit::Count,
        AmountUnit::Yen,
        AmountUnit::KiloYen,
        AmountUnit::Year,
    ])
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        prop::sample::select(vec![Tri::InProgress, Tri::Planned, Tri::None]).prop_map(Answer::Tri),
        any::<i64>().prop_map(Answer::Number),
        prop::sample::select(vec![Fee::Free, Fee::Paid, Fee::Undecided]).prop_map(Answer::Fee),
        prop::collection::btree_set("[a-z_]{0,12}", 0..4).prop_map(Answer::Choices),
        hostile_text().prop_map(Answer::Text),
        any::<bool>().prop_map(Answer::Check),
        prop::sample::select(vec![StartStatus::Started, StartStatus::Planned])
            .prop_map(Answer::StartStatus),
    ]
}

proptest! {
    #![proptest_config(Config { cases: 2_000, failure_persistence: None, ..Config::default() })]

    #[test]
    fn amounts_never_panic_and_only_give_what_fits(text in hostile_text(), unit in unit()) {
        if let Ok(Some(n)) = parse_amount(&text, unit) {
            prop_assert!(n >= 0, "{text:?} read as {n}");
        }
    }

    #[test]
    fn amounts_written_as_people_do_read_back(n in 0..=MAX_YEN) {
        let comma = grouped(n);
        prop_assert_eq!(parse_amount(&comma, AmountUnit::Yen), Ok(Some(n)));
        prop_assert_eq!(parse_amount(&format!("{comma}円"), AmountUnit::Yen), Ok(Some(n)));
        let wide: String = comma
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
                ',' => '，',
                c => c,
            })
            .collect();
        prop_assert_eq!(parse_amount(&wide, AmountUnit::Yen), Ok(Some(n)));
    }

    #[test]
    fn every_kind_reads_any_text_and_writes_back_what_it_read(
        text in hostile_text(),
        item in 0usize..200,
    ) {
        let edition = builtin_edition("2012").unwrap();
        let kinds: Vec<AnswerKind> = edition.items().map(|(_, i)| i.kind.clone()).collect();
        let kind = &kinds[item % kinds.len()];
        // Whatever the entry (a text sent for a radio item is a wrong-kind answer that
        // validation names), reading never panics; a text field gives back what it read.
        let read = answer_of(kind, &Entry::Text(text.clone()));
        let typed = matches!(entry_of(kind, None), Entry::Text(_));
        if let (Ok(Some(answer)), true) = (read, typed) {
            let again = answer_of(kind, &entry_of(kind, Some(&answer)));
            prop_assert_eq!(again, Ok(Some(answer)), "{:?} {:?}", kind, text);
        }
    }

    #[test]
    fn validation_takes_any_answers_to_any_keys(
        picks in prop::collection::vec((0usize..400, answer()), 0..40),
        stray in prop::collection::vec(("[a-z.]{0,20}", answer()), 0..4),
        year in 1900i32..2200,
    ) {
        let edition = builtin_edition("2012").unwrap();
        let keys: Vec<String> = edition.items().map(|(_, i)| i.key.clone()).collect();
        let mut answers = Answers::default();
        for (i, a) in picks {
            answers.set(keys[i % keys.len()].clone(), a);
        }
        for (k, a) in stray {
            answers.set(k, a);
        }
        for issue in validate(&edition, &answers, year) {
            prop_assert!(!issue.message.ja.is_empty() && !issue.message.en.is_empty());
        }
    }

    #[test]
    fn search_highlights_cut_the_text_exactly(query in hostile_text(), text in hostile_text()) {
        let q = Query::new(&query);
        for range in q.find(&text) {
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            prop_assert!(range.start < range.end && range.end <= text.len());
        }
        let pieces = q.highlight(&text);
        prop_assert_eq!(pieces.iter().map(|(p, _)| p.as_str()).collect::<String>(), text.clone());
        prop_assert_eq!(q.matches(&text), pieces.iter().any(|(_, hit)| *hit));
    }
}
