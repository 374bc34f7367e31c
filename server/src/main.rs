//! The Renkei server: `server` serves the site; `server admin …` administers it.

use clap::Parser;
use leptos::config::get_configuration;

use server::config::{AdminCommand, Cli, Command};
use server::{cli, db, http};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let Cli { config, command } = Cli::parse();
    server::logging::init(config.log_format, &config.log)?;

    match command.unwrap_or(Command::Serve) {
        Command::Precompress => {
            let written =
                server::assets::precompress_site(&get_configuration(None)?.leptos_options)?;
            println!("wrote {written} compressed copies");
            Ok(())
        }
        // Restoring replaces the database: nothing may be migrated or loaded into it first.
        Command::Admin(AdminCommand::Restore { file, replace }) => {
            let rows = server::backup::restore(&config.database_url, &file, replace).await?;
            cli::print_summary("restored", &rows);
            Ok(())
        }
        Command::Admin(admin) => {
            let pool = db::prepare(&config.database_url).await?;
            cli::run(admin, &pool, &config.database_url).await
        }
        Command::Serve => {
            let pool = db::prepare(&config.database_url).await?;
            let mut options = get_configuration(None)?.leptos_options;
            if let Some(bind) = config.bind {
                options.site_addr = bind;
            }
            let addr = options.site_addr;
            server::assets::precompress_in_background(&options);
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!("listening on http://{addr}");
            let chart_cache = store::charts::ChartCache::answering_within(
                config.min_group,
                store::charts::FRESH_WITHIN,
            );
            // The public charts are computed before anyone asks: from nothing stored, at
            // scale, protecting them takes a while.
            let (warming, warming_pool) = (chart_cache.clone(), pool.clone());
            tokio::spawn(async move {
                let filter = charts::ChartFilter::default();
                match store::charts::charts(&warming_pool, &warming, &filter, false).await {
                    Ok(_) | Err(store::Error::NotFound) => {}
                    Err(e) => tracing::warn!("charts not computed at start: {e}"),
                }
            });
            // Client addresses feed login throttling.
            let app = http::router_with_charts(options, pool.clone(), chart_cache)
                .into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown_signal())
                .await?;
            pool.close().await;
            tracing::info!("stopped");
            Ok(())
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM, letting requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
