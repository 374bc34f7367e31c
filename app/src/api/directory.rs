//! The public directory of networks (別添1) and their detail pages (別添2).
//! Everything here is built from [`PublicAnswers`], so private answers can
//! neither be shown nor be used to filter.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::disclosure::PublicAnswers;
use crate::error::ApiError;
use crate::i18n::Label;
use crate::survey::geography::{region_of, OperatorType, Region, PREFECTURES};
use crate::survey::{Answer, AnswerKind, Edition, Fee, StartStatus, Tri};

pub const PER_PAGE: usize = 50;

/// Filters, search, sort and page of the directory, as they appear in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// A public edition; none means the current one.
    pub edition: Option<String>,
    #[serde(default)]
    pub q: String,
    pub region: Option<String>,
    pub pref: Option<String>,
    pub op: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Item keys of a service, a disease or a standard that must be in progress or planned.
    pub service: Option<String>,
    pub disease: Option<String>,
    pub standard: Option<String>,
    pub sort: Option<String>,
    #[serde(default)]
    pub desc: bool,
    pub page: Option<usize>,
}

impl DirectoryQuery {
    /// The query as URL parameters (empty ones left out), for links and forms.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        let mut push = |k: &'static str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                p.push((k, v));
            }
        };
        push("edition", self.edition.clone());
        push("q", Some(self.q.clone()));
        push("region", self.region.clone());
        push("pref", self.pref.clone());
        push("op", self.op.clone());
        push("from", self.from.map(|y| y.to_string()));
        push("to", self.to.map(|y| y.to_string()));
        push("service", self.service.clone());
        push("disease", self.disease.clone());
        push("standard", self.standard.clone());
        push("sort", self.sort.clone());
        push("desc", self.desc.then(|| "1".to_string()));
        push("page", self.page.filter(|&p| p > 1).map(|p| p.to_string()));
        p
    }

    /// Reads the query from URL parameters; unparsable values are ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        DirectoryQuery {
            edition: text("edition"),
            q: text("q").unwrap_or_default(),
            region: text("region"),
            pref: text("pref"),
            op: text("op"),
            from: text("from").and_then(|v| v.parse().ok()),
            to: text("to").and_then(|v| v.parse().ok()),
            service: text("service"),
            disease: text("disease"),
            standard: text("standard"),
            sort: text("sort"),
            desc: text("desc").is_some_and(|v| v == "1" || v == "true"),
            page: text("page").and_then(|v| v.parse().ok()),
        }
    }

    pub fn href(&self) -> String {
        let params = self.to_params();
        if params.is_empty() {
            return "/networks".into();
        }
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        format!("/networks?{}", query.join("&"))
    }
}

/// Percent-encodes a URL query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One network as the directory lists it (別添1's columns).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryRow {
    pub id: i64,
    pub no: Option<i64>,
    pub prefecture: String,
    pub region: Option<Region>,
    /// The name and nickname cut into `(text, matches the search)` pieces.
    pub name: Vec<(String, bool)>,
    pub nickname: Vec<(String, bool)>,
    pub start_year: Option<i64>,
    pub operator: Option<OperatorType>,
}

/// A choosable filter value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOption {
    pub key: String,
    pub label: Label,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub edition: String,
    /// The editions the public may choose, newest first.
    pub editions: Vec<String>,
    pub query: DirectoryQuery,
    pub matches: usize,
    pub page: usize,
    pub pages: usize,
    pub rows: Vec<DirectoryRow>,
    pub services: Vec<FilterOption>,
    pub diseases: Vec<FilterOption>,
    pub standards: Vec<FilterOption>,
}

/// What the directory knows of a network: public directory facts and its public answers.
#[derive(Clone, Debug)]
pub struct DirectoryEntry {
    pub id: i64,
    pub no: Option<i64>,
    pub prefecture: String,
    pub operator: Option<OperatorType>,
    pub name: String,
    pub nickname: String,
    pub start_year: Option<i64>,
    pub public: PublicAnswers,
}

fn tri_options(edition: &Edition, section: &str, groups: &[&str]) -> Vec<FilterOption> {
    edition
        .section(section)
        .into_iter()
        .flat_map(|s| &s.groups)
        .filter(|g| groups.contains(&g.key.as_str()))
        .flat_map(|g| &g.items)
        .filter(|i| i.kind == AnswerKind::Tri && !i.retired)
        .map(|i| FilterOption { key: i.key.clone(), label: i.label.clone() })
        .collect()
}

fn is_active(public: &PublicAnswers, key: &str) -> bool {
    matches!(public.get(key), Some(Answer::Tri(t)) if t.is_active())
}

fn prefecture_order(prefecture: &str) -> usize {
    PREFECTURES.iter().position(|(p, _)| *p == prefecture).unwrap_or(usize::MAX)
}

/// Filters, sorts and pages the directory. Pure: the tests call it directly.
pub fn query_directory(edition: &Edition, entries: &[DirectoryEntry], query: &DirectoryQuery) -> DirectoryPage {
    let services = tri_options(edition, "services", &["provided", "patient"]);
    let diseases = tri_options(edition, "services", &["diseases"]);
    let standards = tri_options(edition, "system", &["standards"]);
    let region = query.region.as_deref().and_then(Region::parse);
    let operator = query.op.as_deref().and_then(OperatorType::from_key);
    // A filter on an unknown key matches nothing rather than everything.
    let item_filter = |key: &Option<String>, options: &[FilterOption]| {
        key.as_ref().map(|k| if options.iter().any(|o| &o.key == k) { k.clone() } else { String::new() })
    };
    let service = item_filter(&query.service, &services);
    let disease = item_filter(&query.disease, &diseases);
    let standard = item_filter(&query.standard, &standards);

    let mut hits: Vec<&DirectoryEntry> = entries
        .iter()
        .filter(|e| query.region.is_none() || region.is_some_and(|r| region_of(&e.prefecture) == Some(r)))
        .filter(|e| query.pref.as_ref().is_none_or(|p| &e.prefecture == p))
        .filter(|e| query.op.is_none() || (operator.is_some() && e.operator == operator))
        .filter(|e| query.from.is_none_or(|from| e.start_year.is_some_and(|y| y >= from)))
        .filter(|e| query.to.is_none_or(|to| e.start_year.is_some_and(|y| y <= to)))
        .filter(|e| [&service, &disease, &standard].into_iter().flatten().all(|k| is_active(&e.public, k)))
        .filter(|e| {
            query.q.trim().is_empty() || crate::search::matches(&e.name, &query.q) || crate::search::matches(&e.nickname, &query.q)
        })
        .collect();

    match query.sort.as_deref().unwrap_or("no") {
        "pref" => hits.sort_by_key(|e| (prefecture_order(&e.prefecture), e.no)),
        "name" => hits.sort_by_cached_key(|e| crate::search::fold(&e.name)),
        "nickname" => hits.sort_by_cached_key(|e| (e.nickname.is_empty(), crate::search::fold(&e.nickname))),
        "year" => hits.sort_by_key(|e| (e.start_year.is_none(), e.start_year, e.no)),
        "region" => hits.sort_by_key(|e| (region_of(&e.prefecture), prefecture_order(&e.prefecture), e.no)),
        "op" => hits.sort_by_key(|e| (e.operator, e.no)),
        _ => hits.sort_by_key(|e| (e.no.is_none(), e.no, e.id)),
    }
    if query.desc {
        hits.reverse();
    }

    let matches = hits.len();
    let pages = matches.div_ceil(PER_PAGE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let rows = hits
        .into_iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|e| DirectoryRow {
            id: e.id,
            no: e.no,
            prefecture: e.prefecture.clone(),
            region: region_of(&e.prefecture),
            name: crate::search::highlight(&e.name, &query.q),
            nickname: crate::search::highlight(&e.nickname, &query.q),
            start_year: e.start_year,
            operator: e.operator,
        })
        .collect();
    DirectoryPage { edition: edition.id.clone(), editions: vec![edition.id.clone()], query: query.clone(), matches, page, pages, rows, services, diseases, standards }
}

/// An answer as the detail page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DetailValue {
    Tri(Tri),
    Text(String),
    Number { value: i64, unit: Option<Label> },
    Fee(Fee),
    Choices(Vec<Label>),
    Check(bool),
    StartStatus(StartStatus),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailRow {
    pub label: Label,
    pub value: DetailValue,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailGroup {
    pub title: Option<Label>,
    pub rows: Vec<DetailRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailSection {
    pub key: String,
    pub letter: String,
    pub title: Label,
    pub published: bool,
    pub groups: Vec<DetailGroup>,
}

/// A network's public detail page (別添2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkDetail {
    pub id: i64,
    pub edition: String,
    pub no: Option<i64>,
    pub name: String,
    pub nickname: String,
    pub prefecture: String,
    pub region: Option<Region>,
    pub operator: Option<OperatorType>,
    pub regional_fund: bool,
    /// 情報更新日, YYYY-MM-DD in Japan.
    pub updated: Option<String>,
    pub sections: Vec<DetailSection>,
    /// The public editions this network answered, newest first.
    pub editions: Vec<String>,
    /// What changed in its published answers from one edition to the next, newest first.
    pub history: Vec<HistoryStep>,
}

/// One published answer that differs between two editions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryChange {
    pub section: Label,
    pub item: Label,
    pub before: Option<DetailValue>,
    pub after: Option<DetailValue>,
}

/// The changes from one edition to the next, over the sections published in both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryStep {
    pub from: String,
    pub to: String,
    pub changes: Vec<HistoryChange>,
}

/// Compares two editions' public answers section by section; a section private in either
/// edition is left out entirely, so the history reveals nothing the pages do not.
pub fn history_step(from: (&Edition, &PublicAnswers), to: (&Edition, &PublicAnswers)) -> HistoryStep {
    let ((old_edition, old), (new_edition, new)) = (from, to);
    let mut changes = Vec::new();
    for section in &new_edition.sections {
        if !old.is_published(&section.key) || !new.is_published(&section.key) {
            continue;
        }
        let old_items = old_edition.section(&section.key).into_iter().flat_map(|s| s.groups.iter().flat_map(|g| &g.items));
        let new_items = section.groups.iter().flat_map(|g| &g.items);
        let mut seen = std::collections::BTreeSet::new();
        for item in new_items.chain(old_items) {
            if !seen.insert(item.key.clone()) {
                continue;
            }
            let value = |answers: &PublicAnswers| answers.get(&item.key).and_then(|a| detail_value(&item.kind, a));
            let (before, after) = (value(old), value(new));
            if before != after {
                changes.push(HistoryChange { section: section.title.clone(), item: item.label.clone(), before, after });
            }
        }
    }
    HistoryStep { from: old_edition.id.clone(), to: new_edition.id.clone(), changes }
}

impl NetworkDetail {
    pub fn publishes_nothing(&self) -> bool {
        self.sections.iter().all(|s| !s.published)
    }
}

fn detail_value(kind: &AnswerKind, answer: &Answer) -> Option<DetailValue> {
    Some(match (kind, answer) {
        (_, Answer::Tri(t)) => DetailValue::Tri(*t),
        // A year is not an amount: no thousands separator.
        (AnswerKind::Year, Answer::Number(n)) => DetailValue::Text(n.to_string()),
        (AnswerKind::Yen, Answer::Number(n)) => DetailValue::Number { value: *n, unit: Some(Label::new("円", " yen")) },
        (AnswerKind::KiloYen, Answer::Number(n)) => DetailValue::Number { value: *n, unit: Some(Label::new("千円", " thousand yen")) },
        (_, Answer::Number(n)) => DetailValue::Number { value: *n, unit: None },
        (_, Answer::Fee(f)) => DetailValue::Fee(*f),
        (AnswerKind::Bearers { choices }, Answer::Choices(keys)) => {
            DetailValue::Choices(choices.iter().filter(|c| keys.contains(&c.key)).map(|c| c.label.clone()).collect())
        }
        (_, Answer::Choices(_)) => return None,
        (_, Answer::Text(t)) => DetailValue::Text(t.clone()),
        (_, Answer::Check(b)) => DetailValue::Check(*b),
        (_, Answer::StartStatus(s)) => DetailValue::StartStatus(*s),
    })
}

/// Lays out a network's public answers section by section, as the questionnaire orders them.
pub fn detail_sections(edition: &Edition, public: &PublicAnswers) -> Vec<DetailSection> {
    edition
        .sections
        .iter()
        .map(|section| {
            let published = public.is_published(&section.key);
            let groups = if published {
                section
                    .groups
                    .iter()
                    .map(|g| DetailGroup {
                        title: g.title.clone(),
                        rows: g
                            .items
                            .iter()
                            .filter_map(|i| {
                                let value = detail_value(&i.kind, public.get(&i.key)?)?;
                                Some(DetailRow { label: i.label.clone(), value })
                            })
                            .collect(),
                    })
                    .filter(|g| !g.rows.is_empty())
                    .collect()
            } else {
                Vec::new()
            };
            DetailSection { key: section.key.clone(), letter: section.letter.clone(), title: section.title.clone(), published, groups }
        })
        .collect()
}

/// The directory page for a query.
#[server(endpoint = "directory")]
pub async fn get_directory(query: DirectoryQuery) -> Result<DirectoryPage, ApiError> {
    crate::error::with_status(
        async {
            let db = crate::store::use_db()?;
            let (edition, records) = crate::store::public::public_records(&db, query.edition.as_deref()).await?;
            let entries: Vec<DirectoryEntry> = records.iter().map(|r| crate::store::public::directory_entry(&edition, r)).collect();
            Ok(DirectoryPage { editions: crate::store::editions::public_ids(&db).await?, ..query_directory(&edition, &entries, &query) })
        }
        .await,
    )
}

/// One network's public detail page in an edition (default: the newest public one it
/// answered), with its history across editions.
#[server(endpoint = "network")]
pub async fn get_network(id: i64, edition: Option<String>) -> Result<NetworkDetail, ApiError> {
    crate::error::with_status(
        async {
            let db = crate::store::use_db()?;
            // Every public edition this network answered, newest first.
            let mut answered = Vec::new();
            for edition_id in crate::store::editions::public_ids(&db).await? {
                if let Some(record) = crate::store::networks::record(&db, id, &edition_id).await? {
                    let definition = crate::store::editions::definition(&db, &edition_id).await?.ok_or(ApiError::NotFound)?;
                    answered.push((definition, record));
                }
            }
            let chosen = match &edition {
                Some(e) => answered.iter().position(|(d, _)| &d.id == e).ok_or(ApiError::NotFound)?,
                None => 0,
            };
            let (definition, record) = answered.get(chosen).ok_or(ApiError::NotFound)?;
            let mut detail = crate::store::public::network_detail(definition, record);
            let public: Vec<_> = answered.iter().map(|(d, r)| (d, crate::disclosure::public_answers(d, &r.answers, &r.disclosure))).collect();
            detail.history = public.windows(2).map(|w| history_step((w[1].0, &w[1].1), (w[0].0, &w[0].1))).collect();
            detail.editions = answered.iter().map(|(d, _)| d.id.clone()).collect();
            Ok(detail)
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::public_answers;
    use crate::survey::{builtin_edition, Answers, Disclosure, DisclosureChoices};

    fn entry(id: i64, name: &str, pref: &str, year: Option<i64>, services_public: bool, hepatitis: bool) -> DirectoryEntry {
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
        let mut q = DirectoryQuery { disease: Some("services.diseases.hepatitis".into()), ..Default::default() };
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
        let q = DirectoryQuery { q: "ＩＤ－ＬＩＮＫ".into(), ..Default::default() };
        let page = query_directory(&e, &entries(), &q);
        assert_eq!(ids(&page), vec![2, 3]);
        assert_eq!(page.rows[0].name, vec![("ID-Link".to_string(), true), ("小樽".to_string(), false)]);
        let q = DirectoryQuery { q: "アジサイ".into(), ..Default::default() };
        assert_eq!(ids(&query_directory(&e, &entries(), &q)), vec![1]);
    }

    #[test]
    fn sorts_and_pages() {
        let e = builtin_edition("2012").unwrap();
        let q = DirectoryQuery { sort: Some("year".into()), desc: true, ..Default::default() };
        assert_eq!(ids(&query_directory(&e, &entries(), &q)), vec![3, 2, 1]);
        let q = DirectoryQuery { sort: Some("pref".into()), ..Default::default() };
        assert_eq!(ids(&query_directory(&e, &entries(), &q)), vec![2, 3, 1]);
        let many: Vec<DirectoryEntry> = (1..=120).map(|i| entry(i, "x", "東京都", None, false, false)).collect();
        let q = DirectoryQuery { page: Some(3), ..Default::default() };
        let page = query_directory(&e, &many, &q);
        assert_eq!((page.page, page.pages, page.rows.len(), page.rows[0].id), (3, 3, 20, 101));
        let q = DirectoryQuery { page: Some(99), ..Default::default() };
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
        let back = DirectoryQuery::from_params(|k| params.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()));
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
        assert_eq!(services.groups[0].rows[0].value, DetailValue::Tri(Tri::Planned));
        let mut answers = answers.clone();
        answers.set("overview.main.start_year", Answer::Number(2008));
        d.set("overview", Disclosure::Public);
        let overview = detail_sections(&e, &public_answers(&e, &answers, &d)).into_iter().find(|s| s.key == "overview").unwrap();
        assert_eq!(overview.groups[0].rows[0].value, DetailValue::Text("2008".into()));
        let budget = sections.iter().find(|s| s.key == "budget").unwrap();
        assert!(!budget.published && budget.groups.is_empty());
    }

    #[test]
    fn history_compares_only_sections_published_in_both_editions() {
        let old_edition = builtin_edition("2012").unwrap();
        let new_edition = crate::survey::builtin_edition("2013").unwrap();
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
        let old = public_answers(&old_edition, &answers(Tri::Planned, 10_000, "旧名"), &both_public);
        let mut new_answers = answers(Tri::InProgress, 99_999, "旧名");
        new_answers.set("services.diseases.diabetes", Answer::Tri(Tri::Planned));
        let new = public_answers(&new_edition, &new_answers, &budget_public_only_now);
        let step = history_step((&old_edition, &old), (&new_edition, &new));
        assert_eq!((step.from.as_str(), step.to.as_str()), ("2012", "2013"));
        let items: Vec<&str> = step.changes.iter().map(|c| c.item.ja.as_ref()).collect();
        assert_eq!(items, ["心臓疾患", "糖尿病"], "the budget was private in 2012, so its change is not shown");
        assert_eq!(step.changes[0].before, Some(DetailValue::Tri(Tri::Planned)));
        assert_eq!(step.changes[1].before, None);
    }
}
