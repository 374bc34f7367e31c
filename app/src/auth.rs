//! Who is asking (server only): the session cookie → a [`Principal`], and one
//! guard per audience, called first by every server function that needs one.

use leptos::prelude::use_context;

use crate::db::use_db;
use crate::error::ApiError;
use store::accounts::Role;
use store::sessions;
pub use store::sessions::Principal;

/// The session token from the request's cookies.
pub fn session_token() -> Option<String> {
    token_from_headers(&use_context::<http::request::Parts>()?.headers)
}

/// The session token in a request's `Cookie` headers (for plain axum routes too).
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == sessions::COOKIE)
        .map(|(_, value)| value.trim().to_string())
}

/// The signed-in principal, if any.
pub async fn principal() -> Result<Option<Principal>, ApiError> {
    let Some(token) = session_token() else {
        return Ok(None);
    };
    Ok(sessions::lookup(&use_db()?, &token).await?)
}

async fn require(role: Role) -> Result<Principal, ApiError> {
    admit(role, principal().await?)
}

fn admit(role: Role, principal: Option<Principal>) -> Result<Principal, ApiError> {
    match principal {
        Some(p) if p.role == role => Ok(p),
        Some(_) => Err(ApiError::Forbidden),
        None => Err(ApiError::Unauthorized),
    }
}

/// [`require_staff`] for plain axum routes (downloads), which have no Leptos context.
pub async fn require_staff_in(
    db: &store::Db,
    headers: &http::HeaderMap,
) -> Result<Principal, ApiError> {
    let principal = match token_from_headers(headers) {
        Some(token) => sessions::lookup(db, &token).await?,
        None => None,
    };
    admit(Role::Staff, principal)
}

pub async fn require_respondent() -> Result<Principal, ApiError> {
    require(Role::Respondent).await
}

pub async fn require_staff() -> Result<Principal, ApiError> {
    require(Role::Staff).await
}

/// [`require_staff`], then the pool and the edition the staff page works on: the one asked
/// for, else the one being collected ([`store::editions::for_staff`]).
pub async fn require_staff_in_edition(
    edition: Option<String>,
) -> Result<(Principal, store::Db, String), ApiError> {
    let me = require_staff().await?;
    let db = use_db()?;
    let edition = store::editions::for_staff(&db, edition.as_deref()).await?;
    Ok((me, db, edition))
}

/// The `Set-Cookie` value for a session token (empty token and zero age to end it).
/// HttpOnly and SameSite=Lax always; Secure when the site is served over TLS.
pub fn session_cookie(token: &str, max_age: i64) -> String {
    let secure = if std::env::var("RENKEI_SECURE_COOKIES").is_ok_and(|v| v == "1" || v == "true") {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        sessions::COOKIE
    )
}

/// The client's address, for throttling. Behind a load balancer every request comes
/// from the balancer, so with `RENKEI_TRUST_FORWARDED_FOR=1` the address the balancer
/// appended to `X-Forwarded-For` (the last one) is used instead.
pub fn client_address() -> String {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return "unknown".into();
    };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let trust = std::env::var("RENKEI_TRUST_FORWARDED_FOR").is_ok_and(|v| v == "1" || v == "true");
    address_from(&parts.headers, peer, trust)
}

fn address_from(
    headers: &http::HeaderMap,
    peer: Option<String>,
    trust_forwarded_for: bool,
) -> String {
    let forwarded = trust_forwarded_for
        .then(|| {
            headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .next_back()
        })
        .flatten()
        .and_then(|v| v.rsplit(',').map(str::trim).find(|a| !a.is_empty()))
        .map(str::to_string);
    forwarded.or(peer).unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_counts_only_when_trusted() {
        let mut headers = http::HeaderMap::new();
        headers.append(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        let peer = Some("10.0.0.2".to_string());
        assert_eq!(address_from(&headers, peer.clone(), false), "10.0.0.2");
        // The balancer appends the address it saw last; earlier entries can be forged.
        assert_eq!(address_from(&headers, peer.clone(), true), "198.51.100.7");
        assert_eq!(
            address_from(&http::HeaderMap::new(), peer, true),
            "10.0.0.2"
        );
        assert_eq!(
            address_from(&http::HeaderMap::new(), None, false),
            "unknown"
        );
    }

    #[test]
    fn session_cookies_are_http_only_and_same_site() {
        let cookie = session_cookie("abc", 7200);
        assert!(cookie.starts_with("renkei_session=abc;"));
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Max-Age=7200")
        );
    }
}
