//! What only staff may ask for.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub login: String,
    pub edition: String,
    pub editions: Vec<survey::lifecycle::EditionChoice>,
    pub networks: i64,
    pub responses: i64,
    pub respondents: i64,
}

#[server(endpoint = "staff_overview")]
pub async fn get_staff_overview(edition: Option<String>) -> Result<StaffOverview, ApiError> {
    crate::error::with_status(
        async {
            let (me, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
            let (networks, responses, respondents) = store::networks::totals(&db, &edition).await?;
            Ok(StaffOverview {
                login: me.login,
                editions: store::editions::choices(&db).await?,
                edition,
                networks,
                responses,
                respondents,
            })
        }
        .await,
    )
}
