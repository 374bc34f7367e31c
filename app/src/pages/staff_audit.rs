//! `/staff/audit`: the audit log in words, filtered by person, network, action and dates,
//! paged. The filters are a GET form, so a filtered view is a link; the same query posted to
//! `/staff/audit.csv` downloads it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::audit_log::{get_audit_log, AuditPage, AuditQuery, Choice, Entry};
use crate::components::{loaded::Loaded, logout::SignedIn, staff_nav::StaffNav};
use crate::i18n::{page_title, tr, use_lang, Label};
use crate::i18n::{ui, ui_audit as a, ui_requests as t};
use survey::audit::{Detail, COLUMNS};

#[component]
pub fn StaffAuditPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| AuditQuery {
            actor: p.get("actor"),
            action: p.get("action"),
            network: p.get("network"),
            from: p.get("from"),
            to: p.get("to"),
            page: p.get("page").and_then(|v| v.parse().ok()).unwrap_or(1),
        })
    });
    let data = Resource::new(move || query.get(), get_audit_log);
    view! {
        <Title text=page_title(&t::AUDIT_TITLE) />
        <Loaded resource=data login="/staff/login" view=|page: AuditPage| view! { <AuditView page /> } />
    }
}

/// The filters as a query string, without the page.
fn filters(q: &AuditQuery) -> Vec<String> {
    let encode = survey::directory::encode;
    [
        ("actor", &q.actor),
        ("action", &q.action),
        ("network", &q.network),
        ("from", &q.from),
        ("to", &q.to),
    ]
    .into_iter()
    .filter_map(|(k, v)| {
        v.as_ref()
            .filter(|v| !v.is_empty())
            .map(|v| format!("{k}={}", encode(v)))
    })
    .collect()
}

/// A link to another page of the same filtered log.
fn page_href(q: &AuditQuery, page: i64) -> String {
    let mut params = filters(q);
    params.push(format!("page={page}"));
    format!("/staff/audit?{}", params.join("&"))
}

/// A filter menu: values go in the URL, staff read the labels.
fn select(
    id: &'static str,
    label: &'static Label,
    choices: Vec<Choice>,
    chosen: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for=format!("audit-{id}")>{tr(label)}</label>
            <select id=format!("audit-{id}") name=id>
                <option value="">{tr(&ui::FILTER_ANY)}</option>
                {choices.into_iter().map(|c| {
                    let sel = chosen.as_deref() == Some(c.value.as_str());
                    view! { <option value=c.value selected=sel>{move || c.label.get(lang.get()).to_string()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn AuditView(page: AuditPage) -> impl IntoView {
    let q = page.query.clone();
    let prev = (page.page > 1).then(|| page_href(&q, page.page - 1));
    let next = (page.page < page.pages).then(|| page_href(&q, page.page + 1));
    let csv = format!("/staff/audit.csv?{}", filters(&q).join("&"));
    view! {
        <SignedIn login=page.login.clone() />
        <StaffNav />
        <h1>{tr(&t::AUDIT_TITLE)}</h1>
        <Form method="GET" action="/staff/audit" attr:class="filters card">
            {select("actor", &COLUMNS[1], page.people.clone(), q.actor.clone())}
            <div class="field">
                <label for="audit-network">{tr(&a::AUDIT_NETWORK)}</label>
                <input id="audit-network" type="search" name="network" value=q.network.clone() />
            </div>
            {select("action", &COLUMNS[2], page.actions.clone(), q.action.clone())}
            <div class="field">
                <label for="audit-from">{tr(&t::AUDIT_FROM)}</label>
                <input id="audit-from" type="date" name="from" value=q.from.clone() />
            </div>
            <div class="field">
                <label for="audit-to">{tr(&t::AUDIT_TO)}</label>
                <input id="audit-to" type="date" name="to" value=q.to.clone() />
            </div>
            <div class="actions">
                <button type="submit" class="primary">{tr(&ui::FILTER_SUBMIT)}</button>
                <a href="/staff/audit">{tr(&ui::FILTER_CLEAR)}</a>
            </div>
        </Form>
        // A post, so a link on another site cannot start a download of private answers.
        <form method="post" action=csv class="export">
            <button type="submit">{tr(&a::AUDIT_CSV)}</button>
        </form>
        <p role="status">{page.total}" / "{page.page}"–"{page.pages}</p>
        {if page.entries.is_empty() {
            view! { <p>{tr(&t::AUDIT_NONE)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="audit" data-testid="audit">
                        <thead>
                            <tr>
                                {COLUMNS.iter().map(|c| view! { <th scope="col">{tr(c)}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {page.entries.into_iter().map(|e| view! { <AuditRow e /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <nav class="pager" aria-label=move || tr(&ui::PAGINATION)()>
            {prev.map(|href| view! { <a href=href>{tr(&ui::PAGE_PREV)}</a> })}
            {next.map(|href| view! { <a href=href>{tr(&ui::PAGE_NEXT)}</a> })}
        </nav>
    }
}

#[component]
fn AuditRow(e: Entry) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: Label| move || l.get(lang.get()).to_string();
    view! {
        <tr>
            <td class="at">{e.at}</td>
            <td>{text(e.who)}</td>
            <td>{text(e.action)}</td>
            <td>{text(e.subject)}</td>
            <td class="detail"><DetailWords detail=e.detail /></td>
        </tr>
    }
}

/// Facts as a list, changes as a table: field, before, after.
#[component]
fn DetailWords(detail: Detail) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: Label| move || l.get(lang.get()).to_string();
    let Detail { facts, changes } = detail;
    view! {
        {(!facts.is_empty()).then(|| view! {
            <dl class="audit-facts">
                {facts.into_iter().map(|f| view! {
                    <div><dt>{text(f.name)}</dt><dd>{text(f.value)}</dd></div>
                }).collect_view()}
            </dl>
        })}
        {(!changes.is_empty()).then(|| view! {
            <table class="audit-changes">
                <caption class="visually-hidden">{tr(&a::AUDIT_CHANGES)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(&ui::REVIEW_ITEM)}</th>
                        <th scope="col">{tr(&ui::REVIEW_BEFORE)}</th>
                        <th scope="col">{tr(&ui::REVIEW_AFTER)}</th>
                    </tr>
                </thead>
                <tbody>
                    {changes.into_iter().map(|c| view! {
                        <tr>
                            <th scope="row">{text(c.field)}</th>
                            <td><del>{text(c.before)}</del></td>
                            <td><ins>{text(c.after)}</ins></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
