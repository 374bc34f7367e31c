//! Reusable pieces of the UI.

pub mod action_errors;
pub mod choice;
pub mod credentials;
pub mod edition_select;
pub mod error_notice;
pub mod fields;
pub mod island;
pub mod lang_switch;
pub mod layout;
pub mod loaded;
pub mod logout;
pub mod not_found;
pub mod prefecture_map;
pub mod raw_text;
pub mod staff_edition;
pub mod staff_nav;
