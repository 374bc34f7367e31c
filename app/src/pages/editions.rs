//! `/staff/editions`: the survey's editions, making the next one, revising a draft's
//! questions, and opening or closing an edition.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::editions::{
    create_edition, get_editions, get_stopped_networks, revise_edition, set_edition_status,
    set_valid_rule, EditionsView, NewKind, Revision,
};
use crate::components::fields::prefecture_name;
use crate::components::{island::Ready, loaded::Loaded, logout::SignedIn, staff_nav::StaffNav};
use crate::error::ApiError;
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, Label};
use survey::lifecycle::{EditionRow, EditionStatus as Status, StoppedNetwork, ValidRule};
use survey::{Edition, Item};

#[component]
pub fn EditionsPage() -> impl IntoView {
    view! {
        <Title text=page_title(&ui::EDITIONS_TITLE) />
        <EditionsConsole />
    }
}

/// The editions, the draft's revision and the networks that stopped, reloaded after each change.
#[island(lazy)]
fn EditionsConsole() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let data = Resource::new(move || changed.get(), |_| get_editions());
    let error = RwSignal::new(None::<ApiError>);
    provide_context(Refresh { changed, error });
    view! {
        <Outcome />
        <Loaded resource=data login="/staff/login" view=|v: EditionsView| view! { <Editions v /> } />
        <Stopped changed />
        <Ready />
    }
}

/// Networks that answered last edition but not this one, to chase or to record as ended.
#[component]
fn Stopped(changed: RwSignal<u32>) -> impl IntoView {
    let data = Resource::new(move || changed.get(), |_| get_stopped_networks());
    let lang = use_lang();
    let list = move |(previous, open, networks): (String, String, Vec<StoppedNetwork>)| {
        let count = networks.len();
        let heading = move || match lang.get() {
            crate::i18n::Lang::Ja => format!(
                "{previous}年度に回答し、{open}年度は未回答・拒否・辞退の地域医療連携（{count}件）"
            ),
            crate::i18n::Lang::En => {
                format!("Answered {previous} but not {open}: {count} networks")
            }
        };
        let rows = networks
            .iter()
            .map(|n| {
                let outcome = n.outcome.clone().unwrap_or_default();
                view! { <tr><td class="num">{n.id}</td><th scope="row"><a href=format!("/networks/{}", n.id)>{n.name.clone()}</a></th><td>{prefecture_name(&n.prefecture)}</td><td>{outcome}</td><td>{n.reason.clone()}</td></tr> }
            })
            .collect_view();
        view! {
            <section class="card" data-testid="stopped">
                <h2>{heading}</h2>
                <table class="data">
                    <thead><tr><th scope="col">"ID"</th><th scope="col">{tr(&ui::STOPPED_NAME)}</th><th scope="col">{tr(&ui::FILTER_PREFECTURE)}</th><th scope="col">{tr(&ui::STOPPED_OUTCOME)}</th><th scope="col">{tr(&ui::STOPPED_REASON)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
        .into_any()
    };
    view! {
        <Transition>
            {move || data.get().map(|r| r.ok().filter(|(previous, _, _)| !previous.is_empty()).map(list))}
        </Transition>
    }
}

/// Reloads the page's data after a change, or shows why a change was refused.
#[derive(Clone, Copy)]
struct Refresh {
    changed: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
}

impl Refresh {
    fn done(self, result: Result<(), ApiError>) {
        match result {
            Ok(()) => {
                self.error.set(None);
                self.changed.update(|n| *n += 1);
            }
            Err(e) => self.error.set(Some(e)),
        }
    }
}

#[component]
fn Outcome() -> impl IntoView {
    let refresh = expect_context::<Refresh>();
    let lang = use_lang();
    move || {
        refresh.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message().get(lang.get()).to_string()}</p> })
    }
}

fn run(
    refresh: Refresh,
    change: impl std::future::Future<Output = Result<(), ApiError>> + 'static,
) {
    leptos::task::spawn_local(async move { refresh.done(change.await) });
}

#[component]
fn Editions(v: EditionsView) -> impl IntoView {
    let refresh = expect_context::<Refresh>();
    let open_now = v
        .editions
        .iter()
        .find(|e| e.status == Status::Open)
        .map(|e| e.id.clone());
    let rows = v
        .editions
        .into_iter()
        .map(|e| view! { <EditionRowView e open_now=open_now.clone() /> })
        .collect_view();
    let has_draft = v.draft.is_some();
    view! {
        <SignedIn login=v.login.clone() />
        <StaffNav />
        <h1>{tr(&ui::EDITIONS_TITLE)}</h1>
        <table class="data">
            <thead><tr>
                <th scope="col">{tr(&ui::EDITION)}</th>
                <th scope="col">{tr(&ui::EDITION_STATUS)}</th>
                <th scope="col">{tr(&ui::EDITION_RESPONSES)}</th>
                <th scope="col">{tr(&ui::EDITION_VALID)}</th>
                <th scope="col">{tr(&ui::EDITION_VALID_RULE)}</th>
                <th scope="col"></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {(!has_draft).then(|| view! {
            <button type="button" class="primary" on:click=move |_| run(refresh, async { create_edition().await.map(|_| ()) })>{tr(&ui::EDITION_CREATE)}</button>
        })}
        {v.draft.map(|draft| view! { <Draft draft /> })}
    }
    .into_any()
}

/// One edition: its figures, its valid-answer rule (chosen while a draft) and the step to
/// open or close it, confirmed first with what it will do.
#[component]
fn EditionRowView(e: EditionRow, open_now: Option<String>) -> impl IntoView {
    let refresh = expect_context::<Refresh>();
    let lang = use_lang();
    let confirming = RwSignal::new(false);
    let id = e.id.clone();
    let to = match e.status {
        Status::Draft | Status::Closed => Status::Open,
        Status::Open => Status::Closed,
    };
    let label = if to == Status::Open {
        &ui::EDITION_OPEN
    } else {
        &ui::EDITION_CLOSE
    };
    let (answered, valid, silent) = (e.responses, e.valid, e.not_answered);
    let other_open = open_now.filter(|o| *o != e.id);
    let question = {
        let id = id.clone();
        move || {
            match (to, lang.get()) {
            (Status::Closed, crate::i18n::Lang::Ja) => format!(
                "{id}年度の回答受付を終了します。回答あり {answered}件（うち有効回答 {valid}件）、依頼済みで未回答 {silent}件。終了後、回答者は回答を変更できません。"
            ),
            (Status::Closed, crate::i18n::Lang::En) => format!(
                "Close {id} for answers? {answered} networks answered ({valid} valid answers); {silent} asked have not answered. Respondents can no longer change their answers."
            ),
            (_, crate::i18n::Lang::Ja) => match &other_open {
                Some(o) => format!("{id}年度の回答受付を開始し、{o}年度の受付を終了します。"),
                None => format!("{id}年度の回答受付を開始します。"),
            },
            (_, crate::i18n::Lang::En) => match &other_open {
                Some(o) => format!("Open {id} for answers and close {o}?"),
                None => format!("Open {id} for answers?"),
            },
        }
        }
    };
    let rule = e.valid_rule;
    let rule_cell = if e.status == Status::Draft {
        let id = id.clone();
        view! { <ValidRuleForm edition=id rule /> }.into_any()
    } else {
        view! { {move || rule.label().get(lang.get()).to_string()} }.into_any()
    };
    view! {
        <tr data-testid=format!("edition-{}", e.id)>
            <th scope="row">{e.id.clone()}</th>
            <td>{move || e.status.label().get(lang.get()).to_string()}</td>
            <td class="num">{answered}</td>
            <td class="num">{valid}</td>
            <td>{rule_cell}</td>
            <td>
                <a href=format!("/staff/editions/{}/preview", e.id) class="preview-link">{tr(&crate::i18n::ui_readonly::PREVIEW_LINK)}</a>" "
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="button" on:click=move |_| confirming.set(true)>{tr(label)}</button>
                }>
                    <div class="confirm" role="alertdialog" aria-label=move || ui::EDITION_CONFIRM.get(lang.get()).to_string()>
                        <p>{question.clone()}</p>
                        <button type="button" class="primary" on:click={
                            let id = id.clone();
                            move |_| {
                                confirming.set(false);
                                run(refresh, set_edition_status(id.clone(), to));
                            }
                        }>{tr(label)}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{tr(&ui::CANCEL)}</button>
                    </div>
                </Show>
            </td>
        </tr>
    }
}

/// When a draft edition's answers count as valid.
#[component]
fn ValidRuleForm(edition: String, rule: ValidRule) -> impl IntoView {
    let refresh = expect_context::<Refresh>();
    let lang = use_lang();
    let select_id = format!("valid-rule-{edition}");
    view! {
        <label for=select_id.clone() class="visually-hidden">{tr(&ui::EDITION_VALID_RULE)}</label>
        <select id=select_id on:change=move |ev| {
            if let Some(rule) = ValidRule::parse(&event_target_value(&ev)) {
                run(refresh, set_valid_rule(edition.clone(), rule));
            }
        }>
            {ValidRule::ALL.into_iter().map(|r| view! {
                <option value=r.as_str() selected=r == rule>{move || r.label().get(lang.get()).to_string()}</option>
            }).collect_view()}
        </select>
    }
}

/// A draft's questions, each renamable and retirable, and a form to add one.
#[component]
fn Draft(draft: Edition) -> impl IntoView {
    let lang = use_lang();
    let id = draft.id.clone();
    let groups: Vec<(String, Label)> = draft
        .sections
        .iter()
        .flat_map(|s| {
            s.groups.iter().map(move |g| {
                (
                    format!("{}.{}", s.key, g.key),
                    g.title.clone().unwrap_or_else(|| s.title.clone()),
                )
            })
        })
        .collect();
    let sections = draft
        .sections
        .clone()
        .into_iter()
        .map(|s| {
            let id = id.clone();
            let (letter, title) = (s.letter.clone(), s.title.clone());
            let heading = move || survey::lettered(&letter, title.get(lang.get()));
            let items = s
                .groups
                .into_iter()
                .flat_map(|g| g.items)
                .map(move |item| view! { <ItemRow edition=id.clone() item /> })
                .collect_view();
            view! {
                <details class="card">
                    <summary>{heading}</summary>
                    <ul class="edition-items">{items}</ul>
                </details>
            }
        })
        .collect_view();
    let heading_id = draft.id.clone();
    view! {
        <h2>{move || format!("{}（{}）", ui::EDITION_DRAFT.get(lang.get()), heading_id)}</h2>
        <AddItem edition=draft.id.clone() groups />
        {sections}
    }
    .into_any()
}

#[component]
fn ItemRow(edition: String, item: Item) -> impl IntoView {
    let refresh = expect_context::<Refresh>();
    let lang = use_lang();
    let (ja, en) = (
        RwSignal::new(item.label.ja.to_string()),
        RwSignal::new(item.label.en.to_string()),
    );
    let key = item.key.clone();
    let slug = key.replace('.', "-");
    let rename = {
        let (edition, key) = (edition.clone(), key.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            run(
                refresh,
                revise_edition(
                    edition.clone(),
                    Revision::Rename {
                        key: key.clone(),
                        ja: ja.get(),
                        en: en.get(),
                    },
                ),
            );
        }
    };
    let retire = {
        let (edition, key, retired) = (edition.clone(), key.clone(), item.retired);
        move |_| {
            run(
                refresh,
                revise_edition(
                    edition.clone(),
                    Revision::Retire {
                        key: key.clone(),
                        retired: !retired,
                    },
                ),
            )
        }
    };
    view! {
        <li class:retired=item.retired data-key=key.clone()>
            <form on:submit=rename class="inline">
                <label for=format!("ja-{slug}")>{tr(&ui::EDITION_LABEL_JA)}</label>
                <input id=format!("ja-{slug}") bind:value=ja />
                <label for=format!("en-{slug}")>{tr(&ui::EDITION_LABEL_EN)}</label>
                <input id=format!("en-{slug}") bind:value=en />
                <code>{key.clone()}</code>
                <button type="submit">{tr(&ui::EDITION_RENAME)}</button>
                <button type="button" on:click=retire>
                    {move || if item.retired { ui::EDITION_RESTORE.get(lang.get()) } else { ui::EDITION_RETIRE.get(lang.get()) }.to_string()}
                </button>
            </form>
        </li>
    }
}

#[component]
fn AddItem(edition: String, groups: Vec<(String, Label)>) -> impl IntoView {
    let refresh = expect_context::<Refresh>();
    let lang = use_lang();
    let group = RwSignal::new(groups.first().map(|(k, _)| k.clone()).unwrap_or_default());
    let (key, ja, en) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let kind = RwSignal::new(0usize);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (section, group) = group
            .get()
            .split_once('.')
            .map(|(s, g)| (s.to_string(), g.to_string()))
            .unwrap_or_default();
        let revision = Revision::Add {
            section,
            group,
            key: key.get(),
            ja: ja.get(),
            en: en.get(),
            kind: NewKind::ALL[kind.get().min(NewKind::ALL.len() - 1)],
        };
        run(refresh, revise_edition(edition.clone(), revision));
    };
    view! {
        <form class="card add-item" on:submit=submit>
            <h3>{tr(&ui::EDITION_ADD)}</h3>
            <label for="add-group">{tr(&ui::EDITION_GROUP)}</label>
            <select id="add-group" on:change=move |ev| group.set(event_target_value(&ev))>
                {groups.into_iter().map(|(k, l)| { let shown = k.clone(); view! { <option value=k>{move || format!("{} ({shown})", l.get(lang.get()))}</option> } }).collect_view()}
            </select>
            <label for="add-key">{tr(&ui::EDITION_KEY)}</label>
            <input id="add-key" bind:value=key required pattern="[a-z0-9_]+" />
            <label for="add-ja">{tr(&ui::EDITION_LABEL_JA)}</label>
            <input id="add-ja" bind:value=ja required />
            <label for="add-en">{tr(&ui::EDITION_LABEL_EN)}</label>
            <input id="add-en" bind:value=en required />
            <label for="add-kind">{tr(&ui::EDITION_KIND)}</label>
            <select id="add-kind" on:change=move |ev| kind.set(event_target_value(&ev).parse().unwrap_or(0))>
                {NewKind::ALL.iter().enumerate().map(|(i, k)| { let l = k.label(); view! { <option value=i.to_string()>{move || l.get(lang.get()).to_string()}</option> } }).collect_view()}
            </select>
            <button type="submit" class="primary">{tr(&ui::EDITION_ADD)}</button>
        </form>
    }
}
