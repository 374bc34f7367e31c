//! The bundled 2012 dataset (別添1–3 of the report, personal data removed):
//! parsed and checked whole first, then written in one transaction, so a bad
//! file changes nothing and the error names the file, row and field.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use sqlx::AnyPool;
use store::audit_log::Entity;
use survey::geography::{region_of, OperatorType, Region};
use survey::response::ResponseStatus;
use survey::{Answer, Answers, Disclosure, DisclosureChoices, Edition, Tri};

pub const NETWORKS_CSV: &str = include_str!("../data/2012/networks-2012.csv");
pub const COMPANIES_CSV: &str = include_str!("../data/2012/companies-2012.csv");
pub const DETAILS_JSON: &str = include_str!("../data/2012/details-2012.json");

const EDITION: &str = "2012";

/// What is wrong with the dataset, and where.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}, row {row}, field {field:?}: {message}")]
pub struct ImportError {
    pub file: &'static str,
    /// 1-based line number in a CSV file (the header is line 1), or the record's position in the JSON.
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

/// The parsed dataset and the report's spellings that matched no questionnaire item.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub networks: Vec<ImportedNetwork>,
    pub unmapped: BTreeSet<String>,
    /// Detail pages (別添2) that belong to no network of 別添1.
    pub orphan_details: Vec<String>,
}

/// What a load did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub networks: usize,
    pub unmapped: BTreeSet<String>,
    /// Networks the load added (all of them into an empty database).
    pub added: usize,
    /// Networks whose response someone changed since it was imported: left as they are.
    pub skipped: Vec<String>,
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

#[derive(Deserialize)]
struct Details {
    network_no: Option<i64>,
    name: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    public_url: String,
    #[serde(default)]
    regional_fund: String,
    #[serde(default)]
    updated: String,
    diseases_in_progress: Option<Vec<String>>,
    #[serde(default)]
    diseases_planned: Vec<String>,
    services_in_progress: Option<Vec<String>>,
    #[serde(default)]
    services_planned: Vec<String>,
    standards_in_progress: Option<Vec<String>>,
    #[serde(default)]
    standards_planned: Vec<String>,
    #[serde(default)]
    services_other: Option<String>,
}

/// The report's spellings of the MHLW standards (別添2), by item key.
const STANDARD_SPELLINGS: [(&str, &str); 12] = [
    ("医薬品HOTコードマスタ", "hs001"),
    ("IDC10対応標準病名マスタ", "hs005"),
    ("患者診療情報提供書", "hs007"),
    ("電子紹介状", "hs008"),
    ("可搬型医用画像", "hs009"),
    ("医療波形フォーマット", "hs010"),
    ("デジタル画像と通信(DICOM)", "hs011"),
    ("JAHIS臨床検査データ交換規約", "hs012"),
    ("標準歯科病名マスタ", "hs013"),
    ("臨床検査マスタ", "hs014"),
    ("JAHIS放射線データ交換規約", "hs016"),
    ("情報連携指針(JJ1017)", "hs017"),
];

/// Parses and checks the three files against the 2012 questionnaire.
pub fn parse(
    networks_csv: &str,
    companies_csv: &str,
    details_json: &str,
    edition: &Edition,
) -> Result<Dataset, ImportError> {
    let companies = parse_companies(companies_csv)?;
    let (details, orphan_details) = parse_details(details_json)?;
    let mut unmapped = BTreeSet::new();
    let mut networks = Vec::new();
    let mut seen = BTreeSet::new();

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

        let detail = details.get(&no);
        let mut updated_at = None;
        let mut regional_fund = false;
        if let Some((position, d)) = detail {
            let derr = |field: &str, message: String| ImportError {
                file: "details-2012.json",
                row: *position,
                field: field.into(),
                message,
            };
            set_text(&mut answers, "overview.main.summary", &d.summary);
            set_text(&mut answers, "overview.main.public_url", &d.public_url);
            // Published on the detail page, so the overview was public.
            if !d.summary.trim().is_empty() || !d.public_url.trim().is_empty() {
                disclosure.set("overview", Disclosure::Public);
            }
            regional_fund = match d.regional_fund.as_str() {
                "○" => true,
                "" => false,
                other => {
                    return Err(derr(
                        "regional_fund",
                        format!("expected ○ or empty, got {other:?}"),
                    ))
                }
            };
            updated_at = Some(parse_date(&d.updated).map_err(|m| derr("updated", m))?);
            if d.diseases_in_progress.is_some() || d.services_in_progress.is_some() {
                disclosure.set("services", Disclosure::Public);
            }
            let diseases = group_keys(edition, "services", &["diseases"]);
            let services = group_keys(edition, "services", &["provided", "patient"]);
            let standards: BTreeMap<String, String> = STANDARD_SPELLINGS
                .iter()
                .map(|(spelling, key)| (spelling.to_string(), format!("system.standards.{key}")))
                .collect();
            set_tri_lists(
                &mut answers,
                &mut unmapped,
                &diseases,
                d.diseases_in_progress.as_deref(),
                &d.diseases_planned,
            );
            set_tri_lists(
                &mut answers,
                &mut unmapped,
                &services,
                d.services_in_progress.as_deref(),
                &d.services_planned,
            );
            if d.standards_in_progress.is_some() {
                disclosure.set("system", Disclosure::Public);
            }
            set_tri_lists(
                &mut answers,
                &mut unmapped,
                &standards,
                d.standards_in_progress.as_deref(),
                &d.standards_planned,
            );
            if let Some(other) = &d.services_other {
                set_text(&mut answers, "services.notes.other_services", other);
            }
        }
        if let Some(c) = companies.get(&no) {
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
            if c.disclosure == "すべて公開" {
                disclosure.set("system", Disclosure::Public);
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
                regional_fund,
                name: row.name.trim().to_string(),
                nickname: row.nickname.trim().to_string(),
                start_year,
            },
            answers,
            disclosure,
            updated_at: updated_at.unwrap_or_else(|| parse_date("2012-12-31").expect("valid date")),
        });
    }
    for no in companies.keys().chain(details.keys()) {
        if !seen.contains(no) {
            return Err(ImportError {
                file: "companies-2012.csv / details-2012.json",
                row: 0,
                field: "network_no".into(),
                message: format!("network {no} is not in networks-2012.csv"),
            });
        }
    }
    Ok(Dataset {
        networks,
        unmapped,
        orphan_details,
    })
}

fn parse_companies(csv_text: &str) -> Result<BTreeMap<i64, CompanyRow>, ImportError> {
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
        out.insert(no, row);
    }
    Ok(out)
}

/// Detail records by network number (with their 1-based position), and the names of those without one.
#[allow(clippy::type_complexity)]
fn parse_details(
    json: &str,
) -> Result<(BTreeMap<i64, (usize, Details)>, Vec<String>), ImportError> {
    let records: Vec<serde_json::Value> = serde_json::from_str(json).map_err(|e| ImportError {
        file: "details-2012.json",
        row: e.line(),
        field: "*".into(),
        message: e.to_string(),
    })?;
    let mut out = BTreeMap::new();
    let mut orphans = Vec::new();
    for (i, value) in records.into_iter().enumerate() {
        let d: Details = serde_json::from_value(value).map_err(|e| ImportError {
            file: "details-2012.json",
            row: i + 1,
            field: "*".into(),
            message: e.to_string(),
        })?;
        match d.network_no {
            Some(no) => {
                out.insert(no, (i + 1, d));
            }
            None => orphans.push(d.name),
        }
    }
    Ok((out, orphans))
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

/// Label → item key for the tri items of some groups of a section.
fn group_keys(edition: &Edition, section: &str, groups: &[&str]) -> BTreeMap<String, String> {
    edition
        .section(section)
        .into_iter()
        .flat_map(|s| s.groups.iter())
        .filter(|g| groups.contains(&g.key.as_str()))
        .flat_map(|g| g.items.iter())
        .map(|i| (i.label.ja.to_string(), i.key.clone()))
        .collect()
}

/// Marks the listed items in progress or planned; unknown spellings are collected.
fn set_tri_lists(
    answers: &mut Answers,
    unmapped: &mut BTreeSet<String>,
    keys: &BTreeMap<String, String>,
    in_progress: Option<&[String]>,
    planned: &[String],
) {
    let lists = [
        (in_progress.unwrap_or_default(), Tri::InProgress),
        (planned, Tri::Planned),
    ];
    for (list, state) in lists {
        for spelling in list {
            match keys.get(spelling.as_str()) {
                Some(key) => answers.set(key.clone(), Answer::Tri(state)),
                None => {
                    unmapped.insert(spelling.clone());
                }
            }
        }
    }
}

/// Loads the bundled dataset in one transaction (idempotent).
pub async fn load_2012(pool: &AnyPool) -> anyhow::Result<LoadReport> {
    import_2012(pool, NETWORKS_CSV, COMPANIES_CSV, DETAILS_JSON).await
}

/// Checks the three files whole, then writes them in one transaction.
pub async fn import_2012(
    pool: &AnyPool,
    networks_csv: &str,
    companies_csv: &str,
    details_json: &str,
) -> anyhow::Result<LoadReport> {
    let edition = survey::builtin_edition(EDITION).expect("the 2012 edition is built in");
    let dataset = parse(networks_csv, companies_csv, details_json, &edition)?;
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
        "unmapped": dataset.unmapped,
        "orphan_details": dataset.orphan_details,
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
        unmapped: dataset.unmapped.clone(),
        added,
        skipped,
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
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, DETAILS_JSON, &edition()).unwrap();
        assert_eq!(d.networks.len(), 154);
        // The one spelling of 別添2 that is not a questionnaire item.
        assert_eq!(
            d.unmapped,
            BTreeSet::from(["補足・備考（自由記載）".to_string()])
        );
        assert_eq!(d.orphan_details, vec!["医療ネットしまね".to_string()]);
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
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, DETAILS_JSON, &edition()).unwrap();
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
    fn unknown_disclosure_is_private_and_published_sections_are_public() {
        let d = parse(NETWORKS_CSV, COMPANIES_CSV, DETAILS_JSON, &edition()).unwrap();
        let public = |section: &str| {
            d.networks
                .iter()
                .filter(|n| n.disclosure.of(section) == Disclosure::Public)
                .count()
        };
        assert_eq!(public("system"), 54);
        assert_eq!(public("services"), 65);
        for section in [
            "org1",
            "org2",
            "facilities",
            "consent",
            "fees",
            "budget",
            "bearers",
        ] {
            assert_eq!(public(section), 0, "{section}");
        }
    }

    #[test]
    fn a_bad_row_is_named_by_file_row_and_field() {
        let bad = NETWORKS_CSV.replacen("1,北海道,苫小牧", "1,ほっかいどう,苫小牧", 1);
        let e = parse(&bad, COMPANIES_CSV, DETAILS_JSON, &edition()).unwrap_err();
        assert_eq!(
            (e.file, e.row, e.field.as_str()),
            ("networks-2012.csv", 2, "prefecture")
        );

        let bad = NETWORKS_CSV.replacen(",2008,北海道,病院", ",二〇〇八,北海道,病院", 1);
        let e = parse(&bad, COMPANIES_CSV, DETAILS_JSON, &edition()).unwrap_err();
        assert_eq!((e.row, e.field.as_str()), (2, "start_year"));

        let bad = NETWORKS_CSV.replacen(",北海道,病院\r\n", ",北海道,病院院\r\n", 1);
        let e = parse(&bad, COMPANIES_CSV, DETAILS_JSON, &edition()).unwrap_err();
        assert_eq!(e.field, "operator_type");

        let bad = DETAILS_JSON.replacen("\"2012-10-04\"", "\"2012-13-04\"", 1);
        let e = parse(NETWORKS_CSV, COMPANIES_CSV, &bad, &edition()).unwrap_err();
        assert_eq!(
            (e.file, e.row, e.field.as_str()),
            ("details-2012.json", 1, "updated")
        );
    }

    #[test]
    fn dates_are_midnight_in_japan() {
        assert_eq!(parse_date("2012-10-04").unwrap(), 1_349_276_400);
        assert!(parse_date("04/10/2012").is_err());
    }
}
