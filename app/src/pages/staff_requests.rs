//! `/staff/requests`: import a request list or add one organisation, and get the
//! new credentials once (CSV for mail merge, printable letters).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::requests::{AddRequest, ImportRequests, IssueOutcome, PreviewRequests, PreviewRow};
use crate::api::staff::{get_staff_overview, StaffOverview};
use crate::components::fields::PrefectureOptions;
use crate::components::{
    action_errors::ActionErrors,
    credentials::Credentials,
    island::Ready,
    loaded::Loaded,
    logout::SignedIn,
    staff_edition::{asked_edition, EditionField, StaffEditionBar},
    staff_nav::StaffNav,
};
use crate::error::ApiError;
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, ui_requests as t};

#[component]
pub fn StaffRequestsPage() -> impl IntoView {
    let who = Resource::new(|| (), |_| get_staff_overview(asked_edition()));
    view! {
        <Title text=page_title(&t::REQUESTS_TITLE) />
        <Loaded resource=who login="/staff/login" view=|o: StaffOverview| view! { <RequestsConsole o /> } />
    }
}

/// Importing and adding requests; the credentials issued exist only in this island.
#[island(lazy)]
fn RequestsConsole(o: StaffOverview) -> impl IntoView {
    let import = ServerAction::<ImportRequests>::new();
    let add = ServerAction::<AddRequest>::new();
    let edition = o.edition.clone();
    view! {
        <SignedIn login=o.login />
        <StaffNav />
        <StaffEditionBar edition=o.edition.clone() choices=o.editions />
        <h1 class="no-print">{tr(&t::REQUESTS_TITLE)}" ("{o.edition}")"</h1>
        <div class="console-forms no-print">
            <ImportForm action=import edition=edition.clone() />
            <AddForm action=add edition />
        </div>
        <ResultOf value=Signal::derive(move || import.value().get()) />
        <ResultOf value=Signal::derive(move || add.value().get()) />
        <Ready />
    }
}

/// What an import or an addition did; credentials live only here, in the page.
#[component]
fn ResultOf(value: Signal<Option<Result<IssueOutcome, ApiError>>>) -> impl IntoView {
    move || {
        value.get().map(|result| match result {
            Ok(outcome) => view! { <Outcome outcome /> }.into_any(),
            Err(error) => view! { <div class="no-print"><ActionErrors error /></div> }.into_any(),
        })
    }
}

#[component]
fn Outcome(outcome: IssueOutcome) -> impl IntoView {
    let already = outcome.already.join("、");
    view! {
        {(!outcome.already.is_empty()).then(|| view! {
            <p class="notice no-print" role="status" data-testid="already-asked">{tr(&t::ALREADY_ASKED)}{already}</p>
        })}
        {if outcome.issued.is_empty() {
            view! { <p class="notice no-print" role="status">{tr(&t::ISSUED_NONE)}</p> }.into_any()
        } else {
            view! { <Credentials credentials=outcome.issued /> }.into_any()
        }}
    }
}

/// A chosen list's text: UTF-8 (with or without BOM) when it is valid UTF-8, else Shift_JIS
/// (CP932), as Excel saves a CSV in Japan.
#[cfg(feature = "hydrate")]
fn decode_list(bytes: &js_sys::Uint8Array) -> Option<String> {
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    web_sys::TextDecoder::new_with_label_and_options("utf-8", &strict)
        .and_then(|utf8| utf8.decode_with_buffer_source(bytes))
        .or_else(|_| {
            web_sys::TextDecoder::new_with_label("shift_jis")?.decode_with_buffer_source(bytes)
        })
        .ok()
}

#[component]
fn ImportForm(action: ServerAction<ImportRequests>, edition: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let preview = ServerAction::<PreviewRequests>::new();
    // A workbook that could not be read, said next to the file input.
    let unreadable = RwSignal::new(None::<ApiError>);
    // The chosen file is read into the text box, which is what the form sends: a CSV in the
    // browser, an Excel workbook by the server (its first sheet, as CSV).
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let file = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                let workbook = file.name().to_lowercase().ends_with(".xlsx");
                leptos::task::spawn_local(async move {
                    let Ok(buffer) =
                        wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await
                    else {
                        return;
                    };
                    let bytes = js_sys::Uint8Array::new(&buffer);
                    unreadable.set(None);
                    if workbook {
                        use crate::api::requests::read_request_sheet;
                        match read_request_sheet(bytes.to_vec()).await {
                            Ok(csv) => text.set(csv),
                            Err(error) => unreadable.set(Some(error)),
                        }
                    } else {
                        text.set(decode_list(&bytes).unwrap_or_default());
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let preview_edition = edition.clone();
    let ask_preview = move |_| {
        preview.dispatch(PreviewRequests {
            csv: text.get_untracked(),
            edition: Some(preview_edition.clone()),
        });
    };
    view! {
        <section class="card console-form">
            <h2>{tr(&t::IMPORT_TITLE)}</h2>
            <p class="help">{tr(&t::IMPORT_HELP)}</p>
            <label for="import-file">{tr(&t::IMPORT_FILE)}</label>
            <input id="import-file" type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                on:change=on_file />
            {move || unreadable.get().map(|error| view! { <ActionErrors error /> })}
            <ActionForm action>
                <EditionField edition />
                <label for="import-csv">{tr(&t::IMPORT_TEXT)}</label>
                <textarea id="import-csv" name="csv" rows="6" required
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="button" disabled=move || preview.pending().get() on:click=ask_preview>
                    {tr(&t::PREVIEW_SUBMIT)}
                </button>
                " "
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { tr(&t::WORKING)() } else { tr(&t::IMPORT_SUBMIT)() }}
                </button>
            </ActionForm>
            {move || preview.value().get().map(|result| match result {
                Ok(rows) => view! { <Preview rows /> }.into_any(),
                Err(error) => view! { <ActionErrors error /> }.into_any(),
            })}
        </section>
    }
}

/// What importing the list would do, row by row (nothing is written yet).
#[component]
fn Preview(rows: Vec<PreviewRow>) -> impl IntoView {
    let lang = use_lang();
    let already = rows.iter().filter(|r| r.already).count();
    let new = rows.len() - already;
    let rows = rows
        .into_iter()
        .map(|r| {
            let outcome = if r.already {
                &t::PREVIEW_ALREADY
            } else {
                &t::PREVIEW_NEW
            };
            view! {
                <tr class=if r.already { "already" } else { "new" }>
                    <td>{r.line}</td>
                    <td>{r.row.organisation}</td>
                    <td>{crate::components::fields::prefecture_name(&r.row.prefecture)}</td>
                    <td>{r.row.network_name}</td>
                    <td>{r.row.email}</td>
                    <td>{tr(outcome)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="preview" data-testid="import-preview">
            <h3>{tr(&t::PREVIEW_TITLE)}</h3>
            <p role="status">{move || t::preview_summary(new, already, lang.get())}</p>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{tr(&t::PREVIEW_LINE)}</th>
                            <th scope="col">{tr(&t::ORGANISATION)}</th>
                            <th scope="col">{tr(&ui::PREFECTURE)}</th>
                            <th scope="col">{tr(&t::NETWORK_NAME)}</th>
                            <th scope="col">{tr(&t::EMAIL)}</th>
                            <th scope="col">{tr(&t::PREVIEW_OUTCOME)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn AddForm(action: ServerAction<AddRequest>, edition: String) -> impl IntoView {
    let field = |name: &'static str, label: &'static crate::i18n::Label, kind: &'static str| {
        let id = format!("add-{name}");
        view! {
            <label for=id.clone()>{tr(label)}</label>
            <input id=id type=kind name=format!("row[{name}]") maxlength="200" />
        }
    };
    view! {
        <section class="card console-form">
            <h2>{tr(&t::ADD_TITLE)}</h2>
            <ActionForm action>
                <EditionField edition />
                {field("organisation", &t::ORGANISATION, "text")}
                <label for="add-prefecture">{tr(&ui::PREFECTURE)}</label>
                <select id="add-prefecture" name="row[prefecture]" required>
                    <option value="">{tr(&ui::CHOOSE)}</option>
                    <PrefectureOptions />
                </select>
                {field("network_name", &t::NETWORK_NAME, "text")}
                {field("postal_address", &t::POSTAL_ADDRESS, "text")}
                {field("email", &t::EMAIL, "email")}
                <button type="submit" class="primary" disabled=move || action.pending().get()>{tr(&t::ADD_SUBMIT)}</button>
            </ActionForm>
        </section>
    }
}
