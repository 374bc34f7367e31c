//! Login sessions, kept in the database so that several app servers share them.
//! The browser holds a random token; the database holds only its SHA-256.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use super::accounts::Role;
use super::Db;

pub use survey::account::{
    SESSION_ABSOLUTE_SECONDS as ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS as IDLE_SECONDS,
};
pub const COOKIE: &str = "renkei_session";

/// Who is signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub role: Role,
    pub user_id: i64,
    pub login: String,
}

impl Principal {
    /// How the audit log names this person.
    pub fn actor(&self) -> crate::audit_log::Entity {
        crate::audit_log::Entity::account(self.role, self.user_id)
    }
}

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Starts a session and returns the token for the cookie.
pub async fn create(db: &Db, role: Role, user_id: i64) -> sqlx::Result<String> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let now = super::now();
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query("INSERT INTO sessions (token_hash, role, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(hash(&token))
        .bind(role.as_str())
        .bind(user_id)
        .bind(now)
        .bind(now + IDLE_SECONDS)
        .execute(db)
        .await?;
    Ok(token)
}

/// The principal of a live session, pushing its idle expiry forward (never past its
/// absolute end).
pub async fn lookup(db: &Db, token: &str) -> sqlx::Result<Option<Principal>> {
    let now = super::now();
    let token_hash = hash(token);
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT role, user_id, created_at FROM sessions
         WHERE token_hash = $1 AND expires_at >= $2 AND created_at >= $3",
    )
    .bind(&token_hash)
    .bind(now)
    .bind(now - ABSOLUTE_SECONDS)
    .fetch_optional(db)
    .await?;
    let Some((role, user_id, created_at)) = row else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&role) else {
        return Ok(None);
    };
    let login: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT login FROM {} WHERE id = $1 AND disabled = 0",
        super::accounts::table(role)
    )))
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    let Some(login) = login else { return Ok(None) };
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
        .bind((now + IDLE_SECONDS).min(created_at + ABSOLUTE_SECONDS))
        .bind(&token_hash)
        .execute(db)
        .await?;
    Ok(Some(Principal {
        role,
        user_id,
        login,
    }))
}

pub async fn delete(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(hash(token))
        .execute(db)
        .await?;
    Ok(())
}
