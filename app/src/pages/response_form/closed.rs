//! `/respondent/networks/:id` when no edition is open: the survey's closing date and the
//! network's answers in the last edition it answered, read-only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::readonly::ReadOnlyQuestionnaire;
use crate::api::closed_survey::{get_closed_answers, ClosedAnswers};
use crate::api::respondent::{get_response_form, ResponseForm};
use crate::error::ApiError;
use crate::i18n::{ui, ui_readonly as t, use_lang};
use survey::account::Role;

/// What the network's page shows: the form while an edition is open, else the answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FormOrClosed {
    Form(ResponseForm),
    Closed(ClosedAnswers),
}

pub async fn form_or_closed(network_id: i64) -> Result<FormOrClosed, ApiError> {
    match get_closed_answers(network_id).await? {
        Some(closed) => Ok(FormOrClosed::Closed(closed)),
        None => get_response_form(network_id).await.map(FormOrClosed::Form),
    }
}

#[component]
pub fn ClosedAnswersPage(data: ClosedAnswers, role: Role) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let year = data.edition.id.clone();
    let notice = t::closed_answers_notice(&year, data.closed_on.as_deref(), lang);
    let back = (role == Role::Respondent).then(|| {
        view! { <p><a href="/respondent">{t::BACK_TO_MY_NETWORKS.get(lang).to_string()}</a></p> }
    });
    let updated = data.updated.clone().map(|date| {
        view! { <p class="updated">{ui::DETAIL_UPDATED.get(lang).to_string()}" "{date}</p> }
    });
    let nothing = (!data.answered).then(|| {
        view! { <p data-testid="nothing-answered">{t::NOTHING_ANSWERED.get(lang).to_string()}</p> }
    });
    view! {
        <h1>{data.name.clone()}" — "{t::ANSWERS_TITLE.get(lang).to_string()}" "{year}</h1>
        <aside class="notice closed-survey" role="note" data-testid="closed-notice">{notice}</aside>
        {back}
        {updated}
        {nothing}
        <ReadOnlyQuestionnaire edition=data.edition answers=data.answers disclosure=data.disclosure this_year=data.this_year lang />
    }
}
