//! `/staff/export.csv` and `/staff/export.xlsx`: every answer of an edition, private
//! ones included, for staff only. One row per network; the fixed columns (番号, ID, 都道府県,
//! 地方, 代表団体区分, 地域医療再生基金, 状態, 更新日時), then one column per questionnaire item
//! in questionnaire order, built from the edition's definition, so a new edition's items
//! appear with no code change. Headers and answers are in Japanese (実施中 / 実施予定あり /
//! 実施なし・予定なし, 無料 / 有料 …, see `survey::cells`); `?lang=en` gives English. Both
//! answer a POST only (the staff page's download buttons), which the same-origin check
//! guards, and write every cell through `survey::spreadsheet`.
//!
//! Memory stays flat whatever the number of responses: records are read a page at a time in
//! report order; the CSV is a streamed body; the XLSX is written by rust_xlsxwriter's
//! constant-memory worksheet to a temporary file, which is then streamed.

use std::io::{Seek, SeekFrom};
use std::sync::Arc;

use app::i18n::{Label, Lang};
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream};
use sqlx::AnyPool;
use store::networks::{records_page, report_order, NetworkRecord};
use survey::cells::render;
use survey::geography::{region_of, OperatorType};
use survey::vocabulary::{CELL_NO, CELL_YES};
use survey::{lettered, Edition, Item};

/// Records read from the database at a time.
pub const PAGE: i64 = 500;

/// One cell: XLSX keeps numbers numeric; CSV writes both as text.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

static FIXED: [Label; 8] = [
    Label::new("番号", "No."),
    Label::new("ID", "ID"),
    Label::new("都道府県", "Prefecture"),
    Label::new("地方", "Region"),
    Label::new("代表団体区分", "Operator type"),
    Label::new("地域医療再生基金", "Regional fund"),
    Label::new("状態", "Status"),
    Label::new("更新日時", "Updated"),
];

/// The columns of an edition's export in one language.
pub struct Layout {
    pub edition: Edition,
    pub lang: Lang,
}

impl Layout {
    /// Every item, retired ones too, so old answers are never dropped from an export.
    fn items(&self) -> impl Iterator<Item = (&str, Option<&Label>, &Item)> {
        self.edition.sections.iter().flat_map(|s| {
            s.groups.iter().flat_map(move |g| {
                g.items
                    .iter()
                    .map(move |i| (s.letter.as_str(), g.title.as_ref(), i))
            })
        })
    }

    /// `F. 連携している疾病について：がん` — the section letter and group title keep labels
    /// that repeat across groups apart (a group title that is the item's own label is not repeated).
    pub fn header(&self) -> Vec<String> {
        let lang = self.lang;
        let separator = if lang == Lang::Ja { "：" } else { ": " };
        let fixed = FIXED.iter().map(|l| l.get(lang).to_string());
        let items = self.items().map(|(letter, group, item)| match group {
            Some(g) if g != &item.label => lettered(
                letter,
                &format!("{}{separator}{}", g.get(lang), item.label.get(lang)),
            ),
            _ => lettered(letter, item.label.get(lang)),
        });
        fixed.chain(items).collect()
    }

    pub fn row(&self, r: &NetworkRecord) -> Vec<Cell> {
        let lang = self.lang;
        let yes_no = |b: bool| {
            if b {
                CELL_YES.get(lang)
            } else {
                CELL_NO.get(lang)
            }
            .to_string()
        };
        let mut row = vec![
            r.report_no.map_or(Cell::Text(String::new()), Cell::Number),
            Cell::Number(r.id),
            Cell::Text(r.prefecture.clone()),
            Cell::Text(
                region_of(&r.prefecture)
                    .map(|g| g.label().get(lang).to_string())
                    .unwrap_or_default(),
            ),
            Cell::Text(
                r.operator_type
                    .as_deref()
                    .and_then(OperatorType::from_key)
                    .map(|o| o.label().get(lang).to_string())
                    .unwrap_or_default(),
            ),
            Cell::Text(yes_no(r.regional_fund)),
            Cell::Text(r.status.label().get(lang).to_string()),
            Cell::Text(
                r.updated_at
                    .map(store::public::japan_date_time)
                    .unwrap_or_default(),
            ),
        ];
        row.extend(
            self.items()
                .map(|(_, _, item)| match r.answers.get(&item.key) {
                    None => Cell::Text(String::new()),
                    Some(survey::Answer::Number(n)) => Cell::Number(*n),
                    Some(answer) => Cell::Text(render(&item.kind, answer, lang)),
                }),
        );
        row
    }
}

/// Every record of an edition, a page at a time, in report order.
fn pages(pool: AnyPool, edition: String) -> impl Stream<Item = sqlx::Result<Vec<NetworkRecord>>> {
    stream::try_unfold(Some(i64::MIN), move |after| {
        let (pool, edition) = (pool.clone(), edition.clone());
        async move {
            let Some(after) = after else { return Ok(None) };
            let page = records_page(&pool, &edition, after, PAGE).await?;
            let next = match page.last() {
                Some(last) if page.len() as i64 == PAGE => Some(report_order(last)),
                Some(_) => None,
                None => return Ok(None),
            };
            Ok(Some((page, next)))
        }
    })
}

fn csv_bytes(rows: impl Iterator<Item = Vec<String>>, prefix: &[u8]) -> std::io::Result<Bytes> {
    let mut writer = csv::Writer::from_writer(prefix.to_vec());
    for row in rows {
        survey::spreadsheet::write_row(&mut writer, &row)?;
    }
    writer
        .into_inner()
        .map(Bytes::from)
        .map_err(|e| e.into_error())
}

/// The CSV export as chunks: UTF-8 BOM (Excel on Japanese Windows) and header, then one
/// chunk per page of records.
pub fn csv_stream(
    pool: AnyPool,
    layout: Arc<Layout>,
) -> impl Stream<Item = std::io::Result<Bytes>> {
    use futures::StreamExt;
    let head = csv_bytes(std::iter::once(layout.header()), b"\xEF\xBB\xBF");
    let body = pages(pool, layout.edition.id.clone()).map(move |page| {
        // Headers are gone by now: a failure can only cut the download short, so log it.
        let page = page.map_err(|e| {
            tracing::error!(error = %e, "CSV export failed");
            std::io::Error::other(e)
        })?;
        csv_bytes(
            page.iter()
                .map(|r| layout.row(r).iter().map(Cell::text).collect()),
            b"",
        )
    });
    stream::once(async { head }).chain(body)
}

/// Excel holds at most 32,767 characters in a cell: a longer text (saved before the form's
/// length limits) is cut and says where the whole of it is, rather than failing the export.
fn excel_text(text: String) -> String {
    const MAX: usize = 32_767;
    const CUT: &str = "…（全文はCSVにあります / full text in the CSV export）";
    if text.chars().count() <= MAX {
        return text;
    }
    let keep = MAX - CUT.chars().count();
    text.chars().take(keep).chain(CUT.chars()).collect()
}

/// Writes the XLSX export to an anonymous temporary file, positioned at its start.
/// Blocking (file I/O and zip compression): run it with `spawn_blocking`.
pub fn write_xlsx(
    pool: AnyPool,
    layout: &Layout,
    runtime: tokio::runtime::Handle,
) -> anyhow::Result<std::fs::File> {
    use futures::StreamExt;
    // Excel keeps 15 significant digits; larger numbers stay exact as text.
    const EXACT: i64 = 1 << 53;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(&layout.edition.id)?;
    let write =
        |sheet: &mut rust_xlsxwriter::Worksheet, row: u32, cells: &[Cell]| -> anyhow::Result<()> {
            for (col, cell) in cells.iter().enumerate() {
                let col = u16::try_from(col)?;
                match cell {
                    Cell::Text(t) if t.is_empty() => {}
                    Cell::Number(n) if n.abs() < EXACT => {
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    Cell::Text(t) => {
                        let text = survey::spreadsheet::cell(t).into_owned();
                        sheet.write_string(row, col, excel_text(text))?;
                    }
                    // Past what a spreadsheet's number holds exactly: written as its digits.
                    Cell::Number(n) => {
                        sheet.write_string(row, col, n.to_string())?;
                    }
                }
            }
            Ok(())
        };
    let header: Vec<Cell> = layout.header().into_iter().map(Cell::Text).collect();
    write(sheet, 0, &header)?;
    let mut row = 1u32;
    let mut pages = Box::pin(pages(pool, layout.edition.id.clone()));
    while let Some(page) = runtime.block_on(pages.next()) {
        for record in page? {
            write(sheet, row, &layout.row(&record))?;
            row += 1;
        }
    }
    let mut file = tempfile::tempfile()?;
    workbook.save_to_writer(&mut file)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    lang: Option<String>,
    /// Default: the edition being collected ([`store::editions::for_staff`]).
    edition: Option<String>,
}

/// Who may export, in which language, which edition: or the refusal to send.
async fn prepare(
    pool: &AnyPool,
    headers: &HeaderMap,
    query: &ExportQuery,
    format: &str,
) -> Result<Layout, Response> {
    let refuse = |e: app::error::ApiError| {
        (
            e.status(),
            e.message().ja.to_string() + "\n" + &e.message().en,
        )
            .into_response()
    };
    let me = app::auth::require_staff_in(pool, headers)
        .await
        .map_err(refuse)?;
    let lang = match query.lang.as_deref() {
        None => Lang::Ja,
        Some(code) => Lang::from_code(code).ok_or_else(|| {
            (
                StatusCode::BAD_REQUEST,
                "lang は ja または en です。\nlang must be ja or en.",
            )
                .into_response()
        })?,
    };
    let edition_id = async {
        let id = store::editions::for_staff(pool, query.edition.as_deref()).await?;
        let edition = store::editions::definition(pool, &id)
            .await?
            .ok_or(app::error::ApiError::NotFound)?;
        let mut conn = pool.acquire().await?;
        let detail = serde_json::json!({ "format": format, "lang": lang.code(), "edition": id });
        store::audit_log::append(
            &mut conn,
            &me.actor(),
            "export",
            &store::audit_log::Entity::Responses,
            &detail,
        )
        .await?;
        Ok::<_, app::error::ApiError>(edition)
    };
    let edition = edition_id.await.map_err(refuse)?;
    Ok(Layout { edition, lang })
}

pub(crate) fn attachment(content_type: &str, name: String, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn csv(
    State(pool): State<AnyPool>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Response {
    let layout = match prepare(&pool, &headers, &query, "csv").await {
        Ok(l) => Arc::new(l),
        Err(refusal) => return refusal,
    };
    let name = format!(
        "renkei-responses-{}-{}.csv",
        layout.edition.id,
        layout.lang.code()
    );
    attachment(
        "text/csv; charset=utf-8",
        name,
        Body::from_stream(csv_stream(pool, layout)),
    )
}

pub async fn xlsx(
    State(pool): State<AnyPool>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Response {
    let layout = match prepare(&pool, &headers, &query, "xlsx").await {
        Ok(l) => l,
        Err(refusal) => return refusal,
    };
    let name = format!(
        "renkei-responses-{}-{}.xlsx",
        layout.edition.id,
        layout.lang.code()
    );
    let runtime = tokio::runtime::Handle::current();
    match tokio::task::spawn_blocking(move || write_xlsx(pool, &layout, runtime)).await {
        Ok(Ok(file)) => {
            let body = Body::from_stream(tokio_util::io::ReaderStream::new(
                tokio::fs::File::from_std(file),
            ));
            attachment(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name,
                body,
            )
        }
        failed => {
            let error = failed.map_or_else(
                |e| e.to_string(),
                |r| r.err().map(|e| e.to_string()).unwrap_or_default(),
            );
            tracing::error!(%error, "XLSX export failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "export failed").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use survey::{Answer, Answers, DisclosureChoices, Tri};

    fn record(answers: Answers) -> NetworkRecord {
        NetworkRecord {
            id: 9,
            report_no: Some(4),
            prefecture: "大分県".into(),
            operator_type: Some("medical_association".into()),
            regional_fund: true,
            name: "うすき".into(),
            nickname: String::new(),
            start_year: None,
            answers,
            disclosure: DisclosureChoices::default(),
            updated_at: Some(1_700_000_000),
            version: 3,
            status: survey::response::ResponseStatus::Returned,
            review_note: String::new(),
            unconfirmed: Default::default(),
        }
    }

    fn layout(lang: Lang) -> Layout {
        Layout {
            edition: survey::builtin_edition("2012").unwrap(),
            lang,
        }
    }

    #[test]
    fn one_column_per_item_with_unique_headers_in_both_languages() {
        for lang in [Lang::Ja, Lang::En] {
            let l = layout(lang);
            let header = l.header();
            assert_eq!(header.len(), FIXED.len() + l.edition.items().count());
            let unique: std::collections::HashSet<_> = header.iter().collect();
            assert_eq!(unique.len(), header.len(), "{lang:?} headers repeat");
        }
        let ja = layout(Lang::Ja).header();
        assert_eq!(&ja[..3], ["番号", "ID", "都道府県"]);
        assert!(
            ja.contains(&"F. 連携している疾病について：肝炎".to_string()),
            "{ja:?}"
        );
        assert!(layout(Lang::En)
            .header()
            .contains(&"F. Linked diseases: Hepatitis".to_string()));
    }

    #[test]
    fn texts_too_long_for_excel_are_cut_and_say_so() {
        assert_eq!(excel_text("短い".into()), "短い");
        let long = excel_text("あ".repeat(40_000));
        assert_eq!(long.chars().count(), 32_767);
        assert!(long.starts_with("ああ") && long.ends_with("full text in the CSV export）"));
    }

    #[test]
    fn rows_show_words_in_the_header_order() {
        let mut answers = Answers::default();
        answers.set("services.diseases.hepatitis", Answer::Tri(Tri::Planned));
        answers.set("facilities.hospital.count", Answer::Number(12));
        let l = layout(Lang::Ja);
        let header = l.header();
        let row = l.row(&record(answers));
        assert_eq!(row.len(), header.len());
        assert_eq!(
            row[..8].iter().map(Cell::text).collect::<Vec<_>>(),
            [
                "4",
                "9",
                "大分県",
                "九州",
                "医師会",
                "はい",
                "差し戻し",
                store::public::japan_date_time(1_700_000_000).as_str()
            ]
        );
        let at = |key: &str| l.items().position(|(_, _, i)| i.key == key).unwrap() + FIXED.len();
        assert_eq!(
            row[at("services.diseases.hepatitis")],
            Cell::Text("実施予定あり".into())
        );
        assert_eq!(row[at("facilities.hospital.count")], Cell::Number(12));
        assert_eq!(row[at("overview.main.name")], Cell::Text(String::new()));
        let en = layout(Lang::En).row(&record(Answers::default()));
        assert_eq!(
            en[3..7].iter().map(Cell::text).collect::<Vec<_>>(),
            ["Kyushu", "Medical association", "Yes", "Returned"]
        );
    }
}
