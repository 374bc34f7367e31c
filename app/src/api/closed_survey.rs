//! When no edition is open, a respondent's answers in the last edition they answered,
//! read-only, with the date the survey closed. Only the network's respondent (or staff) may
//! see them: the same guard as the form.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// A network's answers in a closed edition, to show, not to edit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosedAnswers {
    pub network_id: i64,
    pub name: String,
    /// The edition shown, in the page's language only.
    pub edition: survey::Edition,
    /// False when the network answered nothing in any public edition: `edition` is then the
    /// newest closed one and `answers` are empty.
    pub answered: bool,
    pub answers: survey::Answers,
    pub disclosure: survey::DisclosureChoices,
    /// When the edition closed, in Japan (YYYY-MM-DD); None for an edition closed before
    /// dates were recorded.
    pub closed_on: Option<String>,
    /// When the answers were last saved, in Japan.
    pub updated: Option<String>,
    pub this_year: i32,
}

/// The closed survey's answers for one network, or `None` while an edition is open (the
/// form is then the way to see and change them). Not found when the network does not exist
/// or no edition has closed yet.
#[server(endpoint = "closed_answers")]
pub async fn get_closed_answers(network_id: i64) -> Result<Option<ClosedAnswers>, ApiError> {
    crate::error::with_status(
        async {
            let db = crate::db::use_db()?;
            super::respondent::require_editor(&db, network_id).await?;
            if store::editions::open(&db).await?.is_some() {
                return Ok(None);
            }
            let name: String = sqlx::query_scalar("SELECT name FROM networks WHERE id = $1")
                .bind(network_id)
                .fetch_optional(&db)
                .await?
                .ok_or(ApiError::NotFound)?;
            let (edition_id, record) = match store::editions::last_answered(&db, network_id).await?
            {
                Some(id) => {
                    let record = store::networks::record(&db, network_id, &id).await?;
                    (id, record)
                }
                None => (
                    store::editions::current(&db)
                        .await?
                        .ok_or(ApiError::NotFound)?,
                    None,
                ),
            };
            let edition = store::editions::definition(&db, &edition_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let closed_on = store::editions::closed_at(&db, &edition_id)
                .await?
                .map(store::public::japan_date);
            let this_year = super::respondent::edition_year(&edition);
            let lang = crate::i18n::page_lang();
            Ok(Some(match record {
                Some(r) => ClosedAnswers {
                    network_id,
                    name,
                    edition: edition.in_language(lang),
                    answered: true,
                    answers: r.answers,
                    disclosure: r.disclosure,
                    closed_on,
                    updated: r.updated_at.map(store::public::japan_date),
                    this_year,
                },
                None => ClosedAnswers {
                    network_id,
                    name,
                    edition: edition.in_language(lang),
                    answered: false,
                    answers: Default::default(),
                    disclosure: Default::default(),
                    closed_on,
                    updated: None,
                    this_year,
                },
            }))
        }
        .await,
    )
}
