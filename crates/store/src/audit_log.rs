//! The append-only audit log (the database refuses updates and deletes).

use std::fmt;

use sqlx::AnyConnection;

use crate::accounts::Role;

/// Who acted, or what an action was on, as the log stores it (`staff:1`, `network:155`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entity {
    Staff(i64),
    Respondent(i64),
    Network(i64),
    Edition(String),
    /// Every response of an edition (exports).
    Responses,
    /// The server's command line (`server admin …`).
    Cli,
    /// The server itself (e.g. loading the bundled dataset into a new database).
    System,
}

impl Entity {
    /// The account `id` of `role`'s table.
    pub fn account(role: Role, id: i64) -> Entity {
        match role {
            Role::Respondent => Entity::Respondent(id),
            Role::Staff => Entity::Staff(id),
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entity::Staff(id) => write!(f, "staff:{id}"),
            Entity::Respondent(id) => write!(f, "respondent:{id}"),
            Entity::Network(id) => write!(f, "network:{id}"),
            Entity::Edition(id) => write!(f, "edition:{id}"),
            Entity::Responses => f.write_str("responses"),
            Entity::Cli => f.write_str("cli"),
            Entity::System => f.write_str("system"),
        }
    }
}

/// Appends one entry inside the caller's transaction.
pub async fn append(
    conn: &mut AnyConnection,
    actor: &Entity,
    action: &str,
    subject: &Entity,
    detail: &serde_json::Value,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(super::now())
    .bind(actor.to_string())
    .bind(action)
    .bind(subject.to_string())
    .bind(detail.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// One entry as the console shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// Which entries to read: exact actor and action, times in `[from, until)`.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

/// The matching entries, newest first, `limit` from `offset`, and how many match.
pub async fn read(
    db: &super::Db,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Entry>, i64)> {
    // Absent filters bind NULL, so one statement serves every combination.
    const WHERE: &str = "WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action = $2)
                          AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4)";
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM audit_log {WHERE}"
    )))
    .bind(filter.actor.as_deref())
    .bind(filter.action.as_deref())
    .bind(filter.from)
    .bind(filter.until)
    .fetch_one(db)
    .await?;
    let rows: Vec<(i64, i64, String, String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, at, actor, action, subject, detail FROM audit_log {WHERE} ORDER BY id DESC LIMIT $5 OFFSET $6"
    )))
    .bind(filter.actor.as_deref())
    .bind(filter.action.as_deref())
    .bind(filter.from)
    .bind(filter.until)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let entries = rows
        .into_iter()
        .map(|(id, at, actor, action, subject, detail)| Entry {
            id,
            at,
            actor,
            action,
            subject,
            detail,
        })
        .collect();
    Ok((entries, total))
}

/// The actions and actors the log holds, for the filter menus.
pub async fn distinct(db: &super::Db) -> sqlx::Result<(Vec<String>, Vec<String>)> {
    let actions = sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
        .fetch_all(db)
        .await?;
    let actors = sqlx::query_scalar("SELECT DISTINCT actor FROM audit_log ORDER BY actor")
        .fetch_all(db)
        .await?;
    Ok((actions, actors))
}
