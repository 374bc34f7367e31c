use leptos::prelude::*;

use crate::i18n::tr;
use crate::i18n::ui;

/// The survey edition a public page shows, as a labelled `<select name="edition">` of a GET
/// form; `chosen` is the edition on screen.
#[component]
pub fn EditionSelect(id: &'static str, editions: Vec<String>, chosen: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(&ui::CHARTS_EDITION)}</label>
            <select id=id name="edition">
                {editions
                    .into_iter()
                    .map(|e| {
                        let selected = e == chosen;
                        let label = e.clone();
                        view! { <option value=e selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
