//! Requests to the whole router as a browser would send them (same origin,
//! session cookie), and the replies, for the HTTP-level tests.

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
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not an ApiError ({e}): {} {}", self.status, self.body()))
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("unexpected body ({e}): {} {}", self.status, self.body()))
    }

    /// The session token the reply sets, if any (an empty value ends a session).
    pub fn session(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|c| {
                c.to_str()
                    .ok()?
                    .split(';')
                    .next()?
                    .trim()
                    .strip_prefix("renkei_session=")
                    .map(str::to_string)
            })
            .find(|t| !t.is_empty())
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    // Rarely, a server-rendered page's streamed body never finishes (seen only under these
    // tests' parallel runtimes; not yet understood). Say which request it was and try once more
    // rather than hang the whole run.
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let rebuild = || {
        let mut again = Request::builder()
            .method(parts.method.clone())
            .uri(parts.uri.clone());
        for (name, value) in &parts.headers {
            again = again.header(name, value);
        }
        again.body(Body::from(bytes.clone())).unwrap()
    };
    let limit = std::time::Duration::from_secs(60);
    let whole = |request: Request<Body>| async move {
        let response = router.clone().oneshot(request).await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        (
            status,
            headers,
            response
                .into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .to_vec(),
        )
    };
    // The limit covers the body too: a streamed page sends its head first.
    let (status, headers, bytes) = match tokio::time::timeout(limit, whole(rebuild())).await {
        Ok(reply) => reply,
        Err(_) => {
            eprintln!(
                "WARNING: {} {} did not finish in {limit:?}; retrying once",
                parts.method, parts.uri
            );
            tokio::time::timeout(limit, whole(rebuild()))
                .await
                .unwrap_or_else(|_| panic!("{} {} never finished, twice", parts.method, parts.uri))
        }
    };
    Reply {
        status,
        headers,
        bytes,
    }
}

/// A same-origin POST with this body and content type, signed in with `session` if given.
pub fn post(path: &str, content_type: &str, body: String, session: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, content_type);
    if let Some(token) = session {
        request = request.header(header::COOKIE, format!("renkei_session={token}"));
    }
    request.body(Body::from(body)).unwrap()
}

pub fn get(path: &str, session: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::HOST, "localhost");
    if let Some(token) = session {
        request = request.header(header::COOKIE, format!("renkei_session={token}"));
    }
    request.body(Body::empty()).unwrap()
}

pub async fn post_form(router: &Router, path: &str, form: &str, session: Option<&str>) -> Reply {
    send(
        router,
        post(
            path,
            "application/x-www-form-urlencoded",
            form.to_string(),
            session,
        ),
    )
    .await
}

pub async fn post_json(
    router: &Router,
    path: &str,
    body: &serde_json::Value,
    session: Option<&str>,
) -> Reply {
    send(
        router,
        post(path, "application/json", body.to_string(), session),
    )
    .await
}

/// A network's questionnaire as its form loads it; asserts it answered 200.
pub async fn load_form(
    router: &Router,
    network_id: i64,
    session: &str,
) -> app::api::respondent::ResponseForm {
    let reply = post_form(
        router,
        "/api/response_form",
        &format!("network_id={network_id}"),
        Some(session),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply.json()
}

/// Saves one group as the form does: `request` is a `SaveRequest` as JSON.
pub async fn save_response(
    router: &Router,
    request: serde_json::Value,
    session: Option<&str>,
) -> Reply {
    post_json(
        router,
        "/api/save_response",
        &serde_json::json!({ "request": request }),
        session,
    )
    .await
}

/// `application/x-www-form-urlencoded` from pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                survey::directory::encode(k),
                survey::directory::encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn login(router: &Router, role: &str, login: &str, password: &str) -> Reply {
    post_form(
        router,
        "/api/login",
        &form(&[("role", role), ("login", login), ("password", password)]),
        None,
    )
    .await
}

/// Signs in and returns the session token.
pub async fn sign_in(router: &Router, role: &str, login_name: &str, password: &str) -> String {
    let reply = login(router, role, login_name, password).await;
    assert!(
        reply.status == StatusCode::OK || reply.status.is_redirection(),
        "login answered {}: {}",
        reply.status,
        reply.body()
    );
    reply
        .session()
        .unwrap_or_else(|| panic!("login set no session cookie: {:?}", reply.headers))
}

/// The respondent submits (提出) version `version` of a network's response.
pub async fn submit(router: &Router, network_id: i64, version: i64, session: &str) -> Reply {
    post_form(
        router,
        "/api/submit_response",
        &format!("network_id={network_id}&version={version}"),
        Some(session),
    )
    .await
}
