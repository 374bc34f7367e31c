use leptos::prelude::*;

use crate::api::auth::Logout;
use crate::i18n::tr;
use crate::i18n::ui;

/// Who is signed in, and a button to sign out.
#[component]
pub fn SignedIn(login: String) -> impl IntoView {
    let action = ServerAction::<Logout>::new();
    view! {
        <div class="signed-in">
            <span>{tr(&ui::SIGNED_IN_AS)}<strong>{login}</strong></span>
            <a href="/password">{tr(&ui::PASSWORD_LINK)}</a>
            <ActionForm action>
                <button type="submit">{tr(&ui::LOGOUT)}</button>
            </ActionForm>
        </div>
    }
}
