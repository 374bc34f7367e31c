//! Signing in and out, for respondents and staff alike.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// Which door someone signs in through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Respondent,
    Staff,
}

impl Audience {
    pub fn key(self) -> &'static str {
        match self {
            Audience::Respondent => "respondent",
            Audience::Staff => "staff",
        }
    }

    /// Where a signed-in person lands.
    pub fn home(self) -> &'static str {
        match self {
            Audience::Respondent => "/respondent",
            Audience::Staff => "/staff",
        }
    }

    pub fn login_page(self) -> &'static str {
        match self {
            Audience::Respondent => "/login",
            Audience::Staff => "/staff/login",
        }
    }
}

/// Checks the ID and password, starts a session and sends the person to their home page.
#[server(endpoint = "login")]
pub async fn login(audience: Audience, login: String, password: String) -> Result<(), ApiError> {
    use crate::api::use_db;
    use crate::auth::{client_address, session_cookie};
    use store::accounts::{self, Role};
    use store::{audit, sessions, throttle};

    crate::error::with_status(
        async {
            let db = use_db()?;
            let role = match audience {
                Audience::Respondent => Role::Respondent,
                Audience::Staff => Role::Staff,
            };
            let login = login.trim();
            let login_scope = format!("{}:{login}", role.as_str());
            let address_scope = format!("ip:{}", client_address());
            if let Some(wait) = throttle::retry_after(&db, &login_scope, &address_scope).await? {
                return Err(ApiError::TooManyAttempts {
                    minutes: (wait + 59) / 60,
                });
            }
            let Some(user_id) = accounts::authenticate(&db, role, login, &password).await? else {
                throttle::record_failure(&db, &[&login_scope, &address_scope]).await?;
                return Err(ApiError::BadCredentials);
            };
            throttle::clear(&db, &login_scope).await?;
            let token = sessions::create(&db, role, user_id).await?;
            let actor = format!("{}:{user_id}", role.as_str());
            audit::append(
                &mut *db.acquire().await?,
                &actor,
                "login",
                &actor,
                &serde_json::json!({}),
            )
            .await?;
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(cookie) =
                    http::HeaderValue::from_str(&session_cookie(&token, sessions::IDLE_SECONDS))
                {
                    response.append_header(http::header::SET_COOKIE, cookie);
                }
            }
            leptos_axum::redirect(audience.home());
            Ok(())
        }
        .await,
    )
}

/// Ends the session and returns to the home page.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), ApiError> {
    use crate::api::use_db;
    use store::sessions;
    crate::error::with_status(
        async {
            if let Some(token) = crate::auth::session_token() {
                sessions::delete(&use_db()?, &token).await?;
            }
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(cookie) = http::HeaderValue::from_str(&crate::auth::session_cookie("", 0))
                {
                    response.append_header(http::header::SET_COOKIE, cookie);
                }
            }
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}
