//! Chart speed with many responses: `cargo bench -p server --bench charts [-- COUNT]`.
//! Loads COUNT (default 100,000) synthetic responses into a scratch SQLite database and,
//! when one is reachable, a scratch PostgreSQL database (TEST_DATABASE_URL, default
//! 127.0.0.1:5432), then prints: every chart computed by an empty server with no stored
//! sums (every response read, decoded and summed, then every view computed and protected),
//! the same from the sums stored in the database, truly cold (an empty server reading the
//! stored sums and protection memo), after one save or reclassification the first request
//! (what a visitor waits for while answers come in) and the time until every chart is
//! current again (the server rebuilds only that network's atom and protects again the
//! families of values that changed), and one cached chart request over HTTP on loopback.

use std::time::{Duration, Instant};

use charts::ChartFilter;
use sqlx::{AnyPool, Connection, Executor};
use store::charts::{charts, ChartCache};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn fill(pool: &AnyPool, url: &str, count: usize) -> anyhow::Result<()> {
    server::db::prepare_pool(pool, url).await?;
    let edition = survey::builtin_edition("2012").expect("2012");
    const CHUNK: usize = 5_000;
    for start in (0..count).step_by(CHUNK) {
        let networks =
            server::synthetic::generate(&edition, CHUNK.min(count - start), start as u64);
        server::synthetic::load(pool, "2012", &networks, 1_000_000 + start as i64).await?;
    }
    Ok(())
}

/// One GET over a fresh loopback connection; the whole response is read.
async fn fetch(addr: std::net::SocketAddr, path: &str) -> anyhow::Result<usize> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await?;
    let mut body = Vec::new();
    stream.read_to_end(&mut body).await?;
    anyhow::ensure!(
        body.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&body[..body.len().min(200)])
    );
    Ok(body.len())
}

async fn measure(name: &str, pool: AnyPool, url: &str, count: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    fill(&pool, url, count).await?;
    println!(
        "{name}: loaded {count} synthetic responses (+154 from 2012) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let runs = |times: &[Duration]| times.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(", ");
    // An empty server, each time: first with nothing stored (every response read and
    // summed, every family of values protected), then reading the sums the previous
    // computation stored but protecting afresh, then with the stored protection memo too.
    let cases = [
        (false, false, "first computation (empty server, nothing stored: every response read, every family protected)"),
        (true, false, "cold, stored sums, protected afresh (empty server, no stored memo)"),
        (true, true, "truly cold (empty server, stored sums and protection memo)"),
    ];
    for (sums, memo, case) in cases {
        let mut cold = vec![];
        for _ in 0..3 {
            if !sums {
                sqlx::query("DELETE FROM chart_sums").execute(&pool).await?;
            }
            if !memo {
                sqlx::query("DELETE FROM chart_protection")
                    .execute(&pool)
                    .await?;
            }
            let cache = ChartCache::default();
            let t = Instant::now();
            let computed = charts(&pool, &cache, &ChartFilter::default(), false).await?;
            cold.push(t.elapsed());
            assert!(computed.len() >= 45);
            assert_eq!(cache.full_reads(), usize::from(!sums));
            assert_eq!(
                cache.families_solved() == 0,
                memo,
                "a stored memo leaves nothing to solve"
            );
        }
        println!(
            "{name}: every chart, {case}: median {} (runs: {})",
            ms(median(cold.clone())),
            runs(&cold)
        );
    }
    let bytes: i64 = sqlx::query_scalar("SELECT CAST(LENGTH(data) AS BIGINT) FROM chart_sums")
        .fetch_one(&pool)
        .await?;
    let memo: i64 = sqlx::query_scalar("SELECT CAST(LENGTH(data) AS BIGINT) FROM chart_protection")
        .fetch_one(&pool)
        .await?;
    println!("{name}: stored sums: {bytes} bytes; stored protection memo: {memo} bytes");

    // One server; each round one respondent's save (answers and disclosure), alternating with a
    // staff reclassification, through the store's own writes.
    // As the server runs: a request waits at most FRESH_WITHIN for the new figures.
    let cache = ChartCache::answering_within(3, store::charts::FRESH_WITHIN);
    charts(&pool, &cache, &ChartFilter::default(), false).await?;
    let solved_at_start = cache.families_solved();
    let edition = survey::builtin_edition("2012").expect("2012");
    let (mut after_save, mut after_classify, mut until_current) = (vec![], vec![], vec![]);
    for i in 0..6u64 {
        let mut conn = pool.acquire().await?;
        if i % 2 == 0 {
            let synthetic = &server::synthetic::generate(&edition, 1, 500_000 + i)[0];
            store::networks::put_response(
                &mut conn,
                1,
                "2012",
                &synthetic.answers,
                &synthetic.disclosure,
                survey::response::ResponseStatus::Submitted,
                i as i64,
            )
            .await?;
        } else {
            let operator = survey::geography::OperatorType::ALL[i as usize % 6];
            store::review::classify(
                &mut conn,
                2,
                Some(operator),
                false,
                &store::audit_log::Entity::Cli,
            )
            .await?;
        }
        drop(conn);
        let t = Instant::now();
        charts(&pool, &cache, &ChartFilter::default(), false).await?;
        if i % 2 == 0 {
            after_save.push(t.elapsed())
        } else {
            after_classify.push(t.elapsed())
        }
        cache.settled().await;
        charts(&pool, &cache, &ChartFilter::default(), false).await?;
        until_current.push(t.elapsed());
    }
    assert_eq!(
        cache.full_reads(),
        0,
        "the server started from the stored sums and reads only what changed"
    );
    println!(
        "{name}: families solved again over those {} changes: {}",
        after_save.len() + after_classify.len(),
        cache.families_solved() - solved_at_start
    );
    println!(
        "{name}: first request after one save (the previous figures if the new ones take longer than {} ms): median {} (runs: {})",
        store::charts::FRESH_WITHIN.as_millis(),
        ms(median(after_save.clone())),
        runs(&after_save)
    );
    println!(
        "{name}: first request after one reclassification (likewise): median {} (runs: {})",
        ms(median(after_classify.clone())),
        runs(&after_classify)
    );
    println!(
        "{name}: from a change until every chart is current (incremental sums, changed families protected again): median {} (runs: {})",
        ms(median(until_current.clone())),
        runs(&until_current)
    );

    let app = server::http::router_with_charts(
        leptos::config::LeptosOptions::builder()
            .output_name("renkei")
            .build(),
        pool.clone(),
        cache,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    let size = fetch(addr, "/charts/2.2-1.json").await?;
    let mut cached = vec![];
    for _ in 0..200 {
        let t = Instant::now();
        fetch(addr, "/charts/2.5-2.json").await?;
        cached.push(t.elapsed());
    }
    println!("{name}: one cached chart request (/charts/2.5-2.json, {size} bytes for 2.2-1) on loopback: median {}", ms(median(cached)));
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    sqlx::any::install_default_drivers();

    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let pool = server::db::connect(&url).await?;
    measure("SQLite", pool.clone(), &url, count).await?;
    pool.close().await;

    let admin_url = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match sqlx::AnyConnection::connect(&admin_url).await {
        Ok(mut admin) => {
            let name = format!("renkei_bench_{}", std::process::id());
            admin
                .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await?;
            let url = format!(
                "{}/{name}",
                admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(base, _)| base)
            );
            let pool = server::db::connect(&url).await?;
            let result = measure("PostgreSQL", pool.clone(), &url, count).await;
            pool.close().await;
            admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE {name} WITH (FORCE)"
                )))
                .await?;
            result?;
        }
        Err(e) => println!("PostgreSQL: skipped, no server at {admin_url} ({e})"),
    }
    Ok(())
}
