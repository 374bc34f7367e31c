//! The page header and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::lang_switch::LangSwitch;
use crate::i18n::tr;
use crate::i18n::ui;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">{tr(&ui::PRODUCT)}</A>
            <nav aria-label="main">
                <A href="/" exact=true>{tr(&ui::NAV_HOME)}</A>
                <A href="/networks">{tr(&ui::NAV_NETWORKS)}</A>
                <A href="/charts">{tr(&ui::NAV_CHARTS)}</A>
                <A href="/respondent">{tr(&ui::NAV_RESPONDENT)}</A>
                <A href="/staff">{tr(&ui::NAV_STAFF)}</A>
            </nav>
            <LangSwitch />
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{tr(&ui::FOOTER_SOURCE)}</p>
        </footer>
    }
}
