//! Server functions, by audience. Each one checks access first (the guards in
//! `auth`), then calls the store and the pure core; the browser sees only the
//! types defined here.

pub mod audit_log;
pub mod auth;
pub mod closed_survey;
pub mod directory;
pub mod edition_preview;
pub mod editions;
pub mod network_care;
pub mod network_notes;
pub mod public;
pub mod requests;
pub mod respondent;
pub mod review;
pub mod staff;
pub mod staff_accounts;
pub mod submission;

/// A refusal of one field (422), with one message for the person in both languages.
#[cfg(feature = "ssr")]
fn invalid(item: &str, message: crate::i18n::Label) -> crate::error::ApiError {
    crate::error::ApiError::Invalid(vec![survey::validate::Issue {
        item: item.into(),
        severity: survey::validate::Severity::Error,
        message,
    }])
}
