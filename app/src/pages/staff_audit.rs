//! `/staff/audit`: the audit log, filtered by actor, action and dates, paged.
//! The filters are a GET form, so a filtered view is a link.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::audit_log::{get_audit_log, AuditPage, AuditQuery};
use crate::components::{loaded::Loaded, logout::SignedIn, staff_nav::StaffNav};
use crate::i18n::{page_title, tr};
use crate::i18n::{ui, ui_requests as t};

#[component]
pub fn StaffAuditPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| AuditQuery {
            actor: p.get("actor"),
            action: p.get("action"),
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

/// A link to another page of the same filtered log.
fn page_href(q: &AuditQuery, page: i64) -> String {
    let encode = survey::directory::encode;
    let mut params: Vec<String> = [
        ("actor", &q.actor),
        ("action", &q.action),
        ("from", &q.from),
        ("to", &q.to),
    ]
    .into_iter()
    .filter_map(|(k, v)| {
        v.as_ref()
            .filter(|v| !v.is_empty())
            .map(|v| format!("{k}={}", encode(v)))
    })
    .collect();
    params.push(format!("page={page}"));
    format!("/staff/audit?{}", params.join("&"))
}

#[component]
fn AuditView(page: AuditPage) -> impl IntoView {
    let q = page.query.clone();
    let select = |id: &'static str,
                  label: &'static crate::i18n::Label,
                  values: Vec<String>,
                  chosen: Option<String>| {
        view! {
            <div class="field">
                <label for=format!("audit-{id}")>{tr(label)}</label>
                <select id=format!("audit-{id}") name=id>
                    <option value="">{tr(&ui::FILTER_ANY)}</option>
                    {values.into_iter().map(|v| {
                        let sel = chosen.as_deref() == Some(v.as_str());
                        view! { <option value=v.clone() selected=sel>{v.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let prev = (page.page > 1).then(|| page_href(&q, page.page - 1));
    let next = (page.page < page.pages).then(|| page_href(&q, page.page + 1));
    view! {
        <SignedIn login=page.login.clone() />
        <StaffNav />
        <h1>{tr(&t::AUDIT_TITLE)}</h1>
        <Form method="GET" action="/staff/audit" attr:class="filters card">
            {select("actor", &t::AUDIT_ACTOR, page.actors.clone(), q.actor.clone())}
            {select("action", &t::AUDIT_ACTION, page.actions.clone(), q.action.clone())}
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
        <p role="status">{page.total}" / "{page.page}"–"{page.pages}</p>
        {if page.entries.is_empty() {
            view! { <p>{tr(&t::AUDIT_NONE)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="audit" data-testid="audit">
                        <thead>
                            <tr>
                                <th scope="col">{tr(&t::AUDIT_AT)}</th>
                                <th scope="col">{tr(&t::AUDIT_ACTOR)}</th>
                                <th scope="col">{tr(&t::AUDIT_ACTION)}</th>
                                <th scope="col">{tr(&t::AUDIT_SUBJECT)}</th>
                                <th scope="col">{tr(&t::AUDIT_DETAIL)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.entries.into_iter().map(|e| view! {
                                <tr>
                                    <td>{e.at}</td>
                                    <td>{e.actor}</td>
                                    <td>{e.action}</td>
                                    <td>{e.subject}</td>
                                    <td class="detail"><code>{e.detail}</code></td>
                                </tr>
                            }).collect_view()}
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
