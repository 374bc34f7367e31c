//! `server admin …`: administering an installation from the shell.

use std::io::BufRead;

use anyhow::Context;
use sqlx::AnyPool;
use store::accounts::{self, Role};
use survey::i18n::Lang;

use crate::config::AdminCommand;
use crate::import::ImportReport;

/// Runs a command on a prepared database (`url` is where it is).
pub async fn run(command: AdminCommand, pool: &AnyPool, url: &str) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateStaff {
            login,
            password_stdin,
        } => {
            let (password, generated) = password(password_stdin)?;
            let mut tx = pool.begin().await?;
            let id = accounts::create(&mut tx, Role::Staff, &login, &password).await?;
            store::audit_log::append(
                &mut tx,
                &store::audit_log::Entity::Cli,
                "create_staff",
                &store::audit_log::Entity::Staff(id),
                &serde_json::json!({ "login": login }),
            )
            .await?;
            tx.commit().await?;
            report(&login, generated.then_some(password.as_str()));
        }
        AdminCommand::CreateRespondent {
            login,
            networks,
            network_ids,
            password_stdin,
        } => {
            let (password, generated) = password(password_stdin)?;
            let mut tx = pool.begin().await?;
            let id = accounts::create(&mut tx, Role::Respondent, &login, &password).await?;
            let by_report_no = networks.iter().map(|no| ("report_no", *no));
            let by_id = network_ids.iter().map(|id| ("id", *id));
            let mut linked = Vec::new();
            for (column, value) in by_report_no.chain(by_id) {
                let network_id: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT id FROM networks WHERE {column} = $1 AND removed_at IS NULL"
                )))
                .bind(value)
                .fetch_optional(&mut *tx)
                .await?
                .with_context(|| match column {
                    "id" => format!("no network has id {value}"),
                    _ => format!("no network has report number {value}"),
                })?;
                accounts::link_network(&mut tx, id, network_id).await?;
                linked.push(network_id);
            }
            let detail = serde_json::json!({ "login": login, "networks": linked });
            store::audit_log::append(
                &mut tx,
                &store::audit_log::Entity::Cli,
                "create_respondent",
                &store::audit_log::Entity::Respondent(id),
                &detail,
            )
            .await?;
            tx.commit().await?;
            report(&login, generated.then_some(password.as_str()));
        }
        AdminCommand::Import2012 => {
            let report = crate::import::load_2012(pool).await?;
            println!(
                "2012 dataset: {} networks, {} added",
                report.networks, report.added
            );
            print_import_report(&report.import);
            if !report.skipped.is_empty() {
                println!(
                    "left as they are (changed since they were imported): {}",
                    report.skipped.join(", ")
                );
            }
        }
        AdminCommand::Backup { out } => {
            let rows = crate::backup::backup(pool, url, &out).await?;
            print_summary(&format!("backed up to {}", out.display()), &rows);
        }
        AdminCommand::Restore { .. } => {
            anyhow::bail!("restore replaces the database: it runs before the database is prepared")
        }
    }
    Ok(())
}

/// What a backup or restore holds: rows per table.
pub fn print_summary(done: &str, rows: &crate::backup::Summary) {
    println!("{done}:");
    for (table, count) in rows {
        println!("  {table}: {count} rows");
    }
}

/// What the 2012 import could not take as it stands, in words (sections by their headings).
fn print_import_report(report: &ImportReport) {
    if !report.unmapped.is_empty() {
        let spellings: Vec<&str> = report.unmapped.iter().map(String::as_str).collect();
        println!(
            "report spellings with no questionnaire item: {}",
            spellings.join(", ")
        );
    }
    if !report.orphan_pages.is_empty() {
        println!(
            "detail pages (別添2) of no network in 別添1: {}",
            report.orphan_pages.join(", ")
        );
    }
    if !report.without_page.is_empty() {
        println!(
            "networks without a detail page: {}",
            report.without_page.join(", ")
        );
    }
    // By section in questionnaire order: answers imported, and those left unanswered because
    // the report's text lost their table column.
    println!("answers by section: imported / left unknown (the report's text lost their column)");
    let edition = survey::builtin_edition("2012").expect("the 2012 edition is built in");
    for section in &edition.sections {
        let count = |counts: &std::collections::BTreeMap<String, usize>| {
            counts.get(&section.key).copied().unwrap_or(0)
        };
        let (imported, unknown) = (count(&report.imported), count(&report.unknown));
        if imported + unknown > 0 {
            println!("  {}: {imported} / {unknown}", section.heading(Lang::En));
        }
    }
    if !report.url_notes.is_empty() {
        println!("公開URL entries that are not URLs (kept as staff notes on their networks):");
        for (no, note) in &report.url_notes {
            println!("  network {no}: {note}");
        }
    }
}

/// The password from standard input, or a generated one (and whether it was generated).
fn password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if !from_stdin {
        return Ok((accounts::generate_password(), true));
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok((line.trim_end_matches(['\r', '\n']).to_string(), false))
}

fn report(login: &str, generated: Option<&str>) {
    match generated {
        Some(password) => println!("created {login}; password (shown once): {password}"),
        None => println!("created {login}"),
    }
}
