//! The bundled 2012 dataset: 別添1 (networks) and 別添3 (IT companies) as CSV, and 別添2
//! (one detail page per network) read from the report's text. Parsed and checked whole
//! first, then written in one transaction, so a bad file changes nothing and the error names
//! the file, row (or page) and field.

// One file per job: this file joins the three parts into networks and writes them; the
// detail pages are read in `appendix2`, a table row is placed into its columns in `grid`.
mod appendix2;
mod grid;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sqlx::AnyPool;
use store::audit_log::Entity;
use survey::geography::{region_of, OperatorType, Region};
use survey::response::ResponseStatus;
use survey::{Answer, Answers, Disclosure, DisclosureChoices, Edition};

use appendix2::Page;

pub const NETWORKS_CSV: &str = include_str!("../../data/2012/networks-2012.csv");
pub const COMPANIES_CSV: &str = include_str!("../../data/2012/companies-2012.csv");
/// The report's text with its personal data removed (`scripts/redact-report-2012.sh`).
pub const REPORT_TEXT: &str = include_str!("../../data/2012/report-2012.txt");

const EDITION: &str = "2012";

/// What is wrong with the dataset, and where.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}, row {row}, field {field:?}: {message}")]
pub struct ImportError {
    pub file: &'static str,
    /// 1-based line number in the file (a CSV file's header is line 1); 0 for the file as
    /// a whole.
    pub row: usize,
    pub field: String,
    pub message: String,
}

/// One network ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedNetwork {
    pub network: store::networks::NewNetwork,
    pub answers: Answers,
    pub disclosure: DisclosureChoices,
    pub updated_at: i64,
}

/// The parsed dataset and what it could not take whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub networks: Vec<ImportedNetwork>,
    pub report: ImportReport,
}

/// What the import could not take as it stands, for staff: printed by `admin import-2012` and
/// kept in the import's audit entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The report's spellings that match no questionnaire item.
    pub unmapped: BTreeSet<String>,
    /// Detail pages (別添2) that belong to no network of 別添1, by name.
    pub orphan_pages: Vec<String>,
    /// Networks of 別添1 without a detail page, by name.
    pub without_page: Vec<String>,
    /// Answers imported, over every network, by section key.
    pub imported: BTreeMap<String, usize>,
    /// Answers a page shows in a table row whose column positions the text lost, by section
    /// key: left unanswered rather than guessed.
    pub unknown: BTreeMap<String, usize>,
    /// 公開URL entries that are not URLs, by report number: kept as a staff note on the
    /// network ([`url_note`]), not as its 公開URL.
    pub url_notes: BTreeMap<i64, String>,
}

/// What a load did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub networks: usize,
    /// Networks the load added (all of them into an empty database).
    pub added: usize,
    /// Networks whose response someone changed since it was imported: left as they are.
    pub skipped: Vec<String>,
    pub import: ImportReport,
}

#[derive(Deserialize)]
struct NetworkRow {
    no: String,
    prefecture: String,
    name: String,
    nickname: String,
    start_year: String,
    region: String,
    operator_type: String,
}

#[derive(Deserialize)]
struct CompanyRow {
    company1: String,
    company2: String,
    company3: String,
    disclosure: String,
    network_no: String,
}

/// Parses and checks the three parts against the 2012 questionnaire.
pub fn parse(
    networks_csv: &str,
    companies_csv: &str,
    report_text: &str,
    edition: &Edition,
) -> Result<Dataset, ImportError> {
    let companies = parse_companies(companies_csv)?;
    let pages = appendix2::read(report_text, edition)?;
    let mut report = ImportReport::default();
    let mut networks = Vec::new();
    let mut seen = BTreeSet::new();
    // Pages follow 別添1's order; one with no row there is set aside.
    let mut next_page = 0;

    let mut reader = csv::Reader::from_reader(networks_csv.as_bytes());
    for (i, record) in reader.deserialize::<NetworkRow>().enumerate() {
        let line = i + 2;
        let err = |field: &str, message: String| ImportError {
            file: "networks-2012.csv",
            row: line,
            field: field.into(),
            message,
        };
        let row = record.map_err(|e| err("*", e.to_string()))?;
        let no: i64 = row
            .no
            .trim()
            .parse()
            .map_err(|_| err("no", format!("not a number: {:?}", row.no)))?;
        if !seen.insert(no) {
            return Err(err("no", format!("network {no} appears twice")));
        }
        let region = region_of(&row.prefecture).ok_or_else(|| {
            err(
                "prefecture",
                format!("unknown prefecture {:?}", row.prefecture),
            )
        })?;
        if Region::from_ja(&row.region) != Some(region) {
            return Err(err(
                "region",
                format!("{:?} is not the region of {}", row.region, row.prefecture),
            ));
        }
        let operator = OperatorType::from_ja(&row.operator_type).ok_or_else(|| {
            err(
                "operator_type",
                format!("unknown operator type {:?}", row.operator_type),
            )
        })?;
        let start_year = parse_year(&row.start_year).map_err(|m| err("start_year", m))?;
        if row.name.trim().is_empty() {
            return Err(err("name", "the name is empty".into()));
        }

        let mut answers = Answers::default();
        let mut disclosure = DisclosureChoices::default();
        set_text(&mut answers, "overview.main.name", &row.name);
        set_text(&mut answers, "overview.main.nickname", &row.nickname);
        if let Some(year) = start_year {
            answers.set("overview.main.start_year", Answer::Number(year));
        }

        let page = pages[next_page..]
            .iter()
            .position(|p| p.prefecture == row.prefecture && same_name(&p.name, &row.name))
            .map(|skipped| {
                let at = next_page + skipped;
                let orphans = pages[next_page..at].iter().map(|p| p.name.clone());
                report.orphan_pages.extend(orphans);
                next_page = at + 1;
                &pages[at]
            });
        let company = companies.get(&no);
        match page {
            Some(page) => {
                merge_page(page, &mut answers, &mut disclosure, &mut report, no);
                // 別添3 says which networks published their IT companies, a part of section G.
                let published = disclosure.of("system") == Disclosure::Public;
                if let Some((line, c)) =
                    company.filter(|(_, c)| (c.disclosure == "すべて公開") != published)
                {
                    let page_says = if published { "shows" } else { "does not show" };
                    return Err(ImportError {
                        file: "companies-2012.csv",
                        row: *line,
                        field: "disclosure".into(),
                        message: format!(
                            "{:?}, but 別添2's page of network {no} {page_says} the system section",
                            c.disclosure
                        ),
                    });
                }
            }
            None => report.without_page.push(row.name.trim().to_string()),
        }
        if let Some((_, c)) = company {
            for (i, name) in [&c.company1, &c.company2, &c.company3]
                .into_iter()
                .enumerate()
            {
                set_text(
                    &mut answers,
                    &format!("system.companies.company{}", i + 1),
                    name,
                );
            }
        }
        for key in answers.0.keys() {
            debug_assert!(
                edition.item(key).is_some(),
                "import wrote an unknown item {key}"
            );
        }

        networks.push(ImportedNetwork {
            network: store::networks::NewNetwork {
                report_no: Some(no),
                prefecture: row.prefecture,
                operator_type: Some(operator.key().to_string()),
                regional_fund: page.is_some_and(|p| p.regional_fund),
                name: row.name.trim().to_string(),
                nickname: row.nickname.trim().to_string(),
                start_year,
            },
            answers,
            disclosure,
            updated_at: page.map_or_else(
                || parse_date("2012-12-31").expect("valid date"),
                |p| p.updated_at,
            ),
        });
    }
    let rest = pages[next_page..].iter().map(|p| p.name.clone());
    report.orphan_pages.extend(rest);
    if let Some(no) = companies.keys().find(|no| !seen.contains(no)) {
        return Err(ImportError {
            file: "companies-2012.csv",
            row: 0,
            field: "network_no".into(),
            message: format!("network {no} is not in networks-2012.csv"),
        });
    }
    for key in networks.iter().flat_map(|n| n.answers.0.keys()) {
        *report.imported.entry(section_key(key)).or_default() += 1;
    }
    Ok(Dataset { networks, report })
}

/// The section an item key belongs to: its first part.
fn section_key(item: &str) -> String {
    item.split('.').next().unwrap_or_default().to_string()
}

/// Whether a page's システムの名称 is 別添1's name: a page without one is 別添1's （不明）.
fn same_name(page: &str, listed: &str) -> bool {
    let listed = listed.trim();
    page == listed || (page.is_empty() && listed == "（不明）")
}

/// A page's answers over 別添1's; each section the page shows was published.
fn merge_page(
    page: &Page,
    answers: &mut Answers,
    disclosure: &mut DisclosureChoices,
    report: &mut ImportReport,
    no: i64,
) {
    for (key, answer) in &page.answers.0 {
        answers.set(key.clone(), answer.clone());
    }
    for section in &page.shown {
        disclosure.set(*section, Disclosure::Public);
    }
    for key in &page.unknown {
        *report.unknown.entry(section_key(key)).or_default() += 1;
    }
    report.unmapped.extend(page.unmapped.iter().cloned());
    if let Some(note) = &page.url_note {
        report.url_notes.insert(no, note.clone());
    }
}

/// 別添3's rows by network number, with their line.
fn parse_companies(csv_text: &str) -> Result<BTreeMap<i64, (usize, CompanyRow)>, ImportError> {
    let mut out = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    for (i, record) in reader.deserialize::<CompanyRow>().enumerate() {
        let err = |field: &str, message: String| ImportError {
            file: "companies-2012.csv",
            row: i + 2,
            field: field.into(),
            message,
        };
        let row = record.map_err(|e| err("*", e.to_string()))?;
        if !matches!(row.disclosure.as_str(), "すべて公開" | "非公開") {
            return Err(err(
                "disclosure",
                format!("expected すべて公開 or 非公開, got {:?}", row.disclosure),
            ));
        }
        let no: i64 = row
            .network_no
            .trim()
            .parse()
            .map_err(|_| err("network_no", format!("not a number: {:?}", row.network_no)))?;
        out.insert(no, (i + 2, row));
    }
    Ok(out)
}

fn parse_year(text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(y) if (1980..=2100).contains(&y) => Ok(Some(y)),
        _ => Err(format!("not a year: {text:?}")),
    }
}

/// A `YYYY-MM-DD` date as Unix seconds at midnight in Japan.
fn parse_date(text: &str) -> Result<i64, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text.trim(), &format)
        .map_err(|_| format!("not a date (YYYY-MM-DD): {text:?}"))?;
    Ok(date
        .midnight()
        .assume_offset(time::macros::offset!(+9))
        .unix_timestamp())
}

fn set_text(answers: &mut Answers, key: &str, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        answers.set(key, Answer::Text(text.to_string()));
    }
}

/// Loads the bundled dataset in one transaction (idempotent).
pub async fn load_2012(pool: &AnyPool) -> anyhow::Result<LoadReport> {
    import_2012(pool, NETWORKS_CSV, COMPANIES_CSV, REPORT_TEXT).await
}

/// The staff note that keeps a 公開URL entry which is not a URL.
pub fn url_note(text: &str) -> String {
    format!("2012年調査の報告書（別添2）の公開URL欄の記載（URLではないため公開URLには入れていません）：{text}")
}

/// Checks the three parts whole, then writes them in one transaction.
pub async fn import_2012(
    pool: &AnyPool,
    networks_csv: &str,
    companies_csv: &str,
    report_text: &str,
) -> anyhow::Result<LoadReport> {
    let edition = survey::builtin_edition(EDITION).expect("the 2012 edition is built in");
    let dataset = parse(networks_csv, companies_csv, report_text, &edition)?;
    load(pool, &dataset).await
}

/// Writes a parsed dataset in one transaction: all of it or nothing. Run again, it adds what
/// is missing and never overwrites what was changed after import: networks that exist keep
/// their row, and a response saved or decided on since is skipped (and reported).
pub async fn load(pool: &AnyPool, dataset: &Dataset) -> anyhow::Result<LoadReport> {
    let mut tx = pool.begin().await?;
    let (mut added, mut skipped) = (0, Vec::new());
    for n in &dataset.networks {
        let (id, inserted) =
            store::networks::find_or_insert_by_report_no(&mut tx, &n.network).await?;
        added += usize::from(inserted);
        let listed = n
            .network
            .report_no
            .and_then(|no| dataset.report.url_notes.get(&no));
        if let Some(text) = listed {
            store::network_notes::add_once(&mut tx, id, &Entity::System, &url_note(text)).await?;
        }
        if store::networks::still_as_imported(&mut tx, id, EDITION, n.updated_at).await?
            == Some(false)
        {
            skipped.push(n.network.name.clone());
            continue;
        }
        store::networks::put_response(
            &mut tx,
            id,
            EDITION,
            &n.answers,
            &n.disclosure,
            ResponseStatus::Approved,
            n.updated_at,
        )
        .await?;
    }
    let detail = serde_json::json!({
        "networks": dataset.networks.len(),
        "added": added,
        "skipped": skipped,
        "report": dataset.report,
    });
    store::audit_log::append(
        &mut tx,
        &Entity::System,
        "import_2012",
        &Entity::Edition(EDITION.to_string()),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(LoadReport {
        networks: dataset.networks.len(),
        added,
        skipped,
        import: dataset.report.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition() -> Edition {
        survey::builtin_edition("2012").unwrap()
    }

    #[test]
    fn parses_the_bundled_dataset() {
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap();
        assert_eq!(d.networks.len(), 154);
        // The one spelling of 別添2 that is not a questionnaire item.
        assert_eq!(
            d.report.unmapped,
            BTreeSet::from(["補足・備考（自由記載）".to_string()])
        );
        // The second page of 医療ネットしまね (its service ended in December 2012).
        assert_eq!(d.report.orphan_pages, vec!["医療ネットしまね".to_string()]);
        let by_region = |name: &str| {
            d.networks
                .iter()
                .filter(|n| region_of(&n.network.prefecture) == Region::from_ja(name))
                .count()
        };
        for (region, count) in [
            ("北海道", 17),
            ("東北", 13),
            ("関東", 25),
            ("中部", 30),
            ("近畿", 20),
            ("中国", 17),
            ("四国", 13),
            ("九州", 19),
        ] {
            assert_eq!(by_region(region), count, "{region}");
        }
    }

    #[test]
    fn maps_report_spellings_to_items() {
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap();
        let standards = d
            .networks
            .iter()
            .filter(|n| {
                n.answers
                    .tri("system.standards.hs005")
                    .is_some_and(|t| t.is_active())
            })
            .count();
        assert_eq!(standards, 19, "IDC10対応標準病名マスタ is HS005");
        let images = d
            .networks
            .iter()
            .filter(|n| n.answers.tri("services.provided.image_sharing").is_some())
            .count();
        assert_eq!(images, 44);
        let funded = d
            .networks
            .iter()
            .filter(|n| n.network.regional_fund)
            .count();
        assert_eq!(funded, 54);
    }

    #[test]
    fn a_section_on_its_page_is_public_as_the_report_counts() {
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap();
        let public = |section: &str| {
            d.networks
                .iter()
                .filter(|n| n.disclosure.of(section) == Disclosure::Public)
                .count()
        };
        // The report's 「公開」 counts: 2.3.2 参加施設数 72, 2.4.2 参加の同意方法 70, 2.5.3 65,
        // 2.6.8 システム 54, 2.8.2 料金 59, 2.9.3 構築・運用費用 37, 2.10.3 費用の負担者 50.
        for (section, count) in [
            ("facilities", 72),
            ("consent", 70),
            ("services", 65),
            ("system", 54),
            ("fees", 59),
            ("budget", 37),
            ("bearers", 50),
        ] {
            assert_eq!(public(section), count, "{section}");
        }
        // Pages print the overview's labels for every network: public where they say something.
        assert_eq!(public("overview"), 139);
        // Every page prints the organisations, whatever was chosen (2.2.2: 52 published).
        assert_eq!((public("org1"), public("org2")), (0, 0));
    }

    #[test]
    fn the_import_report_counts_what_it_could_not_place_by_section() {
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap();
        let unknown: Vec<(&str, usize)> = d
            .report
            .unknown
            .iter()
            .map(|(section, n)| (section.as_str(), *n))
            .collect();
        assert_eq!(
            unknown,
            [
                ("budget", 68),
                ("consent", 376),
                ("facilities", 570),
                ("fees", 462),
                ("system", 928),
            ]
        );
        assert!(d.report.without_page.is_empty());
        // Every answer is counted under its section: as many as the networks hold.
        let answers: usize = d.networks.iter().map(|n| n.answers.0.len()).sum();
        assert_eq!(d.report.imported.values().sum::<usize>(), answers);
        assert!(d.report.imported["overview"] >= 154);
        assert!([
            "facilities",
            "consent",
            "services",
            "system",
            "fees",
            "budget",
            "bearers"
        ]
        .iter()
        .all(|s| d.report.imported[*s] > 0));
        // An unknown answer is left unanswered.
        let kitami = d
            .networks
            .iter()
            .find(|n| n.network.report_no == Some(8))
            .unwrap();
        assert_eq!(kitami.answers.get("facilities.hospital.count"), None);
        assert_eq!(
            kitami.answers.number("budget.current.operating"),
            Some(2_887)
        );
    }

    /// What a respondent's save of an unchanged group refuses (the server's own filter,
    /// `app::api::respondent`): errors at the group's items that are not kept as stored.
    #[test]
    fn no_imported_network_is_refused_saving_a_group_it_did_not_change() {
        let edition = edition();
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, REPORT_TEXT, &edition).unwrap();
        for n in &d.networks {
            let refused: Vec<String> = survey::validate::validate(&edition, &n.answers, 2012)
                .into_iter()
                .filter(|i| {
                    i.severity == survey::validate::Severity::Error
                        && !app::api::respondent::kept_as_stored(
                            Some(&n.answers),
                            &n.answers,
                            &i.item,
                        )
                })
                .map(|i| i.item)
                .collect();
            assert!(refused.is_empty(), "{}: {refused:?}", n.network.name);
        }
    }

    #[test]
    fn public_url_keeps_only_urls() {
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap();
        let urls: Vec<&str> = d
            .networks
            .iter()
            .filter_map(|n| n.answers.text("overview.main.public_url"))
            .collect();
        assert_eq!(urls.len(), 54, "図2.1-2: 54 networks give a URL");
        assert!(urls.iter().all(|u| survey::validate::is_url(u)), "{urls:?}");
        let notes = &d.report.url_notes;
        assert_eq!(notes.len(), 13);
        assert_eq!(
            notes[&8],
            "なし（日経記事\u{3000}http://www.nikkeibp.co.jp/article/dho/20121026/328307/）"
        );
        assert_eq!(notes[&6], "一般公開はしていない");
    }

    #[test]
    fn a_bad_row_is_named_by_file_row_and_field() {
        let bad = NETWORKS_CSV.replacen("1,北海道,苫小牧", "1,ほっかいどう,苫小牧", 1);
        let e = parse(&bad, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap_err();
        assert_eq!(
            (e.file, e.row, e.field.as_str()),
            ("networks-2012.csv", 2, "prefecture")
        );

        let bad = NETWORKS_CSV.replacen(",2008,北海道,病院", ",二〇〇八,北海道,病院", 1);
        let e = parse(&bad, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap_err();
        assert_eq!((e.row, e.field.as_str()), (2, "start_year"));

        let bad = NETWORKS_CSV.replacen(",北海道,病院\r\n", ",北海道,病院院\r\n", 1);
        let e = parse(&bad, COMPANIES_CSV, REPORT_TEXT, &edition()).unwrap_err();
        assert_eq!(e.field, "operator_type");

        let bad = REPORT_TEXT.replacen("情報更新日: 2012-10-04", "情報更新日: 2012-13-04", 1);
        let e = parse(NETWORKS_CSV, COMPANIES_CSV, &bad, &edition()).unwrap_err();
        assert_eq!(
            (e.file, e.row, e.field.as_str()),
            ("report-2012.txt", 1874, "情報更新日")
        );
        assert!(
            e.message
                .contains("page 1 (北海道 「苫小牧市立病院地域連携ネットワークシステム」)"),
            "{}",
            e.message
        );

        // 別添3 and 別添2 disagree on whether network 1 published its system section.
        let bad = COMPANIES_CSV.replacen(",2008,非公開,1\r\n", ",2008,すべて公開,1\r\n", 1);
        let e = parse(NETWORKS_CSV, &bad, REPORT_TEXT, &edition()).unwrap_err();
        assert_eq!(
            (e.file, e.row, e.field.as_str()),
            ("companies-2012.csv", 2, "disclosure")
        );
    }

    #[test]
    fn dates_are_midnight_in_japan() {
        assert_eq!(parse_date("2012-10-04").unwrap(), 1_349_276_400);
        assert!(parse_date("04/10/2012").is_err());
    }
}
