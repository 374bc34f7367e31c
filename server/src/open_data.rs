//! `/networks.csv` and `/networks.json`: the public data of the current edition (or of the
//! public edition named by `?edition=`), built through the same disclosure choke point as
//! the pages.
//!
//! Columns (CSV) and fields (JSON): `no` (the report's number), `id`, `prefecture`, `region`,
//! `name`, `nickname`, `start_year`, `operator_type` (key), `regional_fund` (true/false),
//! `updated` (YYYY-MM-DD, Japan), then `published.<section>` (true/false) for each section,
//! then one column per questionnaire item, named by its key, empty when unanswered or when its
//! section is not published. Answers are stable keywords: `in_progress` / `planned` / `none`,
//! `free` / `paid` / `undecided`, `started` / `planned`, choice keys joined by `;`.

use std::sync::Arc;
use store::networks::NetworkRecord;
use store::public::directory_entry;
use survey::directory::DirectoryEntry;
use survey::geography::region_of;
use survey::spreadsheet;
use survey::{Edition, Section};

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use charts::ChartFilter;
use sqlx::AnyPool;
use store::charts::ChartCache;

const FIXED_COLUMNS: [&str; 10] = [
    "no",
    "id",
    "prefecture",
    "region",
    "name",
    "nickname",
    "start_year",
    "operator_type",
    "regional_fund",
    "updated",
];

/// The network's facts; the nickname and start year as this edition's answers publish them.
fn fixed_values(r: &NetworkRecord, entry: &DirectoryEntry) -> Vec<String> {
    vec![
        r.report_no.map(|n| n.to_string()).unwrap_or_default(),
        r.id.to_string(),
        r.prefecture.clone(),
        region_of(&r.prefecture)
            .map(|g| g.key().to_string())
            .unwrap_or_default(),
        r.name.clone(),
        entry.nickname.clone(),
        entry.start_year.map(|y| y.to_string()).unwrap_or_default(),
        r.operator_type.clone().unwrap_or_default(),
        r.regional_fund.to_string(),
        r.updated_at
            .map(store::public::japan_date)
            .unwrap_or_default(),
    ]
}

/// The header row and one row per network.
pub fn table(edition: &Edition, records: &[NetworkRecord]) -> (Vec<String>, Vec<Vec<String>>) {
    // Staff-only sections are left out: their columns would only ever be empty.
    let sections: Vec<&Section> = edition
        .sections
        .iter()
        .filter(|s| !s.staff_only())
        .collect();
    let items: Vec<&str> = edition
        .items()
        .filter(|(s, i)| !i.retired && !s.staff_only())
        .map(|(_, i)| i.key.as_str())
        .collect();
    let mut header: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
    header.extend(sections.iter().map(|s| format!("published.{}", s.key)));
    header.extend(items.iter().map(|k| k.to_string()));
    let rows = records
        .iter()
        .map(|r| {
            let entry = directory_entry(edition, r);
            let public = &entry.public;
            let mut row = fixed_values(r, &entry);
            row.extend(
                sections
                    .iter()
                    .map(|s| public.is_published(&s.key).to_string()),
            );
            row.extend(
                items
                    .iter()
                    .map(|k| public.get(k).map(|a| a.to_cell()).unwrap_or_default()),
            );
            row
        })
        .collect();
    (header, rows)
}

/// `?edition=` of the directory exports.
#[derive(serde::Deserialize)]
pub struct EditionParam {
    edition: Option<String>,
}

/// A store failure as the HTTP answer a file download gets.
fn refusal(e: store::Error) -> Response {
    let e = app::error::ApiError::from(e);
    (e.status(), e.message().en.to_string()).into_response()
}

async fn load(
    pool: &AnyPool,
    param: &EditionParam,
) -> Result<(Edition, Vec<NetworkRecord>), Response> {
    let edition = param.edition.as_deref().filter(|e| !e.is_empty());
    store::public::public_records(pool, edition)
        .await
        .map_err(refusal)
}

/// UTF-8 with a byte-order mark, so Excel on Japanese Windows opens it correctly.
pub async fn csv(State(pool): State<AnyPool>, Query(param): Query<EditionParam>) -> Response {
    let (edition, records) = match load(&pool, &param).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (header, rows) = table(&edition, &records);
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let written = std::iter::once(&header)
        .chain(rows.iter())
        .try_for_each(|r| spreadsheet::write_row(&mut writer, r));
    match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"renkei-networks-{}.csv\"",
                        edition.id
                    ),
                ),
                (header::CACHE_CONTROL, "no-cache".to_string()),
            ],
            bytes,
        )
            .into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "export failed").into_response(),
    }
}

pub async fn json(State(pool): State<AnyPool>, Query(param): Query<EditionParam>) -> Response {
    let (edition, records) = match load(&pool, &param).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let networks: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            let entry = directory_entry(&edition, r);
            let public = &entry.public;
            let mut object = serde_json::Map::new();
            for (column, value) in FIXED_COLUMNS.iter().zip(fixed_values(r, &entry)) {
                object.insert(column.to_string(), serde_json::Value::String(value));
            }
            object.insert(
                "published".into(),
                serde_json::json!(public.published_sections()),
            );
            let answers: serde_json::Map<String, serde_json::Value> = public
                .answers()
                .0
                .iter()
                .map(|(k, a)| (k.clone(), serde_json::Value::String(a.to_cell())))
                .collect();
            object.insert("answers".into(), serde_json::Value::Object(answers));
            serde_json::Value::Object(object)
        })
        .collect();
    (
        [(header::CACHE_CONTROL, "no-cache")],
        axum::Json(serde_json::json!({ "edition": edition.id, "networks": networks })),
    )
        .into_response()
}

/// `/charts/<figure>.csv` and `/charts/<figure>.json`: one chart's public data, named by the
/// report's figure number (e.g. `/charts/2.2-1.csv?region=九州`), from the same cache and
/// suppression as the page.
pub async fn chart(
    State((pool, cache)): State<(AnyPool, Arc<ChartCache>)>,
    Path(file): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let Some((id, extension)) = file
        .rsplit_once('.')
        .filter(|(id, ext)| charts::is_chart(id) && matches!(*ext, "csv" | "json"))
    else {
        return (StatusCode::NOT_FOUND, "no such chart").into_response();
    };
    let filter = match ChartFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    {
        Ok(f) => f,
        Err(why) => {
            return (StatusCode::BAD_REQUEST, format!("{} / {}", why.ja, why.en)).into_response()
        }
    };
    let charts = match store::charts::charts(&pool, &cache, &filter, false).await {
        Ok(c) => c,
        Err(e) => return refusal(e),
    };
    let Some(data) = charts.iter().find(|c| c.id == id) else {
        return (StatusCode::NOT_FOUND, "no such chart").into_response();
    };
    if extension == "json" {
        return (
            [(header::CACHE_CONTROL, "no-cache")],
            axum::Json(data.to_json()),
        )
            .into_response();
    }
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let written = data
        .rows(app::i18n::Lang::Ja)
        .iter()
        .try_for_each(|r| spreadsheet::write_row(&mut writer, r));
    match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"renkei-{id}.csv\""),
                ),
                (header::CACHE_CONTROL, "no-cache".to_string()),
            ],
            bytes,
        )
            .into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "export failed").into_response(),
    }
}
