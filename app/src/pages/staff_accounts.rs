//! `/staff/accounts`: staff accounts — create, reset a password (shown once), disable.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff_accounts::{
    get_staff_accounts, CreateStaffAccount, ResetStaffPassword, SetStaffDisabled, StaffAccounts,
    StaffPassword,
};
use crate::components::{
    action_errors::ActionErrors, island::Ready, loaded::Loaded, logout::SignedIn,
    staff_nav::StaffNav,
};
use crate::error::ApiError;
use crate::i18n::{page_title, tr};
use crate::i18n::{ui, ui_requests as t};

#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateStaffAccount>,
    reset: ServerAction<ResetStaffPassword>,
    disable: ServerAction<SetStaffDisabled>,
}

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    view! {
        <Title text=page_title(&t::ACCOUNTS_TITLE) />
        <StaffAccounts />
    }
}

/// The list and its actions, reloaded after each change.
#[island(lazy)]
fn StaffAccounts() -> impl IntoView {
    let actions = Actions {
        create: ServerAction::new(),
        reset: ServerAction::new(),
        disable: ServerAction::new(),
    };
    provide_context(actions);
    let data = Resource::new(
        move || {
            (
                actions.create.version().get(),
                actions.disable.version().get(),
            )
        },
        |_| get_staff_accounts(),
    );
    view! {
        <Loaded resource=data login="/staff/login" view=|accounts: StaffAccounts| view! { <AccountsView accounts /> } />
        <Ready />
    }
}

/// A password just issued, or why not.
fn password_notice(value: Option<Result<StaffPassword, ApiError>>) -> Option<AnyView> {
    value.map(|r| match r {
        Ok(p) => view! {
            <p class="notice" role="status" data-testid="staff-password">
                {tr(&t::NEW_PASSWORD_FOR)}" "<code>{p.login}</code>" : "<code class="password">{p.password}</code>
            </p>
        }
        .into_any(),
        Err(error) => view! { <ActionErrors error /> }.into_any(),
    })
}

#[component]
fn AccountsView(accounts: StaffAccounts) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let me = accounts.me;
    view! {
        <SignedIn login=accounts.login.clone() />
        <StaffNav />
        <h1>{tr(&t::ACCOUNTS_TITLE)}</h1>
        {move || password_notice(actions.create.value().get())}
        {move || password_notice(actions.reset.value().get())}
        {move || actions.disable.value().get().and_then(Result::err).map(|error| view! { <ActionErrors error /> })}
        <table class="staff-accounts">
            <thead>
                <tr>
                    <th scope="col">{tr(&t::LOGIN_ID)}</th>
                    <th scope="col">{tr(&t::STATE)}</th>
                    <th scope="col">{tr(&t::CREATED_ON)}</th>
                    <th scope="col">{tr(&t::ACTIONS)}</th>
                </tr>
            </thead>
            <tbody>
                {accounts.accounts.into_iter().map(|a| view! {
                    <tr>
                        <td><code>{a.login.clone()}</code>{(a.id == me).then(|| tr(&t::YOU))}</td>
                        <td>{if a.disabled { tr(&t::DISABLED)() } else { tr(&t::ENABLED)() }}</td>
                        <td>{a.created.clone()}</td>
                        <td>
                            <ActionForm action=actions.reset attr:class="inline">
                                <input type="hidden" name="id" value=a.id />
                                <button type="submit">{tr(&t::RESET_PASSWORD)}</button>
                            </ActionForm>
                            <ActionForm action=actions.disable attr:class="inline">
                                <input type="hidden" name="id" value=a.id />
                                <input type="hidden" name="disabled" value=(!a.disabled).to_string() />
                                <button type="submit">{if a.disabled { tr(&t::ENABLE)() } else { tr(&t::DISABLE)() }}</button>
                            </ActionForm>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <section class="card console-form">
            <h2>{tr(&t::ACCOUNTS_CREATE)}</h2>
            <ActionForm action=actions.create>
                <label for="staff-login">{tr(&ui::LOGIN_ID)}</label>
                <input id="staff-login" name="login" required minlength="3" maxlength="64" autocapitalize="off" spellcheck="false" />
                <button type="submit" class="primary">{tr(&t::ACCOUNTS_CREATE)}</button>
            </ActionForm>
        </section>
    }
}
