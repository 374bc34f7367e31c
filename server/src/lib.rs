//! The server as a library, so integration tests and benchmarks can build the
//! same router, database and import the binary uses.

pub mod assets;
pub mod audit_export;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod export;
pub mod http;
pub mod import;
pub mod logging;
pub mod open_data;
pub mod synthetic;
