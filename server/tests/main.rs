//! The server's integration tests, linked into one binary: one module per area. Database
//! tests run on SQLite and on PostgreSQL; `support` makes each test its own fresh database
//! and sends requests to the in-memory router.

// First: its macros are used by the modules below.
#[macro_use]
mod support;

mod audit_log;
mod authorization;
mod charts;
mod database;
mod directory_counts;
mod disclosure;
mod editions;
mod entry_rules;
mod export;
mod hostile;
mod network_care;
mod nothing_lost;
mod open_data;
mod pages;
mod privacy;
mod readonly;
mod report_2012;
mod requests;
mod respondent_api;
mod review;
mod static_files;
mod two_servers;
mod year_two;
