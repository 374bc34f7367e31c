//! Which survey edition a staff page works on: `?edition=` in the address, else the one
//! being collected (the server decides, `store::editions::for_staff`). Every staff page
//! shows it with a switcher; its links and forms carry the choice on.

use leptos::prelude::*;

use crate::components::island::current_address;
use crate::i18n::{tr, ui_requests as t, use_lang};
use survey::lifecycle::EditionChoice;

/// The edition asked for in the page's address, if any (read the same way on the server
/// and in an island, which has no router).
pub fn asked_edition() -> Option<String> {
    let address = current_address();
    let query = address.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.strip_prefix("edition="))
        .find(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_string)
}

/// `href` with the asked edition carried on.
pub fn with_edition(href: &str) -> String {
    match asked_edition() {
        Some(id) => format!("{href}?edition={id}"),
        None => href.to_string(),
    }
}

/// The edition a form's server function works on, as a hidden field.
#[component]
pub fn EditionField(edition: String) -> impl IntoView {
    view! { <input type="hidden" name="edition" value=edition /> }
}

/// "Survey edition shown: [2013 (open)]": a GET form that switches the page to another edition.
#[component]
pub fn StaffEditionBar(edition: String, choices: Vec<EditionChoice>) -> impl IntoView {
    let lang = use_lang().get_untracked();
    view! {
        <form method="get" class="staff-edition no-print" data-testid="staff-edition">
            <label for="staff-edition">{tr(&t::EDITION_WORKED_ON)}</label>
            <select id="staff-edition" name="edition">
                {choices
                    .into_iter()
                    .map(|c| {
                        let text = format!("{} ({})", c.id, c.status.label().get(lang));
                        let selected = c.id == edition;
                        view! { <option value=c.id selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="submit">{tr(&t::EDITION_SWITCH)}</button>
        </form>
    }
}
