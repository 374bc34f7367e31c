//! The two server functions the form calls, spoken over HTTP as Leptos' own client would:
//! `save_response` takes its argument as JSON, `keep_signed_in` as an empty form; both
//! answer JSON, an error being a [`wire::ApiError`] with its HTTP status. The end-to-end
//! tests save through these, so a change on the server side that breaks them fails there.

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use server_fn::error::ServerFnErrorErr;
use wire::form::{SaveOutcome, SaveRequest};
use wire::ApiError;

/// Saves one group's answers (`app::api::respondent::save_response`).
pub(super) async fn save_response(request: SaveRequest) -> Result<SaveOutcome, ApiError> {
    #[derive(Serialize)]
    struct Arguments {
        request: SaveRequest,
    }
    let builder = post("/api/save_response").header("Content-Type", "application/json");
    let body = serde_json::to_string(&Arguments { request }).map_err(fault)?;
    call(builder.body(body)).await
}

/// Pushes the session's idle end forward (`app::api::auth::keep_signed_in`).
pub(super) async fn keep_signed_in() -> Result<(), ApiError> {
    let builder =
        post("/api/keep_signed_in").header("Content-Type", "application/x-www-form-urlencoded");
    call(builder.body("")).await
}

fn post(path: &str) -> RequestBuilder {
    // JSON only: a server function redirects a caller that accepts HTML.
    Request::post(path).header("Accept", "application/json")
}

async fn call<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, ApiError> {
    let response = request.map_err(fault)?.send().await.map_err(fault)?;
    let text = response.text().await.map_err(fault)?;
    if response.ok() {
        return serde_json::from_str(&text).map_err(fault);
    }
    Err(serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| fault(text)))
}

/// A request that never got an answer the server meant: shown as "could not reach the server".
fn fault(error: impl ToString) -> ApiError {
    ApiError::ServerFn(ServerFnErrorErr::Request(error.to_string()))
}
