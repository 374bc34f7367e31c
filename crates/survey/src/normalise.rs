//! Input normalisation, shared by browser and server: what people type
//! (full-width digits, Japanese commas and dashes, stray spaces) becomes the
//! plain value that is stored and validated. Pure functions, no I/O.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// One character to its half-width form (see [`to_half_width`]).
fn half_width_char(c: char) -> char {
    match c {
        // Full-width ASCII variants ！..～ (includes '－' U+FF0D → '-', '，' → ',', '．' → '.').
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        // Ideographic space.
        '\u{3000}' => ' ',
        // Hyphen, horizontal bar, minus sign, half-width prolonged sound mark.
        '\u{2010}' | '\u{2015}' | '\u{2212}' | '\u{FF70}' => '-',
        _ => c,
    }
}

/// Like [`half_width_char`], and also 'ー' (U+30FC) → '-': only for fields that
/// hold nothing but digits and hyphens (postal codes, phone numbers), where a
/// katakana prolonged sound mark can only be a mistyped hyphen.
fn numeric_char(c: char) -> char {
    match c {
        '\u{30FC}' => '-',
        c => half_width_char(c),
    }
}

/// Full-width ASCII variants (U+FF01..U+FF5E) → ASCII, the ideographic space
/// U+3000 → ' ', and the hyphen/minus look-alikes '－' U+FF0D, '‐' U+2010,
/// '−' U+2212, '―' U+2015 and 'ｰ' U+FF70 → '-'. Everything else is kept
/// (in particular 'ー' U+30FC, which is part of ordinary katakana words).
pub fn to_half_width(s: &str) -> String {
    s.chars().map(half_width_char).collect()
}

/// Why an amount (count, yen, thousand yen) could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountError {
    /// A character that is neither a digit nor a separator (units such as 円 included).
    Invalid,
    /// A leading minus sign.
    Negative,
    /// A decimal point.
    Decimal,
    /// More than fits in an `i64`.
    TooLarge,
}

impl AmountError {
    /// A message for the person who typed the amount.
    pub fn label(self) -> Label {
        match self {
            AmountError::Invalid => Label::new(
                "数字だけを入力してください（単位は不要です。カンマ区切りは使えます）。",
                "Enter digits only, without units (commas are fine).",
            ),
            AmountError::Negative => Label::new(
                "マイナスの値は入力できません。",
                "Negative numbers are not allowed.",
            ),
            AmountError::Decimal => Label::new(
                "小数は入力できません。整数で入力してください。",
                "Enter a whole number, without decimals.",
            ),
            AmountError::TooLarge => Label::new("数値が大きすぎます。", "The number is too large."),
        }
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label().en)
    }
}

impl std::error::Error for AmountError {}

/// Reads a whole, non-negative amount (counts, yen, thousands of yen).
///
/// Digits may be half or full width; commas (',' '，' '、' '､') and spaces (half
/// or full width) are ignored wherever they are. Empty or blank input is
/// `Ok(None)` (unanswered). Anything else is an error: a minus sign, a decimal
/// point, units such as 円 or 千円, or a number too large for `i64`.
pub fn parse_amount(s: &str) -> Result<Option<i64>, AmountError> {
    let mut value: i64 = 0;
    let mut any_digit = false;
    let mut any_char = false;
    for c in s.chars().map(half_width_char) {
        match c {
            '0'..='9' => {
                let digit = i64::from(c as u8 - b'0');
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(digit))
                    .ok_or(AmountError::TooLarge)?;
                any_digit = true;
            }
            ',' | '、' | '､' => {}
            c if c.is_whitespace() => continue,
            '-' if !any_char => return Err(AmountError::Negative),
            '.' => return Err(AmountError::Decimal),
            _ => return Err(AmountError::Invalid),
        }
        any_char = true;
    }
    match (any_char, any_digit) {
        (false, _) => Ok(None),
        (true, false) => Err(AmountError::Invalid),
        (true, true) => Ok(Some(value)),
    }
}

/// A Japanese postal code: 7 digits, with or without a hyphen after the third,
/// in any width (and with an optional leading 〒), becomes "NNN-NNNN".
/// Anything else is `None`.
pub fn normalise_postal(s: &str) -> Option<String> {
    let t: String = s.chars().map(numeric_char).collect();
    let t = t.trim();
    let t = t.strip_prefix('〒').map_or(t, str::trim_start);
    let b = t.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    let (head, tail) = match b.len() {
        7 if digits(0..7) => (&t[..3], &t[3..]),
        8 if b[3] == b'-' && digits(0..3) && digits(4..8) => (&t[..3], &t[4..]),
        _ => return None,
    };
    Some(format!("{head}-{tail}"))
}

/// A phone or fax number: half width (hyphen look-alikes, including 'ー',
/// become '-') and trimmed. Whether it is well formed is for validation to say.
pub fn normalise_phone(s: &str) -> String {
    let t: String = s.chars().map(numeric_char).collect();
    t.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_maps_full_width_ascii_and_spaces() {
        assert_eq!(
            to_half_width("ＡＢＣ　ｘｙｚ　０１２３４５６７８９"),
            "ABC xyz 0123456789"
        );
        assert_eq!(to_half_width("！～＠＃（）"), "!~@#()");
        assert_eq!(
            to_half_width("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ"),
            "https://example.jp"
        );
    }

    #[test]
    fn half_width_maps_dash_look_alikes() {
        assert_eq!(to_half_width("０３－１２３４‐５６７８"), "03-1234-5678");
        assert_eq!(to_half_width("1−2―3ｰ4"), "1-2-3-4");
    }

    #[test]
    fn half_width_keeps_everything_else() {
        // The katakana prolonged sound mark stays: it belongs to words.
        assert_eq!(to_half_width("サービス"), "サービス");
        assert_eq!(to_half_width("病院 hospital 、。"), "病院 hospital 、。");
        assert_eq!(to_half_width(""), "");
    }

    #[test]
    fn amounts_accept_digits_in_any_width_with_separators() {
        assert_eq!(parse_amount("12345"), Ok(Some(12345)));
        assert_eq!(parse_amount("１２，３４５"), Ok(Some(12345)));
        assert_eq!(parse_amount("１２３"), Ok(Some(123)));
        assert_eq!(parse_amount("1,234,567"), Ok(Some(1_234_567)));
        assert_eq!(parse_amount("1、234"), Ok(Some(1234)));
        assert_eq!(parse_amount(" 1 000\u{3000}"), Ok(Some(1000)));
        assert_eq!(parse_amount("0"), Ok(Some(0)));
        assert_eq!(parse_amount("007"), Ok(Some(7)));
        assert_eq!(parse_amount("9223372036854775807"), Ok(Some(i64::MAX)));
    }

    #[test]
    fn blank_amounts_are_unanswered() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount("   "), Ok(None));
        assert_eq!(parse_amount("\u{3000}"), Ok(None));
    }

    #[test]
    fn amounts_reject_signs_decimals_units_and_overflow() {
        assert_eq!(parse_amount("-5"), Err(AmountError::Negative));
        assert_eq!(parse_amount(" －５"), Err(AmountError::Negative));
        assert_eq!(parse_amount("−1,000"), Err(AmountError::Negative));
        assert_eq!(parse_amount("1.5"), Err(AmountError::Decimal));
        assert_eq!(parse_amount("１．５"), Err(AmountError::Decimal));
        assert_eq!(parse_amount("100円"), Err(AmountError::Invalid));
        assert_eq!(parse_amount("100千円"), Err(AmountError::Invalid));
        assert_eq!(parse_amount("+5"), Err(AmountError::Invalid));
        assert_eq!(parse_amount("5-"), Err(AmountError::Invalid));
        assert_eq!(parse_amount("1e3"), Err(AmountError::Invalid));
        assert_eq!(parse_amount("abc"), Err(AmountError::Invalid));
        assert_eq!(parse_amount(","), Err(AmountError::Invalid));
        assert_eq!(
            parse_amount("9223372036854775808"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_amount("99999999999999999999"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn amount_errors_have_both_languages() {
        for e in [
            AmountError::Invalid,
            AmountError::Negative,
            AmountError::Decimal,
            AmountError::TooLarge,
        ] {
            assert!(!e.label().ja.is_empty() && !e.label().en.is_empty());
            assert_eq!(e.to_string(), e.label().en);
        }
    }

    #[test]
    fn postal_codes_are_normalised() {
        assert_eq!(normalise_postal("1234567").as_deref(), Some("123-4567"));
        assert_eq!(normalise_postal("123-4567").as_deref(), Some("123-4567"));
        assert_eq!(
            normalise_postal("１２３−４５６７").as_deref(),
            Some("123-4567")
        );
        assert_eq!(
            normalise_postal("１２３ー４５６７").as_deref(),
            Some("123-4567")
        );
        assert_eq!(
            normalise_postal("１２３４５６７").as_deref(),
            Some("123-4567")
        );
        assert_eq!(normalise_postal(" 123-4567 ").as_deref(), Some("123-4567"));
        assert_eq!(normalise_postal("〒 100-0001").as_deref(), Some("100-0001"));
    }

    #[test]
    fn bad_postal_codes_are_rejected() {
        for bad in [
            "",
            "123456",
            "12345678",
            "1234-567",
            "123-45678",
            "12-34567",
            "123 4567",
            "abc-defg",
            "123--4567",
            "１２３",
        ] {
            assert_eq!(normalise_postal(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_are_half_width_and_trimmed() {
        assert_eq!(
            normalise_phone("　０３－１２３４－５６７８ "),
            "03-1234-5678"
        );
        assert_eq!(normalise_phone("03ー1234ー5678"), "03-1234-5678");
        assert_eq!(normalise_phone("090‐1234‐5678"), "090-1234-5678");
        assert_eq!(normalise_phone(""), "");
    }
}
