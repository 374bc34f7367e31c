//! `/staff/networks`: the care of networks. The queue of networks respondents registered,
//! each with its likely duplicates; a search over every network; and the changes staff make:
//! mark checked, correct the prefecture and operator type, merge a duplicate into the
//! network kept, remove with a reason. Merging and removing ask for confirmation in the page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::network_care::{
    get_network_care, CareDone, CareQuery, CareRow, CareState, CheckNetwork, CorrectNetwork,
    MergeNetwork, NetworkCare, Related, RemoveNetwork,
};
use crate::components::fields::{prefecture_name, PrefectureOptions};
use crate::components::{
    action_errors::ActionErrors, island::Ready, loaded::Loaded, logout::SignedIn,
    staff_nav::StaffNav,
};
use crate::error::ApiError;
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, ui_networks as t, Label};
use survey::geography::OperatorType;

/// A merge or a removal waiting for staff to confirm it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pending {
    Merge {
        from: i64,
        from_name: String,
        into: i64,
        into_name: String,
    },
    Remove {
        id: i64,
        name: String,
    },
}

/// The page's changes, shared by every row; each completed one reloads the data.
#[derive(Clone, Copy)]
struct Actions {
    check: ServerAction<CheckNetwork>,
    correct: ServerAction<CorrectNetwork>,
    merge: ServerAction<MergeNetwork>,
    remove: ServerAction<RemoveNetwork>,
    pending: RwSignal<Option<Pending>>,
    /// What the latest change did, or why it was refused.
    last: RwSignal<Option<Result<CareDone, ApiError>>>,
}

#[component]
pub fn StaffNetworksPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|p| CareQuery {
        q: p.get("q").unwrap_or_default(),
        pref: p.get("pref"),
    });
    view! {
        <Title text=page_title(&t::TITLE) />
        <NetworksConsole query />
    }
}

/// The queue, the search and the changes, reloaded after each change.
#[island(lazy)]
fn NetworksConsole(query: CareQuery) -> impl IntoView {
    let actions = Actions {
        check: ServerAction::new(),
        correct: ServerAction::new(),
        merge: ServerAction::new(),
        remove: ServerAction::new(),
        pending: RwSignal::new(None),
        last: RwSignal::new(None),
    };
    provide_context(actions);
    Effect::new(move |_| {
        if let Some(result) = actions.check.value().get() {
            actions.last.set(Some(result));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = actions.correct.value().get() {
            actions.last.set(Some(result));
        }
    });
    // A confirmed merge or removal closes its confirmation; a refusal shows in it.
    Effect::new(move |_| {
        if let Some(result) = actions.merge.value().get() {
            if result.is_ok() {
                actions.pending.set(None);
            }
            actions.last.set(Some(result));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = actions.remove.value().get() {
            if result.is_ok() {
                actions.pending.set(None);
            }
            actions.last.set(Some(result));
        }
    });
    let data = Resource::new(
        move || {
            (
                query.clone(),
                actions.check.version().get(),
                actions.correct.version().get(),
                actions.merge.version().get(),
                actions.remove.version().get(),
            )
        },
        |(query, ..)| get_network_care(query),
    );
    view! {
        <Loaded resource=data login="/staff/login" view=|care: NetworkCare| view! { <CareView care /> } />
        <Ready />
    }
}

#[component]
fn CareView(care: NetworkCare) -> impl IntoView {
    let queued = care.queue.len();
    view! {
        <SignedIn login=care.login.clone() />
        <StaffNav />
        <h1>{tr(&t::TITLE)}</h1>
        <p class="help">{tr(&t::HELP)}</p>
        <LastChange />
        <Confirm />
        <section class="card" aria-labelledby="queue-title">
            <h2 id="queue-title">{tr(&t::QUEUE_TITLE)}" ("{queued}")"</h2>
            <Queue rows=care.queue />
        </section>
        <section class="card" aria-labelledby="search-title">
            <h2 id="search-title">{tr(&t::SEARCH_TITLE)}</h2>
            <SearchForm query=care.query />
            <SearchResults results=care.results more=care.more />
        </section>
    }
}

/// What the latest change did, or why it was refused.
#[component]
fn LastChange() -> impl IntoView {
    let actions = expect_context::<Actions>();
    move || {
        actions.last.get().map(|result| match result {
            Ok(done) => view! { <Done done /> }.into_any(),
            Err(error) => view! { <ActionErrors error /> }.into_any(),
        })
    }
}

#[component]
fn Done(done: CareDone) -> impl IntoView {
    let named =
        |label: &'static Label, name: String| view! { {tr(label)}"「"{name}"」" }.into_any();
    let body = match done {
        CareDone::Checked { name } => named(&t::DONE_CHECKED, name),
        CareDone::Corrected { name } => named(&t::DONE_CORRECTED, name),
        CareDone::Removed { name } => named(&t::DONE_REMOVED, name),
        CareDone::Merged {
            from_name,
            into_name,
            kept_responses,
            respondents_kept,
        } => view! {
            {tr(&t::DONE_MERGED)}"「"{from_name}"」→「"{into_name}"」"
            {(!kept_responses.is_empty()).then(|| view! { <br />{tr(&t::KEPT_APART)}{kept_responses.join("、")} })}
            {respondents_kept.then(|| view! { <br />{tr(&t::RESPONDENTS_KEPT)} })}
        }
        .into_any(),
    };
    view! { <p class="notice" role="status" data-testid="care-done">{body}</p> }
}

/// The confirmation of a merge or a removal, before anything is sent.
#[component]
fn Confirm() -> impl IntoView {
    let actions = expect_context::<Actions>();
    let cancel = move |_| actions.pending.set(None);
    let errors = |value: Option<Result<CareDone, ApiError>>| {
        value
            .and_then(Result::err)
            .map(|error| view! { <ActionErrors error /> })
    };
    move || {
        actions.pending.get().map(|pending| match pending {
            Pending::Merge {
                from,
                from_name,
                into,
                into_name,
            } => view! {
                <section class="card confirm" aria-labelledby="confirm-title" data-testid="confirm">
                    <h2 id="confirm-title">{tr(&t::CONFIRM_MERGE_TITLE)}</h2>
                    <dl class="facts">
                        <dt>{tr(&t::CONFIRM_MERGE_FROM)}</dt><dd>{from_name}</dd>
                        <dt>{tr(&t::CONFIRM_MERGE_KEEP)}</dt><dd>{into_name}</dd>
                    </dl>
                    <p class="help">{tr(&t::CONFIRM_MERGE_HELP)}</p>
                    <ActionForm action=actions.merge>
                        <input type="hidden" name="from" value=from />
                        <input type="hidden" name="into" value=into />
                        <div class="field">
                            <label for="merge-note">{tr(&t::NOTE)}</label>
                            <input id="merge-note" name="note" maxlength="500" />
                        </div>
                        <div class="actions">
                            <button type="submit" class="primary">{tr(&t::CONFIRM_MERGE)}</button>
                            <button type="button" on:click=cancel>{tr(&ui::CANCEL)}</button>
                        </div>
                    </ActionForm>
                    {move || errors(actions.merge.value().get())}
                </section>
            }
            .into_any(),
            Pending::Remove { id, name } => view! {
                <section class="card confirm" aria-labelledby="confirm-title" data-testid="confirm">
                    <h2 id="confirm-title">{tr(&t::CONFIRM_REMOVE_TITLE)}"「"{name}"」"</h2>
                    <p class="help">{tr(&t::CONFIRM_REMOVE_HELP)}</p>
                    <ActionForm action=actions.remove>
                        <input type="hidden" name="network_id" value=id />
                        <div class="field">
                            <label for="remove-reason">{tr(&t::REASON)}</label>
                            <textarea id="remove-reason" name="reason" required maxlength="500" rows="3"></textarea>
                        </div>
                        <div class="actions">
                            <button type="submit" class="primary">{tr(&t::CONFIRM_REMOVE)}</button>
                            <button type="button" on:click=cancel>{tr(&ui::CANCEL)}</button>
                        </div>
                    </ActionForm>
                    {move || errors(actions.remove.value().get())}
                </section>
            }
            .into_any(),
        })
    }
}

#[component]
fn Queue(rows: Vec<CareRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p role="status">{tr(&t::QUEUE_NONE)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="network-queue">
                <thead>
                    <tr>
                        <th scope="col">{tr(&t::NAME)}</th>
                        <th scope="col">{tr(&ui::PREFECTURE)}</th>
                        <th scope="col">{tr(&t::REGISTERED_BY)}</th>
                        <th scope="col">{tr(&t::REGISTERED_ON)}</th>
                        <th scope="col">{tr(&t::DUPLICATES)}</th>
                        <th scope="col">{tr(&t::ACTIONS)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <QueueRow row /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn QueueRow(row: CareRow) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let id = row.id;
    let registered_by = match row.registered_by.clone() {
        Some(login) => view! { <code>{login}</code> }.into_any(),
        None => tr(&t::STAFF_OR_IMPORT).into_any(),
    };
    view! {
        <tr data-network=id>
            <th scope="row"><NameCell row=row.clone() /></th>
            <td>{prefecture_name(&row.prefecture)}</td>
            <td>{registered_by}</td>
            <td>{row.registered_on.clone()}</td>
            <td><Duplicates row=row.clone() /></td>
            <td class="care-actions">
                <ActionForm action=actions.check attr:class="inline">
                    <input type="hidden" name="network_id" value=id />
                    <button type="submit">{tr(&t::MARK_CHECKED)}</button>
                </ActionForm>
                <CorrectForm row=row.clone() scope="queue" />
                <RemoveButton row />
            </td>
        </tr>
    }
}

/// A network's name and nickname.
#[component]
fn NameCell(row: CareRow) -> impl IntoView {
    view! {
        {row.name}
        {(!row.nickname.is_empty()).then(|| view! { <br /><small>{row.nickname}</small> })}
    }
}

/// The likely duplicates of a queued network, each linked to its public page, with the
/// merge into it.
#[component]
fn Duplicates(row: CareRow) -> impl IntoView {
    let lang = use_lang();
    let actions = expect_context::<Actions>();
    if row.duplicates.is_empty() {
        return tr(&t::NO_DUPLICATES).into_any();
    }
    let items = row
        .duplicates
        .into_iter()
        .map(|Related { id, name, likeness }| {
            let pending = Pending::Merge {
                from: row.id,
                from_name: row.name.clone(),
                into: id,
                into_name: name.clone(),
            };
            let likeness = likeness.map(|l| l.label());
            view! {
                <li>
                    <a href=format!("/networks/{id}")>{name}</a>
                    {likeness.map(|l| view! { " "<span class="badge">{move || l.get(lang.get()).to_string()}</span> })}
                    " "
                    <button type="button" on:click=move |_| actions.pending.set(Some(pending.clone()))>
                        {tr(&t::MERGE_INTO_THIS)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="duplicates" data-testid="duplicates">{items}</ul> }.into_any()
}

/// The prefecture and operator type, corrected.
#[component]
fn CorrectForm(row: CareRow, scope: &'static str) -> impl IntoView {
    let lang = use_lang();
    let actions = expect_context::<Actions>();
    let id = row.id;
    let pref_id = format!("{scope}-pref-{id}");
    let operator_id = format!("{scope}-operator-{id}");
    let current = row.operator.map(OperatorType::key).unwrap_or_default();
    view! {
        <ActionForm action=actions.correct attr:class="inline correct-form">
            <input type="hidden" name="network_id" value=id />
            <label for=pref_id.clone() class="visually-hidden">{tr(&ui::PREFECTURE)}</label>
            <select id=pref_id name="prefecture">
                <PrefectureOptions selected=row.prefecture.clone() />
            </select>
            <label for=operator_id.clone() class="visually-hidden">{tr(&t::OPERATOR)}</label>
            <select id=operator_id name="operator_type">
                <option value="" selected=current.is_empty()>{tr(&t::OPERATOR_NONE)}</option>
                {OperatorType::ALL.iter().map(|o| {
                    let label = o.label();
                    view! { <option value=o.key() selected=o.key() == current>{move || label.get(lang.get()).to_string()}</option> }
                }).collect_view()}
            </select>
            <button type="submit">{tr(&t::CORRECT)}</button>
        </ActionForm>
    }
}

#[component]
fn RemoveButton(row: CareRow) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let pending = Pending::Remove {
        id: row.id,
        name: row.name,
    };
    view! {
        <button type="button" on:click=move |_| actions.pending.set(Some(pending.clone()))>{tr(&t::REMOVE)}</button>
    }
}

#[component]
fn SearchForm(query: CareQuery) -> impl IntoView {
    let pref = query.pref.clone().unwrap_or_default();
    view! {
        <form method="get" action="/staff/networks" class="filters">
            <div class="field search">
                <label for="care-q">{tr(&ui::SEARCH)}</label>
                <input id="care-q" type="search" name="q" value=query.q.clone() maxlength="200" />
            </div>
            <div class="field">
                <label for="care-pref">{tr(&ui::FILTER_PREFECTURE)}</label>
                <select id="care-pref" name="pref">
                    <option value="">{tr(&ui::FILTER_ANY)}</option>
                    <PrefectureOptions selected=pref.clone() />
                </select>
            </div>
            <div class="actions">
                <button type="submit" class="primary">{tr(&ui::FILTER_SUBMIT)}</button>
                <a href="/staff/networks">{tr(&ui::FILTER_CLEAR)}</a>
            </div>
        </form>
    }
}

#[component]
fn SearchResults(results: Option<Vec<CareRow>>, more: bool) -> impl IntoView {
    let Some(rows) = results else {
        return view! { <p class="help">{tr(&t::SEARCH_HINT)}</p> }.into_any();
    };
    if rows.is_empty() {
        return view! { <p role="status">{tr(&t::SEARCH_NONE)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="network-search">
                <thead>
                    <tr>
                        <th scope="col">{tr(&t::NAME)}</th>
                        <th scope="col">{tr(&ui::PREFECTURE)}</th>
                        <th scope="col">{tr(&t::OPERATOR)}</th>
                        <th scope="col">{tr(&t::ANSWERED)}</th>
                        <th scope="col">{tr(&t::STATE)}</th>
                        <th scope="col">{tr(&t::ACTIONS)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <ResultRow row /> }).collect_view()}
                </tbody>
            </table>
        </div>
        {more.then(|| view! { <p class="help">{tr(&t::SEARCH_MORE)}</p> })}
    }
    .into_any()
}

#[component]
fn ResultRow(row: CareRow) -> impl IntoView {
    let lang = use_lang();
    let operator = row.operator.map(|o| o.label());
    let listed = matches!(row.state, CareState::Listed | CareState::ToCheck);
    let name = match listed {
        true => view! { <a href=format!("/networks/{}", row.id)>{row.name.clone()}</a> }.into_any(),
        false => row.name.clone().into_any(),
    };
    view! {
        <tr data-network=row.id>
            <th scope="row">{name}{(!row.nickname.is_empty()).then(|| view! { <br /><small>{row.nickname.clone()}</small> })}</th>
            <td>{prefecture_name(&row.prefecture)}</td>
            <td>{match operator {
                Some(l) => (move || l.get(lang.get()).to_string()).into_any(),
                None => tr(&t::OPERATOR_NONE).into_any(),
            }}</td>
            <td>{row.editions.join("、")}</td>
            <td><StateCell state=row.state.clone() /></td>
            <td class="care-actions">
                {listed.then(|| view! {
                    <CorrectForm row=row.clone() scope="search" />
                    <MergeChoice row=row.clone() />
                    <RemoveButton row=row.clone() />
                })}
            </td>
        </tr>
    }
}

#[component]
fn StateCell(state: CareState) -> impl IntoView {
    match state {
        CareState::Listed => tr(&t::LISTED).into_any(),
        CareState::ToCheck => view! { <span class="badge">{tr(&t::TO_CHECK)}</span> }.into_any(),
        CareState::Removed { reason, on } => {
            view! { {tr(&t::REMOVED)}" "{on}<br /><small>{reason}</small> }.into_any()
        }
        CareState::Merged {
            into,
            into_name,
            on,
        } => view! {
            {tr(&t::MERGED_INTO)}<a href=format!("/networks/{into}")>{into_name}</a>" "{on}
        }
        .into_any(),
    }
}

/// Choosing the network a listed one is merged into (of the same prefecture), then confirming.
#[component]
fn MergeChoice(row: CareRow) -> impl IntoView {
    let actions = expect_context::<Actions>();
    if row.targets.is_empty() {
        return ().into_any();
    }
    let chosen = RwSignal::new(None::<i64>);
    let select_id = format!("merge-into-{}", row.id);
    let targets = row.targets.clone();
    let ask = move |_| {
        let Some(into) = chosen.get_untracked() else {
            return;
        };
        if let Some(target) = targets.iter().find(|t| t.id == into) {
            actions.pending.set(Some(Pending::Merge {
                from: row.id,
                from_name: row.name.clone(),
                into,
                into_name: target.name.clone(),
            }));
        }
    };
    view! {
        <span class="inline merge-choice">
            <label for=select_id.clone() class="visually-hidden">{tr(&t::MERGE_INTO)}</label>
            <select id=select_id on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                <option value="">{tr(&t::MERGE_INTO)}"："{tr(&t::CHOOSE)}</option>
                {row.targets.into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
            </select>
            <button type="button" on:click=ask>{tr(&t::MERGE)}</button>
        </span>
    }
    .into_any()
}
