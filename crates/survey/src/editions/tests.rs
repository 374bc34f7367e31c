use std::collections::HashSet;

use super::{builtin, EditionError, Folder};
use crate::definition::{AnswerKind, Edition};
use crate::i18n::Label;

fn edition(id: &str) -> Edition {
    crate::builtin_edition(id).unwrap()
}

#[test]
fn every_built_in_folder_reads_and_checks() {
    let ids: Vec<&str> = builtin().unwrap().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["2012", "2013"]);
}

#[test]
fn keys_are_unique_and_prefixed_by_their_section() {
    for e in builtin().unwrap() {
        let mut seen = HashSet::new();
        for (section, item) in e.items() {
            assert!(seen.insert(item.key.clone()), "duplicate key {}", item.key);
            assert!(item.key.starts_with(&format!("{}.", section.key)));
            assert_eq!(e.section_of(&item.key).unwrap().key, section.key);
        }
    }
}

#[test]
fn the_2012_edition_has_every_section_and_the_expected_items() {
    let e = edition("2012");
    let letters: Vec<_> = e.sections.iter().map(|s| s.letter.as_str()).collect();
    // The 回答者 block first, without a letter, then A–J.
    assert_eq!(
        letters,
        ["", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
    );
    assert!(e.sections[0].staff_only());
    let tri_count = e.items().filter(|(_, i)| i.kind == AnswerKind::Tri).count();
    // 5 facility + 6 consent + 7 diseases + 18 services + 4 linkage/sharing + 3 ID
    // + 2 location + 12 standards + 9 network + 7 login.
    assert_eq!(tri_count, 5 + 6 + 7 + 18 + 4 + 3 + 2 + 12 + 9 + 7);
    assert_eq!(
        e.item("system.standards.hs005").unwrap().label.ja,
        "ICD10対応標準病名マスター"
    );
    assert!(e.item("org1.main.contact_email").unwrap().contact);
    assert!(!e.item("org1.main.phone").unwrap().contact);
    assert!(e.item("overview.main.name").unwrap().required);
    assert_eq!(
        e.title.ja,
        "ITを利用した全国地域医療連携の概況（2012年度版）"
    );
    assert!(e.previous_keys.is_empty());
}

#[test]
fn the_fee_payers_read_back_from_the_fee_groups() {
    let expected = vec![
        ("hospital", Label::new("病院", "Hospitals")),
        ("clinic", Label::new("診療所", "Clinics")),
        ("pharmacy", Label::new("薬局", "Pharmacies")),
        (
            "care",
            Label::new("介護施設・その他", "Care and other facilities"),
        ),
        ("patient", Label::new("患者さん", "Patients")),
    ];
    assert_eq!(edition("2012").fee_payers(), expected);
    assert_eq!(edition("2013").fee_payers(), expected);
}

#[test]
fn the_2013_edition_adds_the_reports_proposals_and_keeps_every_2012_item() {
    let (old, e) = (edition("2012"), edition("2013"));
    assert!(old.items().all(
        |(_, i)| e
            .item(&i.key)
            .is_some_and(
                |n| std::mem::discriminant(&n.kind) == std::mem::discriminant(&i.kind)
                    && !n.retired
            )
    ));
    assert_eq!(e.items().count(), old.items().count() + 6);
    assert_eq!(
        e.item("services.diseases.diabetes").unwrap().label.ja,
        "糖尿病"
    );
    assert_eq!(
        e.item("overview.main.patients").unwrap().kind,
        AnswerKind::Count
    );
    for audience in ["institutions", "care", "patients"] {
        assert!(e
            .item(&format!("system.login_{audience}.two_factor"))
            .is_some());
    }
    assert_eq!(e.title, Label::new("2013年度調査", "2013 survey"));
}

#[test]
fn start_words_name_the_year_after_the_editions() {
    let planned = |id: &str| match &edition(id).item("overview.main.start_status").unwrap().kind {
        AnswerKind::StartStatus { words } => {
            (words.planned.clone(), words.planned_sentence.clone())
        }
        other => panic!("{other:?}"),
    };
    let (short, sentence) = planned("2012");
    assert_eq!(
        short,
        Label::new(
            "Ｈ２５年度末までにサービス開始予定",
            "Starting by March 2014"
        )
    );
    assert_eq!(
        sentence,
        Label::new(
            "回答するシステムは、Ｈ２５年度末までにサービス開始予定である。",
            "The system will start service by the end of March 2014."
        )
    );
    assert_eq!(
        planned("2013").0,
        Label::new(
            "Ｈ２６年度末までにサービス開始予定",
            "Starting by March 2015"
        )
    );
}

#[test]
fn built_in_editions_survive_a_json_round_trip() {
    for e in builtin().unwrap() {
        let json = serde_json::to_string(e).unwrap();
        assert_eq!(&serde_json::from_str::<Edition>(&json).unwrap(), e);
    }
}

// ---- Errors: each names the file and the place. ----

const QUESTIONNAIRE: &str = r#"
title = { ja = "{year}年度調査", en = "{year} survey" }

[[section]]
key = "services"
letter = "F"
title = { ja = "サービスについて", en = "Services" }
save_group = 1
disclosure = "whole_section"

[[section.group]]
key = "diseases"

[[section.group.item]]
key = "heart"
kind = "tri"
ja = "心臓疾患"
en = "Heart disease"

[[section.group.item]]
key = "diabetes"
kind = "tri"
ja = "糖尿病"
en = "Diabetes"
"#;

fn folder(id: &str, questionnaire: &str, previous: Option<&str>) -> Result<Folder, EditionError> {
    let mut files = vec![
        ("questionnaire.toml", questionnaire.to_string()),
        ("charts.toml", String::new()),
    ];
    files.extend(previous.map(|p| ("previous.toml", p.to_string())));
    Folder::from_files(&format!("editions/{id}"), id, files)
}

fn error(questionnaire: &str) -> String {
    folder("2014", questionnaire, None)
        .and_then(|f| f.edition(&[]))
        .unwrap_err()
        .to_string()
}

#[test]
fn a_valid_folder_reads() {
    let e = folder("2014", QUESTIONNAIRE, None)
        .unwrap()
        .edition(&[])
        .unwrap();
    assert_eq!(e.title.ja, "2014年度調査");
    assert!(e.item("services.diseases.diabetes").is_some());
}

#[test]
fn a_syntax_error_names_the_file_line_and_column() {
    let broken = QUESTIONNAIRE.replace("key = \"heart\"", "key = \"heart");
    let message = error(&broken);
    assert!(
        message.starts_with(
            "editions/2014/questionnaire.toml: line 15, column 13: invalid basic string"
        ),
        "{message}"
    );
    let unknown_field = QUESTIONNAIRE.replace("key = \"heart\"", "key = \"heart\"\nlable = \"x\"");
    let message = error(&unknown_field);
    assert!(
        message.starts_with(
            "editions/2014/questionnaire.toml: line 16, column 1: unknown field `lable`"
        ),
        "{message}"
    );
}

#[test]
fn a_duplicate_key_names_the_item() {
    let twice = QUESTIONNAIRE.replace("key = \"diabetes\"", "key = \"heart\"");
    assert_eq!(
        error(&twice),
        "editions/2014/questionnaire.toml: section services › group diseases › item heart: \
         a second item with the key services.diseases.heart"
    );
    let section_twice = format!(
        "{QUESTIONNAIRE}\n[[section]]\nkey = \"services\"\nletter = \"G\"\n\
         title = {{ ja = \"a\", en = \"b\" }}\nsave_group = 1\ndisclosure = \"whole_section\"\n"
    );
    assert_eq!(
        error(&section_twice),
        "editions/2014/questionnaire.toml: section services: a second section with this key"
    );
    let bad_key = QUESTIONNAIRE.replace("key = \"diabetes\"", "key = \"Diabetes\"");
    assert!(error(&bad_key).contains("item Diabetes: the key \"Diabetes\" is not"));
}

#[test]
fn an_unknown_kind_names_the_item() {
    let dice = QUESTIONNAIRE.replace(
        "kind = \"tri\"\nja = \"糖尿病\"",
        "kind = \"dice\"\nja = \"糖尿病\"",
    );
    let message = error(&dice);
    assert!(
        message.starts_with(
            "editions/2014/questionnaire.toml: section services › group diseases › item diabetes: \
             unknown kind \"dice\""
        ),
        "{message}"
    );
    let status = QUESTIONNAIRE.replace(
        "kind = \"tri\"\nja = \"糖尿病\"",
        "kind = \"start_status\"\nja = \"糖尿病\"",
    );
    assert!(error(&status)
        .ends_with("item diabetes: kind \"start_status\" needs the file's [start_status] words"));
    let bearers = QUESTIONNAIRE.replace(
        "kind = \"tri\"\nja = \"糖尿病\"",
        "kind = \"bearers\"\nja = \"糖尿病\"",
    );
    assert!(error(&bearers).ends_with("item diabetes: kind \"bearers\" needs its choices"));
    let disclosure = QUESTIONNAIRE.replace("\"whole_section\"", "\"everything\"");
    assert!(error(&disclosure).contains("section services: unknown disclosure \"everything\""));
}

#[test]
fn a_text_items_length_limit_is_read_and_checked() {
    let with_limit = |kind: &str, max: &str| {
        QUESTIONNAIRE.replace(
            "kind = \"tri\"\nja = \"糖尿病\"",
            &format!("kind = \"{kind}\"\nmax_chars = {max}\nja = \"糖尿病\""),
        )
    };
    let e = folder("2014", &with_limit("text_area", "1200"), None)
        .unwrap()
        .edition(&[])
        .unwrap();
    let item = e.item("services.diseases.diabetes").unwrap();
    assert_eq!(item.max_chars(), Some(1200));
    // Kept through the JSON an edition is stored as, and in one language.
    let json = serde_json::to_string(&e).unwrap();
    let back: Edition = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.item("services.diseases.diabetes").unwrap().max_chars(),
        Some(1200)
    );
    assert!(
        !serde_json::to_string(&edition("2012").item("overview.main.name"))
            .unwrap()
            .contains("max_chars")
    );
    assert!(error(&with_limit("tri", "10"))
        .ends_with("item diabetes: max_chars is for text kinds only (text, text_area, url, email, postal, phone)"));
    assert!(error(&with_limit("prefecture", "10")).contains("max_chars is for text kinds only"));
    assert!(error(&with_limit("text", "0")).ends_with("max_chars must be from 1 to 10000, not 0"));
    assert!(error(&with_limit("text", "10001")).contains("max_chars must be from 1 to 10000"));
    assert!(error(&with_limit("text", "-1")).starts_with("editions/2014/questionnaire.toml: line"));
}

#[test]
fn a_bad_template_names_the_label() {
    let bad = QUESTIONNAIRE.replace("ja = \"糖尿病\"", "ja = \"糖尿病（{yaer}）\"");
    let message = error(&bad);
    assert!(
        message.starts_with(
            "editions/2014/questionnaire.toml: section services › group diseases › item diabetes: \
             label (ja): unknown placeholder {yaer}"
        ),
        "{message}"
    );
    let title = QUESTIONNAIRE.replace("\"{year} survey\"", "\"{year survey\"");
    assert!(error(&title).starts_with("editions/2014/questionnaire.toml: title (en):"));
    let empty = QUESTIONNAIRE.replace("en = \"Diabetes\"", "en = \" \"");
    assert!(error(&empty).ends_with("item diabetes: label (en) is empty"));
}

#[test]
fn a_previous_mapping_must_name_known_items_and_editions() {
    let base = folder("2013", QUESTIONNAIRE, None)
        .unwrap()
        .edition(&[])
        .unwrap();
    let renamed = QUESTIONNAIRE.replace("key = \"diabetes\"", "key = \"diabetes_mellitus\"");
    let read = |previous: &str| {
        folder("2014", &renamed, Some(previous))
            .and_then(|f| f.edition(std::slice::from_ref(&base)))
    };
    let ok = read("edition = \"2013\"\n[keys]\n\"services.diseases.diabetes_mellitus\" = \"services.diseases.diabetes\"\n").unwrap();
    assert_eq!(
        ok.previous_key("services.diseases.diabetes_mellitus"),
        "services.diseases.diabetes"
    );
    assert_eq!(
        ok.previous_key("services.diseases.heart"),
        "services.diseases.heart"
    );
    let message = |previous: &str| read(previous).unwrap_err().to_string();
    assert_eq!(
        message("edition = \"2011\"\n"),
        "editions/2014/previous.toml: edition: no edition \"2011\" before this one (known: 2013)"
    );
    assert_eq!(
        message("edition = \"2013\"\n[keys]\n\"services.diseases.nothing\" = \"services.diseases.diabetes\"\n"),
        "editions/2014/previous.toml: keys › services.diseases.nothing: no item services.diseases.nothing in edition 2014"
    );
    assert_eq!(
        message("edition = \"2013\"\n[keys]\n\"services.diseases.diabetes_mellitus\" = \"services.diseases.sugar\"\n"),
        "editions/2014/previous.toml: keys › services.diseases.diabetes_mellitus: no item services.diseases.sugar in edition 2013"
    );
    assert!(message(
        "edition = \"2013\"\n[keys]\n\"services.diseases.diabetes_mellitus\" = \"services.diseases.heart\"\n\"services.diseases.heart\" = \"services.diseases.heart\"\n"
    )
    .contains("already the previous key of another item"));
    assert!(
        message("edition = 2013\n").starts_with("editions/2014/previous.toml: line 1, column 11:")
    );
}

#[test]
fn a_folder_is_named_by_its_year_and_holds_the_known_files() {
    assert_eq!(
        folder("next", QUESTIONNAIRE, None).unwrap_err().to_string(),
        "editions/next: an edition's folder is named by its year (editions/2014)"
    );
    let unknown = Folder::from_files(
        "editions/2014",
        "2014",
        [
            ("questionnaire.toml", QUESTIONNAIRE.to_string()),
            ("charts.toml", String::new()),
            ("notes.txt", String::new()),
        ],
    );
    assert!(unknown
        .unwrap_err()
        .to_string()
        .starts_with("editions/2014/notes.txt: unknown file"));
    let missing = Folder::from_files(
        "editions/2014",
        "2014",
        [("questionnaire.toml", QUESTIONNAIRE.to_string())],
    );
    assert_eq!(
        missing.unwrap_err().to_string(),
        "editions/2014/charts.toml: missing"
    );
}
