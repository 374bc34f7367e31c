//! Likely duplicate networks: the same network registered twice, under a name typed a little
//! differently. Two networks of the same prefecture are likely the same when their names (or
//! nicknames), folded as search folds them (width, case, katakana = hiragana) and without
//! spaces, punctuation or symbols, are equal, one contains the other, or differ by a few
//! characters for their length: 「ｱｼﾞｻｲﾈｯﾄ」 and 「あじさいネット」 are the same name.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// How alike two names are, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Likeness {
    /// The same name once folded.
    Same,
    /// One name contains the other (a nickname, an added 「システム」).
    Contains,
    /// A few characters apart for the names' length (a typo, a character left out).
    Similar,
}

impl Likeness {
    pub fn label(self) -> Label {
        match self {
            Likeness::Same => Label::new("同じ名称", "Same name"),
            Likeness::Contains => Label::new("一方の名称を含む", "One name contains the other"),
            Likeness::Similar => Label::new("よく似た名称", "Similar name"),
        }
    }
}

/// The shortest folded name that may be contained in another and count as alike: shorter
/// ones (a city's name) are in too many names to say anything. The contained name must also
/// be at least half the other, so a common word (「ネット」) is not enough.
const MIN_CONTAINED: usize = 3;

/// A name as compared: [`crate::search::fold`], then only letters and digits (kana, kanji
/// and the prolonged sound mark 「ー」 are letters; spaces, 「・」, 「☆」 and dashes are not).
pub fn name_key(name: &str) -> String {
    crate::search::fold(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// How alike two names are, if they are alike at all.
pub fn likeness(a: &str, b: &str) -> Option<Likeness> {
    keys_likeness(&name_key(a), &name_key(b))
}

fn keys_likeness(a: &str, b: &str) -> Option<Likeness> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(Likeness::Same);
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let (short_len, long_len) = (short.chars().count(), long.chars().count());
    if short_len >= MIN_CONTAINED && short_len * 2 >= long_len && long.contains(short) {
        return Some(Likeness::Contains);
    }
    // Up to one edit in four characters: 「あじさいネット」 and 「あじさいネッド」, not
    // 「苫小牧」 and 「小牧」.
    let allowed = long_len / 4;
    (allowed > 0 && edit_distance(short, long, allowed).is_some()).then_some(Likeness::Similar)
}

/// The Levenshtein distance between `a` and `b` in characters, if it is at most `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// A network as the duplicate check sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub id: i64,
    pub prefecture: &'a str,
    pub name: &'a str,
    pub nickname: &'a str,
}

/// A candidate's names (name and nickname), folded once.
fn keys_of(c: &Candidate) -> Vec<String> {
    [c.name, c.nickname]
        .into_iter()
        .map(name_key)
        .filter(|k| !k.is_empty())
        .collect()
}

fn strongest(a: &[String], b: &[String]) -> Option<Likeness> {
    a.iter()
        .flat_map(|x| b.iter().filter_map(move |y| keys_likeness(x, y)))
        .min()
}

/// The networks among `others` that `network` likely duplicates (same prefecture, names or
/// nicknames alike), strongest likeness first, then by id. `network` itself is skipped.
pub fn likely_duplicates(network: &Candidate, others: &[Candidate]) -> Vec<(i64, Likeness)> {
    let this = keys_of(network);
    let mut found: Vec<(i64, Likeness)> = others
        .iter()
        .filter(|o| o.id != network.id && o.prefecture == network.prefecture)
        .filter_map(|o| strongest(&this, &keys_of(o)).map(|l| (o.id, l)))
        .collect();
    found.sort_by_key(|&(id, l)| (l, id));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_kana_case_spaces_and_punctuation_do_not_matter() {
        assert_eq!(likeness("ｱｼﾞｻｲﾈｯﾄ", "あじさいネット"), Some(Likeness::Same));
        assert_eq!(likeness("ＧＢ☆Ｎｅｔ", "gb net"), Some(Likeness::Same));
        assert_eq!(
            likeness("メディカル・ネット９９", "メディカルネット99"),
            Some(Likeness::Same)
        );
        assert_eq!(likeness("ID-Link", "ＩＤ－ＬＩＮＫ"), Some(Likeness::Same));
        assert_eq!(name_key("　あじさい　ネット "), "あじさいねっと");
        // The prolonged sound mark is part of the word, half width or full.
        assert_eq!(name_key("ｼﾞｰﾋﾞｰ"), name_key("ジービー"));
        assert_ne!(name_key("ジービー"), name_key("ジビ"));
    }

    #[test]
    fn one_name_containing_the_other() {
        assert_eq!(
            likeness("あじさいネット", "あじさいネットワーク"),
            Some(Likeness::Contains)
        );
        assert_eq!(
            likeness("道南MedIka", "道南ＭＥＤＩＫＡシステム"),
            Some(Likeness::Contains)
        );
        // Too short to say anything: many names contain 「ネット」 or a city's name.
        assert_eq!(likeness("ネット", "あじさいネットワーク"), None);
        assert_eq!(likeness("長崎", "長崎ネット"), None);
        assert_eq!(likeness("GBネット", "ネット"), Some(Likeness::Contains));
        assert_eq!(likeness("", "あじさい"), None);
        assert_eq!(likeness("・☆", "☆"), None);
    }

    #[test]
    fn a_few_edits_for_the_length() {
        assert_eq!(
            likeness("あじさいネットワーク", "あじさいネットワーグ"),
            Some(Likeness::Similar)
        );
        assert_eq!(
            likeness(
                "苫小牧市立病院地域連携ネットワークシステム",
                "苫小牧市立病院地域連携ネットワークシステ"
            ),
            Some(Likeness::Contains)
        );
        assert_eq!(
            likeness(
                "苫小牧市立病院地域連携ネットワーク",
                "苫小牧市民病院地域連携ネットワーク"
            ),
            Some(Likeness::Similar)
        );
        // Short names must match exactly or by containment.
        assert_eq!(likeness("ABC", "ABD"), None);
        // Different networks of one city are not alike.
        assert_eq!(likeness("長崎在宅Dr.ネット", "長崎糖尿病連携"), None);
        assert_eq!(likeness("あじさいネット", "クロスネット"), None);
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
        assert_eq!(edit_distance("", "abc", 3), Some(3));
        assert_eq!(edit_distance("abc", "abc", 0), Some(0));
        assert_eq!(edit_distance("あいう", "あいえ", 1), Some(1));
    }

    #[test]
    fn duplicates_are_looked_for_in_the_same_prefecture() {
        let new = Candidate {
            id: 10,
            prefecture: "長崎県",
            name: "ｱｼﾞｻｲﾈｯﾄ",
            nickname: "",
        };
        let others = [
            new,
            Candidate {
                id: 1,
                prefecture: "長崎県",
                name: "あじさいネットワーク",
                nickname: "あじさいネット",
            },
            Candidate {
                id: 2,
                prefecture: "長崎県",
                name: "白十字会地域医療連携システムクロスネット",
                nickname: "クロスネット",
            },
            Candidate {
                id: 3,
                prefecture: "佐賀県",
                name: "あじさいネット",
                nickname: "",
            },
            Candidate {
                id: 4,
                prefecture: "長崎県",
                name: "あじさいネットワーク長崎",
                nickname: "",
            },
        ];
        // Through the nickname, the strongest likeness counts; not itself, not another prefecture.
        assert_eq!(
            likely_duplicates(&new, &others),
            vec![(1, Likeness::Same), (4, Likeness::Contains)]
        );
    }
}
