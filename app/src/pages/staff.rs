pub mod network_notes;
pub mod review;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::{get_staff_overview, StaffOverview};
use crate::components::staff_edition::{asked_edition, with_edition, StaffEditionBar};
use crate::components::{loaded::Loaded, logout::SignedIn, staff_nav::StaffNav};
use crate::i18n::ui;
use crate::i18n::{page_title, tr};

/// The staff area's landing page.
#[component]
pub fn StaffHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_staff_overview(asked_edition()));
    view! {
        <Title text=page_title(&ui::STAFF_TITLE) />
        <Loaded resource=data login="/staff/login" view=|o: StaffOverview| view! { <Overview o /> } />
    }
}

#[component]
fn Overview(o: StaffOverview) -> impl IntoView {
    view! {
        <SignedIn login=o.login.clone() />
        <StaffNav />
        <StaffEditionBar edition=o.edition.clone() choices=o.editions.clone() />
        <h1>{tr(&ui::STAFF_TITLE)}" ("{o.edition.clone()}")"</h1>
        <section class="figures">
            <div class="figure">
                <span class="figure-value" data-testid="staff-networks">{o.networks}</span>
                <span class="figure-label">{tr(&ui::STAFF_NETWORKS)}</span>
            </div>
            <div class="figure">
                <span class="figure-value">{o.responses}</span>
                <span class="figure-label">{tr(&ui::STAFF_RESPONSES)}</span>
            </div>
            <div class="figure">
                <span class="figure-value">{o.respondents}</span>
                <span class="figure-label">{tr(&ui::STAFF_RESPONDENTS)}</span>
            </div>
        </section>
        <ReviewLinks edition=o.edition.clone() />
    }
}

/// The review queue and the full-data downloads. A download is a form posted to this site
/// (the same-origin check refuses a post from elsewhere), so a link on another site cannot
/// start an export of private answers.
#[component]
fn ReviewLinks(edition: String) -> impl IntoView {
    let export =
        |format: &str, lang: &str| format!("/staff/export.{format}?edition={edition}{lang}");
    view! {
        <nav class="staff-links" aria-label=tr(&ui::REVIEW_TITLE)>
            <p><a href=with_edition("/staff/review")>{tr(&ui::REVIEW_TITLE)}</a></p>
            <h2>{tr(&ui::EXPORT_TITLE)}</h2>
            <ul>
                <li><ExportButton action=export("csv", "") label=&ui::EXPORT_CSV /></li>
                <li><ExportButton action=export("xlsx", "") label=&ui::EXPORT_XLSX /></li>
                <li><ExportButton action=export("csv", "&lang=en") label=&ui::EXPORT_CSV_EN /></li>
                <li><ExportButton action=export("xlsx", "&lang=en") label=&ui::EXPORT_XLSX_EN /></li>
            </ul>
        </nav>
    }
}

/// One download: a button that posts to the export's address.
#[component]
fn ExportButton(action: String, label: &'static crate::i18n::Label) -> impl IntoView {
    view! {
        <form method="post" action=action class="export">
            <button type="submit">{tr(label)}</button>
        </form>
    }
}
