//! One input per answer kind, rendered on the server with the stored answer filled in.
//! Every input has a label; a tri-state item is a radiogroup named by its label. The
//! questionnaire's browser module (`crates/form`) reads and writes these inputs through `survey::entry`, so the
//! markup here is the contract: `.item[data-key]`, radios valued by choice index,
//! checkboxes valued by choice key, `[data-clear]` buttons, a `.messages` slot that every
//! control names in `aria-describedby`, and under a text its limit's counter (`count_id`,
//! with a live region `…-count-live`); the limit is also the text's `maxlength`.

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::i18n::{ui, Label, Lang};
pub use form::ids::{count_id, dom_id, has_counter, messages_id};
use survey::entry::{entry_of, is_amount, is_single_choice, single_choices, Entry};
use survey::geography::{prefecture_label, PREFECTURES};
use survey::{Answer, AnswerKind, Item};

/// 「2012年度から」: the mark on an answer carried over from an earlier edition.
fn carried_mark(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{year}年度から"),
        Lang::En => format!("from {year}"),
    }
}

/// The field for one item. `context` names the group when the item's own label is
/// not unique on the page (e.g. 地域全体で参加 appears under two groups); `carried_from`
/// is set while the answer awaits confirmation.
#[component]
pub fn ItemField(
    item: Item,
    answer: Option<Answer>,
    context: Option<Label>,
    lang: Lang,
    carried_from: Option<String>,
) -> impl IntoView {
    let id = dom_id(&item.key);
    let label_id = format!("{id}-label");
    let label = match context.filter(|c| c != &item.label) {
        Some(c) => format!("{} {}", c.get(lang), item.label.get(lang)),
        None => item.label.get(lang).to_string(),
    };
    let required = item.required.then_some(" *");
    let entry = entry_of(&item.kind, answer.as_ref());
    let described = messages_id(&item.key);
    // A text's limit: `maxlength` on its input, and a counter under it.
    let max_chars = item.max_chars();
    let counter = max_chars.filter(|_| has_counter(&item.kind)).map(|max| {
        let length = match &entry {
            Entry::Text(t) => t.chars().count(),
            _ => 0,
        };
        let id = count_id(&item.key);
        view! {
            <p class="char-count" id=id.clone()>{form::words::char_count(length, max, lang)}</p>
            <span class="visually-hidden" id=format!("{id}-live") aria-live="polite"></span>
        }
    });
    let text_described = match counter {
        Some(_) => format!("{described} {}", count_id(&item.key)),
        None => described.clone(),
    };
    let control = match (&item.kind, entry) {
        (kind, Entry::Choice(checked)) => {
            let radios = single_choices(kind)
                .into_iter()
                .enumerate()
                .map(|(i, (_, choice))| {
                    view! {
                        <label class="choice">
                            <input type="radio" name=item.key.clone() value=i.to_string() checked={checked == Some(i)} />
                            {choice.get(lang).to_string()}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <div class="choices" role="radiogroup" aria-labelledby=label_id.clone() aria-describedby=described.clone()>
                    {radios}
                    <button type="button" class="clear" data-clear=item.key.clone()>{ui::CLEAR_CHOICE.get(lang).to_string()}</button>
                </div>
            }
            .into_any()
        }
        (AnswerKind::Bearers { choices }, Entry::Boxes(ticked)) => {
            let boxes = choices
                .iter()
                .map(|c| {
                    view! {
                        <label class="choice">
                            <input type="checkbox" value=c.key.clone() checked={ticked.contains(&c.key)} />
                            {c.label.get(lang).to_string()}
                        </label>
                    }
                })
                .collect_view();
            view! { <div class="choices" role="group" aria-labelledby=label_id.clone() aria-describedby=described.clone()>{boxes}</div> }.into_any()
        }
        (_, Entry::Checked(on)) => view! { <input type="checkbox" id=id.clone() checked=on aria-describedby=described.clone() /> }.into_any(),
        (AnswerKind::Prefecture, Entry::Text(chosen)) => view! {
            <select id=id.clone() aria-describedby=described.clone()>
                <option value="">{ui::CHOOSE.get(lang).to_string()}</option>
                <PrefectureOptions selected=chosen />
            </select>
        }
        .into_any(),
        (AnswerKind::TextArea, Entry::Text(text)) => {
            let text = super::raw_text::raw_text(text);
            view! { <textarea id=id.clone() rows="4" maxlength=max_chars aria-describedby=text_described.clone()>{text}</textarea> }.into_any()
        }
        (kind, Entry::Text(text)) if is_amount(kind) => {
            let unit = match kind {
                AnswerKind::Yen => Some(Label::new("円", "yen")),
                AnswerKind::KiloYen => Some(Label::new("千円", "thousand yen")),
                _ => None,
            };
            view! {
                <span class="amount">
                    <input type="text" inputmode="numeric" autocomplete="off" id=id.clone() aria-describedby=described.clone() value=text />
                    {unit.map(|u| view! { <span class="unit">{u.get(lang).to_string()}</span> })}
                </span>
            }
            .into_any()
        }
        (kind, entry) => {
            let (input_type, autocomplete) = match kind {
                AnswerKind::Url => ("url", "url"),
                AnswerKind::Email => ("email", "email"),
                AnswerKind::Phone => ("tel", "tel"),
                AnswerKind::Postal => ("text", "postal-code"),
                _ => ("text", "off"),
            };
            let text = match entry {
                Entry::Text(t) => t,
                _ => String::new(),
            };
            view! { <input type=input_type id=id.clone() autocomplete=autocomplete maxlength=max_chars aria-describedby=text_described.clone() value=text /> }.into_any()
        }
    };
    let grouped = is_single_choice(&item.kind) || matches!(item.kind, AnswerKind::Bearers { .. });
    let unconfirmed = carried_from.is_some();
    view! {
        <div class="item" class:unconfirmed=unconfirmed data-key=item.key.clone()>
            {carried_from.map(|year| view! { <span class="carried-badge">{carried_mark(&year, lang)}</span> })}
            {if grouped {
                view! { <span class="item-label" id=label_id.clone()>{label}{required}</span> }.into_any()
            } else {
                view! { <label class="item-label" id=label_id.clone() for=id.clone()>{label}{required}</label> }.into_any()
            }}
            {control}
            {counter}
            <div class="messages" id=described aria-live="polite"></div>
        </div>
    }
}

/// The 47 prefectures as `<option>`s, named in the page's language and valued by their
/// Japanese name (what is stored and sent); `selected` is chosen.
#[component]
pub fn PrefectureOptions(#[prop(optional, into)] selected: String) -> impl IntoView {
    PREFECTURES
        .iter()
        .map(|(p, _)| view! { <option value=*p selected={selected == *p}>{prefecture_name(p)}</option> })
        .collect_view()
}

/// A stored prefecture's name in the page's language.
pub fn prefecture_name(name: &str) -> impl Fn() -> String + Send + Sync + 'static {
    let (label, lang) = (prefecture_label(name), use_lang());
    move || label.get(lang.get()).to_string()
}
