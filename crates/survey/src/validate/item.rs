//! Rules for one answered item on its own: does the answer fit the item's kind, is a
//! required item filled in, and is the value in range / well formed.

use super::formats::{is_email, is_postal, is_url, phone_error};
use super::{
    error, is_answered, owned, required, Issue, MAX_COUNT, MAX_KILO_YEN, MAX_YEN, MIN_YEAR,
    YEARS_AHEAD,
};
use crate::answers::{Answer, Fee};
use crate::definition::{AnswerKind, Item};
use crate::entry::{answer_of, Entry};
use crate::geography::PREFECTURES;
use crate::i18n::Label;
use crate::normalise::AmountUnit;

pub(super) fn check_item(item: &Item, answer: &Answer, this_year: i32, out: &mut Vec<Issue>) {
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
    if let Some(message) =
        text_error(item, answer).or_else(|| value_error(&item.kind, answer, this_year))
    {
        out.push(error(&item.key, message));
    }
}

/// What every text answer must keep to: its item's length ([`Item::max_chars`], the same
/// number the form's counter and `maxlength` show), and no control characters (a NUL byte
/// cannot even be stored in PostgreSQL).
fn text_error(item: &Item, answer: &Answer) -> Option<Label> {
    let (Some(max), Answer::Text(text)) = (item.max_chars(), answer) else {
        return None;
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Some(Label::new(
            "使用できない制御文字が含まれています。",
            "The text contains control characters that cannot be used.",
        ));
    }
    let length = text.chars().count();
    (length > max).then(|| {
        owned(
            format!("{max}文字以内で入力してください（現在{length}文字）。"),
            format!("Use at most {max} characters (now {length})."),
        )
    })
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
        // An amount sent as the text typed that could not be read into a number (the server
        // reads the rest, `entry::read_amounts`): why, as the form says it.
        (K::Count | K::Yen | K::KiloYen | K::Year, Answer::Text(text)) => {
            return Some(match answer_of(kind, &Entry::Text(text.clone())) {
                Err(why) => why,
                Ok(_) => Label::new(
                    "回答の形式がこの項目に合いません。",
                    "This answer does not fit the item.",
                ),
            });
        }
        (K::Tri, Answer::Tri(_))
        | (K::Count | K::Yen | K::KiloYen | K::Year, Answer::Number(_))
        | (K::Fee { .. }, Answer::Fee(_))
        | (K::Check, Answer::Check(_))
        | (K::StartStatus { .. }, Answer::StartStatus(_))
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
            AmountUnit::Count.range_message()
        }
        (K::Yen, Answer::Number(n)) if !(0..=MAX_YEN).contains(n) => {
            AmountUnit::Yen.range_message()
        }
        (K::KiloYen, Answer::Number(n)) if !(0..=MAX_KILO_YEN).contains(n) => {
            AmountUnit::KiloYen.range_message()
        }
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
