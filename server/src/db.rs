//! Connecting to the database, migrating it, and filling a new one.

use std::path::Path;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

/// Which database a `DATABASE_URL` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres:// (got {url:?})")
        }
    }
}

/// Opens a pool; a SQLite file (and its folder), or a PostgreSQL database on a server that
/// answers, is created when absent, so a new installation needs no manual step.
pub async fn connect(url: &str) -> anyhow::Result<AnyPool> {
    use sqlx::migrate::MigrateDatabase;
    sqlx::any::install_default_drivers();
    let backend = Backend::of(url)?;
    let url = match backend {
        Backend::Sqlite => sqlite_url(url)?,
        Backend::Postgres => {
            // Creating needs a right the account may lack; then connecting says what is wrong.
            if !sqlx::Any::database_exists(url).await.unwrap_or(true) {
                sqlx::Any::create_database(url)
                    .await
                    .with_context(|| "could not create the PostgreSQL database")?;
            }
            url.to_string()
        }
    };
    let options: AnyConnectOptions = url.parse().with_context(|| "invalid DATABASE_URL")?;
    let pool = AnyPoolOptions::new()
        .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
        // A request waits at most this long for a connection, then fails cleanly.
        .acquire_timeout(std::time::Duration::from_secs(10))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // Per connection: enforce references, wait for the writer instead of failing.
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .with_context(|| "could not connect to the database")?;
    if backend == Backend::Sqlite {
        pool.execute("PRAGMA journal_mode = WAL").await?;
    }
    Ok(pool)
}

/// Adds `mode=rwc` (create if missing) and creates the file's folder.
fn sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// Brings the schema up to date with the migrations of the pool's backend.
pub async fn migrate(pool: &AnyPool, url: &str) -> anyhow::Result<()> {
    match Backend::of(url)? {
        Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(pool).await?,
        Backend::Postgres => sqlx::migrate!("migrations/postgres").run(pool).await?,
    }
    let mut conn = pool.acquire().await?;
    store::editions::ensure_builtin(&mut conn).await?;
    Ok(())
}

/// Reads and checks the edition folders compiled in (questionnaires, previous keys, chart
/// registries): an invalid one stops the server before it starts, naming the file and the
/// place (`editions/2014/questionnaire.toml: section services › group diseases › item
/// diabetes: unknown kind "dice"`).
pub fn check_editions() -> anyhow::Result<()> {
    let invalid = |e: survey::editions::EditionError| anyhow::anyhow!("invalid edition: {e}");
    survey::editions::builtin().map_err(invalid)?;
    charts::builtin_registries().map_err(invalid)?;
    Ok(())
}

/// Checks the editions, connects, migrates, and loads the 2012 dataset into a database that
/// has no networks yet.
pub async fn prepare(url: &str) -> anyhow::Result<AnyPool> {
    check_editions()?;
    let pool = connect(url).await?;
    prepare_pool(&pool, url).await?;
    Ok(pool)
}

/// Migrates a connected database and loads the 2012 dataset if it has no networks yet.
pub async fn prepare_pool(pool: &AnyPool, url: &str) -> anyhow::Result<()> {
    migrate(pool, url).await?;
    if store::networks::count(pool).await? == 0 {
        let report = crate::import::load_2012(pool).await?;
        tracing::info!(networks = report.networks, unknown = ?report.import.unknown, "loaded the 2012 dataset");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_backends() {
        assert_eq!(Backend::of("sqlite://data/x.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert_eq!(
            Backend::of("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::of("mysql://u@h/db").is_err());
    }

    #[test]
    fn sqlite_urls_create_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/renkei.db");
        let url = sqlite_url(&format!("sqlite://{}", path.display())).unwrap();
        assert_eq!(url, format!("sqlite://{}?mode=rwc", path.display()));
        assert!(path.parent().unwrap().is_dir());
        assert_eq!(
            sqlite_url("sqlite::memory:").unwrap(),
            "sqlite://:memory:?mode=rwc"
        );
        assert_eq!(
            sqlite_url("sqlite://a.db?mode=ro").unwrap(),
            "sqlite://a.db?mode=ro"
        );
    }
}
