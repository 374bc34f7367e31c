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
