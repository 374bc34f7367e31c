//! Requests to the whole router in memory, as a browser would send them (same-origin
//! headers, the session cookie), and what came back.

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn body(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn error(&self) -> app::error::ApiError {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|e| panic!("not an ApiError ({e}): {} {}", self.status, self.body()))
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|e| panic!("unexpected body ({e}): {} {}", self.status, self.body()))
    }

    /// The session token the reply sets, if any.
    pub fn session(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|c| c.to_str().ok()?.split(';').next()?.trim().strip_prefix("renkei_session=").map(str::to_string))
            .find(|t| !t.is_empty())
    }
}

async fn run(router: &Router, request: axum::http::request::Builder, body: Body, session: Option<&str>) -> Reply {
    let mut request = request.header(header::HOST, "localhost").header(header::ORIGIN, "http://localhost");
    if let Some(token) = session {
        request = request.header(header::COOKIE, format!("renkei_session={token}"));
    }
    let response = router.clone().oneshot(request.body(body).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply { status, headers, bytes }
}

pub async fn get(router: &Router, path: &str, session: Option<&str>) -> Reply {
    run(router, Request::get(path), Body::empty(), session).await
}

/// A server function call with form-encoded arguments.
pub async fn post_form(router: &Router, path: &str, form: &str, session: Option<&str>) -> Reply {
    let request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    run(router, request, Body::from(form.to_string()), session).await
}

/// A server function call with a JSON body.
pub async fn post_json(router: &Router, path: &str, json: &serde_json::Value, session: Option<&str>) -> Reply {
    let request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    run(router, request, Body::from(json.to_string()), session).await
}

/// Signs in (`audience` is `respondent` or `staff`) and returns the session token.
pub async fn sign_in(router: &Router, audience: &str, login: &str, password: &str) -> String {
    let reply = post_form(router, "/api/login", &format!("audience={audience}&login={login}&password={password}"), None).await;
    assert!(reply.status == StatusCode::OK || reply.status.is_redirection(), "login answered {}: {}", reply.status, reply.body());
    reply.session().unwrap_or_else(|| panic!("login set no session cookie: {:?}", reply.headers))
}
