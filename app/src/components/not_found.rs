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
