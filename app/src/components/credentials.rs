//! Credentials just issued: a table, the mail-merge CSV and printable request
//! letters, all built in the page from the server's one reply (never stored).

use leptos::prelude::*;

use crate::i18n::ui_requests as t;
use crate::i18n::{tr, use_lang};
use survey::requests::{credentials_csv, Credential, LOGIN_PATH};

/// A link that downloads `text` as a CSV file, built in the page (no second request).
#[component]
pub fn CsvDownload(
    text: String,
    file: &'static str,
    label: &'static crate::i18n::Label,
) -> impl IntoView {
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        survey::directory::encode(&text)
    );
    view! { <a class="button" href=href download=file>{tr(label)}</a> }
}

/// The site's address as a respondent types it from the letter.
fn login_url() -> String {
    #[cfg(feature = "hydrate")]
    if let Ok(origin) = window().location().origin() {
        return format!("{origin}{LOGIN_PATH}");
    }
    LOGIN_PATH.to_string()
}

#[component]
pub fn Credentials(credentials: Vec<Credential>) -> impl IntoView {
    let lang = use_lang();
    let csv = credentials_csv(&credentials);
    let url = login_url();
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    let rows = credentials.clone();
    view! {
        <section class="card credentials no-print" aria-labelledby="credentials-title">
            <h2 id="credentials-title">{tr(&t::ISSUED_TITLE)}</h2>
            <p class="warning" role="note">{tr(&t::ISSUED_ONCE)}</p>
            <div class="actions">
                <CsvDownload text=csv file="credentials.csv" label=&t::DOWNLOAD_CSV />
                <button type="button" on:click=print>{tr(&t::PRINT_LETTERS)}</button>
            </div>
            <div class="table-wrap">
                <table class="credentials-table" data-testid="credentials">
                    <thead>
                        <tr>
                            <th scope="col">{tr(&t::ORGANISATION)}</th>
                            <th scope="col">{tr(&t::NETWORK_NAME)}</th>
                            <th scope="col">{tr(&crate::i18n::ui::PREFECTURE)}</th>
                            <th scope="col">{tr(&t::LOGIN_ID)}</th>
                            <th scope="col">{tr(&t::PASSWORD)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|c| view! {
                            <tr>
                                <td>{c.organisation}</td>
                                <td>{c.network_name}</td>
                                <td>{c.prefecture}</td>
                                <td><code class="login">{c.login}</code></td>
                                <td><code class="password">{c.password}</code></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        // Printed only: one page per organisation.
        <section class="letters" aria-hidden="true">
            {credentials.into_iter().map(|c| {
                let url = url.clone();
                view! {
                    <article class="letter">
                        <p class="letter-address">{c.postal_address}</p>
                        <p class="letter-recipient">{c.organisation}" "{c.network_name}" "{move || t::LETTER_GREETING.get(lang.get()).to_string()}</p>
                        <h1>{tr(&t::LETTER_TITLE)}</h1>
                        <p>{tr(&t::LETTER_PURPOSE)}</p>
                        <p>{tr(&t::LETTER_HOW)}</p>
                        <dl class="letter-credentials">
                            <dt>{tr(&t::LETTER_URL)}</dt><dd>{url}</dd>
                            <dt>{tr(&t::LOGIN_ID)}</dt><dd>{c.login}</dd>
                            <dt>{tr(&t::PASSWORD)}</dt><dd>{c.password}</dd>
                        </dl>
                        <p class="letter-sender">{tr(&t::LETTER_SENDER)}</p>
                    </article>
                }
            }).collect_view()}
        </section>
    }
}
