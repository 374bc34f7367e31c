//! Saving a response: one transaction that checks the version, writes the
//! answers, bumps the version and appends the audit entry.

use sqlx::AnyConnection;

use super::Db;
use survey::response::{diff, disclosure_diff};
use survey::{Answers, DisclosureChoices};

/// Whether a respondent answers for a network (a listed one: a removed network is no one's).
pub async fn respondent_owns(db: &Db, respondent_id: i64, network_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM respondent_networks rn JOIN networks n ON n.id = rn.network_id
         WHERE rn.respondent_id = $1 AND rn.network_id = $2 AND n.removed_at IS NULL",
    )
    .bind(respondent_id)
    .bind(network_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// The outcome of a save that did not fail on the database.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Version(i64),
    /// The stored version is not the one the save was based on.
    Stale {
        current: i64,
    },
}

pub struct NewResponse<'a> {
    pub network_id: i64,
    pub edition: &'a str,
    pub answers: &'a Answers,
    pub disclosure: &'a DisclosureChoices,
    /// The version the edit started from (0 when there was no response yet).
    pub based_on: i64,
    /// Who saves, for the audit log: `respondent:<id>` or `staff:<id>`.
    pub actor: &'a crate::audit_log::Entity,
    /// A respondent's save makes a submitted or approved response a draft again (to be
    /// submitted anew, and out of the review queue until then); a returned one stays
    /// returned, with its note. A staff correction keeps the status.
    pub by_respondent: bool,
}

/// Writes a whole response if it is still at `based_on`; returns the new version. `old` and
/// `old_disclosure` are what it replaces, as the caller read them (no read here: on SQLite a
/// read before the write would make concurrent saves fail instead of wait), for the audit
/// entry's changes.
pub async fn save(
    conn: &mut AnyConnection,
    r: &NewResponse<'_>,
    old: &Answers,
    old_disclosure: &DisclosureChoices,
) -> sqlx::Result<Saved> {
    let now = super::now();
    let answers = crate::json_text(r.answers)?;
    let disclosure = crate::json_text(r.disclosure)?;
    let written = if r.based_on == 0 {
        sqlx::query(
            "INSERT INTO responses (network_id, edition_id, answers, disclosure, status, needs_review, version, updated_at)
             VALUES ($1, $2, $3, $4, 'draft', 0, 1, $5) ON CONFLICT (network_id, edition_id) DO NOTHING",
        )
        .bind(r.network_id)
        .bind(r.edition)
        .bind(&answers)
        .bind(&disclosure)
        .bind(now)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    } else {
        sqlx::query(
            "UPDATE responses SET answers = $1, disclosure = $2, version = version + 1, updated_at = $3,
               status = CASE WHEN $7 = 1 AND status <> 'returned' THEN 'draft' ELSE status END,
               needs_review = CASE WHEN $7 = 1 THEN 0 ELSE needs_review END
             WHERE network_id = $4 AND edition_id = $5 AND version = $6",
        )
        .bind(&answers)
        .bind(&disclosure)
        .bind(now)
        .bind(r.network_id)
        .bind(r.edition)
        .bind(r.based_on)
        .bind(r.by_respondent as i64)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    };
    let current: i64 = sqlx::query_scalar(
        "SELECT version FROM responses WHERE network_id = $1 AND edition_id = $2",
    )
    .bind(r.network_id)
    .bind(r.edition)
    .fetch_one(&mut *conn)
    .await?;
    if written == 0 {
        return Ok(Saved::Stale { current });
    }
    // The directory shows the latest name, nickname and start year.
    let text = |key: &str| r.answers.text(key).map(str::to_string);
    if let Some(name) = text("overview.main.name") {
        sqlx::query("UPDATE networks SET name = $1, nickname = $2, start_year = $3 WHERE id = $4")
            .bind(name)
            .bind(text("overview.main.nickname").unwrap_or_default())
            .bind(r.answers.number("overview.main.start_year"))
            .bind(r.network_id)
            .execute(&mut *conn)
            .await?;
    }
    let detail = serde_json::json!({
        "edition": r.edition,
        "version": current,
        "changes": diff(old, r.answers),
        "disclosure": r.disclosure,
        "disclosure_changes": disclosure_diff(old_disclosure, r.disclosure),
    });
    super::audit_log::append(
        conn,
        r.actor,
        "save_response",
        &crate::audit_log::Entity::Network(r.network_id),
        &detail,
    )
    .await?;
    // A respondent's save is their reply to the request (report 1.5).
    if matches!(r.actor, crate::audit_log::Entity::Respondent(_)) {
        super::requests::mark_replied(conn, r.network_id, r.edition).await?;
    }
    Ok(Saved::Version(current))
}

/// The outcome of a submission that did not fail on the database.
#[derive(Debug, PartialEq, Eq)]
pub enum Submitted {
    Done,
    /// The stored version is not the one the respondent reviewed before submitting.
    Stale {
        current: i64,
    },
    Missing,
}

/// Submits version `version` of a response for review (提出): it joins the staff's queue and
/// the request counts as replied. Submitting what is already submitted changes nothing.
pub async fn submit(
    conn: &mut AnyConnection,
    network_id: i64,
    edition: &str,
    version: i64,
    actor: &crate::audit_log::Entity,
) -> sqlx::Result<Submitted> {
    let current: Option<(i64, String)> = sqlx::query_as(
        "SELECT version, status FROM responses WHERE network_id = $1 AND edition_id = $2",
    )
    .bind(network_id)
    .bind(edition)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((current, status)) = current else {
        return Ok(Submitted::Missing);
    };
    if current != version {
        return Ok(Submitted::Stale { current });
    }
    if status == "submitted" {
        return Ok(Submitted::Done);
    }
    sqlx::query(
        "UPDATE responses SET status = 'submitted', needs_review = 1
         WHERE network_id = $1 AND edition_id = $2 AND version = $3",
    )
    .bind(network_id)
    .bind(edition)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    let detail = serde_json::json!({ "edition": edition, "version": version, "from": status });
    super::audit_log::append(
        conn,
        actor,
        "submit_response",
        &crate::audit_log::Entity::Network(network_id),
        &detail,
    )
    .await?;
    super::requests::mark_replied(conn, network_id, edition).await?;
    Ok(Submitted::Done)
}

/// Records which carried-forward answers still await the respondent's confirmation.
pub async fn set_unconfirmed(
    conn: &mut AnyConnection,
    network_id: i64,
    edition: &str,
    keys: &std::collections::BTreeSet<String>,
) -> sqlx::Result<()> {
    let json = crate::json_text(keys)?;
    sqlx::query("UPDATE responses SET unconfirmed = $1 WHERE network_id = $2 AND edition_id = $3")
        .bind(json)
        .bind(network_id)
        .bind(edition)
        .execute(conn)
        .await?;
    Ok(())
}
