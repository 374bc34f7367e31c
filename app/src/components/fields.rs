//! One input per answer kind, all bound to the form's shared state. Every
//! input has a label; a tri-state item is a radiogroup named by its label.

use leptos::prelude::*;

use crate::app::{tr, use_lang};
use crate::components::form_state::{use_form, FormState};
use crate::i18n::{ui, Label};
use crate::survey::geography::PREFECTURES;
use crate::survey::normalise::{normalise_phone, normalise_postal, parse_amount};
use crate::survey::validate::Severity;
use crate::survey::{Answer, AnswerKind, Fee, Item, StartStatus, Tri};

/// A DOM id from an item key.
pub fn dom_id(key: &str) -> String {
    format!("q-{}", key.replace('.', "-"))
}

/// The field for one item. `context` names the group when the item's own label is
/// not unique on the page (e.g. 地域全体で参加 appears under two groups).
#[component]
pub fn ItemField(item: Item, context: Option<Label>) -> impl IntoView {
    let lang = use_lang();
    let id = dom_id(&item.key);
    let label_id = format!("{id}-label");
    let message_id = format!("{id}-messages");
    let context = context.filter(|c| c != &item.label);
    let label = item.label.clone();
    let label_view = {
        let context = context.clone();
        move || match &context {
            Some(c) => format!("{} {}", c.get(lang.get()), label.get(lang.get())),
            None => label.get(lang.get()).to_string(),
        }
    };
    let key = item.key.clone();
    let control = match item.kind.clone() {
        AnswerKind::Tri => choice_group(&key, &label_id, Tri::ALL.iter().map(|t| (Answer::Tri(*t), t.label())).collect()),
        AnswerKind::Fee { undecided } => {
            let mut options = vec![(Answer::Fee(Fee::Free), ui::FEE_FREE.clone()), (Answer::Fee(Fee::Paid), ui::FEE_PAID.clone())];
            if undecided {
                options.push((Answer::Fee(Fee::Undecided), ui::FEE_UNDECIDED.clone()));
            }
            choice_group(&key, &label_id, options)
        }
        AnswerKind::StartStatus => choice_group(
            &key,
            &label_id,
            vec![
                (Answer::StartStatus(StartStatus::Started), ui::START_STATUS_STARTED.clone()),
                (Answer::StartStatus(StartStatus::Planned), ui::START_STATUS_PLANNED.clone()),
            ],
        ),
        AnswerKind::Bearers { choices } => bearer_boxes(&key, &label_id, choices.into_iter().map(|c| (c.key, c.label)).collect()),
        AnswerKind::Check => check_box(&key, &id),
        AnswerKind::Count | AnswerKind::Yen | AnswerKind::KiloYen | AnswerKind::Year => number_input(&key, &id, &message_id, &item.kind),
        AnswerKind::Prefecture => prefecture_select(&key, &id),
        kind => text_input(&key, &id, &message_id, kind),
    };
    let labelled_by_label = matches!(
        item.kind,
        AnswerKind::Tri | AnswerKind::Fee { .. } | AnswerKind::StartStatus | AnswerKind::Bearers { .. }
    );
    let form = use_form();
    let carried = {
        let key = item.key.clone();
        Memo::new(move |_| form.unconfirmed.with(|u| u.contains(&key)))
    };
    let from_year = move || {
        let year = form.carried_from.get_value().unwrap_or_default();
        match lang.get() {
            crate::i18n::Lang::Ja => format!("{year}年度から"),
            crate::i18n::Lang::En => format!("from {year}"),
        }
    };
    view! {
        <div class="item" class:unconfirmed=carried data-key=item.key.clone()>
            {move || carried.get().then(|| view! { <span class="carried-badge">{from_year}</span> })}
            {if labelled_by_label {
                view! { <span class="item-label" id=label_id.clone()>{label_view}{item.required.then_some(" *")}</span> }.into_any()
            } else {
                view! { <label class="item-label" id=label_id.clone() for=id.clone()>{label_view}{item.required.then_some(" *")}</label> }.into_any()
            }}
            {control}
            <Messages key=item.key.clone() id=message_id />
        </div>
    }
    .into_any()
}

/// Radios for a single choice, plus 選択解除 (back to unanswered).
fn choice_group(key: &str, label_id: &str, options: Vec<(Answer, Label)>) -> AnyView {
    let form = use_form();
    let lang = use_lang();
    let radios = options
        .into_iter()
        .map(|(answer, label)| {
            let checked = {
                let (key, answer) = (key.to_string(), answer.clone());
                move || form.answers.with(|a| a.get(&key) == Some(&answer))
            };
            let set = {
                let key = key.to_string();
                move |_| form.set(&key, Some(answer.clone()))
            };
            view! {
                <label class="choice">
                    <input type="radio" name=key.to_string() prop:checked=checked on:change=set />
                    {move || label.get(lang.get()).to_string()}
                </label>
            }
        })
        .collect_view();
    let clear = {
        let key = key.to_string();
        move |_| form.set(&key, None)
    };
    view! {
        <div class="choices" role="radiogroup" aria-labelledby=label_id.to_string()>
            {radios}
            <button type="button" class="clear" on:click=clear>{tr(&ui::CLEAR_CHOICE)}</button>
        </div>
    }
    .into_any()
}

/// Checkboxes for a set of choices (複数選択可).
fn bearer_boxes(key: &str, label_id: &str, choices: Vec<(String, Label)>) -> AnyView {
    let form = use_form();
    let lang = use_lang();
    let boxes = choices
        .into_iter()
        .map(|(choice, label)| {
            let checked = {
                let (key, choice) = (key.to_string(), choice.clone());
                move || form.answers.with(|a| matches!(a.get(&key), Some(Answer::Choices(c)) if c.contains(&choice)))
            };
            let toggle = {
                let key = key.to_string();
                move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    let mut set = match form.answers.with_untracked(|a| a.get(&key).cloned()) {
                        Some(Answer::Choices(c)) => c,
                        _ => Default::default(),
                    };
                    if on {
                        set.insert(choice.clone());
                    } else {
                        set.remove(&choice);
                    }
                    form.set(&key, (!set.is_empty()).then_some(Answer::Choices(set)));
                }
            };
            view! {
                <label class="choice">
                    <input type="checkbox" prop:checked=checked on:change=toggle />
                    {move || label.get(lang.get()).to_string()}
                </label>
            }
        })
        .collect_view();
    view! { <div class="choices" role="group" aria-labelledby=label_id.to_string()>{boxes}</div> }.into_any()
}

fn check_box(key: &str, id: &str) -> AnyView {
    let form = use_form();
    let key = key.to_string();
    let checked = {
        let key = key.clone();
        move || form.answers.with(|a| matches!(a.get(&key), Some(Answer::Check(true))))
    };
    let toggle = move |ev: leptos::ev::Event| form.set(&key, event_target_checked(&ev).then_some(Answer::Check(true)));
    view! { <input type="checkbox" id=id.to_string() prop:checked=checked on:change=toggle /> }.into_any()
}

/// Counts, yen, thousand-yen and years: full-width digits, commas and spaces are accepted
/// and normalised; what cannot be read is kept as typed and flagged.
fn number_input(key: &str, id: &str, message_id: &str, kind: &AnswerKind) -> AnyView {
    let form = use_form();
    let lang = use_lang();
    let unit = match kind {
        AnswerKind::Yen => Some(Label::new("円", "yen")),
        AnswerKind::KiloYen => Some(Label::new("千円", "thousand yen")),
        _ => None,
    };
    let value = {
        let key = key.to_string();
        move || {
            form.raw.with(|r| r.get(&key).cloned()).unwrap_or_else(|| {
                form.answers.with(|a| a.number(&key).map(|n| n.to_string()).unwrap_or_default())
            })
        }
    };
    let on_input = {
        let key = key.to_string();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            match parse_amount(&text) {
                Ok(n) => {
                    form.raw.update(|r| {
                        r.insert(key.clone(), text);
                    });
                    form.set(&key, n.map(Answer::Number));
                }
                Err(e) => {
                    form.raw.update(|r| {
                        r.insert(key.clone(), text);
                    });
                    form.set_parse_error(&key, Some(e.label()));
                }
            }
        }
    };
    // Once the person leaves the field, show the number as it was understood.
    let on_blur = {
        let key = key.to_string();
        move |_| {
            if !form.parse_errors.with_untracked(|p| p.contains_key(&key)) {
                form.raw.update(|r| {
                    r.remove(&key);
                });
            }
        }
    };
    let invalid = invalid_flag(form, key);
    view! {
        <span class="amount">
            <input
                type="text"
                inputmode="numeric"
                autocomplete="off"
                id=id.to_string()
                aria-describedby=message_id.to_string()
                aria-invalid=invalid
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            />
            {unit.map(|u| view! { <span class="unit">{move || u.get(lang.get()).to_string()}</span> })}
        </span>
    }
    .into_any()
}

fn text_input(key: &str, id: &str, message_id: &str, kind: AnswerKind) -> AnyView {
    let form = use_form();
    let value = {
        let key = key.to_string();
        move || form.answers.with(|a| a.text(&key).unwrap_or_default().to_string())
    };
    let on_input = {
        let key = key.to_string();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            form.set(&key, (!text.trim().is_empty()).then_some(Answer::Text(text)));
        }
    };
    // Postal codes and phone numbers are normalised when the person leaves the field.
    let on_blur = {
        let (key, kind) = (key.to_string(), kind.clone());
        move |_| {
            let Some(text) = form.answers.with_untracked(|a| a.text(&key).map(str::to_string)) else { return };
            let normalised = match kind {
                AnswerKind::Postal => normalise_postal(&text),
                AnswerKind::Phone => Some(normalise_phone(&text)),
                AnswerKind::Url | AnswerKind::Email => Some(text.trim().to_string()),
                _ => None,
            };
            if let Some(n) = normalised.filter(|n| *n != text) {
                form.set(&key, Some(Answer::Text(n)));
            }
        }
    };
    let invalid = invalid_flag(form, key);
    let (input_type, autocomplete) = match kind {
        AnswerKind::Url => ("url", "url"),
        AnswerKind::Email => ("email", "email"),
        AnswerKind::Phone => ("tel", "tel"),
        AnswerKind::Postal => ("text", "postal-code"),
        _ => ("text", "off"),
    };
    if kind == AnswerKind::TextArea {
        view! {
            <textarea id=id.to_string() rows="4" aria-describedby=message_id.to_string() aria-invalid=invalid prop:value=value on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                type=input_type
                id=id.to_string()
                autocomplete=autocomplete
                aria-describedby=message_id.to_string()
                aria-invalid=invalid
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            />
        }
        .into_any()
    }
}

fn prefecture_select(key: &str, id: &str) -> AnyView {
    let form = use_form();
    let selected = {
        let key = key.to_string();
        move || form.answers.with(|a| a.text(&key).unwrap_or_default().to_string())
    };
    let on_change = {
        let key = key.to_string();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            form.set(&key, (!value.is_empty()).then_some(Answer::Text(value)));
        }
    };
    view! {
        <select id=id.to_string() prop:value=selected on:change=on_change>
            <option value="">{tr(&ui::CHOOSE)}</option>
            {PREFECTURES.iter().map(|(p, _)| view! { <option value=*p>{*p}</option> }).collect_view()}
        </select>
    }
    .into_any()
}

fn invalid_flag(form: FormState, key: &str) -> impl Fn() -> &'static str + Send + Sync + 'static {
    let key = key.to_string();
    move || if form.has_error(&key) { "true" } else { "false" }
}

/// The item's errors and warnings, next to it, updated as the person types.
#[component]
fn Messages(key: String, id: String) -> impl IntoView {
    let form = use_form();
    let lang = use_lang();
    let messages = move || form.messages(&key);
    view! {
        <div class="messages" id=id aria-live="polite">
            {move || {
                messages()
                    .into_iter()
                    .map(|(severity, message)| {
                        let class = if severity == Severity::Error { "field-error" } else { "field-warning" };
                        view! { <p class=class>{message.get(lang.get()).to_string()}</p> }
                    })
                    .collect_view()
            }}
        </div>
    }
}
