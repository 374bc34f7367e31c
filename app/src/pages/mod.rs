//! One module per route.

pub mod charts;
pub mod editions;
pub mod home;
pub mod login;
pub mod network;
pub mod networks;
pub mod password;
pub mod respondent;
pub mod response_form;
pub mod staff;
pub mod staff_accounts;
pub mod staff_audit;
pub mod staff_edition_preview;
pub mod staff_networks;
pub mod staff_requests;
pub mod staff_tracking;
pub mod submit;
