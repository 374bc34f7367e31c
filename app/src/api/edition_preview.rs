//! Staff's preview of an edition's questionnaire (any status: draft, open or closed), as
//! respondents will see it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use survey::lifecycle::EditionStatus;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditionPreview {
    /// The signed-in staff member.
    pub login: String,
    pub status: EditionStatus,
    /// The questionnaire in the page's language only, as the form's island gets it.
    pub edition: survey::Edition,
}

#[server(endpoint = "edition_preview")]
pub async fn get_edition_preview(id: String) -> Result<EditionPreview, ApiError> {
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let status = store::editions::status(&db, &id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let edition = store::editions::definition(&db, &id)
                .await?
                .ok_or(ApiError::NotFound)?;
            Ok(EditionPreview {
                login: me.login,
                status,
                edition: edition.in_language(crate::i18n::page_lang()),
            })
        }
        .await,
    )
}
