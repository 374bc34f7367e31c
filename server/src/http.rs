//! The axum router: Leptos pages and server functions, static files, health,
//! and the security and transport layers every response goes through.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::AnyPool;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use std::sync::Arc;

use app::i18n::Lang;
use app::{shell, App};
use store::charts::ChartCache;

/// Builds the whole application with the default chart settings.
pub fn router(options: LeptosOptions, pool: AnyPool) -> Router {
    router_with_charts(options, pool, ChartCache::default())
}

/// Builds the whole application; `charts` holds this server's computed charts.
pub fn router_with_charts(options: LeptosOptions, pool: AnyPool, charts: ChartCache) -> Router {
    let routes = generate_route_list(App);
    let context_pool = pool.clone();
    let charts = Arc::new(charts);
    let context_charts = charts.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz).with_state(pool.clone()))
        .route("/lang", post(set_lang))
        .route(
            "/networks.csv",
            get(crate::open_data::csv).with_state(pool.clone()),
        )
        .route(
            "/networks.json",
            get(crate::open_data::json).with_state(pool.clone()),
        )
        .route(
            "/charts/{file}",
            get(crate::open_data::chart).with_state((pool.clone(), charts)),
        )
        .route(
            "/staff/export.csv",
            post(crate::export::csv).with_state(pool.clone()),
        )
        .route(
            "/staff/audit.csv",
            post(crate::audit_export::csv).with_state(pool.clone()),
        )
        .route(
            "/staff/export.xlsx",
            post(crate::export::xlsx).with_state(pool),
        )
        .merge(crate::assets::router(&options))
        .leptos_routes_with_context(
            &options,
            routes,
            move || {
                provide_context(context_pool.clone());
                provide_context(context_charts.clone());
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options)
        .layer(middleware::from_fn(bad_arguments_are_client_errors))
        .layer(middleware::from_fn(requests_within_limits))
        .layer(middleware::from_fn(same_origin_writes))
        .layer(middleware::from_fn(private_responses_are_not_stored))
        .layer(middleware::from_fn(dot_segments_are_not_found))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::app::BASE_CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// Readiness, for a load balancer: 200 when the database answers with Renkei's schema, 503
/// when it does not. (`/healthz` only says the process is up.)
async fn readyz(State(pool): State<AnyPool>) -> Response {
    match sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM editions")
        .fetch_one(&pool)
        .await
    {
        Ok(_) => (StatusCode::OK, "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// What the language switch's form posts.
#[derive(serde::Deserialize)]
struct LangChoice {
    lang: String,
    back: Option<String>,
}

/// The language switch (a plain form, no script): remembers the choice in the `lang`
/// cookie and sends the visitor back to the page they were on (only ever a page of this
/// site, so the form cannot be used to send someone elsewhere).
async fn set_lang(axum::Form(choice): axum::Form<LangChoice>) -> Response {
    let Some(lang) = Lang::from_code(&choice.lang) else {
        return (StatusCode::BAD_REQUEST, "unknown language / 不明な言語です").into_response();
    };
    let back = choice
        .back
        .filter(|b| is_local_path(b))
        .unwrap_or_else(|| "/".into());
    (
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, lang.set_cookie()),
            (header::LOCATION, back),
        ],
    )
        .into_response()
}

/// A path on this site: `/…`, not `//host` or `/\host` (which browsers read as another
/// site), and nothing a header could not carry.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.chars().all(|c| c.is_ascii_graphic())
}

/// The most the large server functions' arguments may weigh: a request list of thousands
/// of rows, or the whole questionnaire with every text at its longest, fits easily.
pub const MAX_ARGUMENT_BYTES: usize = 2 * 1024 * 1024;
/// The most any other server function's arguments may weigh: a few fields, a search, a note.
pub const SMALL_ARGUMENT_BYTES: usize = 64 * 1024;

/// The limit of a server function's arguments, by its path: only saving answers and
/// reading, previewing and importing a request list carry more than a few fields.
pub fn argument_limit(path: &str) -> usize {
    match path {
        "/api/save_response"
        | "/api/staff_import_requests"
        | "/api/staff_preview_requests"
        | "/api/staff_read_request_sheet" => MAX_ARGUMENT_BYTES,
        _ => SMALL_ARGUMENT_BYTES,
    }
}

/// A refusal a server function's caller can read (the browser decodes `ApiError`).
fn refusal(status: StatusCode, ja: &'static str, en: &'static str) -> Response {
    let error = app::error::ApiError::BadRequest(app::i18n::Label::new(ja, en));
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Whether a request carries a NUL character, raw or escaped: no text here may hold one
/// (PostgreSQL cannot even store it), so such a request is refused whole.
fn carries_nul(bytes: &[u8]) -> bool {
    let percent = bytes.windows(3).any(|w| w == b"%00");
    // JSON's `\u0000`, but not an escaped backslash followed by the text "u0000".
    let escaped = bytes.windows(5).enumerate().any(|(i, w)| {
        w.eq_ignore_ascii_case(b"u0000")
            && bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
    });
    bytes.contains(&0) || percent || escaped
}

fn nul_refusal() -> Response {
    refusal(
        StatusCode::BAD_REQUEST,
        "使用できない文字（NUL）が含まれています。",
        "The request contains a character that cannot be used (NUL).",
    )
}

/// The limits every request meets before any handler runs: server-function arguments up to
/// their [`argument_limit`], and no NUL character in arguments or query strings.
async fn requests_within_limits(request: Request<Body>, next: Next) -> Response {
    if request
        .uri()
        .query()
        .is_some_and(|q| carries_nul(q.as_bytes()))
    {
        return nul_refusal();
    }
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let limit = argument_limit(request.uri().path());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            "送信された内容が大きすぎます。",
            "What was sent is too large.",
        );
    };
    if carries_nul(&bytes) {
        return nul_refusal();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Leptos answers 500 when a server function's arguments cannot be decoded,
/// before our code runs; that is the client's mistake, so it becomes 400.
async fn bad_arguments_are_client_errors(request: Request<Body>, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    if let Ok(app::error::ApiError::ServerFn(
        leptos::prelude::ServerFnErrorErr::Args(_)
        | leptos::prelude::ServerFnErrorErr::MissingArg(_)
        | leptos::prelude::ServerFnErrorErr::Deserialization(_),
    )) = serde_json::from_slice::<app::error::ApiError>(&bytes)
    {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether a path has a `.` or `..` segment (also percent-encoded). Browsers resolve them
/// before sending; the router does not, and a page rendered for such a path outside its
/// routes lacked the request's context.
fn has_dot_segment(path: &str) -> bool {
    // Only a segment of at most six bytes ("%2e%2e") can be one.
    path.split('/')
        .filter(|segment| segment.len() <= 6)
        .any(|segment| {
            let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
            decoded == "." || decoded == ".."
        })
}

/// 404 for paths with dot segments (see [`has_dot_segment`]), before any routing.
async fn dot_segments_are_not_found(request: Request<Body>, next: Next) -> Response {
    if has_dot_segment(request.uri().path()) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    next.run(request).await
}

/// Whether a path's answer may depend on who asks: server functions, the respondents' and
/// staff's pages and exports, the sign-in pages. Browsers and proxies must not keep those
/// (a shared computer's back button, a proxy serving one person's page to the next).
fn is_private_path(path: &str) -> bool {
    ["/api/", "/respondent", "/staff", "/login"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// `Cache-Control: no-store` on every private answer (see [`is_private_path`]).
async fn private_responses_are_not_stored(request: Request<Body>, next: Next) -> Response {
    let private = is_private_path(request.uri().path());
    let mut response = next.run(request).await;
    if private {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses state-changing requests from other sites (CSRF): a POST must carry
/// an Origin, or failing that a Referer, naming this host. Leptos server
/// functions do no such check by themselves.
async fn same_origin_writes(request: Request<Body>, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || is_same_origin(&request)
    {
        next.run(request).await
    } else {
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

fn is_same_origin(request: &Request<Body>) -> bool {
    let headers = request.headers();
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    source
        .and_then(authority_of)
        .is_some_and(|authority| authority.eq_ignore_ascii_case(host))
}

/// `https://example.org:8080/path` → `example.org:8080`.
fn authority_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::builder().method(Method::POST).uri("/api/x");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn same_origin_posts_pass_and_cross_site_posts_do_not() {
        assert!(is_same_origin(&post(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ])));
        assert!(is_same_origin(&post(&[
            ("host", "renkei.example"),
            ("referer", "https://renkei.example/networks?x=1")
        ])));
        assert!(!is_same_origin(&post(&[
            ("host", "renkei.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(!is_same_origin(&post(&[
            ("host", "renkei.example"),
            ("origin", "https://renkei.example.evil")
        ])));
        assert!(!is_same_origin(&post(&[("host", "renkei.example")])));
        assert!(!is_same_origin(&post(&[(
            "origin",
            "https://renkei.example"
        )])));
    }

    #[test]
    fn the_language_switch_only_goes_back_to_this_site() {
        assert!(is_local_path("/networks?region=%E4%B9%9D%E5%B7%9E&page=2"));
        assert!(is_local_path("/"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("/\\evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x=1"));
        assert!(!is_local_path(""));
    }

    #[test]
    fn nul_characters_are_found_raw_percent_encoded_and_json_escaped() {
        for body in [
            &b"name=a\0b"[..],
            b"name=a%00b",
            b"name=a%00",
            br#"{"q":"a\u0000"}"#,
        ] {
            assert!(carries_nul(body), "{body:?}");
        }
        for body in [
            &b"name=a%200b"[..],
            b"name=100",
            br#"{"q":"\\u0000 as text"}"#,
        ] {
            assert!(!carries_nul(body), "{body:?}");
        }
    }

    #[test]
    fn dot_segments_are_recognised_plain_and_encoded() {
        for path in [
            "/a/../networks",
            "/./networks",
            "/networks/..",
            "/a/%2e%2E/staff",
            "/%2e/x",
        ] {
            assert!(has_dot_segment(path), "{path}");
        }
        for path in [
            "/networks",
            "/pkg/renkei.js",
            "/networks.csv",
            "/a..b/c",
            "/",
        ] {
            assert!(!has_dot_segment(path), "{path}");
        }
    }

    #[test]
    fn private_paths_are_those_that_depend_on_who_asks() {
        for path in [
            "/api/save_response",
            "/respondent/networks/4",
            "/staff/export.csv",
            "/login",
        ] {
            assert!(is_private_path(path), "{path}");
        }
        for path in [
            "/",
            "/networks",
            "/networks/4",
            "/charts",
            "/networks.csv",
            "/pkg/renkei.js",
        ] {
            assert!(!is_private_path(path), "{path}");
        }
    }

    #[test]
    fn authority_is_host_and_port() {
        assert_eq!(authority_of("http://a.b:3000/x"), Some("a.b:3000"));
        assert_eq!(authority_of("https://a.b"), Some("a.b"));
        assert_eq!(authority_of("null"), None);
    }
}
