//! Synthetic networks for benchmarks and tests (scratch databases only), deterministic from
//! the network's number. Each draw is a hash (splitmix64) of the network and what is drawn,
//! so answers are independent across networks and items, with per-item answer rates like a
//! survey's: tri items from rare to common, a few dozen IT companies (a few of them large,
//! some spelled in full width), amounts from rounded figures that repeat, most networks
//! started in recent years, and networks that publish everything, nothing or some sections.
//! Texts other than company names are made hard for CSV and spreadsheets (Japanese, commas,
//! quotes, newlines).

use sqlx::{AnyConnection, AnyPool};
use store::networks::{put_response, upsert_by_report_no, NewNetwork};
use survey::geography::{OperatorType, PREFECTURES};
use survey::response::ResponseStatus;
use survey::{
    Answer, AnswerKind, Answers, Disclosure, DisclosureChoices, Edition, Fee, StartStatus, Tri,
};

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// What is drawn, so no two draws of one network share a hash: an item's position and a
/// purpose, or a network-level fact.
#[derive(Clone, Copy)]
enum Draw {
    Item(usize, u64),
    /// Per item, not per network: the item's answer rates.
    Rate(usize, u64),
    Network(u64),
    Section(usize),
}

/// A uniform draw in [0, 1) for network `n`.
fn uniform(n: u64, what: Draw) -> f64 {
    let salt = match what {
        Draw::Item(j, k) => (1 << 60) | (j as u64) << 8 | k,
        Draw::Rate(j, k) => (2 << 60) | (j as u64) << 8 | k,
        Draw::Network(k) => (3 << 60) | k,
        Draw::Section(s) => (4 << 60) | s as u64,
    };
    let n = if matches!(what, Draw::Rate(..)) { 0 } else { n };
    (splitmix64(splitmix64(n) ^ salt) >> 11) as f64 / (1u64 << 53) as f64
}

/// An index into `weights`, drawn in proportion to them.
fn weighted(u: f64, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut at = u * total as f64;
    for (i, &w) in weights.iter().enumerate() {
        if at < w as f64 {
            return i;
        }
        at -= w as f64;
    }
    weights.len() - 1
}

/// The IT companies networks name, the first ones named most often; two spelled in full
/// width, which the charts fold together with their ASCII spelling.
const COMPANIES: [&str; 36] = [
    "富士通",
    "NEC",
    "SSI",
    "日立製作所",
    "NTTデータ",
    "ソフトウェア・サービス",
    "ＮＥＣ",
    "富士通マーケティング",
    "キヤノンMJ",
    "インターシステムズ",
    "東芝",
    "セコム",
    "日本IBM",
    "シーエスアイ",
    "エムスリー",
    "PSP",
    "ＮＴＴ東日本",
    "NTT西日本",
    "ワイズマン",
    "ナレッジ",
    "三菱電機",
    "TKC",
    "システムサポート",
    "シーイーシー",
    "アルファ",
    "メディカルシステム",
    "地域情報研究所",
    "九州テクノ",
    "北海道ソフト",
    "東北システムズ",
    "関西メディカル",
    "中国データ",
    "四国ネット",
    "沖縄システム",
    "中部IT",
    "その他の企業",
];

/// Rounded amounts that repeat across networks (thousand yen for costs, yen for fees).
const COSTS: [i64; 18] = [
    0, 500, 1_000, 3_000, 5_000, 8_000, 10_000, 15_000, 20_000, 30_000, 50_000, 80_000, 100_000,
    150_000, 200_000, 300_000, 500_000, 1_000_000,
];
const FEES: [i64; 10] = [
    300, 500, 1_000, 2_000, 3_000, 5_000, 10_000, 20_000, 30_000, 50_000,
];

/// The answers of synthetic network `n`.
pub fn answers(edition: &Edition, n: u64) -> Answers {
    let mut answers = Answers::default();
    // How active the network is: scales how often its tri items are in progress.
    let activity = 0.5 + uniform(n, Draw::Network(0));
    for (j, (_, item)) in edition.items().enumerate() {
        let (u, rate) = (
            |k| uniform(n, Draw::Item(j, k)),
            |k| uniform(0, Draw::Rate(j, k)),
        );
        let company = item.key.starts_with("system.companies.");
        // The first company is named by most networks, further ones by fewer.
        let unanswered = match (company, item.key.ends_with('1')) {
            (true, true) => 0.2,
            (true, false) => 0.5,
            _ => 0.05 + 0.15 * rate(0),
        };
        if u(0) < unanswered {
            continue;
        }
        let answer = match &item.kind {
            AnswerKind::Tri => {
                let (in_progress, planned) =
                    ((0.05 + 0.5 * rate(1)) * activity, 0.02 + 0.2 * rate(2));
                let x = u(1);
                Answer::Tri(if x < in_progress {
                    Tri::InProgress
                } else if x < in_progress + planned {
                    Tri::Planned
                } else {
                    Tri::None
                })
            }
            AnswerKind::Count => Answer::Number(match weighted(u(1), &[50, 30, 20]) {
                0 => 1 + (u(2) * 10.0) as i64,
                1 => 10 + 5 * (u(2) * 8.0) as i64,
                _ => 50 + 50 * (u(2) * 6.0) as i64,
            }),
            AnswerKind::Yen => {
                Answer::Number(FEES[weighted(u(1), &[4, 8, 14, 14, 12, 12, 10, 6, 3, 2])])
            }
            AnswerKind::KiloYen => Answer::Number(
                COSTS[weighted(
                    u(1),
                    &[3, 4, 6, 8, 9, 7, 9, 7, 8, 8, 8, 5, 5, 4, 3, 3, 2, 1],
                )],
            ),
            AnswerKind::Year => Answer::Number(2000 + (u(1) * 17.0) as i64),
            AnswerKind::Fee { undecided } => {
                let fees: &[(Fee, u32)] = if *undecided {
                    &[(Fee::Free, 35), (Fee::Paid, 55), (Fee::Undecided, 10)]
                } else {
                    &[(Fee::Free, 40), (Fee::Paid, 60)]
                };
                Answer::Fee(fees[weighted(u(1), &fees.iter().map(|f| f.1).collect::<Vec<_>>())].0)
            }
            AnswerKind::StartStatus { .. } => Answer::StartStatus(if u(1) < 0.8 {
                StartStatus::Started
            } else {
                StartStatus::Planned
            }),
            AnswerKind::Check => Answer::Check(u(1) < 0.1 + 0.4 * rate(1)),
            AnswerKind::Bearers { choices } => {
                let chosen: std::collections::BTreeSet<String> = choices
                    .iter()
                    .enumerate()
                    .filter(|(c, _)| u(1 + *c as u64) < 0.1 + 0.4 * rate(1 + *c as u64))
                    .map(|(_, c)| c.key.clone())
                    .collect();
                // Nothing ticked is no answer (the form and the export treat it so).
                if chosen.is_empty() {
                    continue;
                }
                Answer::Choices(chosen)
            }
            AnswerKind::Prefecture => {
                Answer::Text(PREFECTURES[(u(1) * 47.0) as usize].0.to_string())
            }
            // Few large vendors: the square of a uniform draw favours the first names.
            AnswerKind::Text if company => {
                Answer::Text(COMPANIES[(u(1) * u(2) * COMPANIES.len() as f64) as usize].to_string())
            }
            AnswerKind::Text
            | AnswerKind::TextArea
            | AnswerKind::Url
            | AnswerKind::Email
            | AnswerKind::Postal
            | AnswerKind::Phone => Answer::Text(format!(
                "連携{n}、\"{}\", 第{j}問\n二行目；セミコロン;",
                item.label.ja
            )),
        };
        answers.set(item.key.clone(), answer);
    }
    answers
}

/// One synthetic network and its response, for bulk loading.
pub struct Synthetic {
    pub prefecture: &'static str,
    pub operator: OperatorType,
    pub start_year: i64,
    pub answers: Answers,
    pub disclosure: DisclosureChoices,
}

/// Synthetic network `n`: a prefecture, an operator type (hospitals and councils most
/// often), a start year (recent years more often), its answers and which sections it
/// publishes (everything, nothing, or each section by a coin toss).
pub fn network(edition: &Edition, n: u64) -> Synthetic {
    let mut disclosure = DisclosureChoices::default();
    let style = weighted(uniform(n, Draw::Network(1)), &[35, 20, 45]);
    for (s, section) in edition.sections.iter().enumerate() {
        if style == 0 || (style == 2 && uniform(n, Draw::Section(s)) < 0.5) {
            disclosure.set(section.key.clone(), Disclosure::Public);
        }
    }
    Synthetic {
        prefecture: PREFECTURES[(uniform(n, Draw::Network(2)) * 47.0) as usize].0,
        operator: OperatorType::ALL
            [weighted(uniform(n, Draw::Network(3)), &[30, 18, 20, 15, 10, 7])],
        start_year: 2000 + (uniform(n, Draw::Network(4)).sqrt() * 17.0) as i64,
        answers: answers(edition, n),
        disclosure,
    }
}

/// Adds synthetic networks `first..first + count` with their responses in `edition`, one by
/// one through the store's own writes (sections private, no start year).
pub async fn insert(
    conn: &mut AnyConnection,
    edition: &Edition,
    first: u64,
    count: u64,
) -> sqlx::Result<()> {
    for n in first..first + count {
        let synthetic = network(edition, n);
        let network = NewNetwork {
            report_no: None,
            prefecture: synthetic.prefecture.to_string(),
            operator_type: Some(synthetic.operator.key().to_string()),
            regional_fund: n % 2 == 0,
            name: format!("合成ネットワーク{n}"),
            nickname: String::new(),
            start_year: None,
        };
        let id = upsert_by_report_no(conn, &network).await?;
        let status = ResponseStatus::ALL[(n % 4) as usize];
        let updated_at = 1_700_000_000 + n as i64;
        put_response(
            conn,
            id,
            &edition.id,
            &synthetic.answers,
            &DisclosureChoices::default(),
            status,
            updated_at,
        )
        .await?;
    }
    Ok(())
}

/// Networks `first..first + count`.
pub fn generate(edition: &Edition, count: usize, first: u64) -> Vec<Synthetic> {
    (first..first + count as u64)
        .map(|n| network(edition, n))
        .collect()
}

/// Writes the networks and their responses into `edition` of a migrated scratch database,
/// numbering them from `first_no` (the report number), in batches inside one transaction.
/// The responses are approved: valid answers under any edition's rule, so the charts count
/// every one of them.
pub async fn load(
    pool: &AnyPool,
    edition: &str,
    networks: &[Synthetic],
    first_no: i64,
) -> anyhow::Result<()> {
    const BATCH: usize = 200;
    let mut tx = pool.begin().await?;
    let start: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM networks")
        .fetch_one(&mut *tx)
        .await?;
    for (b, chunk) in networks.chunks(BATCH).enumerate() {
        let rows = |width: usize| {
            (0..chunk.len())
                .map(|r| {
                    format!(
                        "({})",
                        (1..=width)
                            .map(|c| format!("${}", r * width + c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
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
                .bind("approved")
                .bind(0i64);
        }
        insert.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The properties the benchmarks rely on: deterministic, independent across networks
    /// (not one answer per operator type, as a modular scheme gave), companies repeating.
    #[test]
    fn answers_are_deterministic_varied_and_survey_like() {
        let edition = survey::builtin_edition("2012").unwrap();
        assert_eq!(answers(&edition, 42), answers(&edition, 42));
        let networks = generate(&edition, 600, 0);
        let hepatitis = |s: &Synthetic| s.answers.tri("services.diseases.hepatitis");
        for operator in OperatorType::ALL {
            let states: std::collections::BTreeSet<_> = networks
                .iter()
                .filter(|s| s.operator == operator)
                .map(hepatitis)
                .collect();
            assert!(
                states.len() >= 3,
                "{operator:?}: one operator type's networks answer differently"
            );
        }
        let companies: std::collections::BTreeSet<_> = networks
            .iter()
            .filter_map(|s| s.answers.text("system.companies.company1"))
            .collect();
        assert!(
            (10..=COMPANIES.len()).contains(&companies.len()),
            "{} company names",
            companies.len()
        );
        let costs: std::collections::BTreeSet<_> = networks
            .iter()
            .filter_map(|s| s.answers.number("budget.current.construction"))
            .collect();
        assert!(costs.len() <= COSTS.len());
        let published = networks
            .iter()
            .filter(|s| s.disclosure.of("services") == Disclosure::Public)
            .count();
        assert!(
            (200..450).contains(&published),
            "{published} of 600 publish section E"
        );
        let years: std::collections::BTreeSet<_> = networks.iter().map(|s| s.start_year).collect();
        assert!(years.len() >= 15);
    }
}
