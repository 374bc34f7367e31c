use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::api::respondent::{get_my_networks, MyNetworks, RegisterNetwork};
use crate::components::fields::{prefecture_name, PrefectureOptions};
use crate::components::{
    error_notice::LatestErrors, island::Ready, loaded::Loaded, logout::SignedIn,
};
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, ui_readonly};

/// A respondent's home: the networks they answer for.
#[component]
pub fn RespondentHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_networks());
    view! {
        <Title text=page_title(&ui::MY_NETWORKS_TITLE) />
        <Loaded resource=data login="/login" view=|mine: MyNetworks| view! { <MyNetworksView mine /> } />
    }
}

#[component]
fn MyNetworksView(mine: MyNetworks) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let empty = mine.networks.is_empty();
    // No edition open: the survey is closed, its answers can be seen but not changed.
    let closed = mine.closed.then(|| {
        let text = ui_readonly::closed_list_notice(&mine.edition, mine.closed_on.as_deref(), lang);
        view! { <aside class="notice closed-survey" role="note" data-testid="closed-notice">{text}</aside> }
    });
    let open = !mine.closed;
    view! {
        <SignedIn login=mine.login.clone() />
        <h1>{tr(&ui::MY_NETWORKS_TITLE)}" ("{mine.edition.clone()}")"</h1>
        {closed}
        {empty.then(|| view! { <p>{tr(&ui::MY_NETWORKS_NONE)}</p> })}
        {(!empty).then(move || view! {
            <table class="my-networks">
                <thead>
                    <tr>
                        <th scope="col">{tr(&ui::NETWORK_NAME)}</th>
                        <th scope="col">{tr(&ui::PREFECTURE)}</th>
                        <th scope="col">{tr(&ui::RESPONSE_STATUS)}</th>
                    </tr>
                </thead>
                <tbody>
                    {mine.networks.clone().into_iter().map(|n| view! {
                        <tr>
                            <td><A href=format!("/respondent/networks/{}", n.id)>{n.name.clone()}</A></td>
                            <td>{prefecture_name(&n.prefecture)}</td>
                            <td>{n.status.map_or_else(|| "—".to_string(), |s| s.label().get(lang).to_string())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {open.then(|| view! { <RegisterForm /> })}
    }
}

/// Registering another network to answer for.
#[island(lazy)]
fn RegisterForm() -> impl IntoView {
    let action = ServerAction::<RegisterNetwork>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="card register">
            <h2>{tr(&ui::REGISTER_TITLE)}</h2>
            <p>{tr(&ui::REGISTER_HELP)}</p>
            <ActionForm action>
                <label for="register-name">{tr(&ui::NETWORK_NAME)}</label>
                <input id="register-name" name="name" required maxlength="200" />
                <label for="register-prefecture">{tr(&ui::PREFECTURE)}</label>
                <select id="register-prefecture" name="prefecture" required>
                    <option value="">{tr(&ui::CHOOSE)}</option>
                    <PrefectureOptions />
                </select>
                <LatestErrors error />
                <button type="submit" class="primary">{tr(&ui::REGISTER_SUBMIT)}</button>
            </ActionForm>
            <Ready />
        </section>
    }
}
