//! The staff console's menu, on the landing page and atop each console page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::tr;
use crate::i18n::{ui, ui_requests as t};

#[component]
pub fn StaffNav() -> impl IntoView {
    view! {
        <nav class="staff-nav no-print" aria-label=move || tr(&t::CONSOLE)()>
            <A href="/staff" exact=true>{tr(&ui::STAFF_TITLE)}</A>
            <A href="/staff/requests">{tr(&t::NAV_REQUESTS)}</A>
            <A href="/staff/tracking">{tr(&t::NAV_TRACKING)}</A>
            <A href="/staff/accounts">{tr(&t::NAV_ACCOUNTS)}</A>
            <A href="/staff/audit">{tr(&t::NAV_AUDIT)}</A>
            <A href="/staff/editions">{tr(&ui::EDITIONS_TITLE)}</A>
        </nav>
    }
}
