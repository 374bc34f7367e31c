//! Survey editions: draft → open → closed. Respondents answer the one open edition;
//! open and closed editions are public; drafts are the staff's work in progress.

use sqlx::{AnyConnection, Row};

use super::Db;
pub use survey::lifecycle::{
    EditionChoice, EditionRow, EditionStatus as Status, StoppedNetwork, ValidRule,
};
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

/// The edition a staff page works on: the one asked for, if it exists, else the one being
/// collected (the open edition), else the newest public one, else the newest draft.
pub async fn for_staff(db: &Db, asked: Option<&str>) -> Result<String, crate::Error> {
    if let Some(id) = asked {
        return match status(db, id).await? {
            Some(_) => Ok(id.to_string()),
            None => Err(crate::Error::NotFound),
        };
    }
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM editions
         ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'closed' THEN 1 ELSE 2 END, position DESC LIMIT 1",
    )
    .fetch_optional(db)
    .await?;
    id.ok_or(crate::Error::NotFound)
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

/// Every edition, newest first, as staff pages offer them.
pub async fn choices(db: &Db) -> sqlx::Result<Vec<EditionChoice>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, status FROM editions ORDER BY position DESC")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, status)| EditionChoice {
            status: Status::parse(&status).unwrap_or(Status::Closed),
            id,
        })
        .collect())
}

/// Every edition, newest first, with its numbers of responses, valid answers and networks
/// asked that did not answer.
pub async fn list(db: &Db) -> sqlx::Result<Vec<EditionRow>> {
    let sql = format!(
        "SELECT e.id, e.status, e.valid_rule,
           (SELECT COUNT(*) FROM responses r WHERE r.edition_id = e.id) AS responses,
           (SELECT COUNT(*) FROM responses r JOIN networks n ON n.id = r.network_id
             WHERE r.edition_id = e.id AND {counted}) AS valid,
           (SELECT COUNT(*) FROM invitations i WHERE i.edition_id = e.id AND NOT EXISTS
             (SELECT 1 FROM responses r WHERE r.edition_id = e.id AND r.network_id = i.network_id))
             AS not_answered
         FROM editions e ORDER BY e.position DESC",
        counted = crate::COUNTED
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(db).await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            let rule: String = r.try_get("valid_rule")?;
            Ok(EditionRow {
                id: r.try_get("id")?,
                status: Status::parse(&status).unwrap_or(Status::Closed),
                responses: r.try_get("responses")?,
                valid: r.try_get("valid")?,
                not_answered: r.try_get("not_answered")?,
                valid_rule: ValidRule::parse(&rule).unwrap_or_default(),
            })
        })
        .collect()
}

/// When an edition's responses count as valid (the default for an unknown edition).
pub async fn valid_rule(db: &Db, id: &str) -> sqlx::Result<ValidRule> {
    let rule: Option<String> = sqlx::query_scalar("SELECT valid_rule FROM editions WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(rule
        .as_deref()
        .and_then(ValidRule::parse)
        .unwrap_or_default())
}

/// Sets when a draft edition's responses count as valid; refused (false) unless a draft,
/// so the answers counted never change under an edition that collects or is closed.
pub async fn set_valid_rule(
    conn: &mut AnyConnection,
    id: &str,
    rule: ValidRule,
) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE editions SET valid_rule = $1 WHERE id = $2 AND status = 'draft'")
            .bind(rule.as_str())
            .bind(id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
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

/// Opens an edition (closing the one open before) or closes it. Closing stamps `closed_at`
/// (the date respondents are shown); opening clears it.
pub async fn set_status(conn: &mut AnyConnection, id: &str, status: Status) -> sqlx::Result<()> {
    let now = super::now();
    if status == Status::Open {
        sqlx::query(
            "UPDATE editions SET status = 'closed', closed_at = $2 WHERE status = 'open' AND id <> $1",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    let closed_at = (status == Status::Closed).then_some(now);
    sqlx::query("UPDATE editions SET status = $1, closed_at = $3 WHERE id = $2")
        .bind(status.as_str())
        .bind(id)
        .bind(closed_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// When an edition was closed (Unix seconds), if it is closed and the date is known
/// (editions closed before the date was recorded have none).
pub async fn closed_at(db: &Db, id: &str) -> sqlx::Result<Option<i64>> {
    let at: Option<Option<i64>> =
        sqlx::query_scalar("SELECT closed_at FROM editions WHERE id = $1 AND status = 'closed'")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(at.flatten())
}

/// The newest public edition in which a network has a response, if any.
pub async fn last_answered(db: &Db, network_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT e.id FROM editions e JOIN responses r ON r.edition_id = e.id
         WHERE r.network_id = $1 AND e.status <> 'draft' ORDER BY e.position DESC LIMIT 1",
    )
    .bind(network_id)
    .fetch_optional(db)
    .await
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
