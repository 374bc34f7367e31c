//! `/respondent/networks/:id`: the questionnaire for one network, rendered from the
//! edition's definition on the server with the stored answers filled in. Its own browser
//! module (`crates/form`) makes it live: checked as the person types, saved per group
//! (A–C, D–G, H–J) with a version check, kept as a draft in the browser.
//!
//! Why the form is not an island: a Leptos view per input kind costs the browser several
//! hundred KB of wasm, and even one island loads Leptos' main module; plain server HTML plus
//! one controller that reads and writes the inputs through `survey::entry` costs a fraction.

mod closed;
pub mod readonly;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::respondent::ResponseForm;
use crate::components::fields::ItemField;
use crate::components::loaded::Loaded;
use crate::components::logout::SignedIn;
use crate::i18n::{page_title, use_lang};
use crate::i18n::{ui, Lang};
use crate::pages::staff::network_notes::NetworkNotesPanel;
use closed::{form_or_closed, ClosedAnswersPage, FormOrClosed};
use form::ids::START_DATA_ID;
use form::words::{public_sees, state_look};
use survey::account::Role;
use survey::validate::{section_state, SectionState};
use survey::{Answers, Disclosure, DisclosureOptions, Edition, Section};
use wire::form::FormStart;

/// Also staff's way to correct answers (`/staff/networks/:id/edit`, signing in as staff).
/// When no edition is open, the answers of the last edition read-only (`closed.rs`).
#[component]
pub fn ResponseFormPage(#[prop(default = Role::Respondent)] role: Role) -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let form = Resource::new(move || id, form_or_closed);
    view! {
        <Title text=page_title(&ui::FORM_TITLE) />
        <Loaded resource=form login=role.login_page() view=move |data: FormOrClosed| match data {
            FormOrClosed::Form(data) => view! { <QuestionnairePage data role /> }.into_any(),
            FormOrClosed::Closed(data) => view! { <ClosedAnswersPage data role /> }.into_any(),
        } />
    }
}

/// The save groups in questionnaire order (A–C, D–G, H–J in 2012).
fn save_groups(sections: &[Section]) -> Vec<u8> {
    let mut groups: Vec<u8> = sections.iter().map(|s| s.save_group).collect();
    groups.dedup();
    groups
}

#[component]
fn QuestionnairePage(data: ResponseForm, role: Role) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let sections = data.edition.sections.clone();
    let carried_banner = data.carried_from.clone().map(|year| {
        let text = match lang {
            Lang::Ja => format!("{year}年度の回答を引き継いでいます。「{year}年度から」と表示された回答を確認し、セクションごとに「確認しました」を押すか、内容を直してから保存してください。"),
            Lang::En => format!("Your {year} answers are filled in. Check the answers marked “from {year}”, then confirm each section or correct them, and save."),
        };
        view! { <aside class="notice carried" role="note" data-testid="carried-banner">{text}</aside> }
    });
    let note = (!data.review_note.is_empty()).then(|| {
        view! {
            <aside class="notice review-note" role="note">
                <h2>{ui::REVIEW_NOTE.get(lang).to_string()}</h2>
                <p>{data.review_note.clone()}</p>
            </aside>
        }
    });
    let groups = save_groups(&sections)
        .into_iter()
        .map(|group| {
            let in_group: Vec<&Section> = sections.iter().filter(|s| s.save_group == group).collect();
            let names: Vec<String> = in_group.iter().map(|s| format!("【{}】", s.title.get(lang))).collect();
            let button = match lang {
                Lang::Ja => format!("{}を保存", names.join(",")),
                Lang::En => format!("Save {}", names.join(", ")),
            };
            view! {
                <div class="save-group">
                    {in_group.into_iter().map(|s| section_form(s, &data, lang)).collect_view()}
                    <div class="save-bar">
                        <button type="button" class="primary" data-save-group=group.to_string()>{button}</button>
                        <div class="save-slot" data-status-group=group.to_string()></div>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <SignedIn login=data.signed_in_as.clone() />
        <h1>{data.name.clone()}" — "{ui::FORM_TITLE.get(lang).to_string()}" "{data.edition.id.clone()}</h1>
        {note}
        <div class="notice draft-banner" id="draft-banner" role="alert" hidden>
            <p>{ui::DRAFT_FOUND.get(lang).to_string()}</p>
            <button type="button" class="primary" data-draft="restore">{ui::DRAFT_RESTORE.get(lang).to_string()}</button>
            " "
            <button type="button" data-draft="discard">{ui::DRAFT_DISCARD.get(lang).to_string()}</button>
        </div>
        <section class="notice draft-conflict" id="draft-conflict" aria-label=ui::DRAFT_CONFLICT_TITLE.get(lang).to_string() hidden></section>
        <div class="notice session-warning" id="session-warning" role="alert" hidden>
            <p>{ui::SESSION_ENDING.get(lang).to_string()}</p>
            <button type="button" class="primary" data-keep-session="">{ui::SESSION_KEEP.get(lang).to_string()}</button>
        </div>
        {carried_banner}
        {data.by_staff.then(|| view! { <NetworkNotesPanel network_id=data.network_id /> })}
        {(role == Role::Respondent).then(|| view! {
            <p class="submit-link"><a href=format!("/respondent/networks/{}/submit", data.network_id)>{ui::SUBMIT_LINK.get(lang).to_string()}</a></p>
        })}
        <div class="questionnaire">
            <SectionIndex edition=data.edition.clone() answers=data.answers.clone() this_year=data.this_year lang />
            <form class="sections" id="questionnaire" novalidate>{groups}</form>
        </div>
        // The page's language only: the module's messages are in it (the switch reloads).
        <FormModule start=FormStart {
            form: ResponseForm { edition: data.edition.in_language(lang), ..data },
            lang,
            login_page: role.login_page().to_string(),
        } />
    }
}

/// Hands the form to its browser module (`crates/form`): the data as JSON, then the module,
/// with the page's nonce. The shell leaves Leptos' own scripts off the respondent's form page
/// (`app::app::runs_islands`), so this module is all it loads.
#[component]
fn FormModule(start: FormStart) -> impl IntoView {
    // `<` escaped: no text in the answers can close the script element.
    let json = serde_json::to_string(&start)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    let pkg = expect_context::<LeptosOptions>().site_pkg_dir;
    let boot = format!(
        "import init from \"/{pkg}/form.js\"; init({{ module_or_path: \"/{pkg}/form_bg.wasm\" }});"
    );
    view! {
        <script type="application/json" id=START_DATA_ID inner_html=json></script>
        <script type="module" nonce=leptos::nonce::use_nonce() inner_html=boot></script>
    }
}

/// The sticky index: each section's state, and overall progress.
#[component]
fn SectionIndex(edition: Edition, answers: Answers, this_year: i32, lang: Lang) -> impl IntoView {
    let states: Vec<SectionState> = edition
        .sections
        .iter()
        .map(|s| section_state(&edition, &answers, &s.key, this_year))
        .collect();
    let complete = states
        .iter()
        .filter(|s| **s == SectionState::Complete)
        .count();
    let items = edition
        .sections
        .iter()
        .zip(states)
        .map(|(s, state)| {
            let (class, words) = state_look(state);
            view! {
                <li class=class data-section=s.key.clone()>
                    <a href=format!("#section-{}", s.key)>{s.heading(lang)}</a>
                    <span class="state">{words.get(lang).to_string()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="section-index" aria-label=ui::FORM_INDEX.get(lang).to_string()>
            <label for="form-progress">{ui::FORM_PROGRESS.get(lang).to_string()}</label>
            <progress id="form-progress" max=edition.sections.len().to_string() value=complete.to_string()></progress>
            <ol>{items}</ol>
        </nav>
    }
}

fn section_form(section: &Section, data: &ResponseForm, lang: Lang) -> impl IntoView {
    let prefix = format!("{}.", section.key);
    let carried = data
        .carried_from
        .clone()
        .filter(|_| data.unconfirmed.iter().any(|k| k.starts_with(&prefix)));
    let confirm = carried.map(|year| {
        let text = match lang {
            Lang::Ja => format!("このセクションには{year}年度から引き継いだ未確認の回答があります。"),
            Lang::En => format!("This section holds answers carried over from {year} that are not confirmed yet."),
        };
        view! {
            <div class="carried-section" role="note">
                <p>{text}</p>
                <button type="button" data-confirm=section.key.clone()>{ui::CONFIRM_SECTION.get(lang).to_string()}</button>
            </div>
        }
    });
    let groups = section
        .groups
        .iter()
        .map(|g| {
            let items = g
                .items
                .iter()
                .filter(|i| !i.retired)
                .map(|item| {
                    let carried_from = data.carried_from.clone().filter(|_| data.unconfirmed.contains(&item.key));
                    view! {
                        <ItemField item=item.clone() answer=data.answers.get(&item.key).cloned() context=g.title.clone() lang carried_from />
                    }
                })
                .collect_view();
            view! {
                <fieldset class="group">
                    {g.title.as_ref().map(|t| view! { <legend>{t.get(lang).to_string()}</legend> })}
                    {items}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section class="form-section" id=format!("section-{}", section.key) aria-labelledby=format!("section-{}-title", section.key)>
            <h2 id=format!("section-{}-title", section.key)>{section.heading(lang)}</h2>
            {disclosure_choice(&section.key, section.disclosure, data.disclosure.of(&section.key), lang)}
            {confirm}
            {groups}
        </section>
    }
}

/// The section's publication choice, and what the public will see because of it.
fn disclosure_choice(
    section: &str,
    options: DisclosureOptions,
    current: Disclosure,
    lang: Lang,
) -> AnyView {
    if options == DisclosureOptions::StaffOnly {
        return view! {
            <p class="disclosure staff-only" data-testid=format!("disclosure-{section}")>
                {ui::PUBLIC_SEES_STAFF_ONLY.get(lang).to_string()}
            </p>
        }
        .into_any();
    }
    let hide_contact = (options == DisclosureOptions::ContactOrWholeSection).then(|| {
        view! {
            <label class="choice" for=format!("hide-contact-{section}")>
                <input
                    type="checkbox"
                    id=format!("hide-contact-{section}")
                    data-hide="contact"
                    checked={current == Disclosure::HideContact}
                    disabled={current == Disclosure::Private}
                />
                {ui::HIDE_CONTACT.get(lang).to_string()}
            </label>
        }
    });
    view! {
        <div class="disclosure" data-testid=format!("disclosure-{section}") data-disclosure=section.to_string()>
            {hide_contact}
            <label class="choice" for=format!("hide-{section}")>
                <input type="checkbox" id=format!("hide-{section}") data-hide="all" checked={current == Disclosure::Private} />
                {ui::HIDE_SECTION.get(lang).to_string()}
            </label>
            <p class="disclosure-explanation" aria-live="polite">{public_sees(current).get(lang).to_string()}</p>
        </div>
    }
    .into_any()
}
