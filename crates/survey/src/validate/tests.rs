//! Unit tests of the validation rules, against the 2012 edition.

use super::*;
use crate::answers::{Fee, StartStatus, Tri};
use crate::builtin_edition;
use crate::definition::Section;
use std::collections::BTreeSet;

const YEAR: i32 = 2013;

fn e() -> Edition {
    builtin_edition("2012").unwrap()
}

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    let mut a = Answers::default();
    for (k, v) in pairs {
        a.set(*k, v.clone());
    }
    a
}

fn text(s: &str) -> Answer {
    Answer::Text(s.to_string())
}

fn choices(keys: &[&str]) -> Answer {
    Answer::Choices(keys.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>())
}

/// The issues about one item, with the required name filled in.
fn issues_for(edition: &Edition, pairs: &[(&str, Answer)], key: &str) -> Vec<Issue> {
    let mut a = answers(pairs);
    a.0.entry("overview.main.name".into())
        .or_insert(text("連携ネット"));
    validate(edition, &a, YEAR)
        .into_iter()
        .filter(|i| i.item == key)
        .collect()
}

fn errors(pairs: &[(&str, Answer)], key: &str) -> usize {
    issues_for(&e(), pairs, key)
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count()
}

fn warnings(pairs: &[(&str, Answer)], key: &str) -> usize {
    issues_for(&e(), pairs, key)
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .count()
}

/// A valid answer for every item of an edition, chosen by kind.
fn full_answers(edition: &Edition) -> Answers {
    let mut a = Answers::default();
    for (_, item) in edition.items() {
        let l = leaf(&item.key);
        let answer = match &item.kind {
            AnswerKind::Tri => Answer::Tri(Tri::InProgress),
            AnswerKind::Count => Answer::Number(12),
            AnswerKind::Yen => Answer::Number(3000),
            AnswerKind::KiloYen => Answer::Number(if l == "operating" { 10_000 } else { 1_000 }),
            AnswerKind::Fee { .. } => Answer::Fee(Fee::Paid),
            AnswerKind::Bearers { choices } => Answer::Choices([choices[0].key.clone()].into()),
            AnswerKind::Text | AnswerKind::TextArea => text("あいう"),
            AnswerKind::Url => text("https://example.jp/net"),
            AnswerKind::Email => text("info@example.jp"),
            AnswerKind::Postal => text("123-4567"),
            AnswerKind::Phone => text("03-1234-5678"),
            AnswerKind::Year => Answer::Number(2010),
            AnswerKind::Check => Answer::Check(false),
            AnswerKind::StartStatus { .. } => Answer::StartStatus(StartStatus::Started),
            AnswerKind::Prefecture => text("東京都"),
        };
        a.set(item.key.clone(), answer);
    }
    a
}

// --- whole response -------------------------------------------------

#[test]
fn a_full_valid_response_has_no_issues() {
    let edition = e();
    let a = full_answers(&edition);
    assert_eq!(validate(&edition, &a, YEAR), vec![]);
    for s in &edition.sections {
        assert_eq!(
            section_state(&edition, &a, &s.key, YEAR),
            SectionState::Complete,
            "{}",
            s.key
        );
    }
}

#[test]
fn an_empty_response_only_lacks_the_required_name() {
    let issues = validate(&e(), &Answers::default(), YEAR);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].item, "overview.main.name");
    assert_eq!(issues[0].severity, Severity::Error);
    assert!(issues[0].message.ja.contains("システムの名称"));
    assert!(has_errors(&issues));
}

#[test]
fn issues_round_trip_through_json() {
    let issues = validate(&e(), &answers(&[("x.y.z", Answer::Check(true))]), YEAR);
    let json = serde_json::to_string(&issues).unwrap();
    assert!(json.contains(r#""severity":"error""#));
    assert_eq!(serde_json::from_str::<Vec<Issue>>(&json).unwrap(), issues);
}

#[test]
fn has_errors_ignores_warnings() {
    let w = Issue {
        item: "a".into(),
        severity: Severity::Warning,
        message: Label::new("w", "w"),
    };
    assert!(!has_errors(std::slice::from_ref(&w)));
    assert!(!has_errors(&[]));
    assert!(has_errors(&[
        w,
        Issue {
            item: "a".into(),
            severity: Severity::Error,
            message: Label::new("e", "e")
        }
    ]));
}

// --- kind check -----------------------------------------------------

#[test]
fn answers_that_do_not_fit_the_kind_are_errors() {
    for (key, answer) in [
        ("services.diseases.hepatitis", text("実施中")),
        ("services.diseases.hepatitis", Answer::Number(1)),
        ("facilities.hospital.count", text("12")),
        ("fees.clinic_current.fee", Answer::Tri(Tri::None)),
        ("overview.main.summary", Answer::Number(3)),
        ("overview.main.start_status", Answer::Tri(Tri::Planned)),
        ("overview.main.start_year", text("2010")),
        ("system.patient_id.no_common_id", Answer::Tri(Tri::None)),
        ("bearers.current.construction", text("mhlw")),
        ("org1.main.prefecture", choices(&["東京都"])),
        ("org1.main.contact_email", Answer::Check(true)),
    ] {
        let issues = issues_for(&e(), &[(key, answer.clone())], key);
        assert_eq!(issues.len(), 1, "{key} {answer:?}");
        assert_eq!(issues[0].message.en, "This answer does not fit the item.");
    }
}

#[test]
fn answers_that_fit_the_kind_pass() {
    for (key, answer) in [
        ("services.diseases.hepatitis", Answer::Tri(Tri::None)),
        ("facilities.hospital.count", Answer::Number(0)),
        ("fees.clinic_current.fee", Answer::Fee(Fee::Free)),
        ("overview.main.summary", text("概要")),
        (
            "overview.main.start_status",
            Answer::StartStatus(StartStatus::Planned),
        ),
        ("system.patient_id.no_common_id", Answer::Check(true)),
        ("bearers.current.construction", choices(&["mhlw", "mic"])),
        ("bearers.current.construction", choices(&[])),
        ("org1.main.prefecture", text("沖縄県")),
        ("org1.main.address", text("")),
    ] {
        assert_eq!(
            issues_for(&e(), &[(key, answer.clone())], key),
            vec![],
            "{key} {answer:?}"
        );
    }
}

#[test]
fn unknown_choices_are_errors() {
    let key = "bearers.current.construction";
    let issues = issues_for(&e(), &[(key, choices(&["mhlw", "aliens"]))], key);
    assert_eq!(issues.len(), 1);
    assert!(issues[0].message.en.contains("aliens"));
    // 未定 is only a choice of the planned system.
    assert_eq!(errors(&[(key, choices(&["undecided"]))], key), 1);
    assert_eq!(
        errors(
            &[("bearers.planned.construction", choices(&["undecided"]))],
            "bearers.planned.construction"
        ),
        0
    );
}

#[test]
fn unknown_keys_are_errors() {
    let issues = issues_for(
        &e(),
        &[("services.diseases.diabetes", Answer::Tri(Tri::InProgress))],
        "services.diseases.diabetes",
    );
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].severity, Severity::Error);
    assert!(issues[0].message.en.contains("services.diseases.diabetes"));
    assert_eq!(
        errors(
            &[("nosuchsection.a.b", Answer::Check(true))],
            "nosuchsection.a.b"
        ),
        1
    );
    assert_eq!(errors(&[("", text("x"))], ""), 1);
}

#[test]
fn prefectures_must_be_one_of_the_47() {
    let key = "org2.main.prefecture";
    assert_eq!(errors(&[(key, text("北海道"))], key), 0);
    assert_eq!(errors(&[(key, text("東京"))], key), 1);
    assert_eq!(errors(&[(key, text("Tokyo"))], key), 1);
}

// --- required -------------------------------------------------------

#[test]
fn required_items_need_non_blank_text() {
    let key = "overview.main.name";
    let only = |a: Answer| {
        validate(&e(), &answers(&[(key, a)]), YEAR)
            .into_iter()
            .filter(|i| i.item == key)
            .count()
    };
    assert_eq!(only(text("あじさいネット")), 0);
    assert_eq!(only(text("")), 1);
    assert_eq!(only(text(" \u{3000} ")), 1);
    assert_eq!(only(Answer::Number(1)), 1);
    assert_eq!(
        validate(&e(), &Answers::default(), YEAR)
            .iter()
            .filter(|i| i.item == key)
            .count(),
        1
    );
}

#[test]
fn retired_items_are_only_kind_checked() {
    let mut edition = e();
    let item = edition.sections[1].groups[0]
        .items
        .iter_mut()
        .find(|i| i.key == "overview.main.name")
        .unwrap();
    item.retired = true;
    assert_eq!(validate(&edition, &Answers::default(), YEAR), vec![]);
    let url = edition.sections[1].groups[0]
        .items
        .iter_mut()
        .find(|i| i.key == "overview.main.public_url")
        .unwrap();
    url.retired = true;
    let key = "overview.main.public_url";
    assert_eq!(
        validate(&edition, &answers(&[(key, text("not a url"))]), YEAR),
        vec![]
    );
    assert_eq!(
        validate(&edition, &answers(&[(key, Answer::Number(1))]), YEAR).len(),
        1
    );
}

// --- text kinds -----------------------------------------------------

#[test]
fn urls() {
    let key = "overview.main.public_url";
    for good in [
        "http://example.jp",
        "https://example.jp/",
        "HTTPS://www.example.or.jp/net/index.html?a=1#top",
        "https://example.jp:8080/x",
        "https://地域医療.jp/",
    ] {
        assert_eq!(errors(&[(key, text(good))], key), 0, "{good}");
    }
    for bad in [
        "example.jp",
        "www.example.jp",
        "ftp://example.jp",
        "https://",
        "https:///path",
        "http://localhost",
        "https://exa mple.jp",
        "https://example.jp/ x",
        "https://user@example.jp",
        "https://example.jp:port",
        "https://.example.jp",
        "https://example..jp",
        "javascript:alert(1)",
    ] {
        assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
    }
}

#[test]
fn emails() {
    let key = "org1.main.contact_email";
    for good in [
        "info@example.jp",
        "a.b+c@mail.example.or.jp",
        "x_y-z@sub-domain.example.com",
    ] {
        assert_eq!(errors(&[(key, text(good))], key), 0, "{good}");
    }
    for bad in [
        "info",
        "info@",
        "@example.jp",
        "info@example",
        "info@@example.jp",
        "in fo@example.jp",
        "info@example.j",
        "info@example.123",
        "info@-example.jp",
        "a@b@example.jp",
    ] {
        assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
    }
}

#[test]
fn postal_codes_are_stored_normalised() {
    let key = "org1.main.postal_code";
    assert_eq!(errors(&[(key, text("123-4567"))], key), 0);
    for bad in [
        "1234567",
        "１２３-４５６７",
        "123-456",
        "123 4567",
        "12-345678",
    ] {
        assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
    }
}

#[test]
fn phones() {
    let key = "org1.main.phone";
    for good in [
        "03-1234-5678",
        "0312345678",
        "090-1234-5678",
        "0120-123-456",
        "011-123-4567",
    ] {
        assert_eq!(errors(&[(key, text(good))], key), 0, "{good}");
    }
    for bad in [
        "03-1234-567a",
        "03 1234 5678",
        "０３-１２３４-５６７８",
        "(03)1234-5678",
        "1234-5678",
        "03-1234-5678-9012",
        "+81-3-1234-5678",
    ] {
        assert_eq!(errors(&[(key, text(bad))], key), 1, "{bad}");
    }
    assert_eq!(
        errors(&[("org1.main.fax", text("12345"))], "org1.main.fax"),
        1
    );
}

// --- numbers --------------------------------------------------------

#[test]
fn years_are_in_range() {
    let key = "overview.main.start_year";
    for good in [1990, 2000, YEAR, YEAR + 5] {
        assert_eq!(
            errors(&[(key, Answer::Number(good.into()))], key),
            0,
            "{good}"
        );
    }
    for bad in [1989, YEAR + 6, 0, -2010, 20100] {
        let issues = issues_for(&e(), &[(key, Answer::Number(bad.into()))], key);
        assert_eq!(issues.len(), 1, "{bad}");
        assert!(issues[0].message.en.contains(&(YEAR + 5).to_string()));
    }
}

#[test]
fn years_agree_with_the_start_status() {
    let (status, year) = ("overview.main.start_status", "overview.main.start_year");
    let started = Answer::StartStatus(StartStatus::Started);
    let planned = Answer::StartStatus(StartStatus::Planned);
    assert_eq!(
        errors(
            &[(status, started.clone()), (year, Answer::Number(2010))],
            year
        ),
        0
    );
    assert_eq!(
        errors(
            &[
                (status, started.clone()),
                (year, Answer::Number(YEAR.into()))
            ],
            year
        ),
        0
    );
    assert_eq!(
        errors(
            &[
                (status, started.clone()),
                (year, Answer::Number((YEAR + 1).into()))
            ],
            year
        ),
        1
    );
    assert_eq!(
        errors(
            &[
                (status, planned.clone()),
                (year, Answer::Number((YEAR + 1).into()))
            ],
            year
        ),
        0
    );
    assert_eq!(
        errors(
            &[
                (status, planned.clone()),
                (year, Answer::Number(YEAR.into()))
            ],
            year
        ),
        0
    );
    assert_eq!(
        errors(
            &[(status, planned.clone()), (year, Answer::Number(2010))],
            year
        ),
        1
    );
    // Out of range: one error, not two.
    assert_eq!(
        errors(&[(status, planned), (year, Answer::Number(1980))], year),
        1
    );
    assert_eq!(errors(&[(year, Answer::Number(YEAR.into()))], year), 0);
}

#[test]
fn counts_are_in_range() {
    let key = "facilities.clinic.count";
    for good in [0, 1, 1_000_000] {
        assert_eq!(errors(&[(key, Answer::Number(good))], key), 0, "{good}");
    }
    for bad in [-1, 1_000_001] {
        assert_eq!(errors(&[(key, Answer::Number(bad))], key), 1, "{bad}");
    }
}

#[test]
fn facility_status_needs_a_matching_count() {
    let (status, count) = ("facilities.pharmacy.status", "facilities.pharmacy.count");
    for tri in [Tri::InProgress, Tri::Planned] {
        assert_eq!(
            errors(&[(status, Answer::Tri(tri))], count),
            1,
            "{tri:?} missing"
        );
        assert_eq!(
            errors(
                &[(status, Answer::Tri(tri)), (count, Answer::Number(0))],
                count
            ),
            1,
            "{tri:?} 0"
        );
        assert_eq!(
            errors(
                &[(status, Answer::Tri(tri)), (count, Answer::Number(3))],
                count
            ),
            0,
            "{tri:?} 3"
        );
    }
    assert_eq!(errors(&[(status, Answer::Tri(Tri::None))], count), 0);
    assert_eq!(
        errors(
            &[(status, Answer::Tri(Tri::None)), (count, Answer::Number(0))],
            count
        ),
        0
    );
    assert_eq!(
        errors(
            &[(status, Answer::Tri(Tri::None)), (count, Answer::Number(4))],
            count
        ),
        1
    );
    assert_eq!(errors(&[(count, Answer::Number(4))], count), 0);
    // Out of range: one error, not two.
    assert_eq!(
        errors(
            &[
                (status, Answer::Tri(Tri::None)),
                (count, Answer::Number(-4))
            ],
            count
        ),
        1
    );
    // Other groups are independent.
    assert_eq!(
        errors(
            &[
                (status, Answer::Tri(Tri::InProgress)),
                ("facilities.clinic.count", Answer::Number(0))
            ],
            count
        ),
        1
    );
}

#[test]
fn yen_and_thousand_yen() {
    let yen = "fees.patient_current.monthly";
    assert_eq!(errors(&[(yen, Answer::Number(0))], yen), 0);
    assert_eq!(errors(&[(yen, Answer::Number(1_000_000_000))], yen), 0);
    assert_eq!(errors(&[(yen, Answer::Number(-1))], yen), 1);
    let k = "budget.current.construction";
    for good in [0, 500_000, MAX_KILO_YEN] {
        assert_eq!(errors(&[(k, Answer::Number(good))], k), 0, "{good}");
    }
    for bad in [-1, MAX_KILO_YEN + 1] {
        assert_eq!(errors(&[(k, Answer::Number(bad))], k), 1, "{bad}");
    }
}

// --- fees -----------------------------------------------------------

#[test]
fn paid_needs_a_monthly_amount_and_free_none() {
    let (fee, monthly) = ("fees.hospital_current.fee", "fees.hospital_current.monthly");
    let paid = Answer::Fee(Fee::Paid);
    let free = Answer::Fee(Fee::Free);
    let issues = issues_for(&e(), &[(fee, paid.clone())], monthly);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].message.ja, "有料の場合は月額を入力してください。");
    assert_eq!(
        errors(
            &[(fee, paid.clone()), (monthly, Answer::Number(0))],
            monthly
        ),
        1
    );
    assert_eq!(
        errors(&[(fee, paid), (monthly, Answer::Number(5000))], monthly),
        0
    );
    assert_eq!(errors(&[(fee, free.clone())], monthly), 0);
    assert_eq!(
        errors(
            &[(fee, free.clone()), (monthly, Answer::Number(0))],
            monthly
        ),
        0
    );
    assert_eq!(
        errors(&[(fee, free), (monthly, Answer::Number(5000))], monthly),
        1
    );
    assert_eq!(errors(&[(monthly, Answer::Number(5000))], monthly), 0);
}

#[test]
fn undecided_fee_only_where_offered() {
    let undecided = Answer::Fee(Fee::Undecided);
    assert_eq!(
        errors(
            &[("fees.care_current.fee", undecided.clone())],
            "fees.care_current.fee"
        ),
        1
    );
    assert_eq!(
        errors(
            &[("fees.care_planned.fee", undecided.clone())],
            "fees.care_planned.fee"
        ),
        0
    );
    assert_eq!(
        errors(
            &[("fees.care_planned.fee", undecided)],
            "fees.care_planned.monthly"
        ),
        0
    );
}

// --- budget ---------------------------------------------------------

#[test]
fn breakdown_must_not_exceed_operating_cost() {
    let n = Answer::Number;
    let (op, mt, oc) = (
        "budget.planned.operating",
        "budget.planned.maintenance",
        "budget.planned.other_cost",
    );
    assert_eq!(errors(&[(op, n(1000)), (mt, n(600)), (oc, n(400))], mt), 0);
    assert_eq!(errors(&[(op, n(1000)), (mt, n(600)), (oc, n(401))], mt), 1);
    assert_eq!(errors(&[(op, n(1000)), (oc, n(1001))], mt), 1);
    assert_eq!(errors(&[(op, n(0)), (mt, n(1))], mt), 1);
    // No operating cost given: nothing to compare with.
    assert_eq!(errors(&[(mt, n(600)), (oc, n(401))], mt), 0);
    // The error is on maintenance only.
    assert_eq!(errors(&[(op, n(1000)), (mt, n(600)), (oc, n(401))], oc), 0);
    let issues = issues_for(&e(), &[(op, n(1000)), (mt, n(600)), (oc, n(401))], mt);
    assert!(issues[0].message.ja.contains("1001千円"));
    // The running system's budget is separate.
    assert_eq!(
        errors(
            &[(op, n(1000)), ("budget.current.maintenance", n(2000))],
            "budget.current.maintenance"
        ),
        0
    );
}

// --- common patient ID ----------------------------------------------

#[test]
fn no_common_id_contradicts_an_id_system_in_progress() {
    let none = "system.patient_id.no_common_id";
    let on = Answer::Check(true);
    let issues = issues_for(
        &e(),
        &[
            (none, on.clone()),
            ("system.patient_id.id_link", Answer::Tri(Tri::InProgress)),
        ],
        none,
    );
    assert_eq!(issues.len(), 1);
    assert!(issues[0].message.ja.contains("ID-Linkシステムを利用"));
    assert_eq!(
        errors(
            &[
                (none, on.clone()),
                ("system.patient_id.id_link", Answer::Tri(Tri::Planned))
            ],
            none
        ),
        0
    );
    assert_eq!(
        errors(
            &[
                (none, on.clone()),
                ("system.patient_id.human_bridge", Answer::Tri(Tri::None))
            ],
            none
        ),
        0
    );
    assert_eq!(errors(&[(none, on)], none), 0);
    assert_eq!(
        errors(
            &[
                (none, Answer::Check(false)),
                ("system.patient_id.id_link", Answer::Tri(Tri::InProgress))
            ],
            none
        ),
        0
    );
}

// --- bearers --------------------------------------------------------

#[test]
fn undecided_bearers_stand_alone() {
    let key = "bearers.planned.operation";
    assert_eq!(errors(&[(key, choices(&["undecided"]))], key), 0);
    assert_eq!(errors(&[(key, choices(&["national", "patients"]))], key), 0);
    let issues = issues_for(&e(), &[(key, choices(&["undecided", "national"]))], key);
    assert_eq!(issues.len(), 1);
    assert!(issues[0].message.ja.contains("未定"));
}

// --- その他 -----------------------------------------------------------

/// 2012 with a services group that has a tri `other` and an `other_services` text.
fn edition_with_other_text() -> Edition {
    let mut edition = e();
    let services = edition
        .sections
        .iter_mut()
        .find(|s| s.key == "services")
        .unwrap();
    let mut group = services.groups[0].clone();
    group.key = "extra".into();
    for item in &mut group.items {
        item.key = item.key.replace(".diseases.", ".extra.");
    }
    let mut text = group.items[0].clone();
    text.key = "services.extra.other_services".into();
    text.kind = AnswerKind::Text;
    group.items.push(text);
    services.groups.push(group);
    edition
}

#[test]
fn an_active_other_needs_its_text() {
    let edition = edition_with_other_text();
    let (tri, txt) = ("services.extra.other", "services.extra.other_services");
    let w = |pairs: &[(&str, Answer)]| {
        issues_for(&edition, pairs, txt)
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .count()
    };
    assert_eq!(w(&[(tri, Answer::Tri(Tri::InProgress))]), 1);
    assert_eq!(w(&[(tri, Answer::Tri(Tri::Planned)), (txt, text(" "))]), 1);
    assert_eq!(
        w(&[(tri, Answer::Tri(Tri::Planned)), (txt, text("糖尿病"))]),
        0
    );
    assert_eq!(w(&[(tri, Answer::Tri(Tri::None))]), 0);
    assert_eq!(w(&[]), 0);
    // A warning is not an error.
    let a = answers(&[
        ("overview.main.name", text("n")),
        (tri, Answer::Tri(Tri::InProgress)),
    ]);
    assert!(!has_errors(&validate(&edition, &a, YEAR)));
}

#[test]
fn no_other_warning_without_a_text_or_when_other_is_the_text() {
    // 2012: services.diseases.other has no text in its group.
    let a = answers(&[
        ("overview.main.name", text("n")),
        ("services.diseases.other", Answer::Tri(Tri::InProgress)),
    ]);
    assert_eq!(validate(&e(), &a, YEAR), vec![]);
    // Consent and system groups: `other` is the text itself.
    let a = answers(&[
        ("overview.main.name", text("n")),
        (
            "consent.patients.per_facility",
            Answer::Tri(Tri::InProgress),
        ),
        ("system.linkage.centralised", Answer::Tri(Tri::Planned)),
    ]);
    assert_eq!(validate(&e(), &a, YEAR), vec![]);
}

#[test]
fn an_other_bearer_needs_its_text() {
    let (key, txt) = (
        "bearers.current.construction",
        "bearers.current.construction_other",
    );
    assert_eq!(warnings(&[(key, choices(&["other"]))], txt), 1);
    assert_eq!(
        warnings(&[(key, choices(&["other", "mhlw"])), (txt, text(""))], txt),
        1
    );
    assert_eq!(
        warnings(&[(key, choices(&["other"])), (txt, text("県の基金"))], txt),
        0
    );
    assert_eq!(warnings(&[(key, choices(&["mhlw"]))], txt), 0);
    assert_eq!(
        warnings(
            &[(key, choices(&["other"]))],
            "bearers.current.operation_other"
        ),
        0
    );
}

// --- sections -------------------------------------------------------

#[test]
fn validate_section_keeps_to_its_section() {
    let a = answers(&[
        ("facilities.hospital.status", Answer::Tri(Tri::InProgress)),
        ("fees.hospital_current.fee", Answer::Fee(Fee::Paid)),
        ("facilities.dentist.status", Answer::Tri(Tri::None)),
    ]);
    let issues = validate_section(&e(), &a, "facilities", YEAR);
    let keys: Vec<&str> = issues.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(
        keys,
        ["facilities.hospital.count", "facilities.dentist.status"]
    );
    let keys: Vec<String> = validate_section(&e(), &a, "fees", YEAR)
        .into_iter()
        .map(|i| i.item)
        .collect();
    assert_eq!(keys, ["fees.hospital_current.monthly"]);
    assert_eq!(validate_section(&e(), &a, "overview", YEAR).len(), 1); // the required name
    assert_eq!(validate_section(&e(), &a, "budget", YEAR), vec![]);
    assert_eq!(validate_section(&e(), &a, "nosuch", YEAR), vec![]);
}

#[test]
fn section_states() {
    let edition = e();
    let state =
        |pairs: &[(&str, Answer)], s: &str| section_state(&edition, &answers(pairs), s, YEAR);
    assert_eq!(state(&[], "overview"), SectionState::Untouched);
    assert_eq!(
        state(&[("overview.main.name", text(" "))], "overview"),
        SectionState::Untouched
    );
    assert_eq!(
        state(
            &[("services.diseases.heart", Answer::Tri(Tri::None))],
            "facilities"
        ),
        SectionState::Untouched
    );
    assert_eq!(
        state(&[("overview.main.summary", text("概要"))], "overview"),
        SectionState::HasErrors
    );
    assert_eq!(
        state(&[("overview.main.name", text("n"))], "overview"),
        SectionState::InProgress
    );
    assert_eq!(
        state(
            &[
                ("overview.main.name", text("n")),
                (
                    "overview.main.start_status",
                    Answer::StartStatus(StartStatus::Started)
                )
            ],
            "overview"
        ),
        SectionState::Complete
    );
    // Sections without tri/fee/status items are complete once something valid is in.
    assert_eq!(
        state(&[("org1.main.name", text("医師会"))], "org1"),
        SectionState::Complete
    );
    assert_eq!(
        state(&[("org1.main.phone", text("abc"))], "org1"),
        SectionState::HasErrors
    );
    // An unknown key under a section makes it erroneous.
    assert_eq!(
        state(&[("org1.main.nickname", text("x"))], "org1"),
        SectionState::HasErrors
    );
    // Warnings do not stop completion.
    let mut all: Vec<(&str, Answer)> = edition
        .section("bearers")
        .unwrap()
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|i| matches!(i.kind, AnswerKind::Bearers { .. }))
        .map(|i| (i.key.as_str(), choices(&["other"])))
        .collect();
    assert_eq!(state(&all, "bearers"), SectionState::Complete);
    all.push((
        "bearers.planned.operation",
        choices(&["undecided", "other"]),
    ));
    assert_eq!(state(&all, "bearers"), SectionState::HasErrors);
}

#[test]
fn facilities_complete_needs_every_status() {
    let edition = e();
    let mut a = Answers::default();
    let statuses: Vec<String> = edition
        .section("facilities")
        .unwrap()
        .groups
        .iter()
        .map(|g| format!("facilities.{}.status", g.key))
        .collect();
    for (i, key) in statuses.iter().enumerate() {
        a.set(key.clone(), Answer::Tri(Tri::None));
        let want = if i + 1 == statuses.len() {
            SectionState::Complete
        } else {
            SectionState::InProgress
        };
        assert_eq!(
            section_state(&edition, &a, "facilities", YEAR),
            want,
            "{key}"
        );
    }
    // A retired tri item is not needed.
    let mut edition = edition;
    let section: &mut Section = edition
        .sections
        .iter_mut()
        .find(|s| s.key == "facilities")
        .unwrap();
    let mut extra = section.groups[0].items[0].clone();
    extra.key = "facilities.hospital.old_status".into();
    extra.retired = true;
    section.groups[0].items.push(extra);
    assert_eq!(
        section_state(&edition, &a, "facilities", YEAR),
        SectionState::Complete
    );
}

// --- a new edition --------------------------------------------------

#[test]
fn a_new_edition_with_diabetes_needs_no_code_change() {
    let mut edition = e();
    edition.id = "2014".into();
    let diseases = edition
        .sections
        .iter_mut()
        .find(|s| s.key == "services")
        .and_then(|s| s.groups.iter_mut().find(|g| g.key == "diseases"))
        .unwrap();
    let mut diabetes = diseases.items[0].clone();
    diabetes.key = "services.diseases.diabetes".into();
    diabetes.label = Label::new("糖尿病", "Diabetes");
    diseases.items.insert(diseases.items.len() - 1, diabetes);

    let key = "services.diseases.diabetes";
    let a = answers(&[
        ("overview.main.name", text("n")),
        (key, Answer::Tri(Tri::InProgress)),
    ]);
    assert_eq!(validate(&edition, &a, YEAR), vec![]);
    // The kind check applies to it too.
    assert_eq!(issues_for(&edition, &[(key, text("yes"))], key).len(), 1);
    // Still unknown in 2012, and other unknown keys are still rejected.
    assert_eq!(errors(&[(key, Answer::Tri(Tri::InProgress))], key), 1);
    let unknown = "services.diseases.asthma";
    assert_eq!(
        issues_for(
            &edition,
            &[(unknown, Answer::Tri(Tri::InProgress))],
            unknown
        )
        .len(),
        1
    );
    // A full response to the new edition is valid and complete.
    let full = full_answers(&edition);
    assert_eq!(validate(&edition, &full, YEAR), vec![]);
    assert_eq!(
        section_state(&edition, &full, "services", YEAR),
        SectionState::Complete
    );
    let mut missing = full.clone();
    missing.clear(key);
    assert_eq!(
        section_state(&edition, &missing, "services", YEAR),
        SectionState::InProgress
    );
}

#[test]
fn texts_keep_to_their_kinds_length_and_carry_no_control_characters() {
    let e = e();
    let (_, text_item) = e
        .items()
        .find(|(_, i)| i.kind == AnswerKind::Text && !i.retired && i.max_chars.is_none())
        .unwrap();
    let key = text_item.key.as_str();
    let max = AnswerKind::Text.max_chars().unwrap();
    assert!(issues_for(&e, &[(key, text(&"あ".repeat(max)))], key).is_empty());
    let long = issues_for(&e, &[(key, text(&"あ".repeat(max + 1)))], key);
    assert_eq!(long.len(), 1);
    assert!(
        long[0].message.ja.contains("500文字以内"),
        "{}",
        long[0].message.ja
    );
    // A NUL byte (PostgreSQL cannot store it) and other control characters are refused;
    // line breaks and tabs are text.
    for bad in ["a\0b", "a\u{7}b", "a\u{85}b"] {
        assert_eq!(issues_for(&e, &[(key, text(bad))], key).len(), 1, "{bad:?}");
    }
    assert!(issues_for(&e, &[(key, text("一行目\n二行目\tタブ\r"))], key).is_empty());
}

#[test]
fn yen_amounts_have_a_ceiling_so_sums_cannot_overflow() {
    let e = e();
    let (_, yen_item) = e
        .items()
        .find(|(_, i)| i.kind == AnswerKind::Yen && !i.retired)
        .unwrap();
    let key = yen_item.key.as_str();
    assert!(issues_for(&e, &[(key, Answer::Number(MAX_YEN))], key).is_empty());
    assert_eq!(
        issues_for(&e, &[(key, Answer::Number(MAX_YEN + 1))], key).len(),
        1
    );
    assert_eq!(
        issues_for(&e, &[(key, Answer::Number(i64::MAX))], key).len(),
        1
    );
    // Every response at the ceiling, a million of them, still sums inside i64.
    assert!(MAX_YEN.checked_mul(1_000_000).is_some());
}

#[test]
fn an_items_own_length_limit_is_the_one_enforced() {
    let e = e();
    let summary = e.item("overview.main.summary").unwrap();
    assert_eq!(summary.max_chars, Some(2000), "set in editions/2012");
    assert_eq!(summary.max_chars(), Some(2000));
    let key = "overview.main.summary";
    assert!(issues_for(&e, &[(key, text(&"字".repeat(2000)))], key).is_empty());
    let over = issues_for(&e, &[(key, text(&"字".repeat(2001)))], key);
    assert_eq!(over.len(), 1);
    assert_eq!(
        over[0].message.ja,
        "2000文字以内で入力してください（現在2001文字）。"
    );
    assert_eq!(
        over[0].message.en,
        "Use at most 2000 characters (now 2001)."
    );
    // Characters, not bytes or UTF-16 units: 2000 characters outside the BMP are fine.
    assert!(issues_for(&e, &[(key, text(&"𠮷".repeat(2000)))], key).is_empty());
    // Items without their own limit keep their kind's.
    let name = e.item("overview.main.nickname").unwrap();
    assert_eq!(name.max_chars(), AnswerKind::Text.max_chars());
    // Not a text: no limit.
    assert_eq!(
        e.item("facilities.hospital.count").unwrap().max_chars(),
        None
    );
}

#[test]
fn an_amount_sent_as_unreadable_text_gets_one_message_saying_why() {
    let e = e();
    let monthly = "fees.hospital_current.monthly";
    let fee = "fees.hospital_current.fee";
    assert_eq!(
        e.item(fee).map(|i| &i.kind),
        Some(&AnswerKind::Fee { undecided: false }),
    );
    // Paid with an amount that cannot be read: the amount's message, not also "enter the
    // monthly amount".
    let found = issues_for(
        &e,
        &[(fee, Answer::Fee(Fee::Paid)), (monthly, text("3千円?"))],
        monthly,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message.ja,
        "金額を数字で入力してください（例: 3,000 や 3,000円）。"
    );
    // A 千円 amount that is not whole in thousands.
    let construction = "budget.current.construction";
    let found = issues_for(&e, &[(construction, text("1,500円"))], construction);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.ja.contains("1.5千円"),
        "{}",
        found[0].message.ja
    );
    // A count: planned with an unreadable count says why the count is unreadable, once.
    let count = "facilities.hospital.count";
    let found = issues_for(
        &e,
        &[
            ("facilities.hospital.status", Answer::Tri(Tri::Planned)),
            (count, text("12人")),
        ],
        count,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.ja.contains("人数"),
        "{}",
        found[0].message.ja
    );
    // Huge: the field's ceiling.
    let found = issues_for(&e, &[(monthly, text(&"9".repeat(30)))], monthly);
    assert_eq!(
        found[0].message.ja,
        "0から100,000,000,000円までの金額を入力してください。"
    );
}

#[test]
fn every_item_gets_at_most_one_error_and_each_message_once() {
    let e = e();
    // Answers that break several rules at once around the same items.
    let a = answers(&[
        ("facilities.hospital.status", Answer::Tri(Tri::InProgress)),
        ("facilities.hospital.count", text("abc")),
        ("fees.hospital_current.fee", Answer::Fee(Fee::Paid)),
        ("fees.hospital_current.monthly", text("-5")),
        ("budget.current.operating", Answer::Number(10)),
        ("budget.current.maintenance", text("1,500円")),
        (
            "budget.current.other_cost",
            Answer::Number(MAX_KILO_YEN + 1),
        ),
        (
            "overview.main.start_status",
            Answer::StartStatus(StartStatus::Started),
        ),
        ("overview.main.start_year", text("2099年")),
        ("overview.main.summary", text(&"x".repeat(3000))),
    ]);
    let issues = validate(&e, &a, YEAR);
    let mut errors: Vec<&str> = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| i.item.as_str())
        .collect();
    let all = errors.len();
    errors.sort();
    errors.dedup();
    assert_eq!(errors.len(), all, "{issues:#?}");
    // The messages shown per item: duplicates dropped, errors first.
    let twice = vec![
        Issue {
            item: "a".into(),
            severity: Severity::Warning,
            message: Label::new("w", "w"),
        },
        Issue {
            item: "a".into(),
            severity: Severity::Error,
            message: Label::new("e", "e"),
        },
        Issue {
            item: "a".into(),
            severity: Severity::Error,
            message: Label::new("e", "e"),
        },
    ];
    let shown = messages_for(&twice, "a");
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0].severity, Severity::Error);
    assert!(messages_for(&twice, "b").is_empty());
}
