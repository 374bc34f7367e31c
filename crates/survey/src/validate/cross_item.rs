//! Rules that tie items of one group together. They find their items by kind and key leaf,
//! skip retired items, and stay quiet about an item that already has a per-item error.

use super::{error, leaf, owned, Issue, Severity};
use crate::answers::{Answer, Answers, Fee, StartStatus, Tri};
use crate::definition::{AnswerKind, Group, Item};
use crate::i18n::Label;

/// Every cross-item rule for one group, in output order. `start` is where the group's
/// per-item issues begin in `out`.
pub(super) fn check(
    group: &Group,
    answers: &Answers,
    this_year: i32,
    start: usize,
    out: &mut Vec<Issue>,
) {
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
        let Some(status_item) = self.by_kind(|k| matches!(k, AnswerKind::StartStatus { .. }))
        else {
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
