//! Synthetic networks for benchmarks and tests (scratch databases only): every item of an
//! edition answered (a few left unanswered) with a value of its kind, texts made hard for CSV
//! and spreadsheets (Japanese, commas, quotes, newlines). Deterministic from the network's number.

use app::store::networks::{put_response, upsert_by_report_no, NewNetwork};
use app::survey::geography::{OperatorType, PREFECTURES};
use app::survey::{Answer, AnswerKind, Answers, Disclosure, DisclosureChoices, Edition, Fee, StartStatus, Tri};
use sqlx::{AnyConnection, AnyPool};

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

/// Adds synthetic networks `first..first + count` with their responses in `edition`, one by
/// one through the store's own writes.
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

/// One synthetic network and its response, for bulk loading.
pub struct Synthetic {
    pub prefecture: &'static str,
    pub operator: OperatorType,
    pub start_year: i64,
    pub answers: Answers,
    pub disclosure: DisclosureChoices,
}

/// Networks `first..first + count`, spread over prefectures, operator types, start years and
/// disclosure choices.
pub fn generate(edition: &Edition, count: usize, first: u64) -> Vec<Synthetic> {
    (first..first + count as u64)
        .map(|n| {
            let mut disclosure = DisclosureChoices::default();
            for (i, section) in edition.sections.iter().enumerate() {
                if (n >> (i % 8)) & 1 == 1 {
                    disclosure.set(section.key.clone(), Disclosure::Public);
                }
            }
            Synthetic {
                prefecture: PREFECTURES[(n.wrapping_mul(7) % 47) as usize].0,
                operator: OperatorType::ALL[(n % 6) as usize],
                start_year: 2000 + (n % 15) as i64,
                answers: answers(edition, n),
                disclosure,
            }
        })
        .collect()
}

/// Writes the networks and their responses into `edition` of a migrated scratch database,
/// numbering them from `first_no` (the report number), in batches inside one transaction.
pub async fn load(pool: &AnyPool, edition: &str, networks: &[Synthetic], first_no: i64) -> anyhow::Result<()> {
    const BATCH: usize = 200;
    let mut tx = pool.begin().await?;
    let start: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM networks").fetch_one(&mut *tx).await?;
    for (b, chunk) in networks.chunks(BATCH).enumerate() {
        let rows = |width: usize| {
            (0..chunk.len())
                .map(|r| format!("({})", (1..=width).map(|c| format!("${}", r * width + c)).collect::<Vec<_>>().join(", ")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sql = format!(
            "INSERT INTO networks (id, report_no, prefecture, operator_type, regional_fund, name, nickname, start_year, created_at) VALUES {}",
            rows(9)
        );
        let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (i, s) in chunk.iter().enumerate() {
            let n = (b * BATCH + i) as i64;
            insert = insert
                .bind(start + n + 1)
                .bind(first_no + n)
                .bind(s.prefecture)
                .bind(s.operator.key())
                .bind(0i64)
                .bind(format!("合成ネットワーク{n}"))
                .bind(String::new())
                .bind(s.start_year)
                .bind(0i64);
        }
        insert.execute(&mut *tx).await?;
        let sql = format!("INSERT INTO responses (network_id, edition_id, answers, disclosure, status, updated_at) VALUES {}", rows(6));
        let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (i, s) in chunk.iter().enumerate() {
            let n = (b * BATCH + i) as i64;
            insert = insert
                .bind(start + n + 1)
                .bind(edition)
                .bind(serde_json::to_string(&s.answers)?)
                .bind(serde_json::to_string(&s.disclosure)?)
                .bind("submitted")
                .bind(0i64);
        }
        insert.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}
