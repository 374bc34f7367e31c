//! Pages as lazily loaded routes: built with `cargo leptos build --split`, each page's code
//! is its own wasm chunk, fetched when the page is first shown (and preloaded by the server
//! for the page it renders), so a respondent's form does not download the charts or the
//! staff console, and the public pages do not download the questionnaire form.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::api::auth::Audience;
use crate::pages::{
    charts::ChartsPage, editions::EditionsPage, login::LoginPage, network::NetworkPage, networks::NetworksPage,
    respondent::RespondentHome, response_form::ResponseFormPage, staff::review::{ReviewQueuePage, SubmissionPage},
    staff::StaffHome, staff_accounts::StaffAccountsPage, staff_audit::StaffAuditPage, staff_requests::StaffRequestsPage,
    staff_tracking::StaffTrackingPage,
};

/// A route whose view is the page `$page` (any view expression), in a chunk of its own.
macro_rules! lazy_page {
    ($($route:ident => $page:expr;)*) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> AnyView {
                let _ = this; // the route needs no data of its own: each page loads what it shows
                $page.into_any()
            }
        }
    )*};
}

lazy_page! {
    Directory => view! { <NetworksPage /> };
    Network => view! { <NetworkPage /> };
    Charts => view! { <ChartsPage /> };
    RespondentLogin => view! { <LoginPage audience=Audience::Respondent /> };
    Respondent => view! { <RespondentHome /> };
    ResponseForm => view! { <ResponseFormPage /> };
    StaffLogin => view! { <LoginPage audience=Audience::Staff /> };
    Staff => view! { <StaffHome /> };
    Editions => view! { <EditionsPage /> };
    Requests => view! { <StaffRequestsPage /> };
    Tracking => view! { <StaffTrackingPage /> };
    Accounts => view! { <StaffAccountsPage /> };
    Audit => view! { <StaffAuditPage /> };
    ReviewQueue => view! { <ReviewQueuePage /> };
    Submission => view! { <SubmissionPage /> };
    StaffEdit => view! { <ResponseFormPage login="/staff/login" /> };
}
