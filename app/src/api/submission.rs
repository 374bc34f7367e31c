//! The respondent's 提出 (submit) step: what will be public and what private, per section,
//! and the submission itself. Saving keeps a response a draft; only a submission puts it in
//! the staff's review queue, and saving again after submitting makes it a draft again.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use survey::i18n::Label;
use survey::response::ResponseStatus;
use survey::validate::{Issue, SectionState};
use survey::Disclosure;

/// One section as the submit page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionSummary {
    pub letter: String,
    pub title: Label,
    pub state: SectionState,
    pub disclosure: Disclosure,
    /// Never published whatever the choice (the 回答者 block).
    pub staff_only: bool,
}

/// Everything the submit page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmitSummary {
    pub network_id: i64,
    pub name: String,
    pub edition: String,
    /// The version the respondent looks at: the one a submission names.
    pub version: i64,
    pub status: ResponseStatus,
    pub sections: Vec<SectionSummary>,
    /// Errors that must be fixed before submitting, with the item's name.
    pub blocking: Vec<Issue>,
}

/// A network's response in the open edition, as its own respondent submits it.
#[cfg(feature = "ssr")]
struct Owned {
    db: store::Db,
    me: crate::auth::Principal,
    edition_id: String,
    edition: survey::Edition,
    record: store::networks::NetworkRecord,
    /// The errors that block submitting.
    blocking: Vec<Issue>,
}

/// The respondent who owns the network, the open edition and the network's record in it,
/// with the errors that block submitting; not found without a response.
#[cfg(feature = "ssr")]
async fn owned(network_id: i64) -> Result<Owned, ApiError> {
    use survey::validate::{validate, Severity};
    let db = crate::db::use_db()?;
    let me = crate::auth::require_respondent().await?;
    super::respondent::require_editor(&db, network_id).await?;
    let (edition_id, edition) = super::respondent::open_edition(&db).await?;
    let record = store::networks::record(&db, network_id, &edition_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let blocking = validate(
        &edition,
        &record.answers,
        super::respondent::edition_year(&edition),
    )
    .into_iter()
    .filter(|i| i.severity == Severity::Error)
    .collect();
    Ok(Owned {
        db,
        me,
        edition_id,
        edition,
        record,
        blocking,
    })
}

/// The summary of a network's response in the open edition: its own respondent only.
#[server(endpoint = "submit_summary")]
pub async fn get_submit_summary(network_id: i64) -> Result<SubmitSummary, ApiError> {
    use survey::validate::section_state;
    crate::error::with_status(
        async {
            let Owned {
                edition_id,
                edition,
                record,
                blocking,
                ..
            } = owned(network_id).await?;
            let year = super::respondent::edition_year(&edition);
            let sections = edition
                .sections
                .iter()
                .map(|s| SectionSummary {
                    letter: s.letter.clone(),
                    title: s.title.clone(),
                    state: section_state(&edition, &record.answers, &s.key, year),
                    disclosure: s.disclosure_of(&record.disclosure),
                    staff_only: s.staff_only(),
                })
                .collect();
            Ok(SubmitSummary {
                network_id,
                name: record.name,
                edition: edition_id,
                version: record.version,
                status: record.status,
                sections,
                blocking,
            })
        }
        .await,
    )
}

/// Submits version `version` for review. Refused while any answer breaks the rules (422,
/// with the issues), or when the answers changed since the summary was read (409).
#[server(endpoint = "submit_response")]
pub async fn submit_response(network_id: i64, version: i64) -> Result<(), ApiError> {
    use store::responses::{submit, Submitted};
    crate::error::with_status(
        async {
            let Owned {
                db,
                me,
                edition_id,
                blocking,
                ..
            } = owned(network_id).await?;
            if !blocking.is_empty() {
                return Err(ApiError::Invalid(blocking));
            }
            let mut tx = db.begin().await?;
            match submit(&mut tx, network_id, &edition_id, version, &me.actor()).await? {
                Submitted::Done => Ok(tx.commit().await?),
                Submitted::Stale { current } => Err(ApiError::Conflict { current }),
                Submitted::Missing => Err(ApiError::NotFound),
            }
        }
        .await,
    )
}
