use leptos::prelude::*;

use crate::error::ApiError;
use crate::i18n::ui;
use crate::i18n::{tr, use_lang};

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

/// The latest refusal of a form's server action, if any, next to the form.
#[component]
pub fn LatestErrors(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|error| view! { <crate::components::action_errors::ActionErrors error /> })
    }
}
