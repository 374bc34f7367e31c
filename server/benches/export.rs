//! Staff export figures: fills a database with synthetic responses, then exports them as CSV
//! or XLSX exactly as the routes do, printing the time and the process's peak memory.
//! One phase per process, so each peak is that phase's own. `scripts/bench-export.sh` runs
//! them all; by hand:
//!
//! ```sh
//! cargo bench -p server --bench export -- generate sqlite:///tmp/renkei-bench.db 100000
//! cargo bench -p server --bench export -- csv sqlite:///tmp/renkei-bench.db
//! cargo bench -p server --bench export -- xlsx sqlite:///tmp/renkei-bench.db
//! ```

use std::time::Instant;

use app::i18n::Lang;
use futures::StreamExt;
use server::export::{csv_stream, write_xlsx, Layout};

/// The process's peak resident memory so far (VmHWM), in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    kib / 1024.0
}

async fn layout(pool: &sqlx::AnyPool) -> anyhow::Result<Layout> {
    let id = store::editions::current(pool)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no edition"))?;
    let edition = store::editions::definition(pool, &id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no definition"))?;
    Ok(Layout {
        edition,
        lang: Lang::Ja,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // `cargo bench` adds `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (phase, url) = match args.as_slice() {
        [phase, url, ..] => (phase.as_str(), url.as_str()),
        _ => anyhow::bail!("usage: export generate|csv|xlsx DATABASE_URL [COUNT]"),
    };
    let started = Instant::now();
    match phase {
        "generate" => {
            let count: u64 = args
                .get(2)
                .map(|c| c.parse())
                .transpose()?
                .unwrap_or(100_000);
            let pool = server::db::prepare(url).await?;
            let layout = layout(&pool).await?;
            const BATCH: u64 = 1000;
            for first in (0..count).step_by(BATCH as usize) {
                let mut tx = pool.begin().await?;
                server::synthetic::insert(
                    &mut tx,
                    &layout.edition,
                    first,
                    BATCH.min(count - first),
                )
                .await?;
                tx.commit().await?;
            }
            let responses: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM responses")
                .fetch_one(&pool)
                .await?;
            println!(
                "generate: {responses} responses in {:.1} s, peak {:.1} MiB",
                started.elapsed().as_secs_f64(),
                peak_mib()
            );
        }
        "csv" => {
            let pool = server::db::connect(url).await?;
            let layout = std::sync::Arc::new(layout(&pool).await?);
            let columns = layout.header().len();
            let mut stream = Box::pin(csv_stream(pool, layout));
            let (mut bytes, mut newlines) = (0usize, 0usize);
            while let Some(chunk) = stream.next().await {
                let chunk = chunk?;
                bytes += chunk.len();
                newlines += chunk.iter().filter(|b| **b == b'\n').count();
            }
            println!(
                "csv: {bytes} bytes ({columns} columns, {newlines} line breaks) in {:.1} s, peak {:.1} MiB",
                started.elapsed().as_secs_f64(),
                peak_mib()
            );
        }
        "xlsx" => {
            let pool = server::db::connect(url).await?;
            let layout = layout(&pool).await?;
            let runtime = tokio::runtime::Handle::current();
            let file =
                tokio::task::spawn_blocking(move || write_xlsx(pool, &layout, runtime)).await??;
            let bytes = file.metadata()?.len();
            println!(
                "xlsx: {bytes} bytes in {:.1} s, peak {:.1} MiB",
                started.elapsed().as_secs_f64(),
                peak_mib()
            );
        }
        other => anyhow::bail!("unknown phase {other}"),
    }
    Ok(())
}
