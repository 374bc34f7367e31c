//! The questionnaire form's data as the server sends it, and a save as the browser sends it
//! back (server functions `response_form` and `save_response`).

use serde::{Deserialize, Serialize};

/// Everything the form needs for one network in the current edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponseForm {
    pub network_id: i64,
    pub name: String,
    pub edition: survey::Edition,
    pub answers: survey::Answers,
    pub disclosure: survey::DisclosureChoices,
    /// 0 when the network has no response in this edition yet.
    pub version: i64,
    pub updated: Option<String>,
    /// A note from staff when they returned the submission.
    pub review_note: String,
    /// The year rules compare against: the edition's year.
    pub this_year: i32,
    /// The edition answers were carried forward from, while some await confirmation.
    pub carried_from: Option<String>,
    /// Carried-forward answers not yet touched or confirmed.
    pub unconfirmed: std::collections::BTreeSet<String>,
    /// Whose browser drafts these are (role and account, never a name): a draft is read back
    /// only under the same sign-in.
    #[serde(default)]
    pub draft_owner: String,
    /// The login of whoever is signed in, for the page's sign-out line.
    #[serde(default)]
    pub signed_in_as: String,
    /// Whether staff are signed in: they see the network's notes beside its answers.
    #[serde(default)]
    pub by_staff: bool,
}

/// A save of one group of sections (A–C, D–G or H–J).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveRequest {
    pub network_id: i64,
    pub save_group: u8,
    pub answers: survey::Answers,
    pub disclosure: survey::DisclosureChoices,
    /// The version the person was editing.
    pub version: i64,
    /// The carried-forward answers still unconfirmed (only the saved group's count).
    #[serde(default)]
    pub unconfirmed: std::collections::BTreeSet<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveOutcome {
    pub version: i64,
    /// When it was saved, in Japan (YYYY-MM-DD HH:MM).
    pub saved_at: String,
}

/// Whether an item's answer is one the store already holds, unchanged: such an answer may
/// fail rules made after it was stored without blocking the rest of its group.
pub fn kept_as_stored(
    stored: Option<&survey::Answers>,
    answers: &survey::Answers,
    key: &str,
) -> bool {
    let kept = stored.and_then(|s| s.get(key));
    kept.is_some() && kept == answers.get(key)
}

/// What the questionnaire page hands its browser module (`crates/form`), as JSON in the
/// page: the form in the page's language, the language, and where to sign in again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormStart {
    pub form: ResponseForm,
    pub lang: survey::i18n::Lang,
    pub login_page: String,
}
