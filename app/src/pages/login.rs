use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::Login;
use crate::components::island::Ready;
use crate::i18n::ui;
use crate::i18n::{page_title, tr, use_lang};
use survey::account::Role;

/// The sign-in page, for respondents or staff.
#[component]
pub fn LoginPage(role: Role) -> impl IntoView {
    let title = match role {
        Role::Respondent => &ui::LOGIN_RESPONDENT_TITLE,
        Role::Staff => &ui::LOGIN_STAFF_TITLE,
    };
    // The page to return to after signing in (checked by the server: `Role::after_login`).
    let next = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("next"));
    view! {
        <Title text=page_title(title) />
        <section class="login card">
            <h1>{tr(title)}</h1>
            {(role == Role::Respondent).then(|| view! { <p>{tr(&ui::LOGIN_RESPONDENT_HELP)}</p> })}
            <LoginForm role next />
        </section>
    }
}

/// The form: a plain POST without JavaScript; with it, a refusal (wrong password,
/// too many attempts) is shown beside the form.
#[island(lazy)]
fn LoginForm(role: Role, next: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    let error = move || {
        action.value().get().and_then(Result::err).map(|e| {
            let message = e.message();
            view! { <p class="form-error" role="alert">{move || message.get(lang.get()).to_string()}</p> }
        })
    };
    view! {
        <ActionForm action>
            <input type="hidden" name="role" value=role.as_str() />
            {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
            <label for="login-id">{tr(&ui::LOGIN_ID)}</label>
            <input id="login-id" name="login" autocomplete="username" required autocapitalize="off" spellcheck="false" />
            <label for="login-password">{tr(&ui::LOGIN_PASSWORD)}</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password" required />
            {error}
            <button type="submit" class="primary" disabled=move || action.pending().get()>{tr(&ui::LOGIN_SUBMIT)}</button>
        </ActionForm>
        <Ready />
    }
}
