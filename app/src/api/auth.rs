//! Signing in and out, for respondents and staff alike.

use leptos::prelude::*;
use survey::account::Role;

use crate::error::ApiError;

/// Checks the ID and password, starts a session and sends the person on: to `next` when it
/// is a page of their own area (the page they were on when the session ended), else home.
#[server(endpoint = "login")]
pub async fn login(
    role: Role,
    login: String,
    password: String,
    next: Option<String>,
) -> Result<(), ApiError> {
    use crate::auth::{client_address, session_cookie};
    use crate::db::use_db;
    use store::accounts;
    use store::{audit_log, sessions, throttle};

    crate::error::with_status(
        async {
            let db = use_db()?;
            let login = login.trim();
            // A name no account can have is wrong without a look (and never reaches an index).
            if !accounts::valid_login(login) {
                return Err(ApiError::BadCredentials);
            }
            let login_scope = format!("{}:{login}", role.as_str());
            let address_scope = format!("ip:{}", client_address());
            let attempt = match throttle::take(&db, &login_scope, &address_scope).await? {
                throttle::Taken::Allowed(attempt) => attempt,
                throttle::Taken::Refused { wait } => {
                    return Err(ApiError::TooManyAttempts {
                        minutes: (wait + 59) / 60,
                    })
                }
            };
            let Some(user_id) = accounts::authenticate(&db, role, login, &password).await? else {
                return Err(ApiError::BadCredentials);
            };
            throttle::succeeded(&db, attempt).await?;
            let token = sessions::create(&db, role, user_id).await?;
            let actor = audit_log::Entity::account(role, user_id);
            audit_log::append(
                &mut *db.acquire().await?,
                &actor,
                "login",
                &actor,
                &serde_json::json!({}),
            )
            .await?;
            // The browser keeps the cookie for the absolute lifetime; the server ends the
            // session sooner when it sits idle (each request pushes that end forward).
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(cookie) =
                    http::HeaderValue::from_str(&session_cookie(&token, sessions::ABSOLUTE_SECONDS))
                {
                    response.append_header(http::header::SET_COOKIE, cookie);
                }
            }
            leptos_axum::redirect(role.after_login(next.as_deref()));
            Ok(())
        }
        .await,
    )
}

/// Keeps the session alive ("stay signed in"): any guarded request pushes its idle end
/// forward; this one does only that.
#[server(endpoint = "keep_signed_in")]
pub async fn keep_signed_in() -> Result<(), ApiError> {
    crate::error::with_status(
        async {
            crate::auth::principal()
                .await?
                .ok_or(ApiError::Unauthorized)?;
            Ok(())
        }
        .await,
    )
}

/// Ends the session, clears what this site stored in the browser (unsaved drafts of private
/// answers must not outlive the sign-out on a shared computer) and returns home.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), ApiError> {
    use crate::db::use_db;
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
                response.append_header(
                    http::HeaderName::from_static("clear-site-data"),
                    http::HeaderValue::from_static("\"storage\""),
                );
            }
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// Changes the signed-in person's own password: the current one first (throttled like a
/// sign-in), the new one under the one password policy, typed twice. Every other session of
/// the account ends; this one goes on with a new token.
#[server(endpoint = "change_password")]
pub async fn change_password(current: String, new: String, again: String) -> Result<(), ApiError> {
    use crate::auth::{client_address, session_cookie};
    use crate::i18n::Label;
    use store::{accounts, sessions, throttle};
    crate::error::with_status(
        async {
            let me = crate::auth::principal()
                .await?
                .ok_or(ApiError::Unauthorized)?;
            let db = crate::db::use_db()?;
            let attempt = match throttle::take(
                &db,
                &format!("{}:{}", me.role.as_str(), me.login),
                &format!("ip:{}", client_address()),
            )
            .await?
            {
                throttle::Taken::Allowed(attempt) => attempt,
                throttle::Taken::Refused { wait } => {
                    return Err(ApiError::TooManyAttempts {
                        minutes: (wait + 59) / 60,
                    })
                }
            };
            if accounts::authenticate(&db, me.role, &me.login, &current).await? != Some(me.user_id)
            {
                return Err(super::invalid(
                    "current",
                    Label::new(
                        "現在のパスワードが正しくありません。",
                        "The current password is not correct.",
                    ),
                ));
            }
            throttle::succeeded(&db, attempt).await?;
            if let Some(why) = survey::account::password_problem(&me.login, &new) {
                return Err(super::invalid("new", why));
            }
            if new != again {
                return Err(super::invalid(
                    "again",
                    Label::new(
                        "確認のために入力した新しいパスワードが一致しません。",
                        "The new password and its confirmation differ.",
                    ),
                ));
            }
            let hash = tokio::task::spawn_blocking(move || accounts::hash_password(&new))
                .await
                .map_err(|_| ApiError::Internal)?
                .map_err(|_| ApiError::Internal)?;
            let mut tx = db.begin().await?;
            accounts::reset_password(&mut tx, me.role, me.user_id, &me.login, &hash, &me.actor())
                .await?;
            tx.commit().await?;
            let token = sessions::create(&db, me.role, me.user_id).await?;
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(cookie) =
                    http::HeaderValue::from_str(&session_cookie(&token, sessions::ABSOLUTE_SECONDS))
                {
                    response.append_header(http::header::SET_COOKIE, cookie);
                }
            }
            Ok(())
        }
        .await,
    )
}
