//! The staff console's menu, on the landing page and atop each console page.

use leptos::prelude::*;

use crate::components::island::current_path;
use crate::components::staff_edition::with_edition;
use crate::i18n::tr;
use crate::i18n::{ui, ui_networks, ui_requests as t, Label};

#[component]
pub fn StaffNav() -> impl IntoView {
    // Plain links: the menu is also drawn inside islands, which have no router.
    let here = current_path();
    let here = here.as_str();
    let link = move |href: &'static str, label: &'static Label| {
        let current = (here == href).then_some("page");
        view! { <a href=href aria-current=current>{tr(label)}</a> }
    };
    // Pages about one edition keep the edition chosen.
    let edition_link = move |href: &'static str, label: &'static Label| {
        let current = (here == href).then_some("page");
        view! { <a href=with_edition(href) aria-current=current>{tr(label)}</a> }
    };
    view! {
        <nav class="staff-nav no-print" aria-label=move || tr(&t::CONSOLE)()>
            {edition_link("/staff", &ui::STAFF_TITLE)}
            {edition_link("/staff/requests", &t::NAV_REQUESTS)}
            {edition_link("/staff/tracking", &t::NAV_TRACKING)}
            {edition_link("/staff/review", &ui::REVIEW_TITLE)}
            {link("/staff/networks", &ui_networks::NAV_NETWORKS)}
            {link("/staff/accounts", &t::NAV_ACCOUNTS)}
            {link("/staff/audit", &t::NAV_AUDIT)}
            {link("/staff/editions", &ui::EDITIONS_TITLE)}
        </nav>
    }
}
