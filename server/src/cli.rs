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
            password_stdin,
        } => {
            let (password, generated) = password(password_stdin)?;
            let mut tx = pool.begin().await?;
            let id = accounts::create(&mut tx, Role::Respondent, &login, &password).await?;
            for no in &networks {
                let network_id: i64 =
                    sqlx::query_scalar("SELECT id FROM networks WHERE report_no = $1")
                        .bind(no)
                        .fetch_optional(&mut *tx)
                        .await?
                        .with_context(|| format!("no network has report number {no}"))?;
                accounts::link_network(&mut tx, id, network_id).await?;
            }
            let detail = serde_json::json!({ "login": login, "networks": networks });
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
                "loaded {} networks; report spellings with no questionnaire item: {:?}",
                report.networks, report.unmapped
            );
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
