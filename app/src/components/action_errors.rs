//! A server function's refusal, as messages next to the form that called it.

use leptos::prelude::*;

use crate::error::ApiError;
use crate::i18n::use_lang;

/// Every message of an error: each finding of `Invalid`, else the error's own message.
#[component]
pub fn ActionErrors(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    let messages = match &error {
        ApiError::Invalid(issues) => issues.iter().map(|i| i.message.clone()).collect(),
        other => vec![other.message()],
    };
    view! {
        <ul class="form-errors" role="alert">
            {messages.into_iter().map(|m| view! { <li class="form-error">{move || m.get(lang.get()).to_string()}</li> }).collect_view()}
        </ul>
    }
}
