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
//! - **その他 needs its text** (warnings only), see `other_text_warnings`.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Answers, Fee, StartStatus, Tri};
use super::definition::{AnswerKind, Edition, Group, Item};
use super::geography::PREFECTURES;
use crate::i18n::Label;

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
                        AnswerKind::Tri | AnswerKind::Fee { .. } | AnswerKind::StartStatus
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
            Some(answer) => check_item(item, answer, this_year, out),
            None if item.required && !item.retired => out.push(required(item)),
            None => {}
        }
    }
    let g = GroupCtx {
        group,
        answers,
        this_year,
        start,
    };
    g.start_year(out);
    g.status_and_count(out);
    g.fee_and_amount(out);
    g.budget_breakdown(out);
    g.none_check(out);
    other_text_warnings(group, answers, out);
}

// ---------------------------------------------------------------------------
// Per item

fn check_item(item: &Item, answer: &Answer, this_year: i32, out: &mut Vec<Issue>) {
    if let Some(message) = kind_error(&item.kind, answer) {
        out.push(error(&item.key, message));
        return;
    }
    if item.retired {
        return;
    }
    if item.required && !is_answered(answer) {
        out.push(required(item));
        return;
    }
    if let Some(message) = value_error(&item.kind, answer, this_year) {
        out.push(error(&item.key, message));
    }
}

/// Whether the answer's variant (and choice keys) fit the kind.
fn kind_error(kind: &AnswerKind, answer: &Answer) -> Option<Label> {
    use AnswerKind as K;
    let fits = match (kind, answer) {
        (K::Bearers { choices }, Answer::Choices(chosen)) => {
            let unknown: Vec<&str> = chosen
                .iter()
                .filter(|c| !choices.iter().any(|choice| choice.key == **c))
                .map(String::as_str)
                .collect();
            if unknown.is_empty() {
                return None;
            }
            let list = unknown.join(", ");
            return Some(owned(
                format!("選択肢にない値です（{list}）。"),
                format!("Not one of the choices: {list}."),
            ));
        }
        (K::Tri, Answer::Tri(_))
        | (K::Count | K::Yen | K::KiloYen | K::Year, Answer::Number(_))
        | (K::Fee { .. }, Answer::Fee(_))
        | (K::Check, Answer::Check(_))
        | (K::StartStatus, Answer::StartStatus(_))
        | (
            K::Text | K::TextArea | K::Url | K::Email | K::Postal | K::Phone | K::Prefecture,
            Answer::Text(_),
        ) => true,
        _ => false,
    };
    (!fits).then(|| {
        Label::new(
            "回答の形式がこの項目に合いません。",
            "This answer does not fit the item.",
        )
    })
}

/// The single-item rules, for an answer whose variant fits the kind.
fn value_error(kind: &AnswerKind, answer: &Answer, this_year: i32) -> Option<Label> {
    use AnswerKind as K;
    match (kind, answer) {
        (K::Count, Answer::Number(n)) if !(0..=MAX_COUNT).contains(n) => {
            Some(Label::new("0から1,000,000までの整数で入力してください。", "Enter a whole number from 0 to 1,000,000."))
        }
        (K::Yen, Answer::Number(n)) if *n < 0 => {
            Some(Label::new("0円以上の金額を入力してください。", "Enter an amount of 0 yen or more."))
        }
        (K::KiloYen, Answer::Number(n)) if !(0..=MAX_KILO_YEN).contains(n) => Some(Label::new(
            "0から100,000,000（千円）までの金額を入力してください。",
            "Enter an amount from 0 to 100,000,000 (thousand yen).",
        )),
        (K::Year, Answer::Number(n)) => {
            let max = this_year + YEARS_AHEAD;
            (!(i64::from(MIN_YEAR)..=i64::from(max)).contains(n)).then(|| {
                owned(
                    format!("{MIN_YEAR}年から{max}年までの西暦で入力してください。"),
                    format!("Enter a year from {MIN_YEAR} to {max}."),
                )
            })
        }
        (K::Fee { undecided: false }, Answer::Fee(Fee::Undecided)) => Some(Label::new(
            "この項目では「未定」は選べません。無料か有料を選んでください。",
            "“Undecided” is not available here; choose free or paid.",
        )),
        (K::Bearers { .. }, Answer::Choices(chosen)) if chosen.contains(UNDECIDED) && chosen.len() > 1 => Some(Label::new(
            "「未定」はほかの選択肢と一緒には選べません。",
            "“Undecided” cannot be combined with other choices.",
        )),
        (K::Url, Answer::Text(t)) if !t.is_empty() && !is_url(t) => Some(Label::new(
            "URLは http:// または https:// で始まる形で入力してください（例: https://example.jp/）。",
            "Enter a web address starting with http:// or https://, e.g. https://example.jp/.",
        )),
        (K::Email, Answer::Text(t)) if !t.is_empty() && !is_email(t) => Some(Label::new(
            "Eメールアドレスの形式が正しくありません（例: name@example.jp）。",
            "Enter an email address such as name@example.jp.",
        )),
        (K::Postal, Answer::Text(t)) if !t.is_empty() && !is_postal(t) => Some(Label::new(
            "郵便番号は「123-4567」の形で入力してください。",
            "Enter the postal code as 123-4567.",
        )),
        (K::Phone, Answer::Text(t)) if !t.is_empty() => phone_error(t),
        (K::Prefecture, Answer::Text(t)) if !t.is_empty() && !PREFECTURES.iter().any(|(p, _)| *p == t.as_str()) => Some(
            Label::new("都道府県を一覧から選んでください。", "Choose a prefecture from the list."),
        ),
        _ => None,
    }
}

/// The choice key that means "not decided yet".
const UNDECIDED: &str = "undecided";

fn is_url(s: &str) -> bool {
    let lower_prefix = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let rest = if lower_prefix("https://") {
        &s[8..]
    } else if lower_prefix("http://") {
        &s[7..]
    } else {
        return false;
    };
    if rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    // An optional numeric port.
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return false,
        None => authority,
    };
    host.contains('.') && is_domain(host)
}

/// Dot-separated labels of letters, digits and inner hyphens (any script).
fn is_domain(s: &str) -> bool {
    s.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    })
}

pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "@<>()[]\\,;:\"".contains(c));
    let tld = domain.rsplit('.').next().unwrap_or("");
    local_ok
        && domain.contains('.')
        && is_domain(domain)
        && tld.chars().count() >= 2
        && !tld.chars().all(|c| c.is_ascii_digit())
}

fn is_postal(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8
        && b[3] == b'-'
        && b[..3].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_digit)
}

fn phone_error(s: &str) -> Option<Label> {
    if !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Some(Label::new(
            "電話番号は半角の数字とハイフンで入力してください（例: 03-1234-5678）。",
            "Enter the number with digits and hyphens only, e.g. 03-1234-5678.",
        ));
    }
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    (!(9..=13).contains(&digits)).then(|| {
        Label::new(
            "電話番号の桁数が正しくありません（市外局番から入力してください）。",
            "The number has too few or too many digits; include the area code.",
        )
    })
}

// ---------------------------------------------------------------------------
// Within a group

struct GroupCtx<'a> {
    group: &'a Group,
    answers: &'a Answers,
    this_year: i32,
    /// Where this group's issues start in the output.
    start: usize,
}

impl<'a> GroupCtx<'a> {
    /// Non-retired items of the group.
    fn items(&self) -> impl Iterator<Item = &'a Item> {
        self.group.items.iter().filter(|i| !i.retired)
    }

    /// The non-retired item with this leaf whose kind passes `kind`.
    fn by_leaf(&self, name: &str, kind: fn(&AnswerKind) -> bool) -> Option<&'a Item> {
        self.items().find(|i| leaf(&i.key) == name && kind(&i.kind))
    }

    fn by_kind(&self, kind: fn(&AnswerKind) -> bool) -> Option<&'a Item> {
        self.items().find(|i| kind(&i.kind))
    }

    /// Whether the group's per-item checks already found an error on `item`
    /// (cross-item rules then stay quiet about it).
    fn has_error(&self, out: &[Issue], item: &Item) -> bool {
        out[self.start..]
            .iter()
            .any(|i| i.severity == Severity::Error && i.item == item.key)
    }

    fn number(&self, item: &Item) -> Option<i64> {
        self.answers.number(&item.key)
    }

    /// Start year against the group's start status.
    fn start_year(&self, out: &mut Vec<Issue>) {
        let Some(status_item) = self.by_kind(|k| *k == AnswerKind::StartStatus) else {
            return;
        };
        let Some(Answer::StartStatus(status)) = self.answers.get(&status_item.key) else {
            return;
        };
        for item in self.items().filter(|i| i.kind == AnswerKind::Year) {
            let Some(year) = self.number(item) else {
                continue;
            };
            if self.has_error(out, item) {
                continue;
            }
            let this_year = self.this_year;
            let message = match status {
                StartStatus::Started if year > i64::from(this_year) => owned(
                    format!("サービス開始済みの場合、開始年は{this_year}年以前にしてください。"),
                    format!(
                        "A service that has started needs a start year of {this_year} or earlier."
                    ),
                ),
                StartStatus::Planned if year < i64::from(this_year) => owned(
                    format!("サービス開始予定の場合、開始年は{this_year}年以降にしてください。"),
                    format!("A planned service needs a start year of {this_year} or later."),
                ),
                _ => continue,
            };
            out.push(error(&item.key, message));
        }
    }

    /// `status` (tri) against `count`.
    fn status_and_count(&self, out: &mut Vec<Issue>) {
        let (Some(status), Some(count)) = (
            self.by_leaf("status", |k| *k == AnswerKind::Tri),
            self.by_leaf("count", |k| *k == AnswerKind::Count),
        ) else {
            return;
        };
        let Some(tri) = self.answers.tri(&status.key) else {
            return;
        };
        if self.has_error(out, count) {
            return;
        }
        let n = self.number(count);
        let message = match tri {
            Tri::InProgress | Tri::Planned if n.unwrap_or(0) <= 0 => Label::new(
                "「実施中」または「実施予定あり」の場合は参加数（1以上）を入力してください。",
                "Enter the number participating (1 or more) when the status is in progress or planned.",
            ),
            Tri::None if n.unwrap_or(0) != 0 => Label::new(
                "「実施なし・予定なし」の場合、参加数は空欄か0にしてください。",
                "Leave the number empty or 0 when the status is none.",
            ),
            _ => return,
        };
        out.push(error(&count.key, message));
    }

    /// Each fee against the group's monthly amount.
    fn fee_and_amount(&self, out: &mut Vec<Issue>) {
        let Some(amount) = self.by_kind(|k| *k == AnswerKind::Yen) else {
            return;
        };
        if self.has_error(out, amount) {
            return;
        }
        let n = self.number(amount).unwrap_or(0);
        for fee in self
            .items()
            .filter(|i| matches!(i.kind, AnswerKind::Fee { .. }))
        {
            let message = match self.answers.get(&fee.key) {
                Some(Answer::Fee(Fee::Paid)) if n <= 0 => Label::new(
                    "有料の場合は月額を入力してください。",
                    "Enter the monthly amount for a paid service.",
                ),
                Some(Answer::Fee(Fee::Free)) if n != 0 => Label::new(
                    "無料の場合、月額は空欄か0にしてください。",
                    "Leave the monthly amount empty or 0 for a free service.",
                ),
                _ => continue,
            };
            out.push(error(&amount.key, message));
            return;
        }
    }

    /// maintenance + other_cost ≤ operating.
    fn budget_breakdown(&self, out: &mut Vec<Issue>) {
        let kyen = |k: &AnswerKind| *k == AnswerKind::KiloYen;
        let Some(operating) = self.by_leaf("operating", kyen) else {
            return;
        };
        let parts: Vec<&Item> = ["maintenance", "other_cost"]
            .iter()
            .filter_map(|n| self.by_leaf(n, kyen))
            .collect();
        let Some(&target) = parts.first() else { return };
        let Some(total) = self.number(operating) else {
            return;
        };
        if self.has_error(out, operating) || parts.iter().any(|p| self.has_error(out, p)) {
            return;
        }
        let sum = parts
            .iter()
            .filter_map(|p| self.number(p))
            .fold(0i64, i64::saturating_add);
        if sum > total {
            out.push(error(
                &target.key,
                owned(
                    format!("保守費とその他費用の合計（{sum}千円）が運用費用（{total}千円）を超えています。"),
                    format!(
                        "Maintenance and other costs ({sum} thousand yen) add up to more than the operating cost ({total} thousand yen)."
                    ),
                ),
            ));
        }
    }

    /// A ticked `no_…` box against in-progress tri items of the same group.
    fn none_check(&self, out: &mut Vec<Issue>) {
        for check in self
            .items()
            .filter(|i| i.kind == AnswerKind::Check && leaf(&i.key).starts_with("no_"))
        {
            if self.answers.get(&check.key) != Some(&Answer::Check(true)) {
                continue;
            }
            let Some(active) = self.items().find(|i| {
                i.kind == AnswerKind::Tri && self.answers.tri(&i.key) == Some(Tri::InProgress)
            }) else {
                continue;
            };
            out.push(error(
                &check.key,
                owned(
                    format!(
                        "「{}」と「{}」（実施中）は同時に選べません。どちらかを見直してください。",
                        check.label.ja, active.label.ja
                    ),
                    format!(
                        "“{}” is ticked while “{}” is in progress; please correct one of them.",
                        check.label.en, active.label.en
                    ),
                ),
            ));
        }
    }
}

/// Warnings for an "other" that is selected but not described.
///
/// The rule is data-driven, by kind and key leaf within one group:
/// - a `Tri` item with leaf `other` that is in progress or planned, and a
///   `Text`/`TextArea` item in the same group whose leaf is `other_services`,
///   starts with `other_` or ends with `_other`: that text must not be blank;
/// - a `Bearers` item with leaf `X` whose answer includes the choice `other`,
///   and a `Text`/`TextArea` item with leaf `X_other` in the same group (2012:
///   `bearers.current.construction` / `construction_other`): that text must not
///   be blank.
///
/// A group whose `other` is itself a text item (the 2012 consent and system
/// groups) has nothing to check, and neither has a tri `other` without such a
/// text in its group (2012: `services.diseases.other`). The warning goes on
/// the text item, where the respondent should type.
fn other_text_warnings(group: &Group, answers: &Answers, out: &mut Vec<Issue>) {
    let is_text =
        |i: &&Item| !i.retired && matches!(i.kind, AnswerKind::Text | AnswerKind::TextArea);
    let blank = |i: &Item| answers.text(&i.key).is_none_or(|t| t.trim().is_empty());
    let warn = |text: &Item, out: &mut Vec<Issue>| {
        out.push(Issue {
            item: text.key.clone(),
            severity: Severity::Warning,
            message: Label::new(
                "「その他」を選んだ場合は、その内容を記入してください。",
                "You chose “Other”; please say what it is.",
            ),
        })
    };
    for item in group.items.iter().filter(|i| !i.retired) {
        match &item.kind {
            AnswerKind::Tri if leaf(&item.key) == "other" => {
                if !answers.tri(&item.key).is_some_and(Tri::is_active) {
                    continue;
                }
                let text = group.items.iter().filter(is_text).find(|t| {
                    let l = leaf(&t.key);
                    l == "other_services" || l.starts_with("other_") || l.ends_with("_other")
                });
                if let Some(text) = text.filter(|&t| blank(t)) {
                    warn(text, out);
                }
            }
            AnswerKind::Bearers { .. } => {
                let Some(Answer::Choices(chosen)) = answers.get(&item.key) else {
                    continue;
                };
                if !chosen.contains("other") {
                    continue;
                }
                let want = format!("{}_other", leaf(&item.key));
                if let Some(text) = group
                    .items
                    .iter()
                    .filter(is_text)
                    .find(|t| leaf(&t.key) == want)
                    .filter(|&t| blank(t))
                {
                    warn(text, out);
                }
            }
            _ => {}
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::Section;
    use crate::edition_2012;
    use std::collections::BTreeSet;

    const YEAR: i32 = 2013;

    fn e() -> Edition {
        edition_2012::edition()
    }

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        let mut a = Answers::default();
        for (k, v) in pairs {
            a.set(*k, v.clone());
        }
        a
    }

    fn text(s: &str) -> Answer {
        Answer::Text(s.to_string())
    }

    fn choices(keys: &[&str]) -> Answer {
        Answer::Choices(keys.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>())
    }

    /// The issues about one item, with the required name filled in.
    fn issues_for(edition: &Edition, pairs: &[(&str, Answer)], key: &str) -> Vec<Issue> {
        let mut a = answers(pairs);
        a.0.entry("overview.main.name".into())
            .or_insert(text("連携ネット"));
        validate(edition, &a, YEAR)
            .into_iter()
            .filter(|i| i.item == key)
            .collect()
    }

    fn errors(pairs: &[(&str, Answer)], key: &str) -> usize {
        issues_for(&e(), pairs, key)
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count()
    }

    fn warnings(pairs: &[(&str, Answer)], key: &str) -> usize {
        issues_for(&e(), pairs, key)
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .count()
    }

    /// A valid answer for every item of an edition, chosen by kind.
    fn full_answers(edition: &Edition) -> Answers {
        let mut a = Answers::default();
        for (_, item) in edition.items() {
            let l = leaf(&item.key);
            let answer = match &item.kind {
                AnswerKind::Tri => Answer::Tri(Tri::InProgress),
                AnswerKind::Count => Answer::Number(12),
                AnswerKind::Yen => Answer::Number(3000),
                AnswerKind::KiloYen => {
                    Answer::Number(if l == "operating" { 10_000 } else { 1_000 })
                }
                AnswerKind::Fee { .. } => Answer::Fee(Fee::Paid),
                AnswerKind::Bearers { choices } => Answer::Choices([choices[0].key.clone()].into()),
                AnswerKind::Text | AnswerKind::TextArea => text("あいう"),
                AnswerKind::Url => text("https://example.jp/net"),
                AnswerKind::Email => text("info@example.jp"),
                AnswerKind::Postal => text("123-4567"),
                AnswerKind::Phone => text("03-1234-5678"),
                AnswerKind::Year => Answer::Number(2010),
                AnswerKind::Check => Answer::Check(false),
                AnswerKind::StartStatus => Answer::StartStatus(StartStatus::Started),
                AnswerKind::Prefecture => text("東京都"),
            };
            a.set(item.key.clone(), answer);
        }
        a
    }

    // --- whole response -------------------------------------------------

    #[test]
    fn a_full_valid_response_has_no_issues() {
        let edition = e();
        let a = full_answers(&edition);
        assert_eq!(validate(&edition, &a, YEAR), vec![]);
        for s in &edition.sections {
            assert_eq!(
                section_state(&edition, &a, &s.key, YEAR),
                SectionState::Complete,
                "{}",
                s.key
            );
        }
    }

    #[test]
    fn an_empty_response_only_lacks_the_required_name() {
        let issues = validate(&e(), &Answers::default(), YEAR);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].item, "overview.main.name");
        assert_eq!(issues[0].severity, Severity::Error);
        assert!(issues[0].message.ja.contains("システムの名称"));
        assert!(has_errors(&issues));
    }

    #[test]
    fn validating_the_whole_questionnaire_is_fast() {
        let edition = e();
        let a = full_answers(&edition);
        let runs = 200;
        let t = std::time::Instant::now();
        for _ in 0..runs {
            assert!(validate(&edition, &a, YEAR).is_empty());
        }
        let each = t.elapsed() / runs;
        // Well under 1 ms in release; generous here for unoptimised, busy test machines.
        assert!(
            each < std::time::Duration::from_millis(5),
            "{each:?} per validation"
        );
    }

    #[test]
    fn issues_round_trip_through_json() {
        let issues = validate(&e(), &answers(&[("x.y.z", Answer::Check(true))]), YEAR);
        let json = serde_json::to_string(&issues).unwrap();
        assert!(json.contains(r#""severity":"error""#));
        assert_eq!(serde_json::from_str::<Vec<Issue>>(&json).unwrap(), issues);
    }

    #[test]
    fn has_errors_ignores_warnings() {
        let w = Issue {
            item: "a".into(),
            severity: Severity::Warning,
            message: Label::new("w", "w"),
        };
        assert!(!has_errors(std::slice::from_ref(&w)));
        assert!(!has_errors(&[]));
        assert!(has_errors(&[
            w,
            Issue {
                item: "a".into(),
                severity: Severity::Error,
                message: Label::new("e", "e")
            }
        ]));
    }

    // --- kind check -----------------------------------------------------

    #[test]
    fn answers_that_do_not_fit_the_kind_are_errors() {
        for (key, answer) in [
            ("services.diseases.hepatitis", text("実施中")),
            ("services.diseases.hepatitis", Answer::Number(1)),
            ("facilities.hospital.count", text("12")),
            ("fees.clinic_current.fee", Answer::Tri(Tri::None)),
            ("overview.main.summary", Answer::Number(3)),
            ("overview.main.start_status", Answer::Tri(Tri::Planned)),
            ("overview.main.start_year", text("2010")),
            ("system.patient_id.no_common_id", Answer::Tri(Tri::None)),
            ("bearers.current.construction", text("mhlw")),
            ("org1.main.prefecture", choices(&["東京都"])),
            ("org1.main.contact_email", Answer::Check(true)),
        ] {
            let issues = issues_for(&e(), &[(key, answer.clone())], key);
            assert_eq!(issues.len(), 1, "{key} {answer:?}");
            assert_eq!(issues[0].message.en, "This answer does not fit the item.");
        }
    }

    #[test]
    fn answers_that_fit_the_kind_pass() {
        for (key, answer) in [
            ("services.diseases.hepatitis", Answer::Tri(Tri::None)),
            ("facilities.hospital.count", Answer::Number(0)),
            ("fees.clinic_current.fee", Answer::Fee(Fee::Free)),
            ("overview.main.summary", text("概要")),
            (
                "overview.main.start_status",
                Answer::StartStatus(StartStatus::Planned),
            ),
            ("system.patient_id.no_common_id", Answer::Check(true)),
            ("bearers.current.construction", choices(&["mhlw", "mic"])),
            ("bearers.current.construction", choices(&[])),
            ("org1.main.prefecture", text("沖縄県")),
            ("org1.main.address", text("")),
        ] {
            assert_eq!(
                issues_for(&e(), &[(key, answer.clone())], key),
                vec![],
                "{key} {answer:?}"
            );
        }
    }

    #[test]
    fn unknown_choices_are_errors() {
        let key = "bearers.current.construction";
        let issues = issues_for(&e(), &[(key, choices(&["mhlw", "aliens"]))], key);
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.en.contains("aliens"));
        // 未定 is only a choice of the planned system.
        assert_eq!(errors(&[(key, choices(&["undecided"]))], key), 1);
        assert_eq!(
            errors(
                &[("bearers.planned.construction", choices(&["undecided"]))],
                "bearers.planned.construction"
            ),
            0
        );
    }

    #[test]
    fn unknown_keys_are_errors() {
        let issues = issues_for(
            &e(),
            &[("services.diseases.diabetes", Answer::Tri(Tri::InProgress))],
            "services.diseases.diabetes",
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, Severity::Error);
        assert!(issues[0].message.en.contains("services.diseases.diabetes"));
        assert_eq!(
            errors(
                &[("nosuchsection.a.b", Answer::Check(true))],
                "nosuchsection.a.b"
            ),
            1
        );
        assert_eq!(errors(&[("", text("x"))], ""), 1);
    }

    #[test]
    fn prefectures_must_be_one_of_the_47() {
        let key = "org2.main.prefecture";
        assert_eq!(errors(&[(key, text("北海道"))], key), 0);
        assert_eq!(errors(&[(key, text("東京"))], key), 1);
        assert_eq!(errors(&[(key, text("Tokyo"))], key), 1);
    }

    // --- required -------------------------------------------------------

    #[test]
    fn required_items_need_non_blank_text() {
        let key = "overview.main.name";
        let only = |a: Answer| {
            validate(&e(), &answers(&[(key, a)]), YEAR)
                .into_iter()
                .filter(|i| i.item == key)
                .count()
        };
        assert_eq!(only(text("あじさいネット")), 0);
        assert_eq!(only(text("")), 1);
        assert_eq!(only(text(" \u{3000} ")), 1);
        assert_eq!(only(Answer::Number(1)), 1);
        assert_eq!(
            validate(&e(), &Answers::default(), YEAR)
                .iter()
                .filter(|i| i.item == key)
                .count(),
            1
        );
    }

    #[test]
    fn retired_items_are_only_kind_checked() {
        let mut edition = e();
        let item = edition.sections[0].groups[0]
            .items
            .iter_mut()
            .find(|i| i.key == "overview.main.name")
            .unwrap();
        item.retired = true;
        assert_eq!(validate(&edition, &Answers::default(), YEAR), vec![]);
        let url = edition.sections[0].groups[0]
            .items
            .iter_mut()
            .find(|i| i.key == "overview.main.public_url")
            .unwrap();
        url.retired = true;
        let key = "overview.main.public_url";
        assert_eq!(
            validate(&edition, &answers(&[(key, text("not a url"))]), YEAR),
            vec![]
        );
        assert_eq!(
            validate(&edition, &answers(&[(key, Answer::Number(1))]), YEAR).len(),
            1
        );
    }

    // --- text kinds -----------------------------------------------------

    #[test]
    fn urls() {
        let key = "overview.main.public_url";
        for good in [
            "http://example.jp",
            "https://example.jp/",
            "HTTPS://www.example.or.jp/net/index.html?a=1#top",
            "https://example.jp:8080/x",
            "https://地域医療.jp/",
        ] {
            assert_eq!(errors(&[(key, text(good))], key), 0, "{good}");
        }
        for bad in [
            "example.jp",
            "www.example.jp",
            "ftp://example.jp",
            "https://",
            "https:///path",
            "http://localhost",
            "https://exa mple.jp",
            "https://example.jp/ x",
            "https://user@example.jp",
            "https://example.jp:port",
            "https://.example.jp",
            "https://example..jp",
            "javascript:alert(1)",
        ] {
            assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
        }
    }

    #[test]
    fn emails() {
        let key = "org1.main.contact_email";
        for good in [
            "info@example.jp",
            "a.b+c@mail.example.or.jp",
            "x_y-z@sub-domain.example.com",
        ] {
            assert_eq!(errors(&[(key, text(good))], key), 0, "{good}");
        }
        for bad in [
            "info",
            "info@",
            "@example.jp",
            "info@example",
            "info@@example.jp",
            "in fo@example.jp",
            "info@example.j",
            "info@example.123",
            "info@-example.jp",
            "a@b@example.jp",
        ] {
            assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
        }
    }

    #[test]
    fn postal_codes_are_stored_normalised() {
        let key = "org1.main.postal_code";
        assert_eq!(errors(&[(key, text("123-4567"))], key), 0);
        for bad in [
            "1234567",
            "１２３-４５６７",
            "123-456",
            "123 4567",
            "12-345678",
        ] {
            assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
        }
    }

    #[test]
    fn phones() {
        let key = "org1.main.phone";
        for good in [
            "03-1234-5678",
            "0312345678",
            "090-1234-5678",
            "0120-123-456",
            "011-123-4567",
        ] {
            assert_eq!(errors(&[(key, text(good))], key), 0, "{good}");
        }
        for bad in [
            "03-1234-567a",
            "03 1234 5678",
            "０３-１２３４-５６７８",
            "(03)1234-5678",
            "1234-5678",
            "03-1234-5678-9012",
            "+81-3-1234-5678",
        ] {
            assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
        }
        assert_eq!(
            errors(&[("org1.main.fax", text("12345"))], "org1.main.fax"),
            1
        );
    }

    // --- numbers --------------------------------------------------------

    #[test]
    fn years_are_in_range() {
        let key = "overview.main.start_year";
        for good in [1990, 2000, YEAR, YEAR + 5] {
            assert_eq!(
                errors(&[(key, Answer::Number(good.into()))], key),
                0,
                "{good}"
            );
        }
        for bad in [1989, YEAR + 6, 0, -2010, 20100] {
            let issues = issues_for(&e(), &[(key, Answer::Number(bad.into()))], key);
            assert_eq!(issues.len(), 1, "{bad}");
            assert!(issues[0].message.en.contains(&(YEAR + 5).to_string()));
        }
    }

    #[test]
    fn years_agree_with_the_start_status() {
        let (status, year) = ("overview.main.start_status", "overview.main.start_year");
        let started = Answer::StartStatus(StartStatus::Started);
        let planned = Answer::StartStatus(StartStatus::Planned);
        assert_eq!(
            errors(
                &[(status, started.clone()), (year, Answer::Number(2010))],
                year
            ),
            0
        );
        assert_eq!(
            errors(
                &[
                    (status, started.clone()),
                    (year, Answer::Number(YEAR.into()))
                ],
                year
            ),
            0
        );
        assert_eq!(
            errors(
                &[
                    (status, started.clone()),
                    (year, Answer::Number((YEAR + 1).into()))
                ],
                year
            ),
            1
        );
        assert_eq!(
            errors(
                &[
                    (status, planned.clone()),
                    (year, Answer::Number((YEAR + 1).into()))
                ],
                year
            ),
            0
        );
        assert_eq!(
            errors(
                &[
                    (status, planned.clone()),
                    (year, Answer::Number(YEAR.into()))
                ],
                year
            ),
            0
        );
        assert_eq!(
            errors(
                &[(status, planned.clone()), (year, Answer::Number(2010))],
                year
            ),
            1
        );
        // Out of range: one error, not two.
        assert_eq!(
            errors(&[(status, planned), (year, Answer::Number(1980))], year),
            1
        );
        assert_eq!(errors(&[(year, Answer::Number(YEAR.into()))], year), 0);
    }

    #[test]
    fn counts_are_in_range() {
        let key = "facilities.clinic.count";
        for good in [0, 1, 1_000_000] {
            assert_eq!(errors(&[(key, Answer::Number(good))], key), 0, "{good}");
        }
        for bad in [-1, 1_000_001] {
            assert_eq!(errors(&[(key, Answer::Number(bad))], key), 1, "{bad}");
        }
    }

    #[test]
    fn facility_status_needs_a_matching_count() {
        let (status, count) = ("facilities.pharmacy.status", "facilities.pharmacy.count");
        for tri in [Tri::InProgress, Tri::Planned] {
            assert_eq!(
                errors(&[(status, Answer::Tri(tri))], count),
                1,
                "{tri:?} missing"
            );
            assert_eq!(
                errors(
                    &[(status, Answer::Tri(tri)), (count, Answer::Number(0))],
                    count
                ),
                1,
                "{tri:?} 0"
            );
            assert_eq!(
                errors(
                    &[(status, Answer::Tri(tri)), (count, Answer::Number(3))],
                    count
                ),
                0,
                "{tri:?} 3"
            );
        }
        assert_eq!(errors(&[(status, Answer::Tri(Tri::None))], count), 0);
        assert_eq!(
            errors(
                &[(status, Answer::Tri(Tri::None)), (count, Answer::Number(0))],
                count
            ),
            0
        );
        assert_eq!(
            errors(
                &[(status, Answer::Tri(Tri::None)), (count, Answer::Number(4))],
                count
            ),
            1
        );
        assert_eq!(errors(&[(count, Answer::Number(4))], count), 0);
        // Out of range: one error, not two.
        assert_eq!(
            errors(
                &[
                    (status, Answer::Tri(Tri::None)),
                    (count, Answer::Number(-4))
                ],
                count
            ),
            1
        );
        // Other groups are independent.
        assert_eq!(
            errors(
                &[
                    (status, Answer::Tri(Tri::InProgress)),
                    ("facilities.clinic.count", Answer::Number(0))
                ],
                count
            ),
            1
        );
    }

    #[test]
    fn yen_and_thousand_yen() {
        let yen = "fees.patient_current.monthly";
        assert_eq!(errors(&[(yen, Answer::Number(0))], yen), 0);
        assert_eq!(errors(&[(yen, Answer::Number(1_000_000_000))], yen), 0);
        assert_eq!(errors(&[(yen, Answer::Number(-1))], yen), 1);
        let k = "budget.current.construction";
        for good in [0, 500_000, MAX_KILO_YEN] {
            assert_eq!(errors(&[(k, Answer::Number(good))], k), 0, "{good}");
        }
        for bad in [-1, MAX_KILO_YEN + 1] {
            assert_eq!(errors(&[(k, Answer::Number(bad))], k), 1, "{bad}");
        }
    }

    // --- fees -----------------------------------------------------------

    #[test]
    fn paid_needs_a_monthly_amount_and_free_none() {
        let (fee, monthly) = ("fees.hospital_current.fee", "fees.hospital_current.monthly");
        let paid = Answer::Fee(Fee::Paid);
        let free = Answer::Fee(Fee::Free);
        let issues = issues_for(&e(), &[(fee, paid.clone())], monthly);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].message.ja, "有料の場合は月額を入力してください。");
        assert_eq!(
            errors(
                &[(fee, paid.clone()), (monthly, Answer::Number(0))],
                monthly
            ),
            1
        );
        assert_eq!(
            errors(&[(fee, paid), (monthly, Answer::Number(5000))], monthly),
            0
        );
        assert_eq!(errors(&[(fee, free.clone())], monthly), 0);
        assert_eq!(
            errors(
                &[(fee, free.clone()), (monthly, Answer::Number(0))],
                monthly
            ),
            0
        );
        assert_eq!(
            errors(&[(fee, free), (monthly, Answer::Number(5000))], monthly),
            1
        );
        assert_eq!(errors(&[(monthly, Answer::Number(5000))], monthly), 0);
    }

    #[test]
    fn undecided_fee_only_where_offered() {
        let undecided = Answer::Fee(Fee::Undecided);
        assert_eq!(
            errors(
                &[("fees.care_current.fee", undecided.clone())],
                "fees.care_current.fee"
            ),
            1
        );
        assert_eq!(
            errors(
                &[("fees.care_planned.fee", undecided.clone())],
                "fees.care_planned.fee"
            ),
            0
        );
        assert_eq!(
            errors(
                &[("fees.care_planned.fee", undecided)],
                "fees.care_planned.monthly"
            ),
            0
        );
    }

    // --- budget ---------------------------------------------------------

    #[test]
    fn breakdown_must_not_exceed_operating_cost() {
        let n = Answer::Number;
        let (op, mt, oc) = (
            "budget.planned.operating",
            "budget.planned.maintenance",
            "budget.planned.other_cost",
        );
        assert_eq!(errors(&[(op, n(1000)), (mt, n(600)), (oc, n(400))], mt), 0);
        assert_eq!(errors(&[(op, n(1000)), (mt, n(600)), (oc, n(401))], mt), 1);
        assert_eq!(errors(&[(op, n(1000)), (oc, n(1001))], mt), 1);
        assert_eq!(errors(&[(op, n(0)), (mt, n(1))], mt), 1);
        // No operating cost given: nothing to compare with.
        assert_eq!(errors(&[(mt, n(600)), (oc, n(401))], mt), 0);
        // The error is on maintenance only.
        assert_eq!(errors(&[(op, n(1000)), (mt, n(600)), (oc, n(401))], oc), 0);
        let issues = issues_for(&e(), &[(op, n(1000)), (mt, n(600)), (oc, n(401))], mt);
        assert!(issues[0].message.ja.contains("1001千円"));
        // The running system's budget is separate.
        assert_eq!(
            errors(
                &[(op, n(1000)), ("budget.current.maintenance", n(2000))],
                "budget.current.maintenance"
            ),
            0
        );
    }

    // --- common patient ID ----------------------------------------------

    #[test]
    fn no_common_id_contradicts_an_id_system_in_progress() {
        let none = "system.patient_id.no_common_id";
        let on = Answer::Check(true);
        let issues = issues_for(
            &e(),
            &[
                (none, on.clone()),
                ("system.patient_id.id_link", Answer::Tri(Tri::InProgress)),
            ],
            none,
        );
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.ja.contains("ID-Linkシステムを利用"));
        assert_eq!(
            errors(
                &[
                    (none, on.clone()),
                    ("system.patient_id.id_link", Answer::Tri(Tri::Planned))
                ],
                none
            ),
            0
        );
        assert_eq!(
            errors(
                &[
                    (none, on.clone()),
                    ("system.patient_id.human_bridge", Answer::Tri(Tri::None))
                ],
                none
            ),
            0
        );
        assert_eq!(errors(&[(none, on)], none), 0);
        assert_eq!(
            errors(
                &[
                    (none, Answer::Check(false)),
                    ("system.patient_id.id_link", Answer::Tri(Tri::InProgress))
                ],
                none
            ),
            0
        );
    }

    // --- bearers --------------------------------------------------------

    #[test]
    fn undecided_bearers_stand_alone() {
        let key = "bearers.planned.operation";
        assert_eq!(errors(&[(key, choices(&["undecided"]))], key), 0);
        assert_eq!(errors(&[(key, choices(&["national", "patients"]))], key), 0);
        let issues = issues_for(&e(), &[(key, choices(&["undecided", "national"]))], key);
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.ja.contains("未定"));
    }

    // --- その他 -----------------------------------------------------------

    /// 2012 with a services group that has a tri `other` and an `other_services` text.
    fn edition_with_other_text() -> Edition {
        let mut edition = e();
        let services = edition
            .sections
            .iter_mut()
            .find(|s| s.key == "services")
            .unwrap();
        let mut group = services.groups[0].clone();
        group.key = "extra".into();
        for item in &mut group.items {
            item.key = item.key.replace(".diseases.", ".extra.");
        }
        let mut text = group.items[0].clone();
        text.key = "services.extra.other_services".into();
        text.kind = AnswerKind::Text;
        group.items.push(text);
        services.groups.push(group);
        edition
    }

    #[test]
    fn an_active_other_needs_its_text() {
        let edition = edition_with_other_text();
        let (tri, txt) = ("services.extra.other", "services.extra.other_services");
        let w = |pairs: &[(&str, Answer)]| {
            issues_for(&edition, pairs, txt)
                .iter()
                .filter(|i| i.severity == Severity::Warning)
                .count()
        };
        assert_eq!(w(&[(tri, Answer::Tri(Tri::InProgress))]), 1);
        assert_eq!(w(&[(tri, Answer::Tri(Tri::Planned)), (txt, text(" "))]), 1);
        assert_eq!(
            w(&[(tri, Answer::Tri(Tri::Planned)), (txt, text("糖尿病"))]),
            0
        );
        assert_eq!(w(&[(tri, Answer::Tri(Tri::None))]), 0);
        assert_eq!(w(&[]), 0);
        // A warning is not an error.
        let a = answers(&[
            ("overview.main.name", text("n")),
            (tri, Answer::Tri(Tri::InProgress)),
        ]);
        assert!(!has_errors(&validate(&edition, &a, YEAR)));
    }

    #[test]
    fn no_other_warning_without_a_text_or_when_other_is_the_text() {
        // 2012: services.diseases.other has no text in its group.
        let a = answers(&[
            ("overview.main.name", text("n")),
            ("services.diseases.other", Answer::Tri(Tri::InProgress)),
        ]);
        assert_eq!(validate(&e(), &a, YEAR), vec![]);
        // Consent and system groups: `other` is the text itself.
        let a = answers(&[
            ("overview.main.name", text("n")),
            (
                "consent.patients.per_facility",
                Answer::Tri(Tri::InProgress),
            ),
            ("system.linkage.centralised", Answer::Tri(Tri::Planned)),
        ]);
        assert_eq!(validate(&e(), &a, YEAR), vec![]);
    }

    #[test]
    fn an_other_bearer_needs_its_text() {
        let (key, txt) = (
            "bearers.current.construction",
            "bearers.current.construction_other",
        );
        assert_eq!(warnings(&[(key, choices(&["other"]))], txt), 1);
        assert_eq!(
            warnings(&[(key, choices(&["other", "mhlw"])), (txt, text(""))], txt),
            1
        );
        assert_eq!(
            warnings(&[(key, choices(&["other"])), (txt, text("県の基金"))], txt),
            0
        );
        assert_eq!(warnings(&[(key, choices(&["mhlw"]))], txt), 0);
        assert_eq!(
            warnings(
                &[(key, choices(&["other"]))],
                "bearers.current.operation_other"
            ),
            0
        );
    }

    // --- sections -------------------------------------------------------

    #[test]
    fn validate_section_keeps_to_its_section() {
        let a = answers(&[
            ("facilities.hospital.status", Answer::Tri(Tri::InProgress)),
            ("fees.hospital_current.fee", Answer::Fee(Fee::Paid)),
            ("facilities.dentist.status", Answer::Tri(Tri::None)),
        ]);
        let issues = validate_section(&e(), &a, "facilities", YEAR);
        let keys: Vec<&str> = issues.iter().map(|i| i.item.as_str()).collect();
        assert_eq!(
            keys,
            ["facilities.hospital.count", "facilities.dentist.status"]
        );
        let keys: Vec<String> = validate_section(&e(), &a, "fees", YEAR)
            .into_iter()
            .map(|i| i.item)
            .collect();
        assert_eq!(keys, ["fees.hospital_current.monthly"]);
        assert_eq!(validate_section(&e(), &a, "overview", YEAR).len(), 1); // the required name
        assert_eq!(validate_section(&e(), &a, "budget", YEAR), vec![]);
        assert_eq!(validate_section(&e(), &a, "nosuch", YEAR), vec![]);
    }

    #[test]
    fn section_states() {
        let edition = e();
        let state =
            |pairs: &[(&str, Answer)], s: &str| section_state(&edition, &answers(pairs), s, YEAR);
        assert_eq!(state(&[], "overview"), SectionState::Untouched);
        assert_eq!(
            state(&[("overview.main.name", text(" "))], "overview"),
            SectionState::Untouched
        );
        assert_eq!(
            state(
                &[("services.diseases.heart", Answer::Tri(Tri::None))],
                "facilities"
            ),
            SectionState::Untouched
        );
        assert_eq!(
            state(&[("overview.main.summary", text("概要"))], "overview"),
            SectionState::HasErrors
        );
        assert_eq!(
            state(&[("overview.main.name", text("n"))], "overview"),
            SectionState::InProgress
        );
        assert_eq!(
            state(
                &[
                    ("overview.main.name", text("n")),
                    (
                        "overview.main.start_status",
                        Answer::StartStatus(StartStatus::Started)
                    )
                ],
                "overview"
            ),
            SectionState::Complete
        );
        // Sections without tri/fee/status items are complete once something valid is in.
        assert_eq!(
            state(&[("org1.main.name", text("医師会"))], "org1"),
            SectionState::Complete
        );
        assert_eq!(
            state(&[("org1.main.phone", text("abc"))], "org1"),
            SectionState::HasErrors
        );
        // An unknown key under a section makes it erroneous.
        assert_eq!(
            state(&[("org1.main.nickname", text("x"))], "org1"),
            SectionState::HasErrors
        );
        // Warnings do not stop completion.
        let mut all: Vec<(&str, Answer)> = edition
            .section("bearers")
            .unwrap()
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| matches!(i.kind, AnswerKind::Bearers { .. }))
            .map(|i| (i.key.as_str(), choices(&["other"])))
            .collect();
        assert_eq!(state(&all, "bearers"), SectionState::Complete);
        all.push((
            "bearers.planned.operation",
            choices(&["undecided", "other"]),
        ));
        assert_eq!(state(&all, "bearers"), SectionState::HasErrors);
    }

    #[test]
    fn facilities_complete_needs_every_status() {
        let edition = e();
        let mut a = Answers::default();
        let statuses: Vec<String> = edition
            .section("facilities")
            .unwrap()
            .groups
            .iter()
            .map(|g| format!("facilities.{}.status", g.key))
            .collect();
        for (i, key) in statuses.iter().enumerate() {
            a.set(key.clone(), Answer::Tri(Tri::None));
            let want = if i + 1 == statuses.len() {
                SectionState::Complete
            } else {
                SectionState::InProgress
            };
            assert_eq!(
                section_state(&edition, &a, "facilities", YEAR),
                want,
                "{key}"
            );
        }
        // A retired tri item is not needed.
        let mut edition = edition;
        let section: &mut Section = edition
            .sections
            .iter_mut()
            .find(|s| s.key == "facilities")
            .unwrap();
        let mut extra = section.groups[0].items[0].clone();
        extra.key = "facilities.hospital.old_status".into();
        extra.retired = true;
        section.groups[0].items.push(extra);
        assert_eq!(
            section_state(&edition, &a, "facilities", YEAR),
            SectionState::Complete
        );
    }

    // --- a new edition --------------------------------------------------

    #[test]
    fn a_new_edition_with_diabetes_needs_no_code_change() {
        let mut edition = e();
        edition.id = "2014".into();
        let diseases = edition
            .sections
            .iter_mut()
            .find(|s| s.key == "services")
            .and_then(|s| s.groups.iter_mut().find(|g| g.key == "diseases"))
            .unwrap();
        let mut diabetes = diseases.items[0].clone();
        diabetes.key = "services.diseases.diabetes".into();
        diabetes.label = Label::new("糖尿病", "Diabetes");
        diseases.items.insert(diseases.items.len() - 1, diabetes);

        let key = "services.diseases.diabetes";
        let a = answers(&[
            ("overview.main.name", text("n")),
            (key, Answer::Tri(Tri::InProgress)),
        ]);
        assert_eq!(validate(&edition, &a, YEAR), vec![]);
        // The kind check applies to it too.
        assert_eq!(issues_for(&edition, &[(key, text("yes"))], key).len(), 1);
        // Still unknown in 2012, and other unknown keys are still rejected.
        assert_eq!(errors(&[(key, Answer::Tri(Tri::InProgress))], key), 1);
        let unknown = "services.diseases.asthma";
        assert_eq!(
            issues_for(
                &edition,
                &[(unknown, Answer::Tri(Tri::InProgress))],
                unknown
            )
            .len(),
            1
        );
        // A full response to the new edition is valid and complete.
        let full = full_answers(&edition);
        assert_eq!(validate(&edition, &full, YEAR), vec![]);
        assert_eq!(
            section_state(&edition, &full, "services", YEAR),
            SectionState::Complete
        );
        let mut missing = full.clone();
        missing.clear(key);
        assert_eq!(
            section_state(&edition, &missing, "services", YEAR),
            SectionState::InProgress
        );
    }
}
