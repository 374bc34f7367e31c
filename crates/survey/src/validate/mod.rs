//! Validation of a response against its edition, shared by browser and server.
//!
//! Everything is driven by the [`Edition`]: per-item rules follow the item's
//! [`AnswerKind`], and the few rules that tie items together find their items
//! inside one [`Group`] by kind and by the last part of the item key (its
//! *leaf*), never by a list of 2012 keys. A new edition that keeps the same key
//! patterns gets the same rules without a code change.
//!
//! Per item (every answered item):
//! - **Kind check**: the [`Answer`] variant must fit the item's kind, a
//!   [`Answer::Choices`] value must be one of the item's choices, and an answer
//!   for a key the edition does not have is an error. Retired items get this
//!   check only (their old data cannot be edited).
//! - **Required** items must be answered (text: non-blank).
//! - `Url`: `http://` or `https://` and a host name with a dot; `Email`:
//!   `local@domain.tld`; `Postal`: exactly `NNN-NNNN`; `Phone`: only digits and
//!   hyphens, 9–13 digits; `Prefecture`: one of the 47.
//! - `Year`: 1990 ..= this year + 5; `Count`: 0 ..= 1,000,000; `Yen`: ≥ 0;
//!   `KiloYen`: 0 ..= 100,000,000.
//! - `Fee`: 未定 only where the kind offers it; `Bearers`: 未定 (`undecided`)
//!   only on its own.
//!
//! Within a group (only non-retired items, and never on an item that already
//! has an error):
//! - **Start year**: a `Year` item must agree with the group's `StartStatus`
//!   item: started ⇒ year ≤ this year, planned ⇒ year ≥ this year.
//! - **Status and count**: a `Tri` item with leaf `status` and a `Count` item
//!   with leaf `count`: in progress / planned ⇒ count > 0; none ⇒ count empty or 0.
//! - **Fee and amount**: a `Fee` item and the group's `Yen` item: paid ⇒
//!   amount > 0; free ⇒ amount empty or 0.
//! - **Budget breakdown**: `KiloYen` items with leaves `operating`,
//!   `maintenance` and `other_cost`: when operating is given,
//!   maintenance + other ≤ operating (reported on maintenance).
//! - **"None of these" check**: a `Check` item whose leaf starts with `no_`
//!   (2012: `system.patient_id.no_common_id`) must not be on while any `Tri`
//!   item of its group is in progress.
//! - **その他 needs its text** (warnings only), see `cross_item::other_text_warnings`.

// One file per job: this file holds the public types, the entry points and the walk over the
// edition; the rules themselves live in the files below.
mod cross_item; // rules that tie items of one group together
mod formats; // format checks for the text kinds (URL, e-mail, postal code, phone)
mod item; // rules for one answered item on its own
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Answers};
use super::definition::{AnswerKind, Edition, Group, Item};
use crate::i18n::Label;

pub(crate) use formats::is_email;
pub use formats::is_url;

/// How bad an [`Issue`] is: errors block saving, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about one item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The item key the finding belongs to (an unknown key for unknown items).
    pub item: String,
    pub severity: Severity,
    pub message: Label,
}

/// How far a section has got, for the respondent's overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionState {
    /// No item of the section is answered.
    Untouched,
    /// Something answered, no errors, but not every tri/fee/start-status item.
    InProgress,
    /// Every non-retired tri, fee and start-status item answered, no errors.
    Complete,
    /// At least one [`Severity::Error`].
    HasErrors,
}

/// The earliest start year accepted.
pub const MIN_YEAR: i32 = 1990;
/// How many years ahead of this year a start year may be.
pub const YEARS_AHEAD: i32 = 5;
/// The largest count of participating facilities accepted.
pub const MAX_COUNT: i64 = 1_000_000;
/// The largest amount in thousands of yen accepted (100 billion yen).
pub const MAX_KILO_YEN: i64 = 100_000_000;
/// The largest amount in yen accepted (100 billion yen, as for thousands of yen): sums over
/// any number of responses stay far inside 64 bits.
pub const MAX_YEN: i64 = 100_000_000_000;

/// Every issue of a response, in questionnaire order, then unknown keys.
pub fn validate(edition: &Edition, answers: &Answers, this_year: i32) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut known = HashSet::new();
    for section in &edition.sections {
        for group in &section.groups {
            check_group(group, answers, this_year, &mut out, &mut known);
        }
    }
    unknown_keys(answers.0.keys(), &known, &mut out);
    out
}

/// The issues of one section (including answers under its key prefix that
/// the section does not have).
pub fn validate_section(
    edition: &Edition,
    answers: &Answers,
    section_key: &str,
    this_year: i32,
) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut known = HashSet::new();
    if let Some(section) = edition.section(section_key) {
        for group in &section.groups {
            check_group(group, answers, this_year, &mut out, &mut known);
        }
    }
    unknown_keys(
        answers.0.keys().filter(|k| in_section(k, section_key)),
        &known,
        &mut out,
    );
    out
}

/// Where a section stands; see [`SectionState`].
pub fn section_state(
    edition: &Edition,
    answers: &Answers,
    section_key: &str,
    this_year: i32,
) -> SectionState {
    let touched = answers
        .0
        .iter()
        .any(|(k, a)| in_section(k, section_key) && is_answered(a));
    if !touched {
        return SectionState::Untouched;
    }
    if has_errors(&validate_section(edition, answers, section_key, this_year)) {
        return SectionState::HasErrors;
    }
    let complete = edition.section(section_key).is_some_and(|s| {
        s.groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| {
                !i.retired
                    && matches!(
                        i.kind,
                        AnswerKind::Tri | AnswerKind::Fee { .. } | AnswerKind::StartStatus { .. }
                    )
            })
            .all(|i| answers.get(&i.key).is_some())
    });
    if complete {
        SectionState::Complete
    } else {
        SectionState::InProgress
    }
}

/// What to show next to one item: its issues, errors before warnings, each message once.
/// (Validation reports at most one error per item; an amount that cannot be read is that
/// error, and the rules that would say the amount is missing stay quiet.)
pub fn messages_for<'a>(issues: &'a [Issue], item: &str) -> Vec<&'a Issue> {
    let mut out: Vec<&Issue> = Vec::new();
    for severity in [Severity::Error, Severity::Warning] {
        for issue in issues
            .iter()
            .filter(|i| i.item == item && i.severity == severity)
        {
            if !out
                .iter()
                .any(|i| i.severity == severity && i.message == issue.message)
            {
                out.push(issue);
            }
        }
    }
    out
}

/// Whether any issue is an error.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}

// ---------------------------------------------------------------------------
// Walking

fn in_section(key: &str, section_key: &str) -> bool {
    key.split('.').next() == Some(section_key)
}

/// The last dotted part of an item key.
fn leaf(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// Answered in the sense of "the respondent said something": blank text, an
/// empty choice set and an unticked box say nothing.
fn is_answered(answer: &Answer) -> bool {
    match answer {
        Answer::Text(t) => !t.trim().is_empty(),
        Answer::Choices(c) => !c.is_empty(),
        Answer::Check(on) => *on,
        _ => true,
    }
}

fn unknown_keys<'a>(
    keys: impl Iterator<Item = &'a String>,
    known: &HashSet<&str>,
    out: &mut Vec<Issue>,
) {
    for key in keys {
        if !known.contains(key.as_str()) {
            out.push(error(
                key,
                owned(
                    format!("この調査票にない項目です（{key}）。"),
                    format!("This questionnaire has no item “{key}”."),
                ),
            ));
        }
    }
}

fn check_group<'e>(
    group: &'e Group,
    answers: &Answers,
    this_year: i32,
    out: &mut Vec<Issue>,
    known: &mut HashSet<&'e str>,
) {
    let start = out.len();
    for item in &group.items {
        known.insert(item.key.as_str());
        match answers.get(&item.key) {
            Some(answer) => item::check_item(item, answer, this_year, out),
            None if item.required && !item.retired => out.push(required(item)),
            None => {}
        }
    }
    cross_item::check(group, answers, this_year, start, out);
}

// ---------------------------------------------------------------------------
// Issues

fn owned(ja: String, en: String) -> Label {
    Label {
        ja: Cow::Owned(ja),
        en: Cow::Owned(en),
    }
}

fn error(key: &str, message: Label) -> Issue {
    Issue {
        item: key.to_string(),
        severity: Severity::Error,
        message,
    }
}

fn required(item: &Item) -> Issue {
    error(
        &item.key,
        owned(
            format!("「{}」は必須です。入力してください。", item.label.ja),
            format!("“{}” is required; please fill it in.", item.label.en),
        ),
    )
}
