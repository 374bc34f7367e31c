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

/// What an amount field holds, which decides the units it takes (see [`parse_amount`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AmountUnit {
    /// A number of things (participating facilities).
    Count,
    /// Yen.
    Yen,
    /// Thousands of yen.
    KiloYen,
    /// A year, 西暦.
    Year,
}

impl AmountUnit {
    /// The unit as written after a number (「3 千円」, "3 thousand yen"); empty for counts.
    pub fn words(self) -> Label {
        match self {
            AmountUnit::Count => Label::new("", ""),
            AmountUnit::Yen => Label::new("円", "yen"),
            AmountUnit::KiloYen => Label::new("千円", "thousand yen"),
            AmountUnit::Year => Label::new("年", ""),
        }
    }

    /// The range a value of this unit must be in, as a message (the ceilings of
    /// [`crate::validate`]); `None` for years, whose range moves with the edition's year.
    pub fn range_message(self) -> Option<Label> {
        use crate::validate::{MAX_COUNT, MAX_KILO_YEN, MAX_YEN};
        Some(match self {
            AmountUnit::Count => owned(
                format!("0から{}までの整数で入力してください。", grouped(MAX_COUNT)),
                format!("Enter a whole number from 0 to {}.", grouped(MAX_COUNT)),
            ),
            AmountUnit::Yen => owned(
                format!("0から{}円までの金額を入力してください。", grouped(MAX_YEN)),
                format!("Enter an amount from 0 to {} yen.", grouped(MAX_YEN)),
            ),
            AmountUnit::KiloYen => owned(
                format!(
                    "0から{}（千円）までの金額を入力してください。",
                    grouped(MAX_KILO_YEN)
                ),
                format!(
                    "Enter an amount from 0 to {} (thousand yen).",
                    grouped(MAX_KILO_YEN)
                ),
            ),
            AmountUnit::Year => return None,
        })
    }
}

fn owned(ja: String, en: String) -> Label {
    Label {
        ja: ja.into(),
        en: en.into(),
    }
}

/// A whole number with thousands separators: 1234567 → "1,234,567".
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Why an amount (count, yen, thousand yen, year) could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountError {
    /// Something that is not a number: letters, 1e9, 0x10, kanji numerals, other scripts' digits.
    Invalid,
    /// A minus sign, ▲ or △, or an amount in parentheses (an accountant's negative).
    Negative,
    /// A decimal point in a number without 千, 万 or 億 after it.
    Decimal,
    /// Separators that are not every three digits (「1,2,3」, 「3、4」, 「12 34」).
    Grouping,
    /// Tabs or line breaks inside: more than one cell pasted.
    SeveralValues,
    /// A unit that does not fit the field (円 in a count, 施設 in an amount, 人 anywhere).
    WrongUnit,
    /// In the field's unit the amount is not whole (「1,500円」 in thousands of yen: 1.5).
    NotWhole {
        /// The amount in the field's unit, as a decimal ("1.5").
        value: String,
    },
    /// More than any field takes (beyond 64 bits).
    TooLarge,
}

impl AmountError {
    /// A message for the person who typed the amount into a field of `unit`.
    pub fn label(&self, unit: AmountUnit) -> Label {
        let money = matches!(unit, AmountUnit::Yen | AmountUnit::KiloYen);
        match self {
            AmountError::Invalid | AmountError::WrongUnit if money => Label::new(
                "金額を数字で入力してください（例: 3,000 や 3,000円）。",
                "Enter the amount in figures, e.g. 3,000 or 3,000円.",
            ),
            AmountError::WrongUnit if unit == AmountUnit::Count => Label::new(
                "この欄は数（施設数）です。金額や人数の単位は使えません。",
                "This field is a number of facilities; units of money or people cannot be used.",
            ),
            AmountError::Invalid | AmountError::WrongUnit => Label::new(
                "数字で入力してください（例: 12）。",
                "Enter a number, e.g. 12.",
            ),
            AmountError::Negative => Label::new(
                "マイナスの値は入力できません。",
                "Negative numbers are not allowed.",
            ),
            AmountError::Decimal => Label::new(
                "小数は入力できません。整数で入力してください。",
                "Enter a whole number, without decimals.",
            ),
            AmountError::Grouping => Label::new(
                "桁区切りの位置が正しくありません（カンマは3桁ごと）。",
                "The digits are grouped wrongly (commas every three digits).",
            ),
            AmountError::SeveralValues => Label::new(
                "値が複数あります。セルを1つだけ貼り付けてください。",
                "There is more than one value; paste a single cell.",
            ),
            // Only a 千円 field can be given yen that are not whole in its unit.
            AmountError::NotWhole { value } => owned(
                format!("{value}千円になり、千円単位の整数になりません。千円単位の整数で入力してください。"),
                format!("That is {value} thousand yen, not a whole number of thousands; enter whole thousands of yen."),
            ),
            AmountError::TooLarge => unit
                .range_message()
                .unwrap_or(Label::new("数値が大きすぎます。", "The number is too large.")),
        }
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(AmountUnit::Count).en)
    }
}

impl std::error::Error for AmountError {}

/// One character of an amount in its plain form: [`half_width_char`], and the yen signs
/// '￥' and '\' (a yen sign in Japanese fonts) → '¥'.
/// Other spaces (no-break, thin…) become ' '; tabs and line breaks stay (they separate cells).
fn amount_char(c: char) -> char {
    match half_width_char(c) {
        '\u{FFE5}' | '\\' => '¥',
        '\t' | '\n' | '\r' => c,
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Words after a number that name what it counts, by the fields they fit.
const COUNT_WORDS: [&str; 8] = ["施設", "件", "か所", "カ所", "ヶ所", "ヵ所", "ケ所", "箇所"];
const PEOPLE_WORDS: [&str; 2] = ["人", "名"];

/// Reads a whole, non-negative amount for a field of `unit`, as people type or paste it.
///
/// Accepted (and `Ok(None)` for blank input: unanswered):
/// - digits in half or full width, with commas (',' '，' '、' '､') or spaces as thousands
///   separators — only every three digits (「1,234」, not 「1,2,34」 or 「3、4」);
/// - a cell pasted from a spreadsheet: surrounding spaces, tabs and line breaks, surrounding
///   double quotes, a ¥ / ￥ / \ sign in front;
/// - in money fields, 円 after the number and 千, 万, 億 inside it, in yen whatever the field:
///   「3,000円」, 「5千円」, 「1万5千円」, 「1.5万円」, 「150万」. The amount is converted to
///   the field's unit and must be whole in it (「3,000円」 is 3 in a 千円 field, 「1,500円」
///   is refused there). A bare number is in the field's unit;
/// - in counts, 千/万 as numbers and the counter words 施設, 件, か所 (カ所, ヶ所, 箇所…) after
///   it; not 人 or 名 (a number of people is a different question), nor 円;
/// - in years, 年 after the number.
///
/// Refused: a minus sign, ▲, △ or parentheses (negative), a decimal point not followed by
/// 千/万/億, exponents, hexadecimal, kanji numerals, other scripts' digits, several values,
/// and more than 64 bits hold. The ceilings of each kind are [`crate::validate`]'s.
pub fn parse_amount(s: &str, unit: AmountUnit) -> Result<Option<i64>, AmountError> {
    let plain: String = s.chars().map(amount_char).collect();
    let mut t = plain.trim();
    if let Some(inner) = t.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) {
        t = inner.trim();
    }
    if t.is_empty() {
        return Ok(None);
    }
    if t.contains(['\t', '\n', '\r']) {
        return Err(AmountError::SeveralValues);
    }
    let negative =
        |t: &str| t.starts_with(['-', '▲', '△']) || (t.starts_with('(') && t.ends_with(')'));
    if negative(t) {
        return Err(AmountError::Negative);
    }
    let mut money = false;
    if let Some(rest) = t.strip_prefix('¥') {
        t = rest.trim_start();
        money = true;
        if negative(t) {
            return Err(AmountError::Negative);
        }
    }
    // The unit word at the end.
    let mut counted = false;
    let mut year = false;
    if let Some(rest) = t.strip_suffix('円') {
        t = rest.trim_end();
        money = true;
    } else if let Some(rest) = COUNT_WORDS.iter().find_map(|w| t.strip_suffix(w)) {
        t = rest.trim_end();
        counted = true;
    } else if let Some(rest) = t.strip_suffix('年') {
        t = rest.trim_end();
        year = true;
    } else if PEOPLE_WORDS.iter().any(|w| t.ends_with(w)) {
        return Err(AmountError::WrongUnit);
    }
    let fits = match unit {
        AmountUnit::Count => !money && !year,
        AmountUnit::Yen | AmountUnit::KiloYen => !counted && !year,
        AmountUnit::Year => !money && !counted,
    };
    if !fits {
        return Err(AmountError::WrongUnit);
    }
    let (total, multiplied) = read_number(t)?;
    if multiplied && unit == AmountUnit::Year {
        return Err(AmountError::WrongUnit);
    }
    // In yen when a unit of money was written (a multiplier in a money field means 万円);
    // a bare number is in the field's unit.
    let mut value = total;
    if unit == AmountUnit::KiloYen && (money || multiplied) {
        if total % 1000 != 0 {
            let mut fraction = format!("{}", 1000 + total % 1000);
            fraction.remove(0);
            return Err(AmountError::NotWhole {
                value: format!("{}.{}", total / 1000, fraction.trim_end_matches('0')),
            });
        }
        value = total / 1000;
    }
    i64::try_from(value)
        .map(Some)
        .map_err(|_| AmountError::TooLarge)
}

/// The number in an amount without its unit words: groups of a number and 千, 万 or 億 in
/// falling order, the last without one (「1万5,000」); a fraction only before one of them
/// and only as far as it goes (「1.5万」, not 「1.5」 or 「1.2345千」). Returns the whole
/// number (yen, when it is money) and whether a multiplier was written.
fn read_number(t: &str) -> Result<(u64, bool), AmountError> {
    let chars: Vec<char> = t.chars().collect();
    let mut at = 0;
    let mut total: u64 = 0;
    let mut multiplied = false;
    // The multiplier of the group before: the next group must be smaller.
    let mut ceiling: Option<u32> = None;
    let mut any = false;
    loop {
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
        let Some(&c) = chars.get(at) else { break };
        if !c.is_ascii_digit() {
            return Err(match c {
                '.' => AmountError::Decimal,
                _ => AmountError::Invalid,
            });
        }
        let (whole, fraction) = digits(&chars, &mut at)?;
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
        let power: u32 = match chars.get(at) {
            Some('千') => 3,
            Some('万') => 4,
            Some('億') => 8,
            Some(_) => return Err(AmountError::Invalid),
            None => 0,
        };
        if power > 0 {
            at += 1;
            multiplied = true;
        }
        if ceiling.is_some_and(|c| power >= c) || fraction.len() > power as usize {
            return Err(match fraction.is_empty() {
                true => AmountError::Invalid,
                false => AmountError::Decimal,
            });
        }
        // whole.fraction × 10^power, a whole number since the fraction is no longer.
        let mut fraction = fraction;
        fraction.resize(power as usize, 0);
        let group = fraction
            .iter()
            .try_fold(whole, |n, d| n.checked_mul(10)?.checked_add(u64::from(*d)))
            .ok_or(AmountError::TooLarge)?;
        // A later group is less than one of the multiplier before (「1万5,000」, not
        // 「1万50,000」).
        if ceiling.is_some_and(|c| group >= 10u64.pow(c)) {
            return Err(AmountError::Invalid);
        }
        total = total.checked_add(group).ok_or(AmountError::TooLarge)?;
        any = true;
        if power == 0 {
            // A bare number ends the amount.
            if at < chars.len() {
                return Err(AmountError::Invalid);
            }
            break;
        }
        ceiling = Some(power);
    }
    match any {
        true => Ok((total, multiplied)),
        false => Err(AmountError::Invalid),
    }
}

/// Digits from `at` with thousands separators every three, and a fraction after '.':
/// the whole part and the fraction's digits.
fn digits(chars: &[char], at: &mut usize) -> Result<(u64, Vec<u8>), AmountError> {
    let mut value: u64 = 0;
    let mut run = 0usize;
    // Whether the runs of digits between separators are 1–3, then 3, 3…
    let mut grouped = true;
    let mut separated = false;
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    while let Some(&c) = chars.get(*at) {
        match c {
            '0'..='9' => {
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(c as u8 - b'0')))
                    .ok_or(AmountError::TooLarge)?;
                run += 1;
            }
            // A space between digits separates thousands; anywhere else it ends the number.
            ',' | '、' | '､' | ' ' if digit_at(*at + 1) => {
                grouped &= if separated {
                    run == 3
                } else {
                    (1..=3).contains(&run)
                };
                separated = true;
                run = 0;
            }
            ',' | '、' | '､' => return Err(AmountError::Grouping),
            _ => break,
        }
        *at += 1;
    }
    if !grouped || (separated && run != 3) {
        return Err(AmountError::Grouping);
    }
    let mut fraction = Vec::new();
    if chars.get(*at) == Some(&'.') {
        *at += 1;
        while let Some(d) = chars.get(*at).filter(|c| c.is_ascii_digit()) {
            fraction.push(*d as u8 - b'0');
            *at += 1;
        }
        if fraction.is_empty() {
            return Err(AmountError::Decimal);
        }
    }
    Ok((value, fraction))
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

    use AmountUnit::{Count, KiloYen, Year, Yen};

    fn ok(s: &str, unit: AmountUnit) -> i64 {
        match parse_amount(s, unit) {
            Ok(Some(n)) => n,
            other => panic!("{s:?} as {unit:?}: {other:?}"),
        }
    }

    fn err(s: &str, unit: AmountUnit) -> AmountError {
        match parse_amount(s, unit) {
            Err(e) => e,
            other => panic!("{s:?} as {unit:?} should be refused: {other:?}"),
        }
    }

    #[test]
    fn amounts_accept_digits_in_any_width_with_separators() {
        for unit in [Count, Yen, KiloYen] {
            assert_eq!(ok("12345", unit), 12345);
            assert_eq!(ok("１２，３４５", unit), 12345);
            assert_eq!(ok("１２３", unit), 123);
            assert_eq!(ok("1,234,567", unit), 1_234_567);
            assert_eq!(ok("1、234", unit), 1234);
            assert_eq!(ok("1､234", unit), 1234);
            assert_eq!(ok(" 1 000\u{3000}", unit), 1000);
            assert_eq!(ok("1\u{a0}000", unit), 1000);
            assert_eq!(ok("0", unit), 0);
            assert_eq!(ok("007", unit), 7);
            // Mixed widths.
            assert_eq!(ok("１2，３00", unit), 12300);
        }
        assert_eq!(ok("9223372036854775807", Count), i64::MAX);
        assert_eq!(ok("2012", Year), 2012);
        assert_eq!(ok("２０１２年", Year), 2012);
    }

    #[test]
    fn blank_amounts_are_unanswered() {
        for unit in [Count, Yen, KiloYen, Year] {
            assert_eq!(parse_amount("", unit), Ok(None));
            assert_eq!(parse_amount("   ", unit), Ok(None));
            assert_eq!(parse_amount("\u{3000}", unit), Ok(None));
            assert_eq!(parse_amount("\r\n", unit), Ok(None));
            assert_eq!(parse_amount("\"\"", unit), Ok(None));
        }
    }

    #[test]
    fn yen_units_are_converted_to_the_fields_unit() {
        // The examples of issue 18.
        assert_eq!(ok("3,000円", KiloYen), 3);
        assert_eq!(ok("３，０００円", KiloYen), 3);
        assert_eq!(ok("1万円", KiloYen), 10);
        assert_eq!(ok("5千円", Yen), 5000);
        assert_eq!(ok("５千円", Yen), 5000);
        assert_eq!(ok("3,000円", Yen), 3000);
        assert_eq!(ok("3,000 円", Yen), 3000);
        assert_eq!(ok("3千円", KiloYen), 3);
        assert_eq!(ok("1万円", Yen), 10_000);
        assert_eq!(ok("1万5千円", Yen), 15_000);
        assert_eq!(ok("1万5,000円", Yen), 15_000);
        assert_eq!(ok("1万 5000円", Yen), 15_000);
        assert_eq!(ok("1.5万円", Yen), 15_000);
        assert_eq!(ok("1.5万円", KiloYen), 15);
        assert_eq!(ok("１．５万円", KiloYen), 15);
        assert_eq!(ok("2億円", KiloYen), 200_000);
        assert_eq!(ok("1億2,000万円", Yen), 120_000_000);
        assert_eq!(ok("0.5千円", Yen), 500);
        // A multiplier in a money field is yen (「150万」 is 150万円); a bare number is in
        // the field's unit.
        assert_eq!(ok("150万", KiloYen), 1500);
        assert_eq!(ok("5千", Yen), 5000);
        assert_eq!(ok("1500", KiloYen), 1500);
    }

    #[test]
    fn amounts_not_whole_in_the_fields_unit_are_refused_with_the_value() {
        assert_eq!(
            err("1,500円", KiloYen),
            AmountError::NotWhole {
                value: "1.5".into()
            }
        );
        let message = err("1,500円", KiloYen).label(KiloYen);
        assert!(message.ja.contains("1.5千円"), "{}", message.ja);
        assert!(message.en.contains("1.5 thousand yen"), "{}", message.en);
        assert_eq!(
            err("999円", KiloYen),
            AmountError::NotWhole {
                value: "0.999".into()
            }
        );
        assert_eq!(
            err("2,500円", KiloYen),
            AmountError::NotWhole {
                value: "2.5".into()
            }
        );
        assert_eq!(
            err("1万50円", KiloYen),
            AmountError::NotWhole {
                value: "10.05".into()
            }
        );
        // Not even whole in yen (or in things): a decimal.
        assert_eq!(err("1.2345千", Count), AmountError::Decimal);
        assert_eq!(err("1.23456万円", KiloYen), AmountError::Decimal);
    }

    #[test]
    fn pasted_spreadsheet_cells_are_read() {
        assert_eq!(ok("3000\r\n", Yen), 3000);
        assert_eq!(ok("\t3,000\t", Yen), 3000);
        assert_eq!(ok("\"3,000\"\n", Yen), 3000);
        assert_eq!(ok("＂３，０００＂", Yen), 3000);
        assert_eq!(ok("¥3,000", Yen), 3000);
        assert_eq!(ok("￥３，０００", Yen), 3000);
        assert_eq!(ok("\\3,000", Yen), 3000);
        assert_eq!(ok("¥ 3,000", Yen), 3000);
        assert_eq!(ok("¥3,000円", Yen), 3000);
        assert_eq!(ok("¥3,000,000", KiloYen), 3000);
        assert_eq!(err("3000\t4000", Yen), AmountError::SeveralValues);
        assert_eq!(err("3000\r\n4000\r\n", Yen), AmountError::SeveralValues);
    }

    #[test]
    fn counts_take_counter_words_but_not_money_or_people() {
        assert_eq!(ok("12施設", Count), 12);
        assert_eq!(ok("１２ 施設", Count), 12);
        assert_eq!(ok("3件", Count), 3);
        assert_eq!(ok("5か所", Count), 5);
        assert_eq!(ok("5ヶ所", Count), 5);
        assert_eq!(ok("5箇所", Count), 5);
        assert_eq!(ok("1万", Count), 10_000);
        assert_eq!(err("12人", Count), AmountError::WrongUnit);
        assert_eq!(err("12名", Count), AmountError::WrongUnit);
        assert_eq!(err("3,000円", Count), AmountError::WrongUnit);
        assert_eq!(err("¥3,000", Count), AmountError::WrongUnit);
        assert_eq!(err("2012年", Count), AmountError::WrongUnit);
        assert_eq!(err("12施設", Yen), AmountError::WrongUnit);
        assert_eq!(err("12人", Yen), AmountError::WrongUnit);
        assert_eq!(err("2012年", KiloYen), AmountError::WrongUnit);
        assert_eq!(err("2012円", Year), AmountError::WrongUnit);
        assert_eq!(err("2千", Year), AmountError::WrongUnit);
    }

    #[test]
    fn amounts_reject_signs_decimals_and_what_is_not_a_number() {
        for unit in [Count, Yen, KiloYen, Year] {
            assert_eq!(err("-5", unit), AmountError::Negative);
            assert_eq!(err(" －５", unit), AmountError::Negative);
            assert_eq!(err("−1,000", unit), AmountError::Negative);
            assert_eq!(err("▲1,000", unit), AmountError::Negative);
            assert_eq!(err("△1,000", unit), AmountError::Negative);
            assert_eq!(err("(1,000)", unit), AmountError::Negative);
            assert_eq!(err("（１，０００）", unit), AmountError::Negative);
            assert_eq!(err("1.5", unit), AmountError::Decimal);
            assert_eq!(err("１．５", unit), AmountError::Decimal);
            assert_eq!(err("2.0", unit), AmountError::Decimal);
            assert_eq!(err(".5", unit), AmountError::Decimal);
            assert_eq!(err("1.", unit), AmountError::Decimal);
            for hostile in [
                "+5",
                "5-",
                "1e9",
                "1E9",
                "0x10",
                "0b1",
                "NaN",
                "nan",
                "Infinity",
                "inf",
                "abc",
                ",",
                "¥",
                "円",
                "千円",
                "万",
                "三千",
                "３千二百",
                "٣٠٠٠",
                "१२",
                "1万50,000",
                "1千2万",
                "1億億",
                "3円5",
                "1 2 3 千",
                "1,000,",
                "12\"",
                "\"12",
                "1/2",
                "½",
                "１２３４５６７８９０ｘ",
            ] {
                let refused = parse_amount(hostile, unit);
                assert!(refused.is_err(), "{hostile:?} as {unit:?}: {refused:?}");
            }
        }
        assert_eq!(err("¥-3000", Yen), AmountError::Negative);
        assert_eq!(err("1.5円", Yen), AmountError::Decimal);
    }

    #[test]
    fn separators_must_group_thousands() {
        for bad in [
            "1,2,3", "3、4", "12 34", "1,23", "1234,567", "12,3456", "1,,000",
        ] {
            assert_eq!(err(bad, Count), AmountError::Grouping, "{bad}");
        }
    }

    #[test]
    fn huge_amounts_are_refused_with_the_fields_ceiling() {
        assert_eq!(err("9223372036854775808", Count), AmountError::TooLarge);
        assert_eq!(err("99999999999999999999", Yen), AmountError::TooLarge);
        assert_eq!(err(&"9".repeat(60), KiloYen), AmountError::TooLarge);
        assert_eq!(err("9999999999999億円", Yen), AmountError::TooLarge);
        assert!(err("99999999999999999999", Yen)
            .label(Yen)
            .ja
            .contains("100,000,000,000円"));
        assert!(err("99999999999999999999", KiloYen)
            .label(KiloYen)
            .ja
            .contains("100,000,000（千円）"));
        assert!(err("99999999999999999999", Count)
            .label(Count)
            .en
            .contains("1,000,000"));
        // Within 64 bits: read, and left to validation's ceilings.
        assert_eq!(ok("2,000億円", Yen), 200_000_000_000);
    }

    #[test]
    fn amount_errors_have_both_languages() {
        for e in [
            AmountError::Invalid,
            AmountError::Negative,
            AmountError::Decimal,
            AmountError::Grouping,
            AmountError::SeveralValues,
            AmountError::WrongUnit,
            AmountError::NotWhole {
                value: "1.5".into(),
            },
            AmountError::TooLarge,
        ] {
            for unit in [Count, Yen, KiloYen, Year] {
                let label = e.label(unit);
                assert!(
                    !label.ja.is_empty() && !label.en.is_empty(),
                    "{e:?} {unit:?}"
                );
            }
            assert_eq!(e.to_string(), e.label(Count).en);
        }
    }

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(-1_234_567), "-1,234,567");
        assert_eq!(grouped(i64::MIN), "-9,223,372,036,854,775,808");
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
