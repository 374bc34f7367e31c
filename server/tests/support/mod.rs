//! Test databases: every test gets its own fresh database, on SQLite (a temp
//! file) and on PostgreSQL (a new database on the server named by
//! TEST_DATABASE_URL, default 127.0.0.1:5432), dropped afterwards.

pub mod fixtures;
pub mod http;
pub mod queries;

use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::{AnyPool, Connection, Executor};

pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A fresh, migrated database and what it takes to clean it up.
pub struct TestDb {
    pub url: String,
    pub pool: AnyPool,
    cleanup: Cleanup,
}

enum Cleanup {
    File(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// Closes the pool and removes the database.
    pub async fn drop_db(self) {
        self.pool.close().await;
        if let Cleanup::Postgres { admin_url, name } = self.cleanup {
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("admin connection");
            admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await
                .expect("drop test database");
        }
    }
}

/// A new empty SQLite database file (not yet migrated).
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("renkei.db").display());
    let pool = server::db::connect(&url).await.expect("sqlite connects");
    TestDb {
        url,
        pool,
        cleanup: Cleanup::File(dir),
    }
}

/// A new empty PostgreSQL database. Fails loudly when no server is reachable:
/// the PostgreSQL tests are never skipped in silence.
pub async fn postgres() -> TestDb {
    sqlx::any::install_default_drivers();
    let admin_url =
        std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_POSTGRES.to_string());
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!(
        "renkei_test_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap_or_else(|e| {
        panic!("PostgreSQL is required for these tests: cannot connect to {admin_url} ({e}). Set TEST_DATABASE_URL or run scripts/test.sh, which provides one.")
    });
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let url = replace_database(&admin_url, &name);
    let pool = server::db::connect(&url).await.expect("postgres connects");
    TestDb {
        url,
        pool,
        cleanup: Cleanup::Postgres { admin_url, name },
    }
}

/// `postgres://u@h:5432/x?y` with the database `x` replaced.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Runs `test` against a fresh database of each backend.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::support::sqlite().await;
                ($body)(&db).await;
                db.drop_db().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::support::postgres().await;
                ($body)(&db).await;
                db.drop_db().await;
            }
        }
    };
}

#[test]
fn replaces_the_database_name() {
    assert_eq!(
        replace_database("postgres://p@h:5432/test", "x"),
        "postgres://p@h:5432/x"
    );
    assert_eq!(
        replace_database("postgres://p@h:5432", "x"),
        "postgres://p@h:5432/x"
    );
    assert_eq!(
        replace_database("postgres://p@h/test?sslmode=disable", "x"),
        "postgres://p@h/x?sslmode=disable"
    );
}
