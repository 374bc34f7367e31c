//! The database pool the server provides to every request's context (server only).

use crate::error::ApiError;

/// The pool, or an internal error if the router was built without it.
pub fn use_db() -> Result<store::Db, ApiError> {
    leptos::prelude::use_context::<store::Db>().ok_or_else(|| {
        tracing::error!("no database pool in context");
        ApiError::Internal
    })
}

/// The pool and the current edition's id ([`store::editions::current`]); not found when
/// there is none.
pub async fn use_current_edition() -> Result<(store::Db, String), ApiError> {
    let db = use_db()?;
    let edition = store::editions::current(&db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((db, edition))
}
