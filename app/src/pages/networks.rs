//! `/networks`: the public directory (別添1), filterable, searchable, sortable and
//! paged on the server. The filters are a plain GET form, so it works without
//! JavaScript; with it, the router navigates without a reload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use crate::api::directory::get_directory;
use crate::components::choice::Choice;
use crate::components::edition_select::EditionSelect;
use crate::components::fields::prefecture_name;
use crate::components::loaded::Loaded;
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, Label};
use survey::directory::{DirectoryPage, DirectoryQuery, FilterOption};
use survey::geography::{prefecture_label, OperatorType, Region, PREFECTURES};

#[component]
pub fn NetworksPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| DirectoryQuery::from_params(|k| p.get(k))));
    let page = Resource::new(move || query.get(), get_directory);
    view! {
        <Title text=page_title(&ui::DIRECTORY_TITLE) />
        <h1>{tr(&ui::DIRECTORY_TITLE)}</h1>
        <Loaded resource=page view=|page: DirectoryPage| view! { <Directory page /> } />
    }
}

#[component]
fn Directory(page: DirectoryPage) -> impl IntoView {
    let lang = use_lang();
    let q = page.query.clone();
    let first = (page.page - 1) * survey::directory::PER_PAGE + 1;
    let last = first + page.rows.len().saturating_sub(1);
    let summary = {
        let (matches, empty) = (page.matches, page.rows.is_empty());
        move || match (lang.get(), empty) {
            (_, true) => ui::RESULTS_NONE.get(lang.get()).to_string(),
            (crate::i18n::Lang::Ja, _) => format!("{matches}件中 {first}–{last}件を表示"),
            (crate::i18n::Lang::En, _) => format!("Showing {first}–{last} of {matches}"),
        }
    };
    view! {
        <Filters page=page.clone() />
        <p class="results-summary" role="status" data-testid="results-summary">{summary}</p>
        {(!page.rows.is_empty()).then(|| view! { <Table page=page.clone() /> })}
        <Pager query=q pages=page.pages page=page.page />
    }
    .into_any()
}

#[component]
fn Filters(page: DirectoryPage) -> impl IntoView {
    let q = page.query.clone();
    let select = |name: &'static str,
                  label: &'static Label,
                  options: Vec<(String, Label)>,
                  chosen: Option<String>| {
        let id = format!("filter-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <Choice id name options chosen />
            </div>
        }
    };
    let regions = Region::ALL
        .iter()
        .map(|r| (r.key().to_string(), r.label()))
        .collect();
    let prefectures = PREFECTURES
        .iter()
        .map(|(p, _)| (p.to_string(), prefecture_label(p)))
        .collect();
    let operators = OperatorType::ALL
        .iter()
        .map(|o| (o.key().to_string(), o.label()))
        .collect();
    let items = |options: Vec<FilterOption>| {
        options
            .into_iter()
            .map(|o| (o.key, o.label))
            .collect::<Vec<_>>()
    };
    view! {
        <Form method="GET" action="/networks" attr:class="filters card">
            <EditionSelect id="filter-edition" editions=page.editions.clone() chosen=page.edition.clone() />
            <div class="field search">
                <label for="filter-q">{tr(&ui::SEARCH)}</label>
                <input id="filter-q" type="search" name="q" value=q.q.clone() />
            </div>
            {select("region", &ui::FILTER_REGION, regions, q.region.clone())}
            {select("pref", &ui::FILTER_PREFECTURE, prefectures, q.pref.clone())}
            {select("op", &ui::FILTER_OPERATOR, operators, q.op.clone())}
            <div class="field">
                <label for="filter-from">{tr(&ui::FILTER_FROM)}</label>
                <input id="filter-from" type="number" name="from" min="1990" max="2100" value=q.from.map(|y| y.to_string()) />
            </div>
            <div class="field">
                <label for="filter-to">{tr(&ui::FILTER_TO)}</label>
                <input id="filter-to" type="number" name="to" min="1990" max="2100" value=q.to.map(|y| y.to_string()) />
            </div>
            {select("service", &ui::FILTER_SERVICE, items(page.services), q.service.clone())}
            {select("disease", &ui::FILTER_DISEASE, items(page.diseases), q.disease.clone())}
            {select("standard", &ui::FILTER_STANDARD, items(page.standards), q.standard.clone())}
            {q.sort.clone().map(|s| view! { <input type="hidden" name="sort" value=s /> })}
            {q.desc.then(|| view! { <input type="hidden" name="desc" value="1" /> })}
            <div class="actions">
                <button type="submit" class="primary">{tr(&ui::FILTER_SUBMIT)}</button>
                <a href="/networks">{tr(&ui::FILTER_CLEAR)}</a>
            </div>
            <p class="hint">{tr(&ui::FILTER_PUBLIC_NOTE)}</p>
        </Form>
    }
    .into_any()
}

#[component]
fn Table(page: DirectoryPage) -> impl IntoView {
    let lang = use_lang();
    let q = page.query.clone();
    let edition = q.edition.clone();
    let header = move |key: &'static str, label: &'static Label| {
        let active = q.sort.as_deref().unwrap_or("no") == key;
        let mut next = q.clone();
        next.sort = Some(key.to_string());
        next.desc = active && !q.desc;
        next.page = None;
        let sort = match (active, q.desc) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        view! {
            <th scope="col" aria-sort=sort>
                <a href=next.href()>{tr(label)}</a>
            </th>
        }
    };
    view! {
        <div class="table-wrap">
            <table class="directory">
                <thead>
                    <tr>
                        {header("no", &ui::COL_NO)}
                        {header("pref", &ui::FILTER_PREFECTURE)}
                        {header("name", &ui::COL_NAME)}
                        {header("nickname", &ui::COL_NICKNAME)}
                        {header("year", &ui::COL_START_YEAR)}
                        {header("region", &ui::FILTER_REGION)}
                        {header("op", &ui::FILTER_OPERATOR)}
                    </tr>
                </thead>
                <tbody>
                    {page
                        .rows
                        .into_iter()
                        .map(|row| {
                            let detail = match &edition {
                                Some(e) => format!("/networks/{}?edition={}", row.id, survey::directory::encode(e)),
                                None => format!("/networks/{}", row.id),
                            };
                            let region = row.region.map(|r| r.label());
                            let operator = row.operator.map(|o| o.label());
                            view! {
                                <tr>
                                    <td class="num">{row.no}</td>
                                    <td>{prefecture_name(&row.prefecture)}</td>
                                    <td><A href=detail><Highlighted pieces=row.name.clone() /></A></td>
                                    <td><Highlighted pieces=row.nickname.clone() /></td>
                                    <td class="num">{row.start_year}</td>
                                    <td>{move || region.as_ref().map(|l| l.get(lang.get()).to_string())}</td>
                                    <td>{move || operator.as_ref().map(|l| l.get(lang.get()).to_string())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Text with the search matches marked.
#[component]
fn Highlighted(pieces: Vec<(String, bool)>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|(text, hit)| {
            if hit {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
}

#[component]
fn Pager(query: DirectoryQuery, pages: usize, page: usize) -> impl IntoView {
    (pages > 1).then(|| {
        let link = move |p: usize| {
            let mut q = query.clone();
            q.page = Some(p);
            q.href()
        };
        view! {
            <nav class="pager" aria-label=tr(&ui::PAGINATION)>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{tr(&ui::PAGE_PREV)}</a> })}
                {(1..=pages)
                    .map(|p| {
                        if p == page {
                            view! { <span aria-current="page">{p}</span> }.into_any()
                        } else {
                            view! { <a href=link(p)>{p}</a> }.into_any()
                        }
                    })
                    .collect_view()}
                {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{tr(&ui::PAGE_NEXT)}</a> })}
            </nav>
        }
        .into_any()
    })
}
