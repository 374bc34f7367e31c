//! Each valid response as the charts read it, decoded once: its answers in a dense array
//! indexed by item position ([`ItemIndex`]), so a measure reads a slot instead of looking a
//! key up in a `BTreeMap<String, _>` (about 400 measures per response), plus the public facts
//! that make its atom and each section's disclosure choice. It is decoded straight from the
//! stored JSON without allocating per answer, and small enough that a server keeps every
//! response of an edition between data generations (see `store::charts`).

use std::borrow::Cow;

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, Error as _, IgnoredAny, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde::Deserialize;

use survey::geography::{region_of, OperatorType, Region};
use survey::{AnswerKind, Disclosure, Edition, Fee, Item, StartStatus, Tri};

/// Where an item's answer is in [`NetworkFacts`]: `None` for a key that is not an item of
/// the edition (never answered, as in `Answers`).
pub type Pos = Option<usize>;

/// Item and section positions of one edition; every [`NetworkFacts`] of a population is
/// decoded with the index of the population's edition.
#[derive(Debug)]
pub struct ItemIndex {
    /// Item keys in byte order with their positions: stored answers come in the same order
    /// (a serialized `BTreeMap`), so decoding walks both together.
    sorted: Vec<(Box<str>, usize)>,
    sections: Vec<String>,
    /// Every key of a choice any item offers, by bit of [`Value::Choices`].
    choices: Vec<String>,
    /// Items whose text the charts print ([`printed_texts`]); other texts are only given or not.
    prints: Vec<bool>,
}

impl ItemIndex {
    pub fn new(edition: &Edition) -> Self {
        let mut sorted: Vec<(Box<str>, usize)> = edition
            .items()
            .enumerate()
            .map(|(p, (_, i))| (i.key.as_str().into(), p))
            .collect();
        sorted.sort();
        let mut choices: Vec<String> = vec![];
        for (_, item) in edition.items() {
            if let AnswerKind::Bearers { choices: list } = &item.kind {
                for c in list {
                    if !choices.contains(&c.key) {
                        choices.push(c.key.clone());
                    }
                }
            }
        }
        assert!(
            choices.len() <= 64,
            "an edition offers at most 64 distinct choice keys"
        );
        let printed: Vec<&str> = printed_texts(edition).map(|i| i.key.as_str()).collect();
        let prints = edition
            .items()
            .map(|(_, i)| printed.contains(&i.key.as_str()))
            .collect();
        ItemIndex {
            sorted,
            // A staff-only section has no position, so its disclosure reads as private
            // whatever is stored.
            sections: edition
                .sections
                .iter()
                .filter(|s| !s.staff_only())
                .map(|s| s.key.clone())
                .collect(),
            choices,
            prints,
        }
    }

    pub fn pos(&self, key: &str) -> Pos {
        self.sorted
            .binary_search_by(|(k, _)| k.as_ref().cmp(key))
            .ok()
            .map(|i| self.sorted[i].1)
    }

    pub fn section(&self, key: &str) -> Pos {
        self.sections.iter().position(|s| s == key)
    }

    /// The bit of a choice key, if any item offers it.
    pub fn choice(&self, key: &str) -> Option<u32> {
        self.choices.iter().position(|c| c == key).map(|b| b as u32)
    }

    /// From the cursor of an ordered walk, else by search.
    fn pos_from(&self, cursor: &mut usize, key: &str) -> Pos {
        while let Some((k, p)) = self.sorted.get(*cursor) {
            match k.as_ref().cmp(key) {
                std::cmp::Ordering::Less => *cursor += 1,
                std::cmp::Ordering::Equal => return Some(*p),
                std::cmp::Ordering::Greater => break,
            }
        }
        self.pos(key)
    }
}

/// The items whose texts the charts print: the IT companies of 表2.7 and the その他 texts
/// the edition's registry lists under figures.
pub(crate) fn printed_texts(edition: &Edition) -> impl Iterator<Item = &Item> {
    let listed: Vec<&str> = crate::registry(&edition.id)
        .iter()
        .flat_map(|s| &s.texts)
        .map(String::as_str)
        .collect();
    let others = edition
        .items()
        .map(|(_, i)| i)
        .filter(move |i| listed.contains(&i.key.as_str()));
    company_items(edition).chain(others)
}

/// The IT companies of 表2.7: the group `system.companies`, its items in use.
pub(crate) fn company_items(edition: &Edition) -> impl Iterator<Item = &Item> {
    edition
        .section("system")
        .and_then(|s| s.groups.iter().find(|g| g.key == "companies"))
        .into_iter()
        .flat_map(|g| &g.items)
        .filter(|i| !i.retired)
}

/// One answer, as compact as the charts need it (an `Answer` without its strings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Value {
    #[default]
    Unanswered,
    Tri(Tri),
    Number(i64),
    Fee(Fee),
    /// Bits of [`ItemIndex::choice`].
    Choices(u64),
    /// Whether the text is not empty.
    Text(bool),
    Check(bool),
    StartStatus(StartStatus),
}

/// What the charts read of one valid response. Private answers included: only aggregates
/// leave the server.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkFacts {
    pub region: Option<Region>,
    pub operator: Option<OperatorType>,
    pub start_year: Option<i64>,
    values: Box<[Value]>,
    /// By section position.
    disclosure: Box<[Disclosure]>,
    /// The printed texts that are not blank, by item position: trimmed, and folded for
    /// comparing (`search::fold`), done once here rather than at every computation.
    printed: Vec<(usize, Box<str>, Box<str>)>,
}

impl NetworkFacts {
    /// Decodes a response's stored `answers` and `disclosure` JSON (the one way in, so typed
    /// answers go through their JSON too: see [`NetworkFacts::new`]).
    pub fn from_json(
        index: &ItemIndex,
        prefecture: &str,
        operator: Option<OperatorType>,
        start_year: Option<i64>,
        answers: &str,
        disclosure: &str,
    ) -> serde_json::Result<Self> {
        let mut facts = NetworkFacts {
            region: region_of(prefecture),
            operator,
            start_year: crate::population::charted_start_year(start_year),
            values: vec![Value::Unanswered; index.prints.len()].into(),
            disclosure: vec![Disclosure::Private; index.sections.len()].into(),
            printed: vec![],
        };
        AnswersSeed {
            index,
            facts: &mut facts,
        }
        .deserialize(&mut serde_json::Deserializer::from_str(answers))?;
        DisclosureSeed {
            index,
            facts: &mut facts,
        }
        .deserialize(&mut serde_json::Deserializer::from_str(disclosure))?;
        Ok(facts)
    }

    /// From typed answers (tests, and any caller that holds them).
    pub fn new(
        index: &ItemIndex,
        prefecture: &str,
        operator: Option<OperatorType>,
        start_year: Option<i64>,
        answers: &survey::Answers,
        disclosure: &survey::DisclosureChoices,
    ) -> Self {
        let (answers, disclosure) = (
            serde_json::to_string(answers),
            serde_json::to_string(disclosure),
        );
        Self::from_json(
            index,
            prefecture,
            operator,
            start_year,
            &answers.expect("answers serialize"),
            &disclosure.expect("choices serialize"),
        )
        .expect("typed answers decode")
    }

    pub fn value(&self, p: Pos) -> Value {
        p.map_or(Value::Unanswered, |p| self.values[p])
    }

    pub fn tri(&self, p: Pos) -> Option<Tri> {
        match self.value(p) {
            Value::Tri(t) => Some(t),
            _ => None,
        }
    }

    pub fn number(&self, p: Pos) -> Option<i64> {
        match self.value(p) {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// A text that is given and not empty.
    pub fn has_text(&self, p: Pos) -> bool {
        self.value(p) == Value::Text(true)
    }

    pub fn checked(&self, p: Pos) -> bool {
        self.value(p) == Value::Check(true)
    }

    pub fn chose(&self, p: Pos, choice: Option<u32>) -> bool {
        matches!((self.value(p), choice), (Value::Choices(bits), Some(b)) if bits >> b & 1 == 1)
    }

    /// A printed text (see [`ItemIndex`]) that is not blank, trimmed, and its folded form.
    pub fn printed(&self, p: Pos) -> Option<(&str, &str)> {
        let p = p?;
        self.printed
            .iter()
            .find(|(q, _, _)| *q == p)
            .map(|(_, text, folded)| (text.as_ref(), folded.as_ref()))
    }

    pub fn disclosure(&self, section: Pos) -> Disclosure {
        section.map_or(Disclosure::Private, |s| self.disclosure[s])
    }
}

/// A string borrowed from the JSON when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

struct AnswersSeed<'i, 'f> {
    index: &'i ItemIndex,
    facts: &'f mut NetworkFacts,
}

impl<'de> DeserializeSeed<'de> for AnswersSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AnswersSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("answers by item key")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut cursor = 0;
        while let Some(key) = map.next_key::<Str<'de>>()? {
            // Answers to keys that are not items of the edition are never charted.
            let Some(p) = self.index.pos_from(&mut cursor, &key.0) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let (value, printed) = map.next_value_seed(AnswerSeed {
                index: self.index,
                prints: self.index.prints[p],
            })?;
            self.facts.values[p] = value;
            if let Some(text) = printed
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
            {
                let folded = survey::search::fold(&text).into();
                self.facts.printed.push((p, text.into(), folded));
            }
        }
        Ok(())
    }
}

/// One `survey::Answer` in its serialized form (externally tagged, snake_case), read
/// without allocating: a text is kept only when printed. `facts_read_every_answer_as_answers_do`
/// keeps the two in step.
struct AnswerSeed<'i> {
    index: &'i ItemIndex,
    prints: bool,
}

const VARIANTS: &[&str] = &[
    "tri",
    "number",
    "fee",
    "choices",
    "text",
    "check",
    "start_status",
];

impl<'de> DeserializeSeed<'de> for AnswerSeed<'_> {
    type Value = (Value, Option<Cow<'de, str>>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_enum("Answer", VARIANTS, self)
    }
}

impl<'de> Visitor<'de> for AnswerSeed<'_> {
    type Value = (Value, Option<Cow<'de, str>>);
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an answer")
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (tag, answer) = data.variant::<Str<'de>>()?;
        let value = match tag.0.as_ref() {
            "tri" => Value::Tri(answer.newtype_variant()?),
            // A number no validation accepts (old or imported data) is not charted: every
            // sum of accepted numbers over any number of networks stays inside 64 bits.
            "number" => match answer.newtype_variant::<i64>()? {
                n if (0..=survey::validate::MAX_YEN).contains(&n) => Value::Number(n),
                _ => Value::Unanswered,
            },
            "fee" => Value::Fee(answer.newtype_variant()?),
            "choices" => Value::Choices(answer.newtype_variant_seed(ChoicesSeed(self.index))?),
            "text" => {
                let (given, text) = answer.newtype_variant_seed(TextSeed(self.prints))?;
                return Ok((Value::Text(given), text));
            }
            "check" => Value::Check(answer.newtype_variant()?),
            "start_status" => Value::StartStatus(answer.newtype_variant()?),
            other => return Err(A::Error::unknown_variant(other, VARIANTS)),
        };
        Ok((value, None))
    }
}

/// Choice keys as bits of [`ItemIndex::choice`].
struct ChoicesSeed<'i>(&'i ItemIndex);

impl<'de> DeserializeSeed<'de> for ChoicesSeed<'_> {
    type Value = u64;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ChoicesSeed<'_> {
    type Value = u64;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("choice keys")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<u64, S::Error> {
        let mut bits = 0;
        while let Some(key) = seq.next_element::<Str<'de>>()? {
            bits |= self.0.choice(&key.0).map_or(0, |b| 1 << b);
        }
        Ok(bits)
    }
}

/// Whether a text is not empty, and the text itself when it is printed.
struct TextSeed(bool);

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = (bool, Option<Cow<'de, str>>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = (bool, Option<Cow<'de, str>>);
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok((!v.is_empty(), self.0.then_some(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok((!v.is_empty(), self.0.then(|| Cow::Owned(v.to_string()))))
    }
}

struct DisclosureSeed<'i, 'f> {
    index: &'i ItemIndex,
    facts: &'f mut NetworkFacts,
}

impl<'de> DeserializeSeed<'de> for DisclosureSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DisclosureSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("disclosure choices by section key")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Str<'de>>()? {
            let choice: Disclosure = map.next_value()?;
            if let Some(s) = self.index.section(&key.0) {
                self.facts.disclosure[s] = choice;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use survey::{builtin_edition, Answer, Answers, DisclosureChoices};

    /// Every item answered with every kind of answer in turn (fitting its kind or not), some
    /// unanswered, texts empty or with escapes, choices offered or stray.
    fn answers(edition: &Edition, index: &ItemIndex, seed: usize) -> Answers {
        let mut answers = Answers::default();
        for (j, (_, item)) in edition.items().enumerate() {
            let k = seed * 7 + j;
            let some_choices = index
                .choices
                .iter()
                .enumerate()
                .filter(|(b, _)| (k >> (b % 5)) & 1 == 1)
                .map(|(_, c)| c.clone());
            let answer = match k % 11 {
                0 => continue,
                1 => Answer::Tri(Tri::ALL[k % 3]),
                2 => Answer::Number(k as i64 * 1_000_003 - 5),
                3 => Answer::Fee([Fee::Free, Fee::Paid, Fee::Undecided][k % 3]),
                4 => Answer::Choices(some_choices.chain(["stray".to_string()]).collect()),
                5 => Answer::Text(String::new()),
                6 => Answer::Text(format!(" 会社{k} \"引用\"\n改行 ")),
                7 => Answer::Check(k.is_multiple_of(2)),
                8 => Answer::StartStatus(if k.is_multiple_of(2) {
                    StartStatus::Started
                } else {
                    StartStatus::Planned
                }),
                9 => Answer::Text(format!("株式会社{k}")),
                _ => match &item.kind {
                    AnswerKind::Tri => Answer::Tri(Tri::Planned),
                    _ => Answer::Number(0),
                },
            };
            answers.set(item.key.clone(), answer);
        }
        answers
    }

    #[test]
    fn facts_read_every_answer_as_answers_do() {
        let edition = builtin_edition("2012").unwrap();
        let index = ItemIndex::new(&edition);
        let printed: Vec<&str> = printed_texts(&edition).map(|i| i.key.as_str()).collect();
        assert!(!printed.is_empty());
        for seed in 0..11 {
            let answers = answers(&edition, &index, seed);
            let mut disclosure = DisclosureChoices::default();
            for (s, section) in edition.sections.iter().enumerate() {
                if (s + seed) % 3 != 0 {
                    disclosure.set(
                        section.key.clone(),
                        [Disclosure::Public, Disclosure::HideContact][(s + seed) % 2],
                    );
                }
            }
            let facts = NetworkFacts::new(
                &index,
                "沖縄県",
                Some(OperatorType::ALL[seed % 6]),
                Some(2000 + seed as i64),
                &answers,
                &disclosure,
            );
            assert_eq!(
                (facts.region, facts.operator, facts.start_year),
                (
                    Some(Region::Kyushu),
                    Some(OperatorType::ALL[seed % 6]),
                    Some(2000 + seed as i64)
                )
            );
            for (_, item) in edition.items() {
                let (key, p) = (&item.key, index.pos(&item.key));
                assert!(p.is_some(), "{key}");
                let answer = answers.get(key);
                assert_eq!(facts.tri(p), answers.tri(key), "{key}");
                assert_eq!(facts.number(p), answers.number(key), "{key}");
                assert_eq!(facts.has_text(p), answers.text(key).is_some(), "{key}");
                assert_eq!(
                    facts.checked(p),
                    answer == Some(&Answer::Check(true)),
                    "{key}"
                );
                assert_eq!(
                    matches!(facts.value(p), Value::Fee(_)).then_some(facts.value(p)),
                    answer.and_then(|a| match a {
                        Answer::Fee(f) => Some(Value::Fee(*f)),
                        _ => None,
                    })
                );
                assert_eq!(
                    facts.value(p) == Value::StartStatus(StartStatus::Started),
                    answer == Some(&Answer::StartStatus(StartStatus::Started))
                );
                for choice in &index.choices {
                    let chosen =
                        matches!(answer, Some(Answer::Choices(set)) if set.contains(choice));
                    assert_eq!(
                        facts.chose(p, index.choice(choice)),
                        chosen,
                        "{key} {choice}"
                    );
                }
                let text = match answer {
                    Some(Answer::Text(t))
                        if printed.contains(&key.as_str()) && !t.trim().is_empty() =>
                    {
                        Some(t.trim())
                    }
                    _ => None,
                };
                assert_eq!(
                    facts.printed(p),
                    text.map(|t| (t, survey::search::fold(t)))
                        .as_ref()
                        .map(|(t, f)| (*t, f.as_str())),
                    "{key}"
                );
            }
            for section in &edition.sections {
                assert_eq!(
                    facts.disclosure(index.section(&section.key)),
                    section.disclosure_of(&disclosure)
                );
            }
        }
    }

    #[test]
    fn numbers_no_validation_accepts_are_not_charted() {
        let edition = builtin_edition("2012").unwrap();
        let index = ItemIndex::new(&edition);
        let cost = index.pos("budget.current.construction");
        let read = |n: i64| {
            let answers = format!(r#"{{"budget.current.construction":{{"number":{n}}}}}"#);
            NetworkFacts::from_json(&index, "北海道", None, None, &answers, "{}")
                .unwrap()
                .number(cost)
        };
        assert_eq!(read(12_345), Some(12_345));
        assert_eq!(
            read(survey::validate::MAX_YEN),
            Some(survey::validate::MAX_YEN)
        );
        for wild in [-1, survey::validate::MAX_YEN + 1, i64::MAX, i64::MIN] {
            assert_eq!(read(wild), None, "{wild}");
        }
    }

    #[test]
    fn decoding_needs_neither_sorted_keys_nor_known_ones() {
        let edition = builtin_edition("2012").unwrap();
        let index = ItemIndex::new(&edition);
        let company = printed_texts(&edition).next().unwrap().key.clone();
        // Keys out of order, a stray key and section, an escaped key and text.
        let answers = format!(
            r#"{{"zzz.stray":{{"text":"x"}},"services.diseases.hepatitis":{{"tri":"planned"}},"{company}":{{"text":"A\"B"}},"budget\u002ecurrent.construction":{{"number":5}},"aaa":{{"check":true}}}}"#
        );
        let facts = NetworkFacts::from_json(
            &index,
            "北海道",
            None,
            None,
            &answers,
            r#"{"system":"hide_contact","nonsense":"public"}"#,
        )
        .unwrap();
        assert_eq!(facts.printed(index.pos(&company)), Some(("A\"B", "a\"b")));
        assert_eq!(
            facts.number(index.pos("budget.current.construction")),
            Some(5)
        );
        assert_eq!(
            facts.tri(index.pos("services.diseases.hepatitis")),
            Some(Tri::Planned)
        );
        assert_eq!(facts.value(index.pos("zzz.stray")), Value::Unanswered);
        assert_eq!(
            (facts.region, facts.operator, facts.start_year),
            (Some(Region::Hokkaido), None, None)
        );
        assert_eq!(
            facts.disclosure(index.section("system")),
            Disclosure::HideContact
        );
        assert_eq!(
            facts.disclosure(index.section("budget")),
            Disclosure::Private
        );
        assert!(NetworkFacts::from_json(
            &index,
            "北海道",
            None,
            None,
            r#"{"budget.current.construction":{"number":"5"}}"#,
            "{}"
        )
        .is_err());
    }
}
