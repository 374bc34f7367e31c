//! `/staff/tracking`: every request of the edition and its stage (report 1.5):
//! live counts and a funnel, a filterable table with the actions on each request,
//! the refusal list and the "not yet replied" list to chase.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::requests::{
    get_tracking, ExportNotReplied, ResetRespondentPassword, SetRequestStage,
    SetRespondentDisabled, Tracking,
};
use crate::components::fields::{prefecture_name, PrefectureOptions};
use crate::components::{
    action_errors::ActionErrors,
    credentials::{Credentials, CsvDownload},
    island::Ready,
    loaded::Loaded,
    logout::SignedIn,
    staff_edition::{asked_edition, EditionField, StaffEditionBar},
    staff_nav::StaffNav,
};
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, ui_requests as t, Label};
use survey::geography::Region;
use survey::requests::{Counts, Stage, TrackingQuery, TrackingRow};

/// The actions of the page, shared by every row; each completed one reloads the data.
#[derive(Clone, Copy)]
struct Actions {
    stage: ServerAction<SetRequestStage>,
    reset: ServerAction<ResetRespondentPassword>,
    disable: ServerAction<SetRespondentDisabled>,
}

#[component]
pub fn StaffTrackingPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|p| TrackingQuery {
        stage: p.get("stage"),
        region: p.get("region"),
        pref: p.get("pref"),
        q: p.get("q").unwrap_or_default(),
    });
    view! {
        <Title text=page_title(&t::TRACKING_TITLE) />
        <TrackingConsole query />
    }
}

/// The filtered list and its actions, reloaded after each change.
#[island(lazy)]
fn TrackingConsole(query: TrackingQuery) -> impl IntoView {
    let actions = Actions {
        stage: ServerAction::new(),
        reset: ServerAction::new(),
        disable: ServerAction::new(),
    };
    provide_context(actions);
    let data = Resource::new(
        move || {
            (
                query.clone(),
                actions.stage.version().get(),
                actions.disable.version().get(),
            )
        },
        |(query, _, _)| get_tracking(query, asked_edition()),
    );
    view! {
        <Loaded resource=data login="/staff/login" view=|tracking: Tracking| view! { <TrackingView tracking /> } />
        <Ready />
    }
}

#[component]
fn TrackingView(tracking: Tracking) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let errors = move || {
        [
            actions.stage.value().get().and_then(Result::err),
            actions.reset.value().get().and_then(Result::err),
            actions.disable.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .map(|error| view! { <ActionErrors error /> })
        .collect_view()
    };
    view! {
        <div class="no-print">
            <SignedIn login=tracking.login.clone() />
            <StaffNav />
            <StaffEditionBar edition=tracking.edition.clone() choices=tracking.editions.clone() />
            <h1>{tr(&t::TRACKING_TITLE)}" ("{tracking.edition.clone()}")"</h1>
            <Funnel counts=tracking.counts />
            <p class="help">{tr(&t::TRACKING_NOTE)}</p>
            {errors}
        </div>
        <div class="no-print">
            <Filters query=tracking.query.clone() edition=tracking.edition.clone() />
            <RequestTable rows=tracking.rows.clone() edition=tracking.edition.clone() />
            <RefusalList rows=tracking.refusals.clone() />
            <ChaseList rows=tracking.not_replied.clone() edition=tracking.edition.clone() />
        </div>
    }
}

/// Report 1.5's counts as figures and as a bar funnel: `<progress>` bars against the
/// requests (no inline styles, which the CSP forbids; read out by screen readers).
#[component]
fn Funnel(counts: Counts) -> impl IntoView {
    let lang = use_lang();
    let max = counts.requested.max(1);
    view! {
        <section class="card funnel" aria-labelledby="funnel-title">
            <h2 id="funnel-title">{tr(&t::FUNNEL_TITLE)}</h2>
            <dl class="funnel-bars" data-testid="funnel">
                {counts.funnel().into_iter().map(|(label, n)| {
                    let key = label.en.to_string();
                    let id = format!("funnel-{key}");
                    view! {
                        <div class="funnel-row" data-stage=key>
                            <dt id=id.clone()>{move || label.get(lang.get()).to_string()}</dt>
                            <dd>
                                <progress class="funnel-bar" max=max value=n aria-labelledby=id></progress>
                                <span class="funnel-count">{n}</span>
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}

fn stage_options(lang: crate::i18n::Lang) -> Vec<(String, String)> {
    Stage::ALL
        .iter()
        .map(|s| (s.key().to_string(), s.label().get(lang).to_string()))
        .collect()
}

#[component]
fn Filters(query: TrackingQuery, edition: String) -> impl IntoView {
    let lang = use_lang();
    let selected = |chosen: &Option<String>, key: &str| chosen.as_deref() == Some(key);
    let (stage, region, pref) = (
        query.stage.clone(),
        query.region.clone(),
        query.pref.clone(),
    );
    view! {
        <form method="get" action="/staff/tracking" class="filters card">
            <EditionField edition=edition.clone() />
            <div class="field">
                <label for="tracking-stage">{tr(&t::STAGE)}</label>
                <select id="tracking-stage" name="stage">
                    <option value="">{tr(&ui::FILTER_ANY)}</option>
                    {stage_options(lang.get_untracked()).into_iter().map(|(k, l)| {
                        let sel = selected(&stage, &k);
                        view! { <option value=k selected=sel>{l}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tracking-region">{tr(&ui::FILTER_REGION)}</label>
                <select id="tracking-region" name="region">
                    <option value="">{tr(&ui::FILTER_ANY)}</option>
                    {Region::ALL.iter().map(|r| {
                        let label = r.label();
                        view! { <option value=r.key() selected=selected(&region, r.key())>{move || label.get(lang.get()).to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tracking-pref">{tr(&ui::FILTER_PREFECTURE)}</label>
                <select id="tracking-pref" name="pref">
                    <option value="">{tr(&ui::FILTER_ANY)}</option>
                    <PrefectureOptions selected=pref.clone().unwrap_or_default() />
                </select>
            </div>
            <div class="field search">
                <label for="tracking-q">{tr(&ui::SEARCH)}</label>
                <input id="tracking-q" type="search" name="q" value=query.q.clone() />
            </div>
            <div class="actions">
                <button type="submit" class="primary">{tr(&ui::FILTER_SUBMIT)}</button>
                <a href=format!("/staff/tracking?edition={edition}")>{tr(&ui::FILTER_CLEAR)}</a>
            </div>
        </form>
    }
}

#[component]
fn RequestTable(rows: Vec<TrackingRow>, edition: String) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p role="status">{tr(&t::TRACKING_NONE)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap tall">
            <table class="tracking" data-testid="tracking">
                <thead>
                    <tr>
                        <th scope="col">{tr(&t::NETWORK_NAME)}</th>
                        <th scope="col">{tr(&t::ORGANISATION)}</th>
                        <th scope="col">{tr(&ui::PREFECTURE)}</th>
                        <th scope="col">{tr(&t::STAGE)}</th>
                        <th scope="col">{tr(&t::REQUESTED_ON)}</th>
                        <th scope="col">{tr(&t::REPLIED_ON)}</th>
                        <th scope="col">{tr(&t::OUTCOME_ON)}</th>
                        <th scope="col">{tr(&t::ACCOUNT)}</th>
                        <th scope="col">{tr(&t::ACTIONS)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <RequestRowView row edition=edition.clone() /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn RequestRowView(row: TrackingRow, edition: String) -> impl IntoView {
    let lang = use_lang();
    let actions = expect_context::<Actions>();
    let id = row.network_id;
    let stage_label = row.stage.label();
    let reason = (!row.reason.is_empty()).then(|| format!("（{}）", row.reason));
    let network = row.network_name.clone();
    let account = row.respondent.clone().map(|(respondent_id, login, disabled)| {
        // Resetting and disabling cut a respondent off: each is confirmed first, in its row,
        // with what it will do. Enabling is not.
        let asked = RwSignal::new(None::<AccountChange>);
        // A finished reset or change closes the confirmation.
        Effect::new(move |_| {
            actions.reset.version().track();
            actions.disable.version().track();
            asked.set(None);
        });
        let consequence = {
            let (network, login) = (network.clone(), login.clone());
            move |change: AccountChange| match change {
                AccountChange::Reset => t::reset_consequence(&network, &login, lang.get()),
                AccountChange::Disable => t::disable_consequence(&network, &login, lang.get()),
            }
        };
        view! {
            <code>{login.clone()}</code>
            {disabled.then(|| view! { " "<span class="badge">{tr(&t::DISABLED)}</span> })}
            <button type="button" class="inline" on:click=move |_| asked.set(Some(AccountChange::Reset))>{tr(&t::RESET_PASSWORD)}</button>
            {if disabled {
                view! {
                    <ActionForm action=actions.disable attr:class="inline">
                        <input type="hidden" name="respondent_id" value=respondent_id />
                        <input type="hidden" name="disabled" value="false" />
                        <button type="submit">{tr(&t::ENABLE)}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="inline" on:click=move |_| asked.set(Some(AccountChange::Disable))>{tr(&t::DISABLE)}</button>
                }.into_any()
            }}
            {move || asked.get().map(|change| {
                let confirm = match change {
                    AccountChange::Reset => view! {
                        <ActionForm action=actions.reset attr:class="inline">
                            <input type="hidden" name="respondent_id" value=respondent_id />
                            <button type="submit" class="primary">{tr(&t::RESET_CONFIRM_SUBMIT)}</button>
                        </ActionForm>
                    }.into_any(),
                    AccountChange::Disable => view! {
                        <ActionForm action=actions.disable attr:class="inline">
                            <input type="hidden" name="respondent_id" value=respondent_id />
                            <input type="hidden" name="disabled" value="true" />
                            <button type="submit" class="primary">{tr(&t::DISABLE)}</button>
                        </ActionForm>
                    }.into_any(),
                };
                let consequence = consequence.clone();
                view! {
                    <div class="confirm" role="alertdialog" aria-label=move || t::ACCOUNT_CONFIRM.get(lang.get()).to_string()>
                        <p>{move || consequence(change)}</p>
                        {confirm}
                        <button type="button" on:click=move |_| asked.set(None)>{tr(&ui::CANCEL)}</button>
                    </div>
                }
            })}
        }
    });
    // A new password appears in its own row, once (the list reloads after the reset).
    let new_password = move || {
        actions
            .reset
            .value()
            .get()
            .and_then(Result::ok)
            .filter(|credential| credential.network_id == id)
            .map(|credential| {
                view! {
                    <tr class="new-password">
                        <td colspan="9">
                            <h2>{tr(&t::NEW_PASSWORD_FOR)}</h2>
                            <Credentials credentials=vec![credential] />
                        </td>
                    </tr>
                }
            })
    };
    let current = row.stage.key();
    view! {
        <tr data-network=id>
            <td>{row.network_name.clone()}</td>
            <td>{row.organisation.clone()}</td>
            <td>{prefecture_name(&row.prefecture)}</td>
            <td class="stage" data-stage=current>{move || stage_label.get(lang.get()).to_string()}{reason.clone()}</td>
            <td>{row.requested_on.clone()}</td>
            <td>{row.replied_on.clone()}</td>
            <td>{row.outcome_on.clone()}</td>
            <td>{account}</td>
            <td>
                <ActionForm action=actions.stage attr:class="stage-form">
                    <input type="hidden" name="network_id" value=id />
                    <EditionField edition />
                    <label for=format!("stage-{id}") class="visually-hidden">{tr(&t::STAGE)}</label>
                    <select id=format!("stage-{id}") name="stage">
                        {stage_options(lang.get_untracked()).into_iter().map(|(k, l)| {
                            let sel = k == current;
                            view! { <option value=k selected=sel>{l}</option> }
                        }).collect_view()}
                    </select>
                    <label for=format!("reason-{id}") class="visually-hidden">{tr(&t::REASON)}</label>
                    <input id=format!("reason-{id}") name="reason" value=row.reason.clone() maxlength="500"
                        placeholder=move || t::REASON.get(lang.get()).to_string() />
                    <button type="submit">{tr(&t::CHANGE_STAGE)}</button>
                </ActionForm>
            </td>
        </tr>
        {new_password}
    }
}

/// A change to a respondent's account that waits for staff to confirm it.
#[derive(Clone, Copy, PartialEq)]
enum AccountChange {
    Reset,
    Disable,
}

/// 拒否リスト.
#[component]
fn RefusalList(rows: Vec<TrackingRow>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="refusals-title">
            <h2 id="refusals-title">{tr(&t::REFUSALS_TITLE)}</h2>
            {if rows.is_empty() {
                view! { <p>{tr(&t::REFUSALS_NONE)}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="refusals">
                        {rows.into_iter().map(|r| view! {
                            <li>{r.network_name}"（"{r.prefecture}"）："{r.reason}" "{r.outcome_on}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ChaseList(rows: Vec<TrackingRow>, edition: String) -> impl IntoView {
    let export = ServerAction::<ExportNotReplied>::new();
    let link = move || {
        export.value().get().map(|r| match r {
            Ok(csv) => {
                view! { <CsvDownload text=csv file="not-replied.csv" label=&t::CHASE_DOWNLOAD /> }
                    .into_any()
            }
            Err(error) => view! { <ActionErrors error /> }.into_any(),
        })
    };
    let label = |l: &'static Label| tr(l);
    view! {
        <section class="card" aria-labelledby="chase-title">
            <h2 id="chase-title">{label(&t::CHASE_TITLE)}" ("{rows.len()}")"</h2>
            {if rows.is_empty() {
                view! { <p>{tr(&t::CHASE_NONE)}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="not-replied">
                        {rows.into_iter().map(|r| view! {
                            <li>{r.network_name}"（"{r.prefecture}"） "{r.email}" "{r.requested_on}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ActionForm action=export attr:class="inline">
                <EditionField edition />
                <button type="submit">{tr(&t::CHASE_EXPORT)}</button>
            </ActionForm>
            {link}
        </section>
    }
}
