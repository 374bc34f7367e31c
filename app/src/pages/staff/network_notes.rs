//! A network's notes and contact log beside its answers on `/staff/networks/:id/edit`:
//! what staff noted (a call, a letter, a visit) and what an import could not keep as an
//! answer. Staff only; respondents and the public never see it.

use leptos::prelude::*;

use crate::api::network_notes::{get_network_notes, AddNetworkNote, NoteRow};
use crate::components::error_notice::LatestErrors;
use crate::components::{island::Ready, loaded::Loaded};
use crate::i18n::ui_networks as t;
use crate::i18n::{tr, use_lang};
use survey::notes::{Channel, NOTE_MAX_CHARS};

/// The panel: the notes as the page loads them, then the island that adds to them.
#[component]
pub fn NetworkNotesPanel(network_id: i64) -> impl IntoView {
    // Loaded outside the island: a resource inside an island of a page with other resources
    // would not find its data when the island wakes.
    let notes = Resource::new(move || network_id, get_network_notes);
    let panel = move |rows: Vec<NoteRow>| view! { <NetworkNotes network_id rows /> };
    view! { <Loaded resource=notes login="/staff/login" view=panel /> }
}

#[island(lazy)]
fn NetworkNotes(network_id: i64, rows: Vec<NoteRow>) -> impl IntoView {
    let add = ServerAction::<AddNetworkNote>::new();
    // After each note kept, the log as the server now holds it.
    let shown = move || match add.value().get() {
        Some(Ok(now)) => now,
        _ => rows.clone(),
    };
    // A note that was kept leaves the box empty for the next one.
    let text = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(text)) = (add.value().get(), text.get()) {
            text.set_value("");
        }
    });
    let lang = use_lang();
    let channels = move || {
        Channel::ALL
            .into_iter()
            .map(|c| view! { <option value=c.key()>{move || c.label().get(lang.get()).to_string()}</option> })
            .collect_view()
    };
    view! {
        <section class="card network-notes" aria-labelledby="notes-title" data-testid="network-notes">
            <h2 id="notes-title">{tr(&t::NOTES_TITLE)}</h2>
            <p class="help">{tr(&t::NOTES_HELP)}</p>
            {move || note_table(shown())}
            <ActionForm action=add attr:class="note-form">
                <input type="hidden" name="network_id" value=network_id />
                <div class="field">
                    <label for="note-channel">{tr(&t::NOTE_CHANNEL)}</label>
                    <select id="note-channel" name="channel">{channels}</select>
                </div>
                <div class="field">
                    <label for="note-text">{tr(&t::NOTE_TEXT)}</label>
                    <textarea id="note-text" name="note" node_ref=text required maxlength=NOTE_MAX_CHARS rows="3"></textarea>
                </div>
                <button type="submit" class="primary">{tr(&t::NOTE_ADD)}</button>
            </ActionForm>
            <LatestErrors error=Signal::derive(move || add.value().get().and_then(Result::err)) />
            <Ready />
        </section>
    }
}

fn note_table(rows: Vec<NoteRow>) -> AnyView {
    let lang = use_lang();
    if rows.is_empty() {
        return view! { <p>{tr(&t::NOTES_NONE)}</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|row| {
            let by = match row.author {
                Some(login) => login,
                None => t::NOTE_BY_IMPORT.get(lang.get_untracked()).to_string(),
            };
            view! {
                <tr>
                    <td>{row.at}</td>
                    <td>{by}</td>
                    <td>{row.channel.label().get(lang.get_untracked()).to_string()}</td>
                    <td class="note-text">{row.text}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{tr(&t::NOTE_AT)}</th>
                        <th scope="col">{tr(&t::NOTE_BY)}</th>
                        <th scope="col">{tr(&t::NOTE_CHANNEL)}</th>
                        <th scope="col">{tr(&t::NOTE_TEXT)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
