//! `/respondent/networks/:id/submit`: the 提出 step. Per section, how far it got and what the
//! public will see; the errors that block submitting; and the submission, which names the
//! version shown here (a save in another tab in between is a conflict, not a silent submit).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::submission::{get_submit_summary, SubmitResponse, SubmitSummary};
use crate::components::error_notice::LatestErrors;
use crate::components::{island::Ready, loaded::Loaded};
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, Label};
use form::words::{public_sees, state_look};
use survey::response::ResponseStatus;

#[component]
pub fn SubmitPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    view! {
        <Title text=page_title(&ui::SUBMIT_TITLE) />
        <SubmitConsole id />
    }
}

/// The summary, reloaded after the submission so the page shows what was stored.
#[island(lazy)]
fn SubmitConsole(id: i64) -> impl IntoView {
    let submit = ServerAction::<SubmitResponse>::new();
    let data = Resource::new(
        move || (id, submit.version().get()),
        |(id, _)| get_submit_summary(id),
    );
    view! {
        <Loaded resource=data login="/login" view=move |s: SubmitSummary| view! { <Summary s submit /> } />
        <Ready />
    }
}

#[component]
fn Summary(s: SubmitSummary, submit: ServerAction<SubmitResponse>) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: Label| move || l.get(lang.get()).to_string();
    let error = Signal::derive(move || submit.value().get().and_then(Result::err));
    let done = move || submit.value().get().is_some_and(|r| r.is_ok());
    let form = format!("/respondent/networks/{}", s.network_id);
    let rows = s
        .sections
        .iter()
        .map(|section| {
            let (class, words) = state_look(section.state);
            let (letter, title) = (section.letter.clone(), section.title.clone());
            let sees = if section.staff_only {
                &ui::PUBLIC_SEES_STAFF_ONLY
            } else {
                public_sees(section.disclosure)
            };
            view! {
                <tr>
                    <th scope="row">{move || survey::lettered(&letter, title.get(lang.get()))}</th>
                    <td class=class>{tr(words)}</td>
                    <td>{tr(sees)}</td>
                </tr>
            }
        })
        .collect_view();
    let blocking = (!s.blocking.is_empty()).then(|| {
        let issues = s
            .blocking
            .iter()
            .map(|i| {
                let message = i.message.clone();
                view! { <li>{text(message)}</li> }
            })
            .collect_view();
        view! {
            <section class="notice error" role="alert" data-testid="submit-blocked">
                <p>{tr(&ui::SUBMIT_BLOCKED)}</p>
                <ul>{issues}</ul>
            </section>
        }
    });
    let can_submit = s.blocking.is_empty() && s.status != ResponseStatus::Submitted;
    let status = s.status.label();
    view! {
        <p><a href=form.clone()>{tr(&ui::SUBMIT_BACK)}</a></p>
        <h1>{s.name.clone()}" — "{tr(&ui::SUBMIT_TITLE)}" "{s.edition.clone()}</h1>
        <p>{tr(&ui::SUBMIT_LEAD)}</p>
        <p>{tr(&ui::RESPONSE_STATUS_NOW)}"："<strong data-testid="response-status">{text(status)}</strong></p>
        <div class="table-wrap">
            <table class="data submit-summary">
                <thead><tr>
                    <th scope="col">{tr(&ui::SUBMIT_SECTION)}</th>
                    <th scope="col">{tr(&ui::SUBMIT_STATE)}</th>
                    <th scope="col">{tr(&ui::SUBMIT_PUBLIC)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {blocking}
        {move || done().then(|| view! { <p class="save-status ok" role="status">{tr(&ui::SUBMIT_DONE)}</p> })}
        {can_submit.then(|| view! {
            <ActionForm action=submit>
                <input type="hidden" name="network_id" value=s.network_id />
                <input type="hidden" name="version" value=s.version />
                <button type="submit" class="primary">{tr(&ui::SUBMIT_BUTTON)}</button>
            </ActionForm>
        })}
        <LatestErrors error />
    }
    .into_any()
}
