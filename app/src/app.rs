//! The HTML shell, the router and the language context.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::layout::{Footer, Header};
use crate::components::not_found::NotFound;
use crate::i18n::{page_lang, title_lang, ui, Lang};
use crate::pages::{
    charts::ChartsPage,
    editions::EditionsPage,
    home::HomePage,
    login::LoginPage,
    network::NetworkPage,
    networks::NetworksPage,
    password::PasswordPage,
    respondent::RespondentHome,
    response_form::ResponseFormPage,
    staff::review::{ReviewQueuePage, SubmissionPage},
    staff::StaffHome,
    staff_accounts::StaffAccountsPage,
    staff_audit::StaffAuditPage,
    staff_edition_preview::EditionPreviewPage,
    staff_networks::StaffNetworksPage,
    staff_requests::StaffRequestsPage,
    staff_tracking::StaffTrackingPage,
    submit::SubmitPage,
};
use survey::account::Role;

/// The Content-Security-Policy of every response that is not a page: nothing
/// may run, nothing may frame it.
pub const BASE_CSP: &str =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_page_csp();
    provide_context(options.clone());
    let islands = runs_islands(&crate::components::island::current_path());
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                {islands.then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Whether a page loads Leptos' browser module to run its islands. The respondent's
/// questionnaire page has none: its only script is the form's own module (`crates/form`),
/// a fraction of the size of Leptos' module and of every island's shared code.
pub fn runs_islands(path: &str) -> bool {
    let form = path
        .strip_prefix("/respondent/networks/")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    !form
}

/// Pages may run only the site's own scripts and the inline bootstrap that
/// carries this response's nonce. Style sheets come only from the site; style
/// attributes are allowed, because ECharts writes its tooltips as HTML with them (they
/// cannot run code, and every text the server prints is escaped, so none is injected).
#[cfg(feature = "ssr")]
fn set_page_csp() {
    use leptos::nonce::{provide_nonce, use_nonce};
    provide_nonce();
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    // Debug builds live-reload over a websocket from cargo-leptos.
    let reload = if cfg!(debug_assertions) {
        " ws://127.0.0.1:3001"
    } else {
        ""
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         style-src-attr 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'{reload}; frame-ancestors 'none'; base-uri 'self'; \
         form-action 'self'; object-src 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&csp) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let initial = page_lang();
    let lang = RwSignal::new(initial);
    provide_context(lang);
    #[cfg(feature = "ssr")]
    provide_context(crate::i18n::SsrLang(initial));

    view! {
        <Html attr:lang=move || lang.get().code() />
        <Stylesheet id="leptos" href="/pkg/renkei.css" />
        <Title formatter=move |page: String| {
            let product = ui::PRODUCT.get(title_lang(lang));
            let title = if page.is_empty() { product.to_string() } else { format!("{page} | {product}") };
            crate::components::raw_text::raw_text(title)
        } />
        <Router>
            <a class="skip-link" href="#main">{move || if lang.get() == Lang::Ja { "本文へ移動" } else { "Skip to content" }}</a>
            <Header />
            <main id="main">
                <Routes fallback=NotFound>
                    // Every page arrives whole, as HTML (no streamed fragments to swap in): it works
                    // without JavaScript, and its islands are in the document when they hydrate.
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("networks") view=NetworksPage ssr=SsrMode::Async />
                    <Route path=path!("networks/:id") view=NetworkPage ssr=SsrMode::Async />
                    <Route path=path!("charts") view=ChartsPage ssr=SsrMode::Async />
                    <Route path=path!("login") view=|| view! { <LoginPage role=Role::Respondent /> } ssr=SsrMode::Async />
                    <Route path=path!("respondent") view=RespondentHome ssr=SsrMode::Async />
                    <Route path=path!("password") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("respondent/networks/:id") view=|| view! { <ResponseFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("respondent/networks/:id/submit") view=SubmitPage ssr=SsrMode::Async />
                    <Route path=path!("staff/login") view=|| view! { <LoginPage role=Role::Staff /> } ssr=SsrMode::Async />
                    <Route path=path!("staff") view=StaffHome ssr=SsrMode::Async />
                    <Route path=path!("staff/editions") view=EditionsPage ssr=SsrMode::Async />
                    <Route path=path!("staff/editions/:id/preview") view=EditionPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("staff/requests") view=StaffRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("staff/tracking") view=StaffTrackingPage ssr=SsrMode::Async />
                    <Route path=path!("staff/networks") view=StaffNetworksPage ssr=SsrMode::Async />
                    <Route path=path!("staff/accounts") view=StaffAccountsPage ssr=SsrMode::Async />
                    <Route path=path!("staff/audit") view=StaffAuditPage ssr=SsrMode::Async />
                    <Route path=path!("staff/review") view=ReviewQueuePage ssr=SsrMode::Async />
                    <Route path=path!("staff/review/:id") view=SubmissionPage ssr=SsrMode::Async />
                    <Route path=path!("staff/networks/:id/edit") view=|| view! { <ResponseFormPage role=Role::Staff /> } ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
