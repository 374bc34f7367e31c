//! Synthetic responses for benchmarks and load tests: every item of an edition answered
//! at random (deterministic per seed) into a scratch database. Never used on real data.

use app::survey::geography::{OperatorType, PREFECTURES};
use app::survey::{Answer, AnswerKind, Answers, Disclosure, DisclosureChoices, Edition, Fee, StartStatus, Tri};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::AnyPool;

/// One synthetic network and its response.
pub struct Synthetic {
    pub prefecture: &'static str,
    pub operator: OperatorType,
    pub start_year: i64,
    pub answers: Answers,
    pub disclosure: DisclosureChoices,
}

fn answer(rng: &mut StdRng, kind: &AnswerKind, n: usize) -> Option<Answer> {
    // About one item in five is left unanswered, as in real responses.
    if rng.random_ratio(1, 5) {
        return None;
    }
    Some(match kind {
        AnswerKind::Tri => Answer::Tri([Tri::InProgress, Tri::InProgress, Tri::Planned, Tri::None, Tri::None][rng.random_range(0..5)]),
        AnswerKind::Count => Answer::Number(rng.random_range(0..400)),
        AnswerKind::Yen => Answer::Number(rng.random_range(0..60) * 1_000),
        AnswerKind::KiloYen => Answer::Number(rng.random_range(1..500_000)),
        AnswerKind::Fee { .. } => Answer::Fee(if rng.random_ratio(1, 3) { Fee::Paid } else { Fee::Free }),
        AnswerKind::Bearers { choices } => Answer::Choices(choices.iter().filter(|_| rng.random_ratio(1, 3)).map(|c| c.key.clone()).collect()),
        AnswerKind::Text | AnswerKind::TextArea => Answer::Text(format!("合成データ {n}, \"引用\"")),
        AnswerKind::Url => Answer::Text(format!("https://example.jp/{n}")),
        AnswerKind::Email => Answer::Text(format!("n{n}@example.jp")),
        AnswerKind::Postal => Answer::Text("100-0001".into()),
        AnswerKind::Phone => Answer::Text("03-0000-0000".into()),
        AnswerKind::Year => Answer::Number(rng.random_range(2000..2015)),
        AnswerKind::Check => Answer::Check(rng.random_bool(0.3)),
        AnswerKind::StartStatus => Answer::StartStatus(if rng.random_ratio(1, 4) { StartStatus::Planned } else { StartStatus::Started }),
        AnswerKind::Prefecture => Answer::Text(PREFECTURES[rng.random_range(0..PREFECTURES.len())].0.into()),
    })
}

/// `count` networks answering every item of `edition`, the same for the same seed.
pub fn generate(edition: &Edition, count: usize, seed: u64) -> Vec<Synthetic> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count)
        .map(|n| {
            let mut answers = Answers::default();
            for (_, item) in edition.items().filter(|(_, i)| !i.retired) {
                if let Some(a) = answer(&mut rng, &item.kind, n) {
                    answers.set(item.key.clone(), a);
                }
            }
            let mut disclosure = DisclosureChoices::default();
            for section in &edition.sections {
                if rng.random_bool(0.5) {
                    disclosure.set(section.key.clone(), Disclosure::Public);
                }
            }
            Synthetic {
                prefecture: PREFECTURES[rng.random_range(0..PREFECTURES.len())].0,
                operator: OperatorType::ALL[rng.random_range(0..OperatorType::ALL.len())],
                start_year: rng.random_range(2000..2015),
                answers,
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
