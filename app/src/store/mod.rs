//! Database access for the server functions (server only). One implementation
//! over sqlx's `Any` driver serves SQLite and PostgreSQL: portable SQL with
//! `$n` placeholders, BIGINT integers and times, JSON text for answers.

pub mod accounts;
pub mod audit;
pub mod charts;
pub mod editions;
pub mod networks;
pub mod public;
pub mod requests;
pub mod review;
pub mod responses;
pub mod sessions;
pub mod throttle;

use leptos::prelude::use_context;

use crate::error::ApiError;

pub type Db = sqlx::AnyPool;

/// The pool the server provides to every request's context.
pub fn use_db() -> Result<Db, ApiError> {
    use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database pool in context");
        ApiError::Internal
    })
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
