//! `server admin backup` and `server admin restore`: the whole database to one file and back.
//! SQLite is copied online with `VACUUM INTO` (a consistent snapshot while the server runs)
//! and restored by putting the file in place (the server stopped); PostgreSQL goes through
//! `pg_dump --format=custom` and `pg_restore --clean` (its client tools on the PATH).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use sqlx::AnyPool;

use crate::db::Backend;

/// Every table of Renkei's schema (the migrations' own included), in the order a summary
/// lists them.
pub const TABLES: [&str; 16] = [
    "editions",
    "networks",
    "responses",
    "respondents",
    "respondent_networks",
    "staff",
    "sessions",
    "login_failures",
    "invitations",
    "audit_log",
    "network_notes",
    "data_generation",
    "network_changes",
    "chart_sums",
    "chart_protection",
    "_sqlx_migrations",
];

/// Rows per table of a database, for the person running the command.
pub type Summary = Vec<(&'static str, i64)>;

/// Rows per table, of the tables the database has (an older backup lacks the newest).
pub async fn summary(pool: &AnyPool) -> Summary {
    let mut out = vec![];
    for table in TABLES {
        let query = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        if let Ok(rows) = sqlx::query_scalar::<_, i64>(query).fetch_one(pool).await {
            out.push((table, rows));
        }
    }
    out
}

/// Writes the database to `out` (which must not exist yet) and says what it holds.
pub async fn backup(pool: &AnyPool, url: &str, out: &Path) -> anyhow::Result<Summary> {
    if out.exists() {
        bail!("{} exists already: choose a new file", out.display());
    }
    match Backend::of(url)? {
        Backend::Sqlite => {
            sqlx::query("VACUUM INTO $1")
                .bind(out.to_string_lossy().into_owned())
                .execute(pool)
                .await
                .context("SQLite could not write the backup")?;
        }
        Backend::Postgres => {
            run(std::process::Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(out)
                .arg(url))?;
        }
    }
    Ok(summary(pool).await)
}

/// Replaces the database with a backup and says what it holds now. Refused when the
/// database holds networks, unless `replace`. The server must be stopped (SQLite's file is
/// swapped under it); it migrates an older backup forward when it next starts.
pub async fn restore(url: &str, file: &Path, replace: bool) -> anyhow::Result<Summary> {
    if !file.is_file() {
        bail!("no backup at {}", file.display());
    }
    let backend = Backend::of(url)?;
    if !replace && holds_networks(url).await {
        bail!("the database holds data: add --replace to overwrite it with the backup");
    }
    match backend {
        Backend::Sqlite => {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let backup = format!("sqlite://{}?mode=ro", file.display());
            let mut conn = sqlx::AnyConnection::connect(&backup).await?;
            let is_renkei = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM editions")
                .fetch_one(&mut conn)
                .await
                .is_ok();
            conn.close().await?;
            if !is_renkei {
                bail!("{} is not a Renkei database", file.display());
            }
            let target = sqlite_path(url);
            let staged = PathBuf::from(format!("{}.restoring", target.display()));
            std::fs::copy(file, &staged).context("could not copy the backup")?;
            std::fs::File::open(&staged)?.sync_all()?;
            // The old database's write-ahead log must not be replayed onto the new file.
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
            }
            std::fs::rename(&staged, &target).context("could not put the backup in place")?;
        }
        Backend::Postgres => {
            // Creates the database when it is missing.
            crate::db::connect(url).await?.close().await;
            run(std::process::Command::new("pg_restore")
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                ])
                .arg(url)
                .arg(file))?;
        }
    }
    let pool = crate::db::connect(url).await?;
    let rows = summary(&pool).await;
    pool.close().await;
    Ok(rows)
}

/// Whether the database at `url` exists and has networks.
async fn holds_networks(url: &str) -> bool {
    if Backend::of(url).ok() == Some(Backend::Sqlite) && !sqlite_path(url).exists() {
        return false;
    }
    let Ok(pool) = crate::db::connect(url).await else {
        return false;
    };
    let held = store::networks::count(&pool).await.is_ok_and(|n| n > 0);
    pool.close().await;
    held
}

/// The file a `sqlite://` URL names.
fn sqlite_path(url: &str) -> PathBuf {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    PathBuf::from(rest.split_once('?').map_or(rest, |(path, _)| path))
}

/// Runs a PostgreSQL client tool (the command line waits for it); its own message when it
/// fails.
fn run(command: &mut std::process::Command) -> anyhow::Result<()> {
    let name = command.get_program().to_string_lossy().into_owned();
    let output = command
        .output()
        .with_context(|| format!("could not run {name}: install PostgreSQL's client tools"))?;
    if !output.status.success() {
        bail!(
            "{name} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
