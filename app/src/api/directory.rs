//! The public directory of networks (別添1) and their detail pages (別添2).
//! Everything here is built from [`PublicAnswers`], so private answers can
//! neither be shown nor be used to filter.

use leptos::prelude::*;

use crate::error::ApiError;
use survey::directory::{DirectoryPage, DirectoryQuery, NetworkDetail};

/// The directory page for a query.
#[server(endpoint = "directory")]
pub async fn get_directory(query: DirectoryQuery) -> Result<DirectoryPage, ApiError> {
    crate::error::with_status(
        async {
            query.check().map_err(ApiError::BadRequest)?;
            let db = crate::db::use_db()?;
            let (edition, records) =
                store::public::public_records(&db, query.edition.as_deref()).await?;
            let entries: Vec<survey::directory::DirectoryEntry> = records
                .iter()
                .map(|r| store::public::directory_entry(&edition, r))
                .collect();
            Ok(DirectoryPage {
                editions: store::editions::public_ids(&db).await?,
                ..survey::directory::query_directory(&edition, &entries, &query)
            })
        }
        .await,
    )
}

/// One network's public detail page in an edition (default: the newest public one it
/// answered), with its history across editions. A network staff removed is gone (410),
/// naming the network it was merged into.
#[server(endpoint = "network")]
pub async fn get_network(id: i64, edition: Option<String>) -> Result<NetworkDetail, ApiError> {
    crate::error::with_status(
        async {
            let db = crate::db::use_db()?;
            if let Some(removal) = store::network_care::removal(&db, id).await? {
                return Err(ApiError::Gone { kept: removal.kept });
            }
            // Every public edition this network answered, newest first.
            let mut answered = Vec::new();
            for edition_id in store::editions::public_ids(&db).await? {
                if let Some(record) = store::networks::valid_record(&db, id, &edition_id).await? {
                    let definition = store::editions::definition(&db, &edition_id)
                        .await?
                        .ok_or(ApiError::NotFound)?;
                    answered.push((definition, record));
                }
            }
            let chosen = match &edition {
                Some(e) => answered
                    .iter()
                    .position(|(d, _)| &d.id == e)
                    .ok_or(ApiError::NotFound)?,
                None => 0,
            };
            let (definition, record) = answered.get(chosen).ok_or(ApiError::NotFound)?;
            let mut detail = store::public::network_detail(definition, record);
            let public: Vec<_> = answered
                .iter()
                .map(|(d, r)| {
                    (
                        d,
                        survey::disclosure::public_answers(d, &r.answers, &r.disclosure),
                    )
                })
                .collect();
            detail.history = public
                .windows(2)
                .map(|w| survey::directory::history_step((w[1].0, &w[1].1), (w[0].0, &w[0].1)))
                .collect();
            detail.editions = answered.iter().map(|(d, _)| d.id.clone()).collect();
            Ok(detail)
        }
        .await,
    )
}
