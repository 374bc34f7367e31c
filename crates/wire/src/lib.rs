//! What crosses the wire between the browser and the server (see Cargo.toml).

pub mod error;
pub mod form;

pub use error::ApiError;
