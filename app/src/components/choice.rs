use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::i18n::{ui, Label};

/// A `<select>` with an "any" choice first.
#[component]
pub fn Choice(
    id: String,
    name: &'static str,
    options: Vec<(String, Label)>,
    chosen: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <select id=id name=name>
            <option value="">{tr(&ui::FILTER_ANY)}</option>
            {options
                .into_iter()
                .map(|(key, label)| {
                    let selected = chosen.as_deref() == Some(key.as_str());
                    view! { <option value=key selected=selected>{move || label.get(lang.get()).to_string()}</option> }
                })
                .collect_view()}
        </select>
    }
}
