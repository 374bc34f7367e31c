//! Filtering, searching, sorting and paging the directory. Pure: the tests call it directly.

use serde::{Deserialize, Serialize};

use super::query::{DirectoryQuery, PER_PAGE};
use crate::disclosure::PublicAnswers;
use crate::geography::{region_of, OperatorType, Region, PREFECTURES};
use crate::i18n::Label;
use crate::{Answer, AnswerKind, Edition};

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
        .map(|i| FilterOption {
            key: i.key.clone(),
            label: i.label.clone(),
        })
        .collect()
}

fn is_active(public: &PublicAnswers, key: &str) -> bool {
    matches!(public.get(key), Some(Answer::Tri(t)) if t.is_active())
}

fn prefecture_order(prefecture: &str) -> usize {
    PREFECTURES
        .iter()
        .position(|(p, _)| *p == prefecture)
        .unwrap_or(usize::MAX)
}

/// Filters, sorts and pages the directory. Pure: the tests call it directly.
pub fn query_directory(
    edition: &Edition,
    entries: &[DirectoryEntry],
    query: &DirectoryQuery,
) -> DirectoryPage {
    let services = tri_options(edition, "services", &["provided", "patient"]);
    let diseases = tri_options(edition, "services", &["diseases"]);
    let standards = tri_options(edition, "system", &["standards"]);
    let search = crate::search::Query::new(&query.q);
    let region = query.region.as_deref().and_then(Region::parse);
    let operator = query.op.as_deref().and_then(OperatorType::from_key);
    // A filter on an unknown key matches nothing rather than everything.
    let item_filter = |key: &Option<String>, options: &[FilterOption]| {
        key.as_ref().map(|k| {
            if options.iter().any(|o| &o.key == k) {
                k.clone()
            } else {
                String::new()
            }
        })
    };
    let service = item_filter(&query.service, &services);
    let disease = item_filter(&query.disease, &diseases);
    let standard = item_filter(&query.standard, &standards);

    let mut hits: Vec<&DirectoryEntry> = entries
        .iter()
        .filter(|e| {
            query.region.is_none() || region.is_some_and(|r| region_of(&e.prefecture) == Some(r))
        })
        .filter(|e| query.pref.as_ref().is_none_or(|p| &e.prefecture == p))
        .filter(|e| query.op.is_none() || (operator.is_some() && e.operator == operator))
        .filter(|e| {
            query
                .from
                .is_none_or(|from| e.start_year.is_some_and(|y| y >= from))
        })
        .filter(|e| {
            query
                .to
                .is_none_or(|to| e.start_year.is_some_and(|y| y <= to))
        })
        .filter(|e| {
            [&service, &disease, &standard]
                .into_iter()
                .flatten()
                .all(|k| is_active(&e.public, k))
        })
        .filter(|e| search.is_empty() || search.matches(&e.name) || search.matches(&e.nickname))
        .collect();

    match query.sort.as_deref().unwrap_or("no") {
        "pref" => hits.sort_by_key(|e| (prefecture_order(&e.prefecture), e.no)),
        "name" => hits.sort_by_cached_key(|e| crate::search::fold(&e.name)),
        "nickname" => {
            hits.sort_by_cached_key(|e| (e.nickname.is_empty(), crate::search::fold(&e.nickname)))
        }
        "year" => hits.sort_by_key(|e| (e.start_year.is_none(), e.start_year, e.no)),
        "region" => hits.sort_by_key(|e| {
            (
                region_of(&e.prefecture),
                prefecture_order(&e.prefecture),
                e.no,
            )
        }),
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
            name: search.highlight(&e.name),
            nickname: search.highlight(&e.nickname),
            start_year: e.start_year,
            operator: e.operator,
        })
        .collect();
    DirectoryPage {
        edition: edition.id.clone(),
        editions: vec![edition.id.clone()],
        query: query.clone(),
        matches,
        page,
        pages,
        rows,
        services,
        diseases,
        standards,
    }
}
