//! The database pool the server provides to every request's context (server only).

use crate::error::ApiError;

/// The pool, or an internal error if the router was built without it.
pub fn use_db() -> Result<store::Db, ApiError> {
    leptos::prelude::use_context::<store::Db>().ok_or_else(|| {
        tracing::error!("no database pool in context");
        ApiError::Internal
    })
}
