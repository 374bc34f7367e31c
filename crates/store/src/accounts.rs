//! Staff and respondent accounts: argon2id password hashes, never passwords.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sqlx::AnyConnection;
pub use survey::account::Role;

use crate::audit_log::{self, Entity};

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A strong random password that is easy to type from a letter: no 0/O, 1/l/I.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // Reject the top byte values so that every character is equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::with_capacity(16);
    while out.len() < 16 {
        let b = (OsRng.next_u32() & 0xff) as usize;
        if b < limit {
            out.push(ALPHABET[b % ALPHABET.len()] as char);
        }
    }
    out
}

/// The table holding `role`'s accounts.
pub(crate) fn table(role: Role) -> &'static str {
    match role {
        Role::Respondent => "respondents",
        Role::Staff => "staff",
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the login {0:?} is already taken")]
    LoginTaken(String),
    #[error("a login is 3 to 64 letters, digits, '.', '_' or '-'")]
    BadLogin,
    /// The password breaks the policy (`survey::account::password_problem`), which says why.
    #[error("{}", .0.en)]
    WeakPassword(survey::i18n::Label),
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub fn valid_login(login: &str) -> bool {
    (3..=64).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Creates an account and returns its id.
pub async fn create(
    conn: &mut AnyConnection,
    role: Role,
    login: &str,
    password: &str,
) -> Result<i64, AccountError> {
    if !valid_login(login) {
        return Err(AccountError::BadLogin);
    }
    if let Some(why) = survey::account::password_problem(login, password) {
        return Err(AccountError::WeakPassword(why));
    }
    let hash = hash_password(password).map_err(|e| AccountError::Hash(e.to_string()))?;
    create_hashed(conn, role, login, &hash).await
}

/// Creates an account whose password was hashed already (hashing many passwords
/// belongs outside the transaction and off the async threads); returns its id.
pub async fn create_hashed(
    conn: &mut AnyConnection,
    role: Role,
    login: &str,
    hash: &str,
) -> Result<i64, AccountError> {
    if !valid_login(login) {
        return Err(AccountError::BadLogin);
    }
    let taken: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM {} WHERE login = $1",
        table(role)
    )))
    .bind(login)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(AccountError::LoginTaken(login.to_string()));
    }
    let id = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {} (login, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
        table(role)
    )))
    .bind(login)
    .bind(hash)
    .bind(super::now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// The id of the enabled account with this login and password, if any. Takes the
/// same time whether or not the login exists, so it does not reveal accounts.
pub async fn authenticate(
    db: &super::Db,
    role: Role,
    login: &str,
    password: &str,
) -> sqlx::Result<Option<i64>> {
    // Verified against when the login is unknown, so that costs the same as a wrong password.
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let decoy = DECOY.get_or_init(|| hash_password(&generate_password()).unwrap_or_default());
    let row: Option<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, password_hash FROM {} WHERE login = $1 AND disabled = 0",
        table(role)
    )))
    .bind(login)
    .fetch_optional(db)
    .await?;
    let (id, hash) = row.map_or((None, decoy.clone()), |(id, hash)| (Some(id), hash));
    let ok = tokio::task::spawn_blocking({
        let password = password.to_string();
        move || verify_password(&password, &hash)
    })
    .await
    .unwrap_or(false);
    Ok(id.filter(|_| ok))
}

/// A new random password and its hash, computed off the async threads.
pub async fn new_password() -> Result<(String, String), AccountError> {
    tokio::task::spawn_blocking(|| {
        let password = generate_password();
        hash_password(&password)
            .map(|hash| (password, hash))
            .map_err(|e| AccountError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| AccountError::Hash(e.to_string()))?
}

/// Replaces an account's password, ends its sessions and audits it (`reset_password`, with
/// the login) in the caller's transaction; false, nothing audited, when there is no such account.
pub async fn reset_password(
    conn: &mut AnyConnection,
    role: Role,
    id: i64,
    login: &str,
    hash: &str,
    actor: &Entity,
) -> sqlx::Result<bool> {
    let changed = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {} SET password_hash = $1 WHERE id = $2",
        table(role)
    )))
    .bind(hash)
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    end_sessions(conn, role, id).await?;
    if changed == 0 {
        return Ok(false);
    }
    let detail = serde_json::json!({ "login": login });
    audit_log::append(
        conn,
        actor,
        "reset_password",
        &Entity::account(role, id),
        &detail,
    )
    .await?;
    Ok(true)
}

/// Disables or enables an account and audits it (`disable_account`, `enable_account`) in the
/// caller's transaction; disabling ends its sessions. False, nothing audited, when there is
/// no such account, or when it would disable the last enabled staff account.
pub async fn set_disabled(
    conn: &mut AnyConnection,
    role: Role,
    id: i64,
    disabled: bool,
    actor: &Entity,
) -> sqlx::Result<bool> {
    // One statement, so two staff disabling each other at once cannot both win.
    let keep_one = if disabled && role == Role::Staff {
        " AND (SELECT COUNT(*) FROM staff WHERE disabled = 0 AND id <> $2) > 0"
    } else {
        ""
    };
    let changed = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {} SET disabled = $1 WHERE id = $2{keep_one}",
        table(role)
    )))
    .bind(disabled as i64)
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    let action = if disabled {
        end_sessions(conn, role, id).await?;
        "disable_account"
    } else {
        "enable_account"
    };
    let subject = Entity::account(role, id);
    audit_log::append(conn, actor, action, &subject, &serde_json::json!({})).await?;
    Ok(true)
}

async fn end_sessions(conn: &mut AnyConnection, role: Role, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE role = $1 AND user_id = $2")
        .bind(role.as_str())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// An account as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRow {
    pub id: i64,
    pub login: String,
    pub disabled: bool,
    pub created_at: i64,
}

pub async fn list(db: &super::Db, role: Role) -> sqlx::Result<Vec<AccountRow>> {
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, login, disabled, created_at FROM {} ORDER BY login",
        table(role)
    )))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, login, disabled, created_at)| AccountRow {
            id,
            login,
            disabled: disabled != 0,
            created_at,
        })
        .collect())
}

/// Lets a respondent answer for a network.
pub async fn link_network(
    conn: &mut AnyConnection,
    respondent_id: i64,
    network_id: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO respondent_networks (respondent_id, network_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(respondent_id)
        .bind(network_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn generated_passwords_are_long_and_unambiguous() {
        let a = generate_password();
        let b = generate_password();
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
    }

    #[test]
    fn logins_are_plain() {
        assert!(valid_login("tanaka.h"));
        assert!(!valid_login("ab"));
        assert!(!valid_login("田中"));
        assert!(!valid_login("a b c"));
    }
}
