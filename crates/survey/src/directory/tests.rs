//! The directory's query, listing and detail, on the built-in 2012 edition.

use super::*;
use crate::disclosure::public_answers;
use crate::geography::OperatorType;
use crate::{builtin_edition, Answer, Answers, Disclosure, DisclosureChoices, Tri};

fn entry(
    id: i64,
    name: &str,
    pref: &str,
    year: Option<i64>,
    services_public: bool,
    hepatitis: bool,
) -> DirectoryEntry {
    let edition = builtin_edition("2012").unwrap();
    let mut answers = Answers::default();
    if hepatitis {
        answers.set("services.diseases.hepatitis", Answer::Tri(Tri::InProgress));
        answers.set("services.provided.image_sharing", Answer::Tri(Tri::Planned));
    }
    let mut disclosure = DisclosureChoices::default();
    if services_public {
        disclosure.set("services", Disclosure::Public);
    }
    DirectoryEntry {
        id,
        no: Some(id),
        prefecture: pref.into(),
        operator: Some(OperatorType::Hospital),
        name: name.into(),
        nickname: String::new(),
        start_year: year,
        public: public_answers(&edition, &answers, &disclosure),
    }
}

fn entries() -> Vec<DirectoryEntry> {
    vec![
        entry(1, "あじさいネット", "長崎県", Some(2004), true, true),
        entry(2, "ID-Link小樽", "北海道", Some(2011), false, true),
        entry(3, "ＩＤ－ＬＩＮＫ千葉", "千葉県", None, true, false),
    ]
}

fn ids(page: &DirectoryPage) -> Vec<i64> {
    page.rows.iter().map(|r| r.id).collect()
}

#[test]
fn filters_by_region_prefecture_and_years() {
    let e = builtin_edition("2012").unwrap();
    let q = |f: fn(&mut DirectoryQuery)| {
        let mut q = DirectoryQuery::default();
        f(&mut q);
        ids(&query_directory(&e, &entries(), &q))
    };
    assert_eq!(q(|_| {}), vec![1, 2, 3]);
    assert_eq!(q(|q| q.region = Some("kyushu".into())), vec![1]);
    assert_eq!(q(|q| q.region = Some("九州".into())), vec![1]);
    assert_eq!(q(|q| q.region = Some("atlantis".into())), Vec::<i64>::new());
    assert_eq!(q(|q| q.pref = Some("千葉県".into())), vec![3]);
    assert_eq!(q(|q| q.from = Some(2005)), vec![2]);
    assert_eq!(q(|q| q.to = Some(2010)), vec![1]);
    assert_eq!(q(|q| q.op = Some("company".into())), Vec::<i64>::new());
}

#[test]
fn private_answers_never_match_a_filter() {
    let e = builtin_edition("2012").unwrap();
    let mut q = DirectoryQuery {
        disease: Some("services.diseases.hepatitis".into()),
        ..Default::default()
    };
    // Network 2 is in progress too, but its services section is private.
    assert_eq!(ids(&query_directory(&e, &entries(), &q)), vec![1]);
    q.disease = None;
    q.service = Some("services.provided.image_sharing".into());
    let page = query_directory(&e, &entries(), &q);
    assert_eq!((ids(&page), page.matches), (vec![1], 1));
    q.service = Some("overview.main.name".into());
    assert!(query_directory(&e, &entries(), &q).rows.is_empty());
}

#[test]
fn search_ignores_width_and_highlights() {
    let e = builtin_edition("2012").unwrap();
    let q = DirectoryQuery {
        q: "ＩＤ－ＬＩＮＫ".into(),
        ..Default::default()
    };
    let page = query_directory(&e, &entries(), &q);
    assert_eq!(ids(&page), vec![2, 3]);
    assert_eq!(
        page.rows[0].name,
        vec![("ID-Link".to_string(), true), ("小樽".to_string(), false)]
    );
    let q = DirectoryQuery {
        q: "アジサイ".into(),
        ..Default::default()
    };
    assert_eq!(ids(&query_directory(&e, &entries(), &q)), vec![1]);
}

#[test]
fn sorts_and_pages() {
    let e = builtin_edition("2012").unwrap();
    let q = DirectoryQuery {
        sort: Some("year".into()),
        desc: true,
        ..Default::default()
    };
    assert_eq!(ids(&query_directory(&e, &entries(), &q)), vec![3, 2, 1]);
    let q = DirectoryQuery {
        sort: Some("pref".into()),
        ..Default::default()
    };
    assert_eq!(ids(&query_directory(&e, &entries(), &q)), vec![2, 3, 1]);
    let many: Vec<DirectoryEntry> = (1..=120)
        .map(|i| entry(i, "x", "東京都", None, false, false))
        .collect();
    let q = DirectoryQuery {
        page: Some(3),
        ..Default::default()
    };
    let page = query_directory(&e, &many, &q);
    assert_eq!(
        (page.page, page.pages, page.rows.len(), page.rows[0].id),
        (3, 3, 20, 101)
    );
    let q = DirectoryQuery {
        page: Some(99),
        ..Default::default()
    };
    assert_eq!(query_directory(&e, &many, &q).page, 3);
}

#[test]
fn query_round_trips_through_the_url() {
    let q = DirectoryQuery {
        edition: Some("2013".into()),
        q: "ID リンク".into(),
        region: Some("kanto".into()),
        from: Some(2005),
        desc: true,
        page: Some(2),
        ..Default::default()
    };
    let params = q.to_params();
    let back = DirectoryQuery::from_params(|k| {
        params.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())
    });
    assert_eq!(back, q);
    assert_eq!(q.href(), "/networks?edition=2013&q=ID%20%E3%83%AA%E3%83%B3%E3%82%AF&region=kanto&from=2005&desc=1&page=2");
}

#[test]
fn detail_shows_only_published_sections() {
    let e = builtin_edition("2012").unwrap();
    let mut answers = Answers::default();
    answers.set("services.diseases.hepatitis", Answer::Tri(Tri::Planned));
    answers.set("budget.current.construction", Answer::Number(5000));
    let mut d = DisclosureChoices::default();
    d.set("services", Disclosure::Public);
    let sections = detail_sections(&e, &public_answers(&e, &answers, &d));
    let services = sections.iter().find(|s| s.key == "services").unwrap();
    assert!(services.published);
    assert_eq!(
        services.groups[0].rows[0].value,
        DetailValue::Tri(Tri::Planned)
    );
    let mut answers = answers.clone();
    answers.set("overview.main.start_year", Answer::Number(2008));
    d.set("overview", Disclosure::Public);
    let overview = detail_sections(&e, &public_answers(&e, &answers, &d))
        .into_iter()
        .find(|s| s.key == "overview")
        .unwrap();
    assert_eq!(
        overview.groups[0].rows[0].value,
        DetailValue::Text("2008".into())
    );
    let budget = sections.iter().find(|s| s.key == "budget").unwrap();
    assert!(!budget.published && budget.groups.is_empty());
}

#[test]
fn history_compares_only_sections_published_in_both_editions() {
    let old_edition = builtin_edition("2012").unwrap();
    let new_edition = crate::builtin_edition("2013").unwrap();
    let answers = |services: Tri, budget: i64, name: &str| {
        let mut a = Answers::default();
        a.set("services.diseases.heart", Answer::Tri(services));
        a.set("budget.current.construction", Answer::Number(budget));
        a.set("overview.main.name", Answer::Text(name.into()));
        a
    };
    let mut both_public = DisclosureChoices::default();
    both_public.set("services", Disclosure::Public);
    both_public.set("overview", Disclosure::Public);
    let mut budget_public_only_now = both_public.clone();
    budget_public_only_now.set("budget", Disclosure::Public);
    let old = public_answers(
        &old_edition,
        &answers(Tri::Planned, 10_000, "旧名"),
        &both_public,
    );
    let mut new_answers = answers(Tri::InProgress, 99_999, "旧名");
    new_answers.set("services.diseases.diabetes", Answer::Tri(Tri::Planned));
    let new = public_answers(&new_edition, &new_answers, &budget_public_only_now);
    let step = history_step((&old_edition, &old), (&new_edition, &new));
    assert_eq!((step.from.as_str(), step.to.as_str()), ("2012", "2013"));
    let items: Vec<&str> = step.changes.iter().map(|c| c.item.ja.as_ref()).collect();
    assert_eq!(
        items,
        ["心臓疾患", "糖尿病"],
        "the budget was private in 2012, so its change is not shown"
    );
    assert_eq!(step.changes[0].before, Some(DetailValue::Tri(Tri::Planned)));
    assert_eq!(step.changes[1].before, None);
}

#[test]
fn a_search_longer_than_any_name_is_refused_with_a_reason() {
    let ok = DirectoryQuery {
        q: "あ".repeat(MAX_SEARCH_CHARS),
        ..Default::default()
    };
    assert!(ok.check().is_ok());
    let long = DirectoryQuery {
        q: "あ".repeat(MAX_SEARCH_CHARS + 1),
        ..Default::default()
    };
    let why = long.check().unwrap_err();
    assert!(why.ja.contains("100文字"), "{}", why.ja);
}
