use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::{get_staff_overview, StaffOverview};
use crate::app::{page_title, tr};
use crate::components::{loaded::Loaded, logout::SignedIn, staff_nav::StaffNav};
use crate::i18n::ui;

/// The staff area's landing page.
#[component]
pub fn StaffHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_staff_overview());
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
    }
}
