//! Database access for the server functions (server only). One implementation
//! over sqlx's `Any` driver serves SQLite and PostgreSQL: portable SQL with
//! `$n` placeholders, BIGINT integers and times, JSON text for answers.

pub mod accounts;
pub mod audit_log;
pub mod charts;
pub mod editions;
pub mod network_care;
pub mod network_notes;
pub mod networks;
pub mod public;
pub mod requests;
pub mod responses;
pub mod review;
pub mod sessions;
pub mod throttle;

use survey::i18n::Label;
use survey::response::ResponseStatus;

pub type Db = sqlx::AnyPool;

/// Why a store call that does more than one query failed. Plain queries return
/// `sqlx::Result`; the layer above maps both to what the person is told.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The edition (or record) asked for does not exist or is not visible.
    #[error("not found")]
    NotFound,
    /// A request the store cannot take as asked (e.g. a chart filter), with why.
    #[error("bad request")]
    BadRequest(Label),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// Work moved off the async threads did not finish.
    #[error("background computation failed")]
    Background,
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A value as the JSON text the database stores (answers, disclosure choices, key sets).
pub(crate) fn json_text(value: &impl serde::Serialize) -> sqlx::Result<String> {
    serde_json::to_string(value).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// A `responses.status` value read back. The migrations allow only the known names, so
/// another one is a damaged row, reported as a decoding error.
pub(crate) fn response_status(stored: &str) -> sqlx::Result<ResponseStatus> {
    ResponseStatus::parse(stored)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown response status {stored:?}").into()))
}

/// The SQL condition under which response `r` of network `n` is a valid answer of a
/// network still listed: the only responses the public sees and the charts count. Valid
/// means approved by staff, or, in an edition whose rule is `submitted`, submitted and not
/// returned ([`survey::lifecycle::ValidRule`]).
pub(crate) const COUNTED: &str = "(n.removed_at IS NULL AND (r.status = 'approved'
    OR (r.status = 'submitted'
        AND (SELECT e.valid_rule FROM editions e WHERE e.id = r.edition_id) = 'submitted')))";
