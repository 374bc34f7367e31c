//! The shape of a questionnaire: an edition is sections → groups → items.
//!
//! Everything that shows, checks, stores, charts or exports answers walks this
//! structure, so a new edition is a new value of [`Edition`], not new code.
//! Editions are plain serde data so staff-made editions can live in the database.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::{Label, Lang};

/// One yearly edition of the survey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edition {
    /// Stable identifier, the survey year as text ("2012").
    pub id: String,
    pub title: Label,
    pub sections: Vec<Section>,
    /// This edition's items that had another key in the previous edition: key → previous
    /// key. Every other item is the previous edition's item of the same key (never of the
    /// same label), for carrying answers forward and comparing charts across editions.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub previous_keys: BTreeMap<String, String>,
}

/// A section (A–J): the unit of disclosure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable English key ("overview", "services", …).
    pub key: String,
    /// The letter the questionnaire uses (A–J).
    pub letter: String,
    pub title: Label,
    /// Sections saved together by one button (the original screen had three).
    pub save_group: u8,
    pub disclosure: DisclosureOptions,
    pub groups: Vec<Group>,
}

/// Which disclosure choices a section offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisclosureOptions {
    /// 「このセクションのすべての情報を公開しない」 only.
    WholeSection,
    /// Also 「担当者氏名」及び「Eメールアドレス」は公開しない (representative organisations).
    ContactOrWholeSection,
    /// No choice: staff alone see it, whatever a request says (the 回答者 block).
    StaffOnly,
}

impl Section {
    /// Never published, and absent from every public table (the 回答者 block).
    pub fn staff_only(&self) -> bool {
        self.disclosure == DisclosureOptions::StaffOnly
    }

    /// The disclosure that applies to this section: the respondent's choice, except that a
    /// staff-only section is private whatever was chosen or sent.
    pub fn disclosure_of(&self, choices: &crate::DisclosureChoices) -> crate::Disclosure {
        match self.disclosure {
            DisclosureOptions::StaffOnly => crate::Disclosure::Private,
            _ => choices.of(&self.key),
        }
    }

    /// "A. システムの概要について", or the title alone for a section without a letter.
    pub fn heading(&self, lang: Lang) -> String {
        lettered(&self.letter, self.title.get(lang))
    }
}

/// A text after its section's letter ("A. 公開URL"), or alone when the section has none.
pub fn lettered(letter: &str, text: &str) -> String {
    match letter {
        "" => text.to_string(),
        letter => format!("{letter}. {text}"),
    }
}

/// A titled block of items inside a section (e.g. 連携している疾病について).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Label>,
    pub items: Vec<Item>,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Globally unique, stable key: `section.group.item` (used in storage, URLs, CSV columns).
    pub key: String,
    pub label: Label,
    pub kind: AnswerKind,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// A contact person's name or email: hidden by "hide contact name and email".
    #[serde(default, skip_serializing_if = "is_false")]
    pub contact: bool,
    /// Set when the item was retired in this edition: kept for old data, not asked.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
    /// The longest answer this text item takes, in characters, when the edition sets one
    /// (`max_chars` in questionnaire.toml); otherwise its kind's ([`AnswerKind::max_chars`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
}

impl Item {
    /// The longest answer this item takes, in characters: what the form's counter and
    /// `maxlength` show and the server enforces. `None` for items that are not text.
    pub fn max_chars(&self) -> Option<usize> {
        let default = self.kind.max_chars()?;
        Some(self.max_chars.unwrap_or(default))
    }
}

/// Flags are written only when set, so the page and the database carry less.
fn is_false(flag: &bool) -> bool {
    !flag
}

/// What kind of answer an item takes. Stored as `{"type": "fee", "undecided": true}`,
/// through [`KindRecord`], a plain struct: serde reads an internally tagged enum through a
/// buffered copy of the whole value, which costs the browser's bundle about 6 KB gzip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "KindRecord", into = "KindRecord")]
pub enum AnswerKind {
    /// 実施中 / 実施予定あり / 実施なし・予定なし (or unanswered).
    Tri,
    /// A whole number of things (facilities).
    Count,
    /// Whole yen per month.
    Yen,
    /// Thousands of yen.
    KiloYen,
    /// 無料 / 有料 (/ 未定 when `undecided` is offered).
    Fee {
        undecided: bool,
    },
    /// A set of choices (複数選択可).
    Bearers {
        choices: Vec<Choice>,
    },
    Text,
    TextArea,
    Url,
    Email,
    Postal,
    Phone,
    /// A year, 西暦.
    Year,
    Check,
    /// サービスの運用開始状況: started / planned, in the edition's words.
    StartStatus {
        words: StartWords,
    },
    /// One of the 47 prefectures.
    Prefecture,
}

/// The most characters any text item may take (an edition may set less per item).
pub const MAX_TEXT_CHARS: usize = 10_000;

impl AnswerKind {
    /// The longest text an answer of this kind may be, in characters, unless the item sets
    /// its own ([`Item::max_chars`]); `None` for kinds that are not text.
    pub fn max_chars(&self) -> Option<usize> {
        match self {
            AnswerKind::Text => Some(500),
            AnswerKind::TextArea => Some(MAX_TEXT_CHARS),
            AnswerKind::Url => Some(2_000),
            AnswerKind::Email => Some(254),
            AnswerKind::Postal | AnswerKind::Prefecture => Some(10),
            AnswerKind::Phone => Some(30),
            _ => None,
        }
    }
}

/// An [`AnswerKind`] as stored: its name, and the field of the variants that have one.
#[derive(Serialize, Deserialize)]
struct KindRecord {
    #[serde(rename = "type")]
    name: KindName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    undecided: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choices: Option<Vec<Choice>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    words: Option<StartWords>,
}

/// The stored names of [`AnswerKind`]'s variants.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindName {
    Tri,
    Count,
    Yen,
    KiloYen,
    Fee,
    Bearers,
    Text,
    TextArea,
    Url,
    Email,
    Postal,
    Phone,
    Year,
    Check,
    StartStatus,
    Prefecture,
}

impl From<AnswerKind> for KindRecord {
    fn from(kind: AnswerKind) -> Self {
        let mut words = None;
        let (name, undecided, choices) = match kind {
            AnswerKind::Tri => (KindName::Tri, None, None),
            AnswerKind::Count => (KindName::Count, None, None),
            AnswerKind::Yen => (KindName::Yen, None, None),
            AnswerKind::KiloYen => (KindName::KiloYen, None, None),
            AnswerKind::Fee { undecided } => (KindName::Fee, Some(undecided), None),
            AnswerKind::Bearers { choices } => (KindName::Bearers, None, Some(choices)),
            AnswerKind::Text => (KindName::Text, None, None),
            AnswerKind::TextArea => (KindName::TextArea, None, None),
            AnswerKind::Url => (KindName::Url, None, None),
            AnswerKind::Email => (KindName::Email, None, None),
            AnswerKind::Postal => (KindName::Postal, None, None),
            AnswerKind::Phone => (KindName::Phone, None, None),
            AnswerKind::Year => (KindName::Year, None, None),
            AnswerKind::Check => (KindName::Check, None, None),
            AnswerKind::StartStatus { words: w } => {
                words = Some(w);
                (KindName::StartStatus, None, None)
            }
            AnswerKind::Prefecture => (KindName::Prefecture, None, None),
        };
        KindRecord {
            name,
            undecided,
            choices,
            words,
        }
    }
}

impl From<KindRecord> for AnswerKind {
    fn from(
        KindRecord {
            name,
            undecided,
            choices,
            words,
        }: KindRecord,
    ) -> Self {
        match name {
            KindName::Tri => AnswerKind::Tri,
            KindName::Count => AnswerKind::Count,
            KindName::Yen => AnswerKind::Yen,
            KindName::KiloYen => AnswerKind::KiloYen,
            KindName::Fee => AnswerKind::Fee {
                undecided: undecided.unwrap_or(false),
            },
            KindName::Bearers => AnswerKind::Bearers {
                choices: choices.unwrap_or_default(),
            },
            KindName::Text => AnswerKind::Text,
            KindName::TextArea => AnswerKind::TextArea,
            KindName::Url => AnswerKind::Url,
            KindName::Email => AnswerKind::Email,
            KindName::Postal => AnswerKind::Postal,
            KindName::Phone => AnswerKind::Phone,
            KindName::Year => AnswerKind::Year,
            KindName::Check => AnswerKind::Check,
            KindName::StartStatus => AnswerKind::StartStatus {
                words: words.unwrap_or_default(),
            },
            KindName::Prefecture => AnswerKind::Prefecture,
        }
    }
}

/// The answers of a start-status item in the edition's words, which name a date relative to
/// the edition's year (「Ｈ２５年度末までにサービス開始予定」 in 2012): short for tables and
/// the detail page, as sentences in the questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartWords {
    pub started: Label,
    pub planned: Label,
    pub started_sentence: Label,
    pub planned_sentence: Label,
}

/// The words of an edition stored before editions carried their own (staff-made from a
/// built-in one): the same answers, no date.
impl Default for StartWords {
    fn default() -> Self {
        StartWords {
            started: Label::new("サービス開始済み", "In service"),
            planned: Label::new("サービス開始予定", "Planned"),
            started_sentence: Label::new(
                "回答するシステムは、サービス開始済みである。",
                "The system is already in service.",
            ),
            planned_sentence: Label::new(
                "回答するシステムは、サービス開始予定である。",
                "The system will start service.",
            ),
        }
    }
}

impl StartWords {
    fn only(&self, lang: Lang) -> StartWords {
        StartWords {
            started: self.started.only(lang),
            planned: self.planned.only(lang),
            started_sentence: self.started_sentence.only(lang),
            planned_sentence: self.planned_sentence.only(lang),
        }
    }
}

/// One choice of a [`AnswerKind::Bearers`] item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub label: Label,
}

impl Edition {
    /// Every item in questionnaire order, retired ones included.
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections.iter().flat_map(|s| {
            s.groups
                .iter()
                .flat_map(move |g| g.items.iter().map(move |i| (s, i)))
        })
    }

    pub fn item(&self, key: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.key == key)
    }

    /// The key an item of this edition had in the previous edition.
    pub fn previous_key<'a>(&'a self, key: &'a str) -> &'a str {
        self.previous_keys.get(key).map_or(key, String::as_str)
    }

    /// This edition with every label in `lang` only: what a page in that language needs
    /// of it in the browser.
    pub fn in_language(&self, lang: Lang) -> Edition {
        let mut edition = self.clone();
        edition.title = edition.title.only(lang);
        for section in &mut edition.sections {
            section.title = section.title.only(lang);
            for group in &mut section.groups {
                group.title = group.title.as_ref().map(|t| t.only(lang));
                for item in &mut group.items {
                    item.label = item.label.only(lang);
                    match &mut item.kind {
                        AnswerKind::Bearers { choices } => choices
                            .iter_mut()
                            .for_each(|c| c.label = c.label.only(lang)),
                        AnswerKind::StartStatus { words } => *words = words.only(lang),
                        _ => {}
                    }
                }
            }
        }
        edition
    }

    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The section an item key belongs to (its first dotted part).
    pub fn section_of(&self, item_key: &str) -> Option<&Section> {
        self.section(item_key.split('.').next()?)
    }

    /// Who pays the fees of section H ("fees"), in questionnaire order: its groups that ask
    /// for a fee are keyed `{payer}_{stage}` (`hospital_current`, `hospital_planned`) and
    /// titled "{payer's label} {stage's label}", so a payer's label is the words the titles
    /// of its groups begin with in common (the whole title when it has one group).
    pub fn fee_payers(&self) -> Vec<(&str, Label)> {
        let mut payers: Vec<(&str, Label)> = vec![];
        let asks_a_fee = |g: &&Group| {
            g.items
                .iter()
                .any(|i| matches!(i.kind, AnswerKind::Fee { .. }))
        };
        let groups = self.section("fees").into_iter().flat_map(|s| &s.groups);
        for group in groups.filter(asks_a_fee) {
            let Some((payer, _stage)) = group.key.rsplit_once('_') else {
                continue;
            };
            let title = group.title.clone().unwrap_or_else(|| Label {
                ja: payer.to_string().into(),
                en: payer.to_string().into(),
            });
            match payers.iter_mut().find(|(p, _)| *p == payer) {
                Some((_, label)) => {
                    *label = Label {
                        ja: common_words(&label.ja, &title.ja).into(),
                        en: common_words(&label.en, &title.en).into(),
                    }
                }
                None => payers.push((payer, title)),
            }
        }
        payers
    }
}

/// The words (separated by spaces) both texts begin with.
fn common_words(a: &str, b: &str) -> String {
    a.split(' ')
        .zip(b.split(' '))
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_kind_reads_back_what_it_writes() {
        let choice = Choice {
            key: "city".into(),
            label: Label::new("市", "City"),
        };
        let kinds = [
            AnswerKind::Tri,
            AnswerKind::Count,
            AnswerKind::Yen,
            AnswerKind::KiloYen,
            AnswerKind::Fee { undecided: true },
            AnswerKind::Fee { undecided: false },
            AnswerKind::Bearers {
                choices: vec![choice],
            },
            AnswerKind::Text,
            AnswerKind::TextArea,
            AnswerKind::Url,
            AnswerKind::Email,
            AnswerKind::Postal,
            AnswerKind::Phone,
            AnswerKind::Year,
            AnswerKind::Check,
            AnswerKind::StartStatus {
                words: StartWords::default(),
            },
            AnswerKind::Prefecture,
        ];
        for kind in kinds {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(
                serde_json::from_str::<AnswerKind>(&json).unwrap(),
                kind,
                "{json}"
            );
        }
        // The stored form of editions in the database (as the internally tagged enum wrote it).
        assert_eq!(
            serde_json::to_string(&AnswerKind::KiloYen).unwrap(),
            r#"{"type":"kilo_yen"}"#
        );
        assert_eq!(
            serde_json::to_string(&AnswerKind::Fee { undecided: false }).unwrap(),
            r#"{"type":"fee","undecided":false}"#
        );
        let bearers = serde_json::to_string(&AnswerKind::Bearers { choices: vec![] }).unwrap();
        assert_eq!(bearers, r#"{"type":"bearers","choices":[]}"#);
        assert_eq!(
            serde_json::from_str::<AnswerKind>(r#"{"undecided":true,"type":"fee"}"#).unwrap(),
            AnswerKind::Fee { undecided: true }
        );
        assert!(serde_json::from_str::<AnswerKind>(r#"{"type":"dice"}"#).is_err());
        // An edition stored before start-status items carried their words.
        assert_eq!(
            serde_json::from_str::<AnswerKind>(r#"{"type":"start_status"}"#).unwrap(),
            AnswerKind::StartStatus {
                words: StartWords::default()
            }
        );
    }

    #[test]
    fn an_edition_in_one_language_keeps_its_shape_and_that_language_only() {
        let edition = crate::builtin_edition("2012").unwrap();
        let ja = edition.in_language(Lang::Ja);
        let choices = |kind: &AnswerKind| match kind {
            AnswerKind::Bearers { choices } => choices.iter().map(|c| c.key.clone()).collect(),
            _ => vec![],
        };
        let shape = |e: &Edition| {
            e.items()
                .map(|(s, i)| {
                    (
                        s.key.clone(),
                        i.key.clone(),
                        std::mem::discriminant(&i.kind),
                        choices(&i.kind),
                        i.required,
                        i.contact,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert!(
            shape(&ja) == shape(&edition),
            "the same sections, items, kinds, choices and flags"
        );
        let hepatitis = ja.item("services.diseases.hepatitis").unwrap();
        assert_eq!(
            (hepatitis.label.ja.as_ref(), hepatitis.label.en.as_ref()),
            (
                edition
                    .item("services.diseases.hepatitis")
                    .unwrap()
                    .label
                    .ja
                    .as_ref(),
                ""
            )
        );
        assert!(ja.items().all(|(s, i)| s.title.en.is_empty()
            && i.label.en.is_empty()
            && !i.label.ja.is_empty()));
        let en = edition.in_language(Lang::En);
        assert!(en
            .items()
            .all(|(_, i)| i.label.ja.is_empty()
                && i.label.en == edition.item(&i.key).unwrap().label.en));
        let size = |e: &Edition| serde_json::to_string(e).unwrap().len();
        assert!(
            size(&ja) < size(&edition) * 9 / 10,
            "{} of {}",
            size(&ja),
            size(&edition)
        );
    }
}
