//! What a signed-in respondent may ask for: only the networks linked to their account.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNetwork {
    pub id: i64,
    pub name: String,
    pub prefecture: String,
    /// The response's status in the current edition, if there is one.
    pub status: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNetworks {
    pub login: String,
    pub edition: String,
    pub networks: Vec<MyNetwork>,
}

#[server(endpoint = "my_networks")]
pub async fn get_my_networks() -> Result<MyNetworks, ApiError> {
    crate::error::with_status(
        async {
            let me = crate::auth::require_respondent().await?;
            let db = crate::store::use_db()?;
            let edition = crate::store::editions::current(&db).await?.ok_or(ApiError::NotFound)?;
            let networks = crate::store::networks::of_respondent(&db, me.user_id, &edition).await?;
            Ok(MyNetworks { login: me.login, edition, networks })
        }
        .await,
    )
}
