//! Networks and their responses.

use sqlx::{AnyConnection, Row};

use super::Db;
use survey::response::ResponseStatus;
use survey::{Answers, DisclosureChoices};

/// A network as staff or the import create it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNetwork {
    pub report_no: Option<i64>,
    pub prefecture: String,
    pub operator_type: Option<String>,
    pub regional_fund: bool,
    pub name: String,
    pub nickname: String,
    pub start_year: Option<i64>,
}

/// Inserts a network, or updates the one with the same report number; returns its id.
pub async fn upsert_by_report_no(conn: &mut AnyConnection, n: &NewNetwork) -> sqlx::Result<i64> {
    // A NULL report number never conflicts, so such a network is always new.
    sqlx::query_scalar(
        "INSERT INTO networks (report_no, prefecture, operator_type, regional_fund, name, nickname, start_year, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (report_no) DO UPDATE SET prefecture = excluded.prefecture,
           operator_type = excluded.operator_type, regional_fund = excluded.regional_fund,
           name = excluded.name, nickname = excluded.nickname, start_year = excluded.start_year
         RETURNING id",
    )
    .bind(n.report_no)
    .bind(&n.prefecture)
    .bind(n.operator_type.as_deref())
    .bind(n.regional_fund as i64)
    .bind(&n.name)
    .bind(&n.nickname)
    .bind(n.start_year)
    .bind(super::now())
    .fetch_one(conn)
    .await
}

/// The network with report number `n.report_no`, left as it is, or `n` inserted: an import
/// run again never reverts what staff or respondents changed. Returns the id and whether it
/// was inserted.
pub async fn find_or_insert_by_report_no(
    conn: &mut AnyConnection,
    n: &NewNetwork,
) -> sqlx::Result<(i64, bool)> {
    let known: Option<i64> = sqlx::query_scalar("SELECT id FROM networks WHERE report_no = $1")
        .bind(n.report_no)
        .fetch_optional(&mut *conn)
        .await?;
    match known {
        Some(id) => Ok((id, false)),
        None => Ok((upsert_by_report_no(conn, n).await?, true)),
    }
}

/// Whether a network's response in an edition is still as an import wrote it: approved, last
/// saved at the import's own date. `None` when there is no response.
pub async fn still_as_imported(
    conn: &mut AnyConnection,
    network_id: i64,
    edition: &str,
    imported_updated_at: i64,
) -> sqlx::Result<Option<bool>> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT status, updated_at FROM responses WHERE network_id = $1 AND edition_id = $2",
    )
    .bind(network_id)
    .bind(edition)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(status, updated_at)| {
        status == ResponseStatus::Approved.as_str() && updated_at == imported_updated_at
    }))
}

/// Sets a network's whole response in an edition (used by imports); a change bumps its version.
/// Approved data is its own review baseline.
pub async fn put_response(
    conn: &mut AnyConnection,
    network_id: i64,
    edition: &str,
    answers: &Answers,
    disclosure: &DisclosureChoices,
    status: ResponseStatus,
    updated_at: i64,
) -> sqlx::Result<()> {
    let answers = crate::json_text(answers)?;
    let disclosure = crate::json_text(disclosure)?;
    sqlx::query(
        "INSERT INTO responses (network_id, edition_id, answers, disclosure, status, updated_at, reviewed_answers, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5 = 'approved' THEN $3 END, CASE WHEN $5 = 'approved' THEN $6 END)
         ON CONFLICT (network_id, edition_id) DO UPDATE SET
           answers = excluded.answers, disclosure = excluded.disclosure, status = excluded.status,
           updated_at = excluded.updated_at, version = responses.version + 1,
           reviewed_answers = excluded.reviewed_answers, reviewed_at = excluded.reviewed_at
         WHERE responses.answers <> excluded.answers OR responses.disclosure <> excluded.disclosure
            OR responses.status <> excluded.status",
    )
    .bind(network_id)
    .bind(edition)
    .bind(answers)
    .bind(disclosure)
    .bind(status.as_str())
    .bind(updated_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many networks the database holds.
pub async fn count(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM networks")
        .fetch_one(db)
        .await
}

/// The networks a respondent answers for, with their response status in an edition.
pub async fn of_respondent(
    db: &Db,
    respondent_id: i64,
    edition: &str,
) -> sqlx::Result<Vec<survey::response::MyNetwork>> {
    let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT n.id, n.name, n.prefecture, r.status FROM respondent_networks rn
         JOIN networks n ON n.id = rn.network_id
         LEFT JOIN responses r ON r.network_id = n.id AND r.edition_id = $2
         WHERE rn.respondent_id = $1 AND n.removed_at IS NULL ORDER BY n.id",
    )
    .bind(respondent_id)
    .bind(edition)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(id, name, prefecture, status)| {
            let status = status.as_deref().map(crate::response_status).transpose()?;
            Ok(survey::response::MyNetwork {
                id,
                name,
                prefecture,
                status,
            })
        })
        .collect()
}

/// Networks, responses in an edition, and respondent accounts.
pub async fn totals(db: &Db, edition: &str) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM networks), (SELECT COUNT(*) FROM responses WHERE edition_id = $1),
                (SELECT COUNT(*) FROM respondents)",
    )
    .bind(edition)
    .fetch_one(db)
    .await
}

/// A network with its whole response in one edition, private answers included.
/// Server only: the public sees it through [`survey::disclosure`].
#[derive(Clone, Debug)]
pub struct NetworkRecord {
    pub id: i64,
    pub report_no: Option<i64>,
    pub prefecture: String,
    pub operator_type: Option<String>,
    pub regional_fund: bool,
    pub name: String,
    pub nickname: String,
    pub start_year: Option<i64>,
    pub answers: Answers,
    pub disclosure: DisclosureChoices,
    pub updated_at: Option<i64>,
    pub version: i64,
    /// draft, submitted, returned or approved.
    pub status: ResponseStatus,
    pub review_note: String,
    /// Keys carried forward from the previous edition and not yet confirmed.
    pub unconfirmed: std::collections::BTreeSet<String>,
}

impl NetworkRecord {
    /// What the charts read of this record (the chart cache decodes them straight from the
    /// database instead: `store::charts`).
    pub fn chart_facts(&self, index: &charts::ItemIndex) -> charts::NetworkFacts {
        let operator = self
            .operator_type
            .as_deref()
            .and_then(survey::geography::OperatorType::from_key);
        charts::NetworkFacts::new(
            index,
            &self.prefecture,
            operator,
            self.start_year,
            &self.answers,
            &self.disclosure,
        )
    }
}

const RECORD_SELECT: &str = "SELECT n.id, n.report_no, n.prefecture, n.operator_type, n.regional_fund, n.name, n.nickname,
        n.start_year, r.answers, r.disclosure, r.updated_at, r.version, r.status, r.review_note, r.unconfirmed
 FROM networks n JOIN responses r ON r.network_id = n.id AND r.edition_id = $1";

/// A JSON text column as a typed value.
fn json_column<T: serde::de::DeserializeOwned>(
    row: &sqlx::any::AnyRow,
    column: &str,
) -> sqlx::Result<T> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text).map_err(|e| sqlx::Error::ColumnDecode {
        index: column.into(),
        source: Box::new(e),
    })
}

fn record_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<NetworkRecord> {
    Ok(NetworkRecord {
        id: row.try_get("id")?,
        report_no: row.try_get("report_no")?,
        prefecture: row.try_get("prefecture")?,
        operator_type: row.try_get("operator_type")?,
        regional_fund: row.try_get::<i64, _>("regional_fund")? != 0,
        name: row.try_get("name")?,
        nickname: row.try_get("nickname")?,
        start_year: row.try_get("start_year")?,
        answers: json_column(row, "answers")?,
        disclosure: json_column(row, "disclosure")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
        status: crate::response_status(row.try_get("status")?)?,
        review_note: row.try_get("review_note")?,
        unconfirmed: json_column(row, "unconfirmed")?,
    })
}

/// [`order_of`] in SQL, over the networks aliased `n`.
pub(crate) const REPORT_ORDER: &str = "COALESCE(n.report_no, 1000000000 + n.id)";

/// Every listed (not removed) network that answered an edition, in report order, whatever
/// the response's status: staff's view.
pub async fn records(db: &Db, edition: &str) -> sqlx::Result<Vec<NetworkRecord>> {
    records_where(db, edition, "n.removed_at IS NULL").await
}

/// The valid answers of an edition ([`crate::COUNTED`]), in report order: all the public's
/// pages and files are made from these.
pub async fn valid_records(db: &Db, edition: &str) -> sqlx::Result<Vec<NetworkRecord>> {
    records_where(db, edition, crate::COUNTED).await
}

async fn records_where(
    db: &Db,
    edition: &str,
    condition: &str,
) -> sqlx::Result<Vec<NetworkRecord>> {
    let sql = format!("{RECORD_SELECT} WHERE {condition} ORDER BY {REPORT_ORDER}");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(edition)
        .fetch_all(db)
        .await?
        .iter()
        .map(record_from_row)
        .collect()
}

/// Where a record stands in report order (report number, then networks added later).
pub fn report_order(r: &NetworkRecord) -> i64 {
    order_of(r.report_no, r.id)
}

pub fn order_of(report_no: Option<i64>, id: i64) -> i64 {
    report_no.unwrap_or(1_000_000_000 + id)
}

/// Up to `limit` records after `after` in report order ([`report_order`]), so an export
/// can walk every record with flat memory. Start with `after = i64::MIN`.
pub async fn records_page(
    db: &Db,
    edition: &str,
    after: i64,
    limit: i64,
) -> sqlx::Result<Vec<NetworkRecord>> {
    let sql = format!("{RECORD_SELECT} WHERE {REPORT_ORDER} > $2 ORDER BY {REPORT_ORDER} LIMIT $3");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(edition)
        .bind(after)
        .bind(limit)
        .fetch_all(db)
        .await?;
    rows.iter().map(record_from_row).collect()
}

/// One network's record in an edition, whatever its status.
pub async fn record(db: &Db, id: i64, edition: &str) -> sqlx::Result<Option<NetworkRecord>> {
    record_where(db, id, edition, "1 = 1").await
}

/// One network's record in an edition if it is a valid answer ([`crate::COUNTED`]).
pub async fn valid_record(db: &Db, id: i64, edition: &str) -> sqlx::Result<Option<NetworkRecord>> {
    record_where(db, id, edition, crate::COUNTED).await
}

async fn record_where(
    db: &Db,
    id: i64,
    edition: &str,
    condition: &str,
) -> sqlx::Result<Option<NetworkRecord>> {
    let sql = format!("{RECORD_SELECT} WHERE n.id = $2 AND {condition}");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(edition)
        .bind(id)
        .fetch_optional(db)
        .await?
        .as_ref()
        .map(record_from_row)
        .transpose()
}
