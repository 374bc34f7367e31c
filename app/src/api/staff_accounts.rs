//! Staff only: the staff accounts (list, create, disable, reset password). The CLI
//! creates the first one; the last enabled account cannot be disabled.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::invalid;
use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::i18n::Label;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i64,
    pub login: String,
    pub disabled: bool,
    /// YYYY-MM-DD in Japan.
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccounts {
    pub login: String,
    pub me: i64,
    pub accounts: Vec<StaffAccount>,
}

/// A password issued to a staff member: shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPassword {
    pub login: String,
    pub password: String,
}

#[server(endpoint = "staff_accounts")]
pub async fn get_staff_accounts() -> Result<StaffAccounts, ApiError> {
    use store::accounts::{list, Role};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let accounts = list(&db, Role::Staff)
                .await?
                .into_iter()
                .map(|a| StaffAccount {
                    id: a.id,
                    login: a.login,
                    disabled: a.disabled,
                    created: store::public::japan_date(a.created_at),
                })
                .collect();
            Ok(StaffAccounts {
                login: me.login,
                me: me.user_id,
                accounts,
            })
        }
        .await,
    )
}

#[server(endpoint = "staff_create_account")]
pub async fn create_staff_account(login: String) -> Result<StaffPassword, ApiError> {
    use store::accounts::{self, AccountError, Role};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let login = login.trim().to_string();
            if !accounts::valid_login(&login) {
                return Err(invalid(
                    "login",
                    Label::new(
                        "IDは3〜64文字の半角英数字と「.」「_」「-」で入力してください。",
                        "An ID is 3 to 64 letters, digits, '.', '_' or '-'.",
                    ),
                ));
            }
            let (password, hash) = accounts::new_password()
                .await
                .map_err(|_| ApiError::Internal)?;
            let mut tx = db.begin().await?;
            let id = match accounts::create_hashed(&mut tx, Role::Staff, &login, &hash).await {
                Ok(id) => id,
                Err(AccountError::LoginTaken(_)) => {
                    return Err(invalid(
                        "login",
                        Label::new("このIDは既に使われています。", "This ID is already taken."),
                    ))
                }
                Err(AccountError::Db(e)) => return Err(e.into()),
                Err(_) => return Err(ApiError::Internal),
            };
            let detail = serde_json::json!({ "login": login });
            store::audit_log::append(
                &mut tx,
                &me.actor(),
                "create_staff",
                &store::audit_log::Entity::Staff(id),
                &detail,
            )
            .await?;
            tx.commit().await?;
            Ok(StaffPassword { login, password })
        }
        .await,
    )
}

#[server(endpoint = "staff_reset_password")]
pub async fn reset_staff_password(id: i64) -> Result<StaffPassword, ApiError> {
    use store::accounts::{self, Role};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let login = accounts::list(&db, Role::Staff)
                .await?
                .into_iter()
                .find(|a| a.id == id)
                .ok_or(ApiError::NotFound)?
                .login;
            let (password, hash) = accounts::new_password()
                .await
                .map_err(|_| ApiError::Internal)?;
            let mut tx = db.begin().await?;
            accounts::reset_password(&mut tx, Role::Staff, id, &login, &hash, &me.actor()).await?;
            tx.commit().await?;
            Ok(StaffPassword { login, password })
        }
        .await,
    )
}

/// Disables (or enables again) a staff account; the last enabled one stays enabled.
#[server(endpoint = "staff_set_disabled")]
pub async fn set_staff_disabled(id: i64, disabled: bool) -> Result<(), ApiError> {
    use store::accounts::{self, Role};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            if !accounts::list(&db, Role::Staff)
                .await?
                .iter()
                .any(|a| a.id == id)
            {
                return Err(ApiError::NotFound);
            }
            let mut tx = db.begin().await?;
            if !accounts::set_disabled(&mut tx, Role::Staff, id, disabled, &me.actor()).await? {
                return Err(invalid(
                    "disabled",
                    Label::new(
                        "最後の有効な職員アカウントは無効にできません。",
                        "The last enabled staff account cannot be disabled.",
                    ),
                ));
            }
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}
