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

/// What a form's server action refused, next to the form: each field's message for
/// invalid input, else the error's own message.
#[component]
pub fn ActionErrors(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            let messages: Vec<crate::i18n::Label> = match &e {
                ApiError::Invalid(issues) => issues.iter().map(|i| i.message.clone()).collect(),
                other => vec![other.message()],
            };
            messages
                .into_iter()
                .map(|m| view! { <p class="form-error" role="alert">{move || m.get(lang.get()).to_string()}</p> })
                .collect_view()
        })
    }
}
