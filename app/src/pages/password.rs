//! `/password`: a signed-in person changes their own password (respondents and staff alike).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::ChangePassword;
use crate::components::error_notice::LatestErrors;
use crate::components::island::Ready;
use crate::i18n::ui;
use crate::i18n::{page_title, tr};

#[component]
pub fn PasswordPage() -> impl IntoView {
    view! {
        <Title text=page_title(&ui::PASSWORD_TITLE) />
        <section class="login card">
            <h1>{tr(&ui::PASSWORD_TITLE)}</h1>
            <PasswordForm />
        </section>
    }
}

/// The form: the refusal (wrong current password, a weak or mistyped new one) beside it.
#[island(lazy)]
fn PasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || action.value().get().is_some_and(|r| r.is_ok());
    view! {
        <ActionForm action>
            <label for="password-current">{tr(&ui::PASSWORD_CURRENT)}</label>
            <input id="password-current" name="current" type="password" autocomplete="current-password" required />
            <label for="password-new">{tr(&ui::PASSWORD_NEW)}</label>
            <input id="password-new" name="new" type="password" autocomplete="new-password" minlength="12" required />
            <label for="password-again">{tr(&ui::PASSWORD_AGAIN)}</label>
            <input id="password-again" name="again" type="password" autocomplete="new-password" minlength="12" required />
            <button type="submit" class="primary" disabled=move || action.pending().get()>{tr(&ui::PASSWORD_SUBMIT)}</button>
        </ActionForm>
        <LatestErrors error />
        {move || done().then(|| view! { <p class="save-status ok" role="status">{tr(&ui::PASSWORD_DONE)}</p> })}
        <Ready />
    }
}
