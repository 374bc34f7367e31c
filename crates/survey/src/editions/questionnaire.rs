//! `questionnaire.toml`: an edition's questionnaire as its authors write it, read into an
//! [`Edition`]. Item keys are written short (`diabetes`) and become `section.group.item`;
//! every label may name the edition's year ([`super::template`]).

use std::collections::BTreeSet;

use serde::Deserialize;

use super::error::{place, EditionError};
use super::template;
use crate::definition::{
    AnswerKind, Choice, DisclosureOptions, Edition, Group, Item, Section, StartWords,
    MAX_TEXT_CHARS,
};
use crate::i18n::Label;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    title: Text,
    start_status: Option<StartWordsFile>,
    #[serde(rename = "section", default)]
    sections: Vec<SectionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Text {
    pub ja: String,
    pub en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StartWordsFile {
    started: Text,
    planned: Text,
    started_sentence: Text,
    planned_sentence: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    key: String,
    letter: String,
    title: Text,
    save_group: u8,
    disclosure: String,
    #[serde(rename = "group", default)]
    groups: Vec<GroupFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    key: String,
    title: Option<Text>,
    #[serde(rename = "item", default)]
    items: Vec<ItemFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    key: String,
    kind: String,
    ja: String,
    en: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    contact: bool,
    #[serde(default)]
    retired: bool,
    /// Fees: whether 未定 is offered.
    undecided: Option<bool>,
    /// Choice sets (`bearers`).
    choices: Option<Vec<ChoiceFile>>,
    /// Text kinds: the longest answer in characters, instead of the kind's default.
    max_chars: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoiceFile {
    key: String,
    ja: String,
    en: String,
}

/// Reads one edition's questionnaire; `file` names it in errors, `year` fills its templates.
pub fn read(file: &str, text: &str, id: &str, year: i64) -> Result<Edition, EditionError> {
    let source: File = EditionError::read(file, text)?;
    let fail = |at: &str, message: String| EditionError::new(file, at, message);
    let label = |at: &str, what: &str, t: &Text| label(file, at, what, t, year);
    let words = source
        .start_status
        .map(|w| {
            Ok::<_, EditionError>(StartWords {
                started: label("start_status", "started", &w.started)?,
                planned: label("start_status", "planned", &w.planned)?,
                started_sentence: label("start_status", "started_sentence", &w.started_sentence)?,
                planned_sentence: label("start_status", "planned_sentence", &w.planned_sentence)?,
            })
        })
        .transpose()?;
    let mut edition = Edition {
        id: id.to_string(),
        title: label("", "title", &source.title)?,
        sections: vec![],
        previous_keys: Default::default(),
    };
    let mut item_keys = BTreeSet::new();
    for s in source.sections {
        let at_section = place(&[("section", &s.key)]);
        check_key(&s.key).map_err(|m| fail(&at_section, m))?;
        if edition.section(&s.key).is_some() {
            return Err(fail(&at_section, "a second section with this key".into()));
        }
        let disclosure = match s.disclosure.as_str() {
            "whole_section" => DisclosureOptions::WholeSection,
            "contact_or_whole_section" => DisclosureOptions::ContactOrWholeSection,
            "staff_only" => DisclosureOptions::StaffOnly,
            other => {
                return Err(fail(
                    &at_section,
                    format!(
                    "unknown disclosure {other:?}: use whole_section, contact_or_whole_section or staff_only"
                ),
                ))
            }
        };
        let mut section = Section {
            title: label(&at_section, "title", &s.title)?,
            key: s.key.clone(),
            letter: s.letter,
            save_group: s.save_group,
            disclosure,
            groups: vec![],
        };
        for g in s.groups {
            let at_group = place(&[("section", &s.key), ("group", &g.key)]);
            check_key(&g.key).map_err(|m| fail(&at_group, m))?;
            if section.groups.iter().any(|x| x.key == g.key) {
                return Err(fail(&at_group, "a second group with this key".into()));
            }
            let mut group = Group {
                key: g.key.clone(),
                title: g
                    .title
                    .as_ref()
                    .map(|t| label(&at_group, "title", t))
                    .transpose()?,
                items: vec![],
            };
            for i in g.items {
                let at = place(&[("section", &s.key), ("group", &g.key), ("item", &i.key)]);
                check_key(&i.key).map_err(|m| fail(&at, m))?;
                let key = format!("{}.{}.{}", s.key, g.key, i.key);
                if !item_keys.insert(key.clone()) {
                    return Err(fail(&at, format!("a second item with the key {key}")));
                }
                let kind = kind(&i, words.as_ref()).map_err(|m| fail(&at, m))?;
                let kind = match kind {
                    AnswerKind::Bearers { .. } => AnswerKind::Bearers {
                        choices: choices(file, &at, i.choices.as_deref().unwrap_or(&[]), year)?,
                    },
                    other => other,
                };
                let max_chars = i
                    .max_chars
                    .map(|max| check_max_chars(&kind, max))
                    .transpose()
                    .map_err(|m| fail(&at, m))?;
                group.items.push(Item {
                    key,
                    label: label(&at, "label", &Text { ja: i.ja, en: i.en })?,
                    kind,
                    required: i.required,
                    contact: i.contact,
                    retired: i.retired,
                    max_chars,
                });
            }
            section.groups.push(group);
        }
        edition.sections.push(section);
    }
    Ok(edition)
}

/// An item's kind from its name and the fields that go with it.
fn kind(item: &ItemFile, words: Option<&StartWords>) -> Result<AnswerKind, String> {
    let name = item.kind.as_str();
    if item.undecided.is_some() && name != "fee" {
        return Err("undecided is for kind \"fee\" only".into());
    }
    if item.choices.is_some() && name != "bearers" {
        return Err("choices are for kind \"bearers\" only".into());
    }
    Ok(match name {
        "tri" => AnswerKind::Tri,
        "count" => AnswerKind::Count,
        "yen" => AnswerKind::Yen,
        "kilo_yen" => AnswerKind::KiloYen,
        "fee" => AnswerKind::Fee {
            undecided: item.undecided.unwrap_or(false),
        },
        "bearers" => match &item.choices {
            Some(c) if !c.is_empty() => AnswerKind::Bearers { choices: vec![] },
            _ => return Err("kind \"bearers\" needs its choices".into()),
        },
        "text" => AnswerKind::Text,
        "text_area" => AnswerKind::TextArea,
        "url" => AnswerKind::Url,
        "email" => AnswerKind::Email,
        "postal" => AnswerKind::Postal,
        "phone" => AnswerKind::Phone,
        "year" => AnswerKind::Year,
        "check" => AnswerKind::Check,
        "start_status" => AnswerKind::StartStatus {
            words: words
                .cloned()
                .ok_or("kind \"start_status\" needs the file's [start_status] words")?,
        },
        "prefecture" => AnswerKind::Prefecture,
        other => {
            return Err(format!(
                "unknown kind {other:?}: use tri, count, yen, kilo_yen, fee, bearers, text, \
                 text_area, url, email, postal, phone, year, check, start_status or prefecture"
            ))
        }
    })
}

/// A text item's own length limit: for kinds that are text, from 1 to [`MAX_TEXT_CHARS`].
fn check_max_chars(kind: &AnswerKind, max: usize) -> Result<usize, String> {
    if kind.max_chars().is_none() || *kind == AnswerKind::Prefecture {
        return Err(
            "max_chars is for text kinds only (text, text_area, url, email, postal, phone)".into(),
        );
    }
    if !(1..=MAX_TEXT_CHARS).contains(&max) {
        return Err(format!(
            "max_chars must be from 1 to {MAX_TEXT_CHARS}, not {max}"
        ));
    }
    Ok(max)
}

fn choices(
    file: &str,
    at: &str,
    source: &[ChoiceFile],
    year: i64,
) -> Result<Vec<Choice>, EditionError> {
    let mut out: Vec<Choice> = vec![];
    for c in source {
        let here = format!("{at} › choice {}", c.key);
        check_key(&c.key).map_err(|m| EditionError::new(file, &here, m))?;
        if out.iter().any(|x| x.key == c.key) {
            return Err(EditionError::new(
                file,
                &here,
                "a second choice with this key",
            ));
        }
        let text = Text {
            ja: c.ja.clone(),
            en: c.en.clone(),
        };
        out.push(Choice {
            key: c.key.clone(),
            label: label(file, &here, "label", &text, year)?,
        });
    }
    Ok(out)
}

/// A label with its templates filled in; both languages must say something.
pub(super) fn label(
    file: &str,
    at: &str,
    what: &str,
    text: &Text,
    year: i64,
) -> Result<Label, EditionError> {
    let one = |lang: &str, t: &str| {
        if t.trim().is_empty() {
            return Err(EditionError::new(
                file,
                at,
                format!("{what} ({lang}) is empty"),
            ));
        }
        template::expand(t, year)
            .map_err(|m| EditionError::new(file, at, format!("{what} ({lang}): {m}")))
    };
    Ok(Label {
        ja: one("ja", &text.ja)?.into(),
        en: one("en", &text.en)?.into(),
    })
}

/// Keys are lower-case ASCII letters, digits and `_` (they name answers, URLs and columns).
fn check_key(key: &str) -> Result<(), String> {
    let fine = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    match fine {
        true => Ok(()),
        false => Err(format!(
            "the key {key:?} is not lower-case letters, digits and _"
        )),
    }
}
