use leptos::prelude::*;

use crate::app::{tr, use_lang};
use crate::error::ApiError;
use crate::i18n::ui;

/// Tells the person what went wrong, in their language.
#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    let message = error.message();
    view! {
        <section class="notice error" role="alert">
            <h2>{tr(&ui::ERROR_TITLE)}</h2>
            <p>{move || message.get(lang.get()).to_string()}</p>
        </section>
    }
}
