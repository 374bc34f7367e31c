//! `/staff/editions/:id/preview`: an edition's questionnaire exactly as respondents will
//! see it (the form's own rendering, `response_form::readonly`), every input disabled and
//! nothing to save, so staff can check a draft before opening it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::edition_preview::{get_edition_preview, EditionPreview};
use crate::components::{loaded::Loaded, logout::SignedIn, staff_nav::StaffNav};
use crate::i18n::{page_title, ui_readonly as t, use_lang};
use crate::pages::response_form::readonly::ReadOnlyQuestionnaire;

#[component]
pub fn EditionPreviewPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(move || id.clone(), get_edition_preview);
    view! {
        <Title text=page_title(&t::PREVIEW_TITLE) />
        <Loaded resource=data login="/staff/login" view=|p: EditionPreview| view! { <Preview p /> } />
    }
}

#[component]
fn Preview(p: EditionPreview) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let id = p.edition.id.clone();
    let this_year = crate::api::respondent::edition_year(&p.edition);
    view! {
        <SignedIn login=p.login.clone() />
        <StaffNav />
        <h1>{t::PREVIEW_TITLE.get(lang).to_string()}" — "{p.edition.title.get(lang).to_string()}</h1>
        <aside class="notice preview-banner" role="note" data-testid="preview-banner">
            <p>{t::preview_banner(&id, &p.status.label(), lang)}</p>
            <p><a href="/staff/editions">{t::PREVIEW_BACK.get(lang).to_string()}</a></p>
        </aside>
        <ReadOnlyQuestionnaire edition=p.edition answers=Default::default() disclosure=Default::default() this_year lang />
    }
}
