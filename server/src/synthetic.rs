//! Synthetic networks for the export benchmark and tests: every item of an edition answered
//! (a few left unanswered) with a value of its kind, texts made hard for CSV and spreadsheets
//! (Japanese, commas, quotes, newlines). Deterministic from the network's number.

use app::store::networks::{put_response, upsert_by_report_no, NewNetwork};
use app::survey::geography::{OperatorType, PREFECTURES};
use app::survey::{Answer, AnswerKind, Answers, DisclosureChoices, Edition, Fee, StartStatus, Tri};
use sqlx::AnyConnection;

/// The answers of synthetic network `n`.
pub fn answers(edition: &Edition, n: u64) -> Answers {
    let mut answers = Answers::default();
    for (j, (_, item)) in edition.items().enumerate() {
        let k = n.wrapping_mul(31).wrapping_add(j as u64);
        if k % 7 == 0 {
            continue; // unanswered
        }
        let answer = match &item.kind {
            AnswerKind::Tri => Answer::Tri(Tri::ALL[(k % 3) as usize]),
            AnswerKind::Count | AnswerKind::Yen | AnswerKind::KiloYen => Answer::Number((k % 100_000) as i64),
            AnswerKind::Year => Answer::Number(1990 + (k % 30) as i64),
            AnswerKind::Fee { undecided } => {
                let fees: &[Fee] = if *undecided { &[Fee::Free, Fee::Paid, Fee::Undecided] } else { &[Fee::Free, Fee::Paid] };
                Answer::Fee(fees[(k % fees.len() as u64) as usize])
            }
            AnswerKind::StartStatus => Answer::StartStatus(if k % 2 == 0 { StartStatus::Started } else { StartStatus::Planned }),
            AnswerKind::Check => Answer::Check(k % 2 == 0),
            AnswerKind::Bearers { choices } => Answer::Choices(
                choices.iter().enumerate().filter(|(i, _)| (k >> i) & 1 == 1 || *i == 0).map(|(_, c)| c.key.clone()).collect(),
            ),
            AnswerKind::Prefecture => Answer::Text(PREFECTURES[(k % 47) as usize].0.to_string()),
            AnswerKind::Text | AnswerKind::TextArea | AnswerKind::Url | AnswerKind::Email | AnswerKind::Postal | AnswerKind::Phone => {
                Answer::Text(format!("連携{n}、\"{}\", 第{j}問\n二行目；セミコロン;", item.label.ja))
            }
        };
        answers.set(item.key.clone(), answer);
    }
    answers
}

/// Adds synthetic networks `first..first + count` with their responses in `edition`.
pub async fn insert(conn: &mut AnyConnection, edition: &Edition, first: u64, count: u64) -> sqlx::Result<()> {
    const STATUSES: [&str; 4] = ["draft", "submitted", "returned", "approved"];
    for n in first..first + count {
        let network = NewNetwork {
            report_no: None,
            prefecture: PREFECTURES[(n % 47) as usize].0.to_string(),
            operator_type: Some(OperatorType::ALL[(n % 6) as usize].key().to_string()),
            regional_fund: n % 2 == 0,
            name: format!("合成ネットワーク{n}"),
            nickname: String::new(),
            start_year: None,
        };
        let id = upsert_by_report_no(conn, &network).await?;
        let status = STATUSES[(n % 4) as usize];
        let updated_at = 1_700_000_000 + n as i64;
        put_response(conn, id, &edition.id, &answers(edition, n), &DisclosureChoices::default(), status, updated_at).await?;
    }
    Ok(())
}
