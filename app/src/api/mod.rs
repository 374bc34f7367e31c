//! Server functions, by audience. Each one checks access first (the guards in
//! `auth`), then calls the store and the pure core; the browser sees only the
//! types defined here.

pub mod audit_log;
pub mod auth;
pub mod directory;
pub mod editions;
pub mod public;
pub mod requests;
pub mod respondent;
pub mod review;
pub mod staff;
pub mod staff_accounts;

/// The database pool the server provides to every request's context.
#[cfg(feature = "ssr")]
pub fn use_db() -> Result<store::Db, crate::error::ApiError> {
    leptos::prelude::use_context::<store::Db>().ok_or_else(|| {
        tracing::error!("no database pool in context");
        crate::error::ApiError::Internal
    })
}
