//! Server functions, by audience. Each one checks access first (the guards in
//! `auth`), then calls the store and the pure core; the browser sees only the
//! types defined here.

pub mod auth;
pub mod directory;
pub mod public;
pub mod respondent;
pub mod review;
pub mod staff;
