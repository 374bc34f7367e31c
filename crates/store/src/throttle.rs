//! Login throttling per account and per client address, in the database so that it holds
//! across app servers.
//!
//! An attempt is written down before the password is checked, and only then are the other
//! attempts counted: of any number of parallel attempts, the last to count sees every other
//! one that went on, so no more than the limit ever reach the password check. An attempt
//! refused for the limit is taken back (waiting out the window is enough); a failed one stays
//! as a failure; a successful one forgets the account's failures and its own address entry.

use super::Db;

pub const WINDOW_SECONDS: i64 = 15 * 60;
pub const MAX_PER_LOGIN: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 20;

/// One sign-in attempt, written down in both scopes.
pub struct Attempt {
    login_scope: String,
    /// The rows of this attempt: (login scope, address scope).
    rows: (i64, i64),
}

/// What became of [`take`].
pub enum Taken {
    /// Go on and check the password.
    Allowed(Attempt),
    /// A scope is past its limit: seconds until another attempt is allowed.
    Refused { wait: i64 },
}

/// Writes the attempt down in both scopes and decides whether it may go on.
pub async fn take(db: &Db, login_scope: &str, address_scope: &str) -> sqlx::Result<Taken> {
    let now = super::now();
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(now - WINDOW_SECONDS)
        .execute(db)
        .await?;
    let mut rows = [0; 2];
    for (row, scope) in rows.iter_mut().zip([login_scope, address_scope]) {
        *row = sqlx::query_scalar(
            "INSERT INTO login_failures (scope, at) VALUES ($1, $2) RETURNING id",
        )
        .bind(scope)
        .bind(now)
        .fetch_one(db)
        .await?;
    }
    let mut wait = None;
    for ((scope, max), own) in [
        (login_scope, MAX_PER_LOGIN),
        (address_scope, MAX_PER_ADDRESS),
    ]
    .into_iter()
    .zip(rows)
    {
        // The other attempts in the window, newest first.
        let times: Vec<i64> = sqlx::query_scalar(
            "SELECT at FROM login_failures WHERE scope = $1 AND at > $2 AND id <> $3
             ORDER BY at DESC",
        )
        .bind(scope)
        .bind(now - WINDOW_SECONDS)
        .bind(own)
        .fetch_all(db)
        .await?;
        if times.len() as i64 >= max {
            // Allowed again when the oldest attempt that keeps the count at the limit leaves
            // the window.
            let until = times[(max - 1) as usize] + WINDOW_SECONDS;
            wait = Some(wait.map_or(until - now, |w: i64| w.max(until - now)).max(1));
        }
    }
    match wait {
        Some(wait) => {
            forget(db, &rows).await?;
            Ok(Taken::Refused { wait })
        }
        None => Ok(Taken::Allowed(Attempt {
            login_scope: login_scope.to_string(),
            rows: (rows[0], rows[1]),
        })),
    }
}

/// The password was right: the account's failures are forgotten, and this attempt with them.
pub async fn succeeded(db: &Db, attempt: Attempt) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE scope = $1")
        .bind(&attempt.login_scope)
        .execute(db)
        .await?;
    forget(db, &[attempt.rows.1]).await
}

async fn forget(db: &Db, rows: &[i64]) -> sqlx::Result<()> {
    for id in rows {
        sqlx::query("DELETE FROM login_failures WHERE id = $1")
            .bind(id)
            .execute(db)
            .await?;
    }
    Ok(())
}
