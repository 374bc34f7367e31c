//! `/respondent/networks/:id`: the questionnaire for one network, rendered from
//! the edition's definition, checked as the person types, saved per group
//! (A–C, D–G, H–J) with a version check, and kept as a draft in the browser.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::Audience;
use crate::api::respondent::{get_response_form, save_response, ResponseForm, SaveRequest};
use crate::app::{page_title, tr, use_lang};
use crate::components::fields::ItemField;
use crate::components::form_state::{use_form, FormState};
use crate::components::island::Ready;
use crate::components::loaded::Loaded;
use crate::error::ApiError;
use crate::i18n::{ui, Label, Lang};
use crate::survey::validate::{section_state, SectionState};
use crate::survey::{Disclosure, DisclosureOptions, Section};

/// Also staff's way to correct answers (`/staff/networks/:id/edit`, signing in as staff).
/// The data is loaded on the server and handed to the questionnaire island whole.
#[component]
pub fn ResponseFormPage(#[prop(default = Audience::Respondent)] audience: Audience) -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let form = Resource::new(move || id, get_response_form);
    view! {
        <Title text=page_title(&ui::FORM_TITLE) />
        <Loaded resource=form login=audience.login_page() view=move |data: ResponseForm| view! { <Questionnaire data audience /> } />
    }
}

/// What the last save said.
#[derive(Clone)]
enum SaveStatus {
    Saving(u8),
    Saved { group: u8, at: String },
    Blocked(u8),
    Failed { group: u8, error: ApiError },
}

impl SaveStatus {
    fn group(&self) -> u8 {
        match self {
            SaveStatus::Saving(g) | SaveStatus::Blocked(g) => *g,
            SaveStatus::Saved { group, .. } | SaveStatus::Failed { group, .. } => *group,
        }
    }
}

/// The whole questionnaire is one island: it checks, saves and keeps drafts in the browser.
#[island(lazy)]
fn Questionnaire(data: ResponseForm, audience: Audience) -> impl IntoView {
    let login = audience.login_page();
    let lang = use_lang();
    let this_year = data.this_year;
    let form = FormState::new(
        data.edition.clone(),
        data.answers.clone(),
        data.disclosure.clone(),
        this_year,
        (data.carried_from.clone(), data.unconfirmed.clone()),
    );
    provide_context(form);
    let version = RwSignal::new(data.version);
    let status = RwSignal::new(None::<SaveStatus>);
    let network_id = data.network_id;
    let draft_key = format!("renkei-draft:{}:{}", data.network_id, data.edition.id);
    // A save refused because the session expired resumes here after signing in again.
    let resume = RwSignal::new(None::<u8>);
    draft::keep(form, draft_key.clone(), version, resume);
    let draft_key = StoredValue::new(draft_key);
    warn_before_leaving(form);

    let save = move |group: u8| {
        let sections: Vec<String> =
            form.edition.with_value(|e| e.sections.iter().filter(|s| s.save_group == group).map(|s| s.key.clone()).collect());
        if form.group_has_errors(&sections) {
            status.set(Some(SaveStatus::Blocked(group)));
            return;
        }
        status.set(Some(SaveStatus::Saving(group)));
        let request = SaveRequest {
            network_id,
            save_group: group,
            answers: form.answers.get_untracked(),
            disclosure: form.disclosure.get_untracked(),
            version: version.get_untracked(),
            unconfirmed: form.unconfirmed.get_untracked(),
        };
        let draft_key = draft_key.get_value();
        leptos::task::spawn_local(async move {
            match save_response(request).await {
                Ok(outcome) => {
                    version.set(outcome.version);
                    form.dirty.set(false);
                    draft::clear(&draft_key);
                    status.set(Some(SaveStatus::Saved { group, at: outcome.saved_at }));
                }
                Err(error) => {
                    if matches!(error, ApiError::Unauthorized) {
                        draft::mark_pending(&draft_key, group);
                    }
                    status.set(Some(SaveStatus::Failed { group, error }))
                }
            }
        });
    };
    Effect::new(move |_| {
        if let Some(group) = resume.get() {
            resume.set(None);
            save(group);
        }
    });

    let sections = data.edition.sections.clone();
    let groups: Vec<u8> = {
        let mut g: Vec<u8> = sections.iter().map(|s| s.save_group).collect();
        g.dedup();
        g
    };
    let note = data.review_note.clone();
    view! {
        <h1>{data.name.clone()}" — "{tr(&ui::FORM_TITLE)}" "{data.edition.id.clone()}</h1>
        {(!note.is_empty()).then(|| view! {
            <aside class="notice review-note" role="note">
                <h2>{tr(&ui::REVIEW_NOTE)}</h2>
                <p>{note.clone()}</p>
            </aside>
        })}
        <draft::DraftBanner />
        {data.carried_from.clone().map(|year| {
            let text = move || match lang.get() {
                crate::i18n::Lang::Ja => format!("{year}年度の回答を引き継いでいます。「{year}年度から」と表示された回答を確認し、セクションごとに「確認しました」を押すか、内容を直してから保存してください。"),
                crate::i18n::Lang::En => format!("Your {year} answers are filled in. Check the answers marked “from {year}”, then confirm each section or correct them, and save."),
            };
            view! { <aside class="notice carried" role="note" data-testid="carried-banner">{text}</aside> }
        })}
        <div class="questionnaire">
            <SectionIndex sections=sections.clone() this_year />
            <form class="sections" on:submit=|ev| ev.prevent_default() novalidate>
                {groups
                    .into_iter()
                    .map(|group| {
                        let in_group: Vec<Section> = sections.iter().filter(|s| s.save_group == group).cloned().collect();
                        let button_label = {
                            let titles: Vec<Label> = in_group.iter().map(|s| s.title.clone()).collect();
                            move || {
                                let l = lang.get();
                                let names: Vec<String> = titles.iter().map(|t| format!("【{}】", t.get(l))).collect();
                                match l {
                                    Lang::Ja => format!("{}を保存", names.join(",")),
                                    Lang::En => format!("Save {}", names.join(", ")),
                                }
                            }
                        };
                        view! {
                            {in_group.into_iter().map(|s| view! { <SectionForm section=s /> }).collect_view()}
                            <div class="save-bar">
                                <button
                                    type="button"
                                    class="primary"
                                    on:click=move |_| save(group)
                                    disabled=move || matches!(status.get(), Some(SaveStatus::Saving(_)))
                                >
                                    {button_label}
                                </button>
                                <SaveMessage status group login />
                            </div>
                        }
                    })
                    .collect_view()}
            </form>
        </div>
        <Ready />
    }
    .into_any()
}

#[component]
fn SaveMessage(
    status: RwSignal<Option<SaveStatus>>,
    group: u8,
    login: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = status.get().filter(|s| s.group() == group)?;
        Some(match s {
            SaveStatus::Saving(_) => view! { <p class="save-status" role="status">{tr(&ui::SAVING)}</p> }.into_any(),
            SaveStatus::Saved { at, .. } => view! {
                <p class="save-status ok" role="status">{tr(&ui::SAVE_DONE)}" ("{at}")"</p>
            }
            .into_any(),
            SaveStatus::Blocked(_) => view! { <p class="save-status error" role="alert">{tr(&ui::SAVE_BLOCKED)}</p> }.into_any(),
            SaveStatus::Failed { error, .. } => {
                let conflict = matches!(error, ApiError::Conflict { .. });
                let expired = matches!(error, ApiError::Unauthorized);
                let message = if expired { ui::SESSION_EXPIRED.clone() } else { error.message() };
                view! {
                    <div class="save-status error" role="alert">
                        <p>{move || message.get(lang.get()).to_string()}</p>
                        {conflict.then(|| view! {
                            <button type="button" on:click=move |_| reload_page()>{tr(&ui::RELOAD_NEWEST)}</button>
                        })}
                        {expired.then(|| view! { <a href=login>{tr(&ui::LOGIN_SUBMIT)}</a> })}
                    </div>
                }
                .into_any()
            }
        })
    }
}

/// The sticky index: each section's state, and overall progress.
#[component]
fn SectionIndex(sections: Vec<Section>, this_year: i32) -> impl IntoView {
    let form = use_form();
    let lang = use_lang();
    let keys: Vec<String> = sections.iter().map(|s| s.key.clone()).collect();
    let states = Memo::new(move |_| {
        form.answers.with(|a| {
            form.edition.with_value(|e| keys.iter().map(|k| section_state(e, a, k, this_year)).collect::<Vec<_>>())
        })
    });
    let total = sections.len();
    let complete = move || states.with(|s| s.iter().filter(|s| **s == SectionState::Complete).count());
    view! {
        <nav class="section-index" aria-label=tr(&ui::FORM_INDEX)>
            <label for="form-progress">{tr(&ui::FORM_PROGRESS)}</label>
            <progress id="form-progress" max=total value=move || complete().to_string()></progress>
            <ol>
                {sections
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let title = s.title.clone();
                        let state = move || states.with(|st| st.get(i).copied().unwrap_or(SectionState::Untouched));
                        let (class, label) = (
                            move || match state() {
                                SectionState::Untouched => "untouched",
                                SectionState::InProgress => "in-progress",
                                SectionState::Complete => "complete",
                                SectionState::HasErrors => "has-errors",
                            },
                            move || {
                                match state() {
                                    SectionState::Untouched => &ui::STATE_UNTOUCHED,
                                    SectionState::InProgress => &ui::STATE_IN_PROGRESS,
                                    SectionState::Complete => &ui::STATE_COMPLETE,
                                    SectionState::HasErrors => &ui::STATE_ERRORS,
                                }
                                .get(lang.get())
                            },
                        );
                        view! {
                            <li class=class data-section=s.key.clone()>
                                <a href=format!("#section-{}", s.key)>{s.letter.clone()}". "{move || title.get(lang.get()).to_string()}</a>
                                <span class="state">{label}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
    .into_any()
}

#[component]
fn SectionForm(section: Section) -> impl IntoView {
    let lang = use_lang();
    let title = section.title.clone();
    let key = section.key.clone();
    view! {
        <section class="form-section" id=format!("section-{}", section.key) aria-labelledby=format!("section-{}-title", section.key)>
            <h2 id=format!("section-{}-title", section.key)>{section.letter.clone()}". "{move || title.get(lang.get()).to_string()}</h2>
            <DisclosureChoice section=key.clone() options=section.disclosure />
            <ConfirmCarried section=key />
            {section
                .groups
                .into_iter()
                .map(|g| {
                    let title = g.title.clone();
                    view! {
                        <fieldset class="group">
                            {title.clone().map(|t| view! { <legend>{move || t.get(lang.get()).to_string()}</legend> })}
                            {g.items
                                .into_iter()
                                .filter(|i| !i.retired)
                                .map(|item| view! { <ItemField item context=title.clone() /> })
                                .collect_view()}
                        </fieldset>
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

/// For a section holding answers carried from last edition: confirms them all at once.
#[component]
fn ConfirmCarried(section: String) -> impl IntoView {
    let form = use_form();
    let lang = use_lang();
    let year = form.carried_from.get_value().unwrap_or_default();
    let key = StoredValue::new(section);
    let pending = move || key.with_value(|s| form.section_unconfirmed(s));
    move || {
        pending().then(|| {
            let year = year.clone();
            let text = move || match lang.get() {
                crate::i18n::Lang::Ja => format!("このセクションには{year}年度から引き継いだ未確認の回答があります。"),
                crate::i18n::Lang::En => format!("This section holds answers carried over from {year} that are not confirmed yet."),
            };
            view! {
                <div class="carried-section" role="note">
                    <p>{text}</p>
                    <button type="button" on:click=move |_| key.with_value(|s| { let prefix = format!("{s}."); form.confirm(|k| k.starts_with(&prefix)) })>
                        {tr(&ui::CONFIRM_SECTION)}
                    </button>
                </div>
            }
        })
    }
}

/// The section's publication choice, and what the public will see because of it.
#[component]
fn DisclosureChoice(section: String, options: DisclosureOptions) -> impl IntoView {
    let form = use_form();
    let lang = use_lang();
    let current = {
        let section = section.clone();
        Memo::new(move |_| form.disclosure.with(|d| d.of(&section)))
    };
    let key = StoredValue::new(section.clone());
    let set = move |choice: Disclosure| {
        form.disclosure.update(|d| d.set(key.get_value(), choice));
        form.dirty.set(true);
    };
    let explanation = move || match current.get() {
        Disclosure::Public => &ui::PUBLIC_SEES_ALL,
        Disclosure::HideContact => &ui::PUBLIC_SEES_NO_CONTACT,
        Disclosure::Private => &ui::PUBLIC_SEES_NOTHING,
    };
    let (hide_all_id, hide_all_for) = (format!("hide-{section}"), format!("hide-{section}"));
    let (hide_contact_id, hide_contact_for) = (format!("hide-contact-{section}"), format!("hide-contact-{section}"));
    let hide_contact = (options == DisclosureOptions::ContactOrWholeSection).then(|| {
        view! {
            <label class="choice" for=hide_contact_for>
                <input
                    type="checkbox"
                    id=hide_contact_id
                    prop:checked=move || current.get() == Disclosure::HideContact
                    disabled=move || current.get() == Disclosure::Private
                    on:change=move |ev| set(if event_target_checked(&ev) { Disclosure::HideContact } else { Disclosure::Public })
                />
                {tr(&ui::HIDE_CONTACT)}
            </label>
        }
    });
    view! {
        <div class="disclosure" data-testid=format!("disclosure-{section}")>
            {hide_contact}
            <label class="choice" for=hide_all_for>
                <input
                    type="checkbox"
                    id=hide_all_id
                    prop:checked=move || current.get() == Disclosure::Private
                    on:change=move |ev| set(if event_target_checked(&ev) { Disclosure::Private } else { Disclosure::Public })
                />
                {tr(&ui::HIDE_SECTION)}
            </label>
            <p class="disclosure-explanation" aria-live="polite">{move || explanation().get(lang.get()).to_string()}</p>
        </div>
    }
    .into_any()
}

/// Loads the page again: after a conflict, the newest data (this tab's edits stay in the
/// draft, offered for restore).
fn reload_page() {
    #[cfg(feature = "hydrate")]
    let _ = window().location().reload();
}

/// Warns before the page is left with unsaved changes.
fn warn_before_leaving(form: FormState) {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if form.dirty.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = form;
}

/// Drafts in the browser's localStorage, per network and edition: nothing typed is lost
/// to a closed tab, a lost connection or an expired session.
mod draft {
    use super::*;
    use crate::survey::{Answers, DisclosureChoices};
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Serialize, Deserialize)]
    pub struct Draft {
        pub answers: Answers,
        pub disclosure: DisclosureChoices,
        pub version: i64,
    }

    /// A draft found at load that differs from what the server has.
    #[derive(Clone, Copy)]
    struct Pending(RwSignal<Option<Draft>>);

    #[cfg(feature = "hydrate")]
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn clear(key: &str) {
        #[cfg(feature = "hydrate")]
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
            let _ = s.remove_item(&format!("{key}:pending"));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = key;
    }

    /// Remembers that saving this group failed for want of a session.
    pub fn mark_pending(key: &str, group: u8) {
        #[cfg(feature = "hydrate")]
        if let Some(s) = storage() {
            let _ = s.set_item(&format!("{key}:pending"), &group.to_string());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (key, group);
    }

    /// Offers a stored draft once, then writes every change as the new draft.
    pub fn keep(form: FormState, key: String, version: RwSignal<i64>, resume: RwSignal<Option<u8>>) {
        let pending = Pending(RwSignal::new(None));
        provide_context(pending);
        provide_context(DraftKey(key.clone()));
        #[cfg(feature = "hydrate")]
        {
            // After hydration (an effect), so the server's HTML and the first render agree.
            let check_key = key.clone();
            Effect::new(move |_| {
                let stored = storage()
                    .and_then(|s| s.get_item(&check_key).ok().flatten())
                    .and_then(|json| serde_json::from_str::<Draft>(&json).ok());
                let pending_group = storage()
                    .and_then(|s| s.get_item(&format!("{check_key}:pending")).ok().flatten())
                    .and_then(|g| g.parse::<u8>().ok());
                if let Some(d) = stored {
                    let differs = form.answers.with_untracked(|a| *a != d.answers)
                        || form.disclosure.with_untracked(|x| *x != d.disclosure);
                    if let (true, Some(group)) = (differs, pending_group) {
                        // Based on the version the person edited: a newer save elsewhere is a conflict.
                        form.answers.set(d.answers);
                        form.disclosure.set(d.disclosure);
                        version.set(d.version);
                        form.dirty.set(true);
                        resume.set(Some(group));
                    } else if differs {
                        pending.0.set(Some(d));
                    } else {
                        clear(&check_key);
                    }
                }
            });
            Effect::new(move |_| {
                let draft = Draft { answers: form.answers.get(), disclosure: form.disclosure.get(), version: version.get_untracked() };
                if form.dirty.get() {
                    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&draft)) {
                        let _ = s.set_item(&key, &json);
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (form, key, version, resume);
    }

    #[derive(Clone)]
    struct DraftKey(String);

    #[component]
    pub fn DraftBanner() -> impl IntoView {
        let form = use_form();
        let pending = expect_context::<Pending>().0;
        let key = expect_context::<DraftKey>().0;
        move || {
            pending.get().map(|d| {
                let restore = {
                    let d = d.clone();
                    move |_| {
                        form.answers.set(d.answers.clone());
                        form.disclosure.set(d.disclosure.clone());
                        form.dirty.set(true);
                        pending.set(None);
                    }
                };
                let discard = {
                    let key = key.clone();
                    move |_| {
                        clear(&key);
                        pending.set(None);
                    }
                };
                view! {
                    <div class="notice draft-banner" role="alert">
                        <p>{tr(&ui::DRAFT_FOUND)}</p>
                        <button type="button" class="primary" on:click=restore>{tr(&ui::DRAFT_RESTORE)}</button>
                        " "
                        <button type="button" on:click=discard>{tr(&ui::DRAFT_DISCARD)}</button>
                    </div>
                }
            })
        }
    }
}
