//! Staff review: the queue of submissions to look at, the answers as last reviewed,
//! decisions and classification. Each write is one transaction with its audit entry.
//!
//! The baseline for "what changed since the last review" is a snapshot: deciding copies
//! the answers into `responses.reviewed_answers` (the 2012 import's approved answers are
//! their own baseline). A snapshot is one row read, and stays right whatever the audit
//! log's history looks like (imports, staff corrections, several saves in between).

use sqlx::AnyConnection;

use super::Db;
use survey::geography::OperatorType;
use survey::response::QueueEntry;
use survey::response::ResponseStatus;
use survey::Answers;

/// Responses saved by their respondent since staff last decided on them, oldest first.
pub async fn queue(db: &Db, edition: &str) -> sqlx::Result<Vec<QueueEntry>> {
    // Network id, name, prefecture, status, version, updated_at, reviewed_at.
    type Row = (i64, String, String, String, i64, i64, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT n.id, n.name, n.prefecture, r.status, r.version, r.updated_at, r.reviewed_at
         FROM responses r JOIN networks n ON n.id = r.network_id
         WHERE r.edition_id = $1 AND r.needs_review = 1 AND n.removed_at IS NULL ORDER BY r.updated_at, n.id",
    )
    .bind(edition)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(
            |(network_id, name, prefecture, status, version, updated_at, reviewed_at)| {
                Ok(QueueEntry {
                    network_id,
                    name,
                    prefecture,
                    status: crate::response_status(&status)?,
                    version,
                    updated: super::public::japan_date_time(updated_at),
                    reviewed_before: reviewed_at.is_some(),
                })
            },
        )
        .collect()
}

/// Where a response stands in review.
pub struct ReviewState {
    /// The answers as last reviewed; `None` when staff never reviewed this response.
    pub baseline: Option<Answers>,
    pub needs_review: bool,
}

pub async fn state(db: &Db, network_id: i64, edition: &str) -> sqlx::Result<Option<ReviewState>> {
    let row: Option<(Option<String>, i64)> =
        sqlx::query_as("SELECT reviewed_answers, needs_review FROM responses WHERE network_id = $1 AND edition_id = $2")
            .bind(network_id)
            .bind(edition)
            .fetch_optional(db)
            .await?;
    row.map(|(baseline, needs_review)| {
        let baseline = baseline
            .map(|json| serde_json::from_str(&json))
            .transpose()
            .map_err(|e| sqlx::Error::ColumnDecode {
                index: "reviewed_answers".into(),
                source: Box::new(e),
            })?;
        Ok(ReviewState {
            baseline,
            needs_review: needs_review != 0,
        })
    })
    .transpose()
}

/// What staff decide about a submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// Back to the respondent, with a note shown at the top of their form.
    Return {
        note: String,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum Decided {
    Done,
    /// The respondent saved again after staff loaded the version they decided on.
    Stale {
        current: i64,
    },
    /// Someone already decided on this version (two reviewers, or a second click).
    AlreadyDecided,
    Missing,
}

/// Decides on version `version` of a response: sets its status and note, takes it out of
/// the queue, makes its answers the new baseline and moves the request's tracking stage
/// (approved: 有効回答; returned: back to replied). Each version is decided once. The
/// version is not bumped, so a respondent with the form open can still save (and so put it
/// back in the queue).
pub async fn decide(
    conn: &mut AnyConnection,
    network_id: i64,
    edition: &str,
    version: i64,
    decision: &Decision,
    actor: &crate::audit_log::Entity,
) -> sqlx::Result<Decided> {
    let (status, note, action) = match decision {
        Decision::Approve => (ResponseStatus::Approved, "", "approve_response"),
        Decision::Return { note } => (ResponseStatus::Returned, note.as_str(), "return_response"),
    };
    let now = super::now();
    let written = sqlx::query(
        "UPDATE responses SET status = $1, review_note = $2, needs_review = 0, reviewed_answers = answers,
           reviewed_at = $3, decided_version = version
         WHERE network_id = $4 AND edition_id = $5 AND version = $6
           AND (decided_version IS NULL OR decided_version <> version)",
    )
    .bind(status.as_str())
    .bind(note)
    .bind(now)
    .bind(network_id)
    .bind(edition)
    .bind(version)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if written == 0 {
        let current: Option<i64> = sqlx::query_scalar(
            "SELECT version FROM responses WHERE network_id = $1 AND edition_id = $2",
        )
        .bind(network_id)
        .bind(edition)
        .fetch_optional(&mut *conn)
        .await?;
        return Ok(match current {
            None => Decided::Missing,
            Some(current) if current == version => Decided::AlreadyDecided,
            Some(current) => Decided::Stale { current },
        });
    }
    // The request's outcome follows the decision (report 1.5's 有効回答).
    sqlx::query(
        "UPDATE invitations SET
           outcome = CASE WHEN $1 = 1 THEN 'valid' ELSE 'pending' END,
           outcome_at = CASE WHEN $1 = 1 THEN $2 ELSE NULL END,
           replied_at = COALESCE(replied_at, $2)
         WHERE network_id = $3 AND edition_id = $4 AND outcome IN ('pending', 'valid')",
    )
    .bind(matches!(decision, Decision::Approve) as i64)
    .bind(now)
    .bind(network_id)
    .bind(edition)
    .execute(&mut *conn)
    .await?;
    let detail = serde_json::json!({ "edition": edition, "version": version, "note": note });
    super::audit_log::append(
        conn,
        actor,
        action,
        &crate::audit_log::Entity::Network(network_id),
        &detail,
    )
    .await?;
    Ok(Decided::Done)
}

/// Sets a network's operator type and regional-fund flag; `false` when there is no such network.
pub async fn classify(
    conn: &mut AnyConnection,
    network_id: i64,
    operator: Option<OperatorType>,
    regional_fund: bool,
    actor: &crate::audit_log::Entity,
) -> sqlx::Result<bool> {
    let before: Option<(Option<String>, i64)> =
        sqlx::query_as("SELECT operator_type, regional_fund FROM networks WHERE id = $1")
            .bind(network_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((old_operator, old_fund)) = before else {
        return Ok(false);
    };
    let operator = operator.map(OperatorType::key);
    sqlx::query("UPDATE networks SET operator_type = $1, regional_fund = $2 WHERE id = $3")
        .bind(operator)
        .bind(regional_fund as i64)
        .bind(network_id)
        .execute(&mut *conn)
        .await?;
    let detail = serde_json::json!({
        "operator_type": [old_operator, operator],
        "regional_fund": [old_fund != 0, regional_fund],
    });
    super::audit_log::append(
        conn,
        actor,
        "classify_network",
        &crate::audit_log::Entity::Network(network_id),
        &detail,
    )
    .await?;
    Ok(true)
}
