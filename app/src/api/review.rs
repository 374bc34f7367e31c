//! Staff review of submissions: the queue, one submission with every answer (private
//! sections included) and what changed since the last review, the decision (approve, or
//! return with a note), and classification. Staff correct answers through the
//! questionnaire form itself (`save_response`), with the respondent's validation and
//! version check.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::invalid;
use crate::error::ApiError;
use survey::geography::{OperatorType, Region};
use survey::lifecycle::EditionChoice;
use survey::response::{Change, QueueEntry, ResponseStatus};
use survey::{Answers, DisclosureChoices, Edition};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueue {
    pub login: String,
    pub edition: String,
    pub editions: Vec<EditionChoice>,
    pub entries: Vec<QueueEntry>,
}

/// Everything staff see of one submission. Staff only: private answers included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub login: String,
    pub network_id: i64,
    pub report_no: Option<i64>,
    pub name: String,
    pub prefecture: String,
    /// Follows the prefecture.
    pub region: Option<Region>,
    pub operator: Option<OperatorType>,
    pub regional_fund: bool,
    pub edition: Edition,
    pub answers: Answers,
    pub disclosure: DisclosureChoices,
    pub version: i64,
    pub status: ResponseStatus,
    pub review_note: String,
    pub needs_review: bool,
    pub updated: Option<String>,
    /// Whether staff reviewed it before; if not, every answer counts as changed.
    pub reviewed_before: bool,
    pub changes: Vec<Change>,
}

#[server(endpoint = "review_queue")]
pub async fn get_review_queue(edition: Option<String>) -> Result<ReviewQueue, ApiError> {
    crate::error::with_status(
        async {
            let (me, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
            let entries = store::review::queue(&db, &edition).await?;
            Ok(ReviewQueue {
                login: me.login,
                editions: store::editions::choices(&db).await?,
                edition,
                entries,
            })
        }
        .await,
    )
}

#[server(endpoint = "submission")]
pub async fn get_submission(
    network_id: i64,
    edition: Option<String>,
) -> Result<Submission, ApiError> {
    crate::error::with_status(
        async {
            let (me, db, edition_id) = crate::auth::require_staff_in_edition(edition).await?;
            let edition = store::editions::definition(&db, &edition_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let record = store::networks::record(&db, network_id, &edition_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let state = store::review::state(&db, network_id, &edition_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            Ok(Submission {
                login: me.login,
                network_id,
                report_no: record.report_no,
                region: survey::geography::region_of(&record.prefecture),
                prefecture: record.prefecture,
                operator: record
                    .operator_type
                    .as_deref()
                    .and_then(OperatorType::from_key),
                regional_fund: record.regional_fund,
                changes: survey::response::changes(
                    &edition,
                    state.baseline.as_ref(),
                    &record.answers,
                ),
                edition,
                answers: record.answers,
                disclosure: record.disclosure,
                version: record.version,
                status: record.status,
                review_note: record.review_note,
                needs_review: state.needs_review,
                updated: record.updated_at.map(store::public::japan_date_time),
                reviewed_before: state.baseline.is_some(),
                name: record.name,
            })
        }
        .await,
    )
}

/// Approves version `version` (the one staff looked at) or, with a note, returns it to the
/// respondent. A newer save in between, or a decision already taken on that version, is a
/// 409: staff must look at it first.
#[server(endpoint = "decide_submission")]
pub async fn decide_submission(
    network_id: i64,
    version: i64,
    approve: bool,
    note: String,
    edition: Option<String>,
) -> Result<(), ApiError> {
    use store::review::{decide, Decided, Decision};
    crate::error::with_status(
        async {
            let (me, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
            let note = note.trim().to_string();
            let decision = if approve {
                Decision::Approve
            } else if note.is_empty() || note.chars().count() > 2000 {
                return Err(invalid(
                    "review.note",
                    survey::i18n::Label::new(
                        "差し戻す理由を回答者へのお知らせとして入力してください（2000文字以内）。",
                        "Write the reason for returning it, as a note to the respondent (2000 characters at most).",
                    ),
                ));
            } else {
                Decision::Return { note }
            };
            let mut tx = db.begin().await?;
            match decide(&mut tx, network_id, &edition, version, &decision, &me.actor()).await? {
                Decided::Done => Ok(tx.commit().await?),
                Decided::Stale { current } => Err(ApiError::Conflict { current }),
                Decided::AlreadyDecided => Err(ApiError::AlreadyDecided),
                Decided::Missing => Err(ApiError::NotFound),
            }
        }
        .await,
    )
}

/// Sets the operator type (a key of [`OperatorType`], or empty for unclassified) and the
/// regional-fund flag. The region is not set: it follows the prefecture.
#[server(endpoint = "classify_network")]
pub async fn classify_network(
    network_id: i64,
    operator_type: String,
    regional_fund: bool,
) -> Result<(), ApiError> {
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let operator = match operator_type.as_str() {
                "" => None,
                key => Some(OperatorType::from_key(key).ok_or_else(|| {
                    invalid(
                        "network.operator_type",
                        survey::i18n::Label::new(
                            "代表団体区分を一覧から選んでください。",
                            "Choose an operator type from the list.",
                        ),
                    )
                })?),
            };
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            if !store::review::classify(&mut tx, network_id, operator, regional_fund, &me.actor())
                .await?
            {
                return Err(ApiError::NotFound);
            }
            Ok(tx.commit().await?)
        }
        .await,
    )
}
