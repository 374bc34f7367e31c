//! The questionnaire read-only: the same index and sections as the form (`section_form`,
//! `SectionIndex`), inside one disabled `<fieldset>` so that every input, choice and button
//! is disabled by the browser itself, with no save bars and no island. Staff's preview of an
//! edition and a closed survey's answers both use it.

use leptos::prelude::*;

use super::{section_form, SectionIndex};
use crate::api::respondent::ResponseForm;
use crate::i18n::Lang;
use survey::{Answers, DisclosureChoices, Edition};

#[component]
pub fn ReadOnlyQuestionnaire(
    edition: Edition,
    answers: Answers,
    disclosure: DisclosureChoices,
    this_year: i32,
    lang: Lang,
) -> impl IntoView {
    // What `section_form` reads: the answers and choices, nothing carried or to confirm.
    let data = ResponseForm {
        network_id: 0,
        name: String::new(),
        edition,
        answers,
        disclosure,
        version: 0,
        updated: None,
        review_note: String::new(),
        this_year,
        carried_from: None,
        unconfirmed: Default::default(),
        draft_owner: String::new(),
        signed_in_as: String::new(),
        by_staff: false,
    };
    let sections = data
        .edition
        .sections
        .iter()
        .map(|s| section_form(s, &data, lang))
        .collect_view();
    view! {
        <div class="questionnaire readonly">
            <SectionIndex edition=data.edition.clone() answers=data.answers.clone() this_year lang />
            <form class="sections" id="questionnaire-readonly" novalidate>
                <fieldset class="readonly" disabled>{sections}</fieldset>
            </form>
        </div>
    }
}
