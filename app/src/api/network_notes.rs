//! Staff only: a network's notes and contact log (`survey::notes`), read and added beside the
//! network's answers on `/staff/networks/:id/edit`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use survey::notes::Channel;

/// One note as the page shows it: the author's login, never an account id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRow {
    /// Date and time in Japan.
    pub at: String,
    /// `None` when the server wrote it (an import).
    pub author: Option<String>,
    pub channel: Channel,
    pub text: String,
}

/// A network's notes, oldest first.
#[server(endpoint = "staff_network_notes")]
pub async fn get_network_notes(network_id: i64) -> Result<Vec<NoteRow>, ApiError> {
    crate::error::with_status(
        async {
            crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            notes_of(&db, network_id).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn notes_of(db: &store::Db, network_id: i64) -> Result<Vec<NoteRow>, ApiError> {
    let notes = store::network_notes::of_network(db, network_id).await?;
    Ok(notes
        .into_iter()
        .map(|n| NoteRow {
            at: store::public::japan_date_time(n.at),
            author: n.author,
            channel: n.channel,
            text: n.text,
        })
        .collect())
}

/// Adds a note to a network's log; the log as it is now.
#[server(endpoint = "staff_add_network_note")]
pub async fn add_network_note(
    network_id: i64,
    channel: String,
    note: String,
) -> Result<Vec<NoteRow>, ApiError> {
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let channel = Channel::from_key(&channel).ok_or_else(|| {
                super::invalid(
                    "channel",
                    crate::i18n::ui_networks::NOTE_BAD_CHANNEL.clone(),
                )
            })?;
            let note = survey::notes::checked_note(&note)
                .map_err(|problem| super::invalid("note", problem.label()))?;
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            if !store::network_notes::add(&mut tx, network_id, &me.actor(), channel, note).await? {
                return Err(ApiError::NotFound);
            }
            tx.commit().await?;
            notes_of(&db, network_id).await
        }
        .await,
    )
}
