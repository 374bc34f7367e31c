//! Survey editions: draft → open → closed. Respondents answer the one open edition;
//! open and closed editions are public; drafts are the staff's work in progress.

use sqlx::{AnyConnection, Row};

use super::Db;
pub use survey::lifecycle::{EditionRow, EditionStatus as Status, StoppedNetwork};
use survey::{builtin_editions, Edition};

/// Registers the built-in editions a database does not know yet. The first edition of an
/// empty database opens; later ones arrive as drafts for staff to open.
pub async fn ensure_builtin(conn: &mut AnyConnection) -> sqlx::Result<()> {
    for edition in builtin_editions() {
        let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM editions WHERE id = $1")
            .bind(&edition.id)
            .fetch_one(&mut *conn)
            .await?;
        if known > 0 {
            continue;
        }
        let (count, last): (i64, Option<i64>) = {
            let row = sqlx::query("SELECT COUNT(*) AS n, MAX(position) AS last FROM editions")
                .fetch_one(&mut *conn)
                .await?;
            (row.try_get("n")?, row.try_get("last")?)
        };
        let status = if count == 0 {
            Status::Open
        } else {
            Status::Draft
        };
        sqlx::query("INSERT INTO editions (id, position, status, definition, created_at) VALUES ($1, $2, $3, NULL, $4)")
            .bind(&edition.id)
            .bind(last.map_or(0, |p| p + 1))
            .bind(status.as_str())
            .bind(super::now())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The edition the public sees by default: the newest closed one (complete data), else the
/// open one. While a new edition collects answers, its partial data is one switch away.
pub async fn current(db: &Db) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT id FROM editions WHERE status <> 'draft'
         ORDER BY CASE WHEN status = 'closed' THEN 0 ELSE 1 END, position DESC LIMIT 1",
    )
    .fetch_optional(db)
    .await
}

/// The edition respondents answer now, if any.
pub async fn open(db: &Db) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT id FROM editions WHERE status = 'open' ORDER BY position DESC LIMIT 1",
    )
    .fetch_optional(db)
    .await
}

/// The public edition before `id`, if any (answers carry forward from it).
pub async fn previous(db: &Db, id: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT id FROM editions WHERE status <> 'draft' AND position < (SELECT position FROM editions WHERE id = $1)
         ORDER BY position DESC LIMIT 1",
    )
        .bind(id)
        .fetch_optional(db)
        .await
}

/// An edition's questionnaire: stored JSON for staff-made editions, else the built-in one.
pub async fn definition(db: &Db, id: &str) -> sqlx::Result<Option<Edition>> {
    let stored: Option<Option<String>> =
        sqlx::query_scalar("SELECT definition FROM editions WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(match stored {
        None => None,
        Some(Some(json)) => {
            Some(serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?)
        }
        Some(None) => survey::builtin_edition(id),
    })
}

pub async fn status(db: &Db, id: &str) -> sqlx::Result<Option<Status>> {
    let s: Option<String> = sqlx::query_scalar("SELECT status FROM editions WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(s.as_deref().and_then(Status::parse))
}

/// Whether the public may see an edition (open or closed; drafts are staff-only).
pub async fn is_public(db: &Db, id: &str) -> sqlx::Result<bool> {
    Ok(status(db, id).await?.is_some_and(|s| s != Status::Draft))
}

/// The editions the public may choose, newest first.
pub async fn public_ids(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT id FROM editions WHERE status <> 'draft' ORDER BY position DESC")
        .fetch_all(db)
        .await
}

/// Every edition, newest first, with its number of responses.
pub async fn list(db: &Db) -> sqlx::Result<Vec<EditionRow>> {
    let rows = sqlx::query(
        "SELECT e.id, e.status, (SELECT COUNT(*) FROM responses r WHERE r.edition_id = e.id) AS responses
         FROM editions e ORDER BY e.position DESC",
    )
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(EditionRow {
                id: r.try_get("id")?,
                status: Status::parse(&status).unwrap_or(Status::Closed),
                responses: r.try_get("responses")?,
            })
        })
        .collect()
}

/// Adds a draft edition after every other one.
pub async fn insert_draft(conn: &mut AnyConnection, edition: &Edition) -> sqlx::Result<()> {
    let json = crate::json_text(edition)?;
    sqlx::query(
        "INSERT INTO editions (id, position, status, definition, created_at)
         VALUES ($1, (SELECT COALESCE(MAX(position), -1) + 1 FROM editions), 'draft', $2, $3)",
    )
    .bind(&edition.id)
    .bind(json)
    .bind(super::now())
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores a draft's revised questionnaire; refused (false) unless the edition is a draft.
pub async fn save_draft(conn: &mut AnyConnection, edition: &Edition) -> sqlx::Result<bool> {
    let json = crate::json_text(edition)?;
    let done =
        sqlx::query("UPDATE editions SET definition = $1 WHERE id = $2 AND status = 'draft'")
            .bind(json)
            .bind(&edition.id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Opens an edition (closing the one open before) or closes it.
pub async fn set_status(conn: &mut AnyConnection, id: &str, status: Status) -> sqlx::Result<()> {
    if status == Status::Open {
        sqlx::query("UPDATE editions SET status = 'closed' WHERE status = 'open' AND id <> $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE editions SET status = $1 WHERE id = $2")
        .bind(status.as_str())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Networks with a response in `previous` and none in `open`, with this edition's request outcome.
pub async fn stopped(db: &Db, previous: &str, open: &str) -> sqlx::Result<Vec<StoppedNetwork>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT n.id, n.name, n.prefecture, i.outcome, i.reason
         FROM networks n
         JOIN responses r ON r.network_id = n.id AND r.edition_id = $1
         LEFT JOIN responses now ON now.network_id = n.id AND now.edition_id = $2
         LEFT JOIN invitations i ON i.network_id = n.id AND i.edition_id = $2
         WHERE now.id IS NULL
         ORDER BY {}",
        super::networks::REPORT_ORDER
    )))
    .bind(previous)
    .bind(open)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StoppedNetwork {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                prefecture: r.try_get("prefecture")?,
                outcome: r.try_get("outcome")?,
                reason: r
                    .try_get::<Option<String>, _>("reason")?
                    .unwrap_or_default(),
            })
        })
        .collect()
}
