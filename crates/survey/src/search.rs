//! Name search that suits Japanese: case, full/half width (ＩＤ－ＬＩＮＫ = ID-Link)
//! and katakana/hiragana do not matter, and matches map back to the original
//! text for highlighting.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Half-width katakana voicing marks, which NFKC composes with the kana before them.
fn is_voicing_mark(c: char) -> bool {
    matches!(c, '\u{FF9E}' | '\u{FF9F}')
}

/// The text cut into units (a character, or a half-width kana with its voicing
/// mark), each with its byte range in the original and its folded form.
fn units(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        if let Some(&(i, mark)) = chars.peek() {
            if is_voicing_mark(mark) {
                end = i + mark.len_utf8();
                chars.next();
            }
        }
        out.push((start..end, fold_unit(&text[start..end])));
    }
    out
}

fn fold_unit(unit: &str) -> String {
    unit.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // Katakana ァ..ヶ → hiragana ぁ..ゖ.
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The folded form used for matching.
pub fn fold(text: &str) -> String {
    units(text).into_iter().map(|(_, f)| f).collect()
}

/// A search query, folded once to be matched against many texts: matching is then linear in
/// each text, whatever the query's length.
#[derive(Clone, Debug)]
pub struct Query(String);

impl Query {
    pub fn new(query: &str) -> Self {
        Query(fold(query.trim()))
    }

    /// Whether the query is blank (it then matches nothing and every list shows everything).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the query matches the text.
    pub fn matches(&self, text: &str) -> bool {
        !self.is_empty() && fold(text).contains(&self.0)
    }

    /// Byte ranges of `text` where the (non-empty) query matches, in order.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        let units = units(text);
        let mut folded = String::new();
        let mut starts = Vec::with_capacity(units.len());
        for (_, f) in &units {
            starts.push(folded.len());
            folded.push_str(f);
        }
        let unit_at = |pos: usize| starts.partition_point(|&s| s <= pos).saturating_sub(1);
        folded
            .match_indices(&self.0)
            .map(|(pos, m)| {
                let first = unit_at(pos);
                let last = unit_at(pos + m.len() - 1);
                units[first].0.start..units[last].0.end
            })
            .collect()
    }

    /// The text split into `(segment, is_match)` pieces for highlighting.
    pub fn highlight(&self, text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for range in self.find(text) {
            if range.start < at {
                continue;
            }
            if range.start > at {
                out.push((text[at..range.start].to_string(), false));
            }
            out.push((text[range.clone()].to_string(), true));
            at = range.end;
        }
        if at < text.len() || out.is_empty() {
            out.push((text[at..].to_string(), false));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_do_not_matter() {
        assert!(Query::new("ＩＤ－ＬＩＮＫ").matches("ID-Link連携"));
        assert!(Query::new("id-link").matches("ＩＤ－ＬＩＮＫ"));
        assert_eq!(fold("ＧＢ☆Ｎｅｔ"), "gb☆net");
    }

    #[test]
    fn katakana_and_hiragana_match_each_other() {
        assert!(Query::new("めでぃか").matches("道南メディカ"));
        assert!(Query::new("アジサイ").matches("あじさいネット"));
        // Half-width kana with a voicing mark.
        assert!(Query::new("じーびー").matches("ｼﾞｰﾋﾞｰﾈｯﾄ"));
    }

    #[test]
    fn highlights_the_original_text() {
        assert_eq!(
            Query::new("id-link").highlight("小樽ＩＤ－ＬＩＮＫ網"),
            vec![
                ("小樽".to_string(), false),
                ("ＩＤ－ＬＩＮＫ".to_string(), true),
                ("網".to_string(), false)
            ]
        );
        assert_eq!(
            Query::new("ジー").highlight("ｼﾞｰﾋﾞｰ"),
            vec![("ｼﾞｰ".to_string(), true), ("ﾋﾞｰ".to_string(), false)]
        );
        assert_eq!(
            Query::new("").highlight("abc"),
            vec![("abc".to_string(), false)]
        );
        assert_eq!(Query::new("x").highlight(""), vec![(String::new(), false)]);
        assert_eq!(
            Query::new("x").highlight("aXbx"),
            vec![
                ("a".into(), false),
                ("X".into(), true),
                ("b".into(), false),
                ("x".into(), true)
            ]
        );
    }
}
