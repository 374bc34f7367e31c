//! `server admin …`: administering an installation from the shell.

use std::io::BufRead;

use anyhow::Context;
use sqlx::AnyPool;
use store::accounts::{self, Role};

use crate::config::AdminCommand;

pub async fn run(command: AdminCommand, pool: &AnyPool) -> anyhow::Result<()> {
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
                "2012 dataset: {} networks, {} added; report spellings with no questionnaire item: {:?}",
                report.networks, report.added, report.unmapped
            );
            if !report.skipped.is_empty() {
                println!(
                    "left as they are (changed since they were imported): {}",
                    report.skipped.join(", ")
                );
            }
        }
    }
    Ok(())
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
