//! The one error type of every server function ([`wire::ApiError`], below this crate so the
//! questionnaire's browser module shares it), and how a server function answers with its
//! HTTP status.

pub use wire::ApiError;

/// Gives a server function's error its HTTP status (server functions answer 500 otherwise).
#[cfg(feature = "ssr")]
pub fn with_status<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let (Err(e), Some(response)) = (
        &result,
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        response.set_status(e.status());
    }
    result
}
