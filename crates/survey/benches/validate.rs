//! How long validating the whole 2012 questionnaire takes (the browser runs the
//! same code on every change). `cargo bench -p survey --bench validate`

use std::time::Instant;

use survey::{
    builtin_edition, validate::validate, Answer, AnswerKind, Answers, Fee, StartStatus, Tri,
};

fn main() {
    let edition = builtin_edition("2012").expect("built in");
    // Every item answered, so every rule runs.
    let mut answers = Answers::default();
    for (_, item) in edition.items() {
        let answer = match &item.kind {
            AnswerKind::Tri => Answer::Tri(Tri::InProgress),
            AnswerKind::Count | AnswerKind::Yen | AnswerKind::KiloYen => Answer::Number(12),
            AnswerKind::Year => Answer::Number(2010),
            AnswerKind::Fee { .. } => Answer::Fee(Fee::Paid),
            AnswerKind::Bearers { choices } => Answer::Choices([choices[0].key.clone()].into()),
            AnswerKind::Check => Answer::Check(false),
            AnswerKind::StartStatus { .. } => Answer::StartStatus(StartStatus::Started),
            AnswerKind::Url => Answer::Text("https://example.jp/".into()),
            AnswerKind::Email => Answer::Text("info@example.jp".into()),
            AnswerKind::Postal => Answer::Text("100-0001".into()),
            AnswerKind::Phone => Answer::Text("03-1234-5678".into()),
            AnswerKind::Prefecture => Answer::Text("東京都".into()),
            _ => Answer::Text("テキスト".into()),
        };
        answers.set(item.key.clone(), answer);
    }
    let items = edition.items().count();
    for _ in 0..100 {
        std::hint::black_box(validate(&edition, &answers, 2012));
    }
    let mut times: Vec<f64> = (0..2000)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(validate(&edition, std::hint::black_box(&answers), 2012));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "validate 2012 questionnaire ({items} items, all answered): median {:.1} µs, p99 {:.1} µs over {} runs",
        times[times.len() / 2],
        times[times.len() * 99 / 100],
        times.len()
    );
}
