//! Login throttling per account and per client address, in the database so
//! that it holds across app servers.

use super::Db;

pub const WINDOW_SECONDS: i64 = 15 * 60;
pub const MAX_PER_LOGIN: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 20;

/// Seconds until another attempt is allowed, if any scope is over its limit.
pub async fn retry_after(
    db: &Db,
    login_scope: &str,
    address_scope: &str,
) -> sqlx::Result<Option<i64>> {
    let now = super::now();
    let since = now - WINDOW_SECONDS;
    let mut wait = None;
    for (scope, max) in [
        (login_scope, MAX_PER_LOGIN),
        (address_scope, MAX_PER_ADDRESS),
    ] {
        let times: Vec<i64> = sqlx::query_scalar(
            "SELECT at FROM login_failures WHERE scope = $1 AND at > $2 ORDER BY at DESC",
        )
        .bind(scope)
        .bind(since)
        .fetch_all(db)
        .await?;
        if times.len() as i64 >= max {
            // Allowed again when the oldest failure that keeps the count at the limit leaves the window.
            let until = times[(max - 1) as usize] + WINDOW_SECONDS;
            wait = Some(wait.map_or(until - now, |w: i64| w.max(until - now)).max(1));
        }
    }
    Ok(wait)
}

pub async fn record_failure(db: &Db, scopes: &[&str]) -> sqlx::Result<()> {
    let now = super::now();
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(now - WINDOW_SECONDS)
        .execute(db)
        .await?;
    for scope in scopes {
        sqlx::query("INSERT INTO login_failures (scope, at) VALUES ($1, $2)")
            .bind(*scope)
            .bind(now)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// A successful login forgets the account's failures (not the address's).
pub async fn clear(db: &Db, login_scope: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE scope = $1")
        .bind(login_scope)
        .execute(db)
        .await?;
    Ok(())
}
