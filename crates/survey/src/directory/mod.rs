//! The public directory of networks (別添1) and their detail pages (別添2).
//! Everything here is built from [`PublicAnswers`](crate::disclosure::PublicAnswers), so
//! private answers can neither be shown nor be used to filter.

mod detail;
mod listing;
mod query;
#[cfg(test)]
mod tests;

pub use detail::{
    detail_sections, history_step, DetailGroup, DetailRow, DetailSection, DetailValue,
    HistoryChange, HistoryStep, NetworkDetail,
};
pub use listing::{query_directory, DirectoryEntry, DirectoryPage, DirectoryRow, FilterOption};
pub use query::{encode, DirectoryQuery, MAX_SEARCH_CHARS, PER_PAGE};
