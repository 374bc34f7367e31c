use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::i18n::ui;
use crate::i18n::{page_title, tr};

/// The 404 page; on the server it also sets the status code.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=page_title(&ui::NOT_FOUND_TITLE) />
        <section class="notice">
            <h1>{tr(&ui::NOT_FOUND_TITLE)}</h1>
            <p>{tr(&ui::NOT_FOUND_BODY)}</p>
            <p><A href="/">{tr(&ui::BACK_HOME)}</A></p>
        </section>
    }
}

/// The 410 page of a network staff removed; a merged one links to the network kept.
#[component]
pub fn Gone(kept: Option<(i64, String)>) -> impl IntoView {
    use crate::i18n::ui_networks as t;
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::GONE);
    }
    view! {
        <Title text=page_title(&t::GONE_TITLE) />
        <section class="notice" data-testid="gone">
            <h1>{tr(&t::GONE_TITLE)}</h1>
            <p>{tr(&t::GONE_BODY)}</p>
            {kept.map(|(id, name)| view! {
                <p>{tr(&t::GONE_MERGED)}<A href=format!("/networks/{id}")>{name}</A></p>
            })}
            <p><A href="/networks">{tr(&ui::BACK_TO_DIRECTORY)}</A></p>
        </section>
    }
}
