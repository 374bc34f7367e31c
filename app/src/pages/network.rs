//! `/networks/:id`: one network's published answers, laid out like 別添2.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::directory::get_network;
use crate::components::loaded::Loaded;
use crate::i18n::{tr, use_lang};
use crate::i18n::{ui, Label, Lang};
use survey::directory::{DetailSection, DetailValue, HistoryStep, NetworkDetail};
use survey::geography::prefecture_label;
use survey::{Fee, Tri};

#[component]
pub fn NetworkPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let edition = Memo::new(move |_| query.with(|q| q.get("edition")));
    let detail = Resource::new(
        move || (id.get(), edition.get()),
        |(id, edition)| async move {
            match id {
                Some(id) => get_network(id, edition).await,
                None => Err(crate::error::ApiError::NotFound),
            }
        },
    );
    view! {
        <Loaded resource=detail view=|detail: NetworkDetail| view! { <Detail detail /> } />
    }
}

#[component]
fn Detail(detail: NetworkDetail) -> impl IntoView {
    let lang = use_lang();
    let nothing_public = detail.publishes_nothing();
    let facts = {
        let region = detail.region.map(|r| r.label());
        let operator = detail.operator.map(|o| o.label());
        let d = detail.clone();
        move || {
            let l = lang.get();
            let mut rows = vec![(
                ui::FILTER_PREFECTURE.get(l).to_string(),
                prefecture_label(&d.prefecture).get(l).to_string(),
            )];
            if let Some(r) = &region {
                rows.push((ui::FILTER_REGION.get(l).to_string(), r.get(l).to_string()));
            }
            if let Some(o) = &operator {
                rows.push((ui::FILTER_OPERATOR.get(l).to_string(), o.get(l).to_string()));
            }
            if d.regional_fund {
                rows.push((
                    ui::DETAIL_FUND.get(l).to_string(),
                    ui::DETAIL_FUND_USED.get(l).to_string(),
                ));
            }
            if let Some(u) = &d.updated {
                rows.push((ui::DETAIL_UPDATED.get(l).to_string(), u.clone()));
            }
            rows.into_iter()
                .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
                .collect_view()
        }
    };
    view! {
        <Title text=detail.name.clone() />
        <p><A href="/networks">{tr(&ui::BACK_TO_DIRECTORY)}</A></p>
        <article class="network-detail">
            <header>
                <h1>{detail.name.clone()}</h1>
                {(!detail.nickname.is_empty()).then(|| view! { <p class="nickname">{detail.nickname.clone()}</p> })}
                <dl class="facts">{facts}</dl>
                <Editions id=detail.id chosen=detail.edition.clone() editions=detail.editions.clone() />
            </header>
            {nothing_public.then(|| view! { <p class="notice" data-testid="nothing-public">{tr(&ui::DETAIL_NOTHING_PUBLIC)}</p> })}
            {(!nothing_public).then(|| view! { <p class="legend">{tr(&ui::DETAIL_LEGEND)}</p> })}
            {(!nothing_public).then(|| detail.sections.into_iter().map(|s| view! { <Section section=s /> }).collect_view())}
            <History steps=detail.history />
        </article>
    }
    .into_any()
}

/// Links to the network's page in each edition it answered.
#[component]
fn Editions(id: i64, chosen: String, editions: Vec<String>) -> impl IntoView {
    (editions.len() > 1).then(|| {
        let links = editions
            .into_iter()
            .map(|e| {
                let current = e == chosen;
                view! { <li><a href=format!("/networks/{id}?edition={e}") aria-current=current.then_some("page")>{e.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="edition-switch" aria-label=move || ui::DETAIL_EDITIONS.get(use_lang().get()).to_string()>
                <span>{tr(&ui::DETAIL_EDITIONS)}</span>
                <ul>{links}</ul>
            </nav>
        }
    })
}

/// What changed between editions, in sections published in both.
#[component]
fn History(steps: Vec<HistoryStep>) -> impl IntoView {
    let lang = use_lang();
    (!steps.is_empty()).then(|| {
        let steps = steps
            .into_iter()
            .map(|step| {
                let heading = format!("{} → {}", step.from, step.to);
                let body = if step.changes.is_empty() {
                    view! { <p>{tr(&ui::HISTORY_NO_CHANGE)}</p> }.into_any()
                } else {
                    let rows = step
                        .changes
                        .into_iter()
                        .map(|c| {
                            let (section, item) = (c.section.clone(), c.item.clone());
                            view! {
                                <tr>
                                    <td>{move || section.get(lang.get()).to_string()}</td>
                                    <th scope="row">{move || item.get(lang.get()).to_string()}</th>
                                    <td>{c.before.map(|v| view! { <Value value=v /> })}</td>
                                    <td>{c.after.map(|v| view! { <Value value=v /> })}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <table class="data history">
                            <thead><tr>
                                <th scope="col">{tr(&ui::HISTORY_SECTION)}</th>
                                <th scope="col">{tr(&ui::HISTORY_ITEM)}</th>
                                <th scope="col">{step.from.clone()}</th>
                                <th scope="col">{step.to.clone()}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                    .into_any()
                };
                view! { <h3>{heading}</h3>{body} }
            })
            .collect_view();
        view! {
            <section class="detail-section history" data-testid="history">
                <h2>{tr(&ui::HISTORY_TITLE)}</h2>
                <p class="hint">{tr(&ui::HISTORY_NOTE)}</p>
                {steps}
            </section>
        }
    })
}

#[component]
fn Section(section: DetailSection) -> impl IntoView {
    let lang = use_lang();
    let title = section.title.clone();
    let heading = move || survey::lettered(&section.letter, title.get(lang.get()));
    view! {
        <section class="detail-section" data-section=section.key.clone() data-published=section.published.to_string()>
            <h2>{heading}</h2>
            {(!section.published).then(|| view! { <p class="private-note">{tr(&ui::DETAIL_SECTION_PRIVATE)}</p> })}
            {section
                .groups
                .into_iter()
                .map(|g| {
                    let title = g.title.clone();
                    view! {
                        {title.map(|t| view! { <h3>{move || t.get(lang.get()).to_string()}</h3> })}
                        <table class="answers">
                            <tbody>
                                {g.rows
                                    .into_iter()
                                    .map(|row| {
                                        let label = row.label.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{move || label.get(lang.get()).to_string()}</th>
                                                <td><Value value=row.value.clone() /></td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

/// Thousands separators, as the report prints amounts.
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[component]
fn Value(value: DetailValue) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: &Label| l.get(lang.get()).to_string();
    match value {
        DetailValue::Tri(t) => {
            let (mark, label) = match t {
                Tri::InProgress => ("○", t.label()),
                Tri::Planned => ("△", t.label()),
                Tri::None => ("－", t.label()),
            };
            let title = label.clone();
            view! { <span class="tri" title=move || text(&title)>{mark}<span class="visually-hidden">{move || text(&label)}</span></span> }.into_any()
        }
        DetailValue::Number { value, unit } => {
            view! { <span class="num">{grouped(value)}{move || unit.as_ref().map(text)}</span> }
                .into_any()
        }
        DetailValue::Fee(f) => {
            let label = match f {
                Fee::Free => &survey::vocabulary::FEE_FREE,
                Fee::Paid => &survey::vocabulary::FEE_PAID,
                Fee::Undecided => &survey::vocabulary::FEE_UNDECIDED,
            };
            tr(label).into_any()
        }
        DetailValue::Choices(labels) => (move || {
            labels
                .iter()
                .map(|l| l.get(lang.get()))
                .collect::<Vec<_>>()
                .join(if lang.get() == Lang::Ja { "、" } else { ", " })
        })
        .into_any(),
        DetailValue::Check(b) => (if b { "✓" } else { "" }).into_any(),
        DetailValue::StartStatus { label, .. } => (move || text(&label)).into_any(),
        DetailValue::Text(t) if t.starts_with("http://") || t.starts_with("https://") => {
            let href = t.clone();
            view! { <a href=href rel="nofollow noopener noreferrer">{t}</a> }.into_any()
        }
        DetailValue::Text(t) => view! { <span class="text">{t}</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::grouped(0), "0");
        assert_eq!(super::grouped(1234567), "1,234,567");
        assert_eq!(super::grouped(-1000), "-1,000");
    }
}
