//! The append-only audit log (the database refuses updates and deletes), and its reading in
//! words: ids resolved into logins and names in a few batched queries, the words themselves
//! from `survey::audit`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use sqlx::AnyConnection;
use survey::audit::{Action, Entry as Readable, Names, Party};

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
    /// The audit log itself (its export).
    AuditLog,
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

    /// A stored name read back (`staff:1`); `None` for a name no code writes.
    pub fn parse(stored: &str) -> Option<Entity> {
        let number = |id: &str| id.parse().ok();
        Some(match stored.split_once(':') {
            Some(("staff", id)) => Entity::Staff(number(id)?),
            Some(("respondent", id)) => Entity::Respondent(number(id)?),
            Some(("network", id)) => Entity::Network(number(id)?),
            Some(("edition", id)) => Entity::Edition(id.to_string()),
            None if stored == "responses" => Entity::Responses,
            None if stored == "audit_log" => Entity::AuditLog,
            None if stored == "cli" => Entity::Cli,
            None if stored == "system" => Entity::System,
            _ => return None,
        })
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
            Entity::AuditLog => f.write_str("audit_log"),
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
    // An action without words would reach staff as a bare key: every test that appends it fails.
    debug_assert!(
        Action::from_key(action).is_some(),
        "audit action {action:?} has no words in survey::audit::Action"
    );
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

/// Which entries to read: exact actor and action, a network by part of its name, times in
/// `[from, until)`.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub network: Option<String>,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

/// `text` as a LIKE pattern that matches it anywhere, its wildcards taken literally.
fn contains_pattern(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{}%", escaped.to_lowercase())
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
                          AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4)
                          AND ($5 IS NULL OR subject IN (
                              SELECT 'network:' || CAST(id AS TEXT) FROM networks
                              WHERE LOWER(name) LIKE $5 ESCAPE '\\' OR LOWER(nickname) LIKE $5 ESCAPE '\\'))";
    let network = filter.network.as_deref().map(contains_pattern);
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM audit_log {WHERE}"
    )))
    .bind(filter.actor.as_deref())
    .bind(filter.action.as_deref())
    .bind(filter.from)
    .bind(filter.until)
    .bind(network.as_deref())
    .fetch_one(db)
    .await?;
    let rows: Vec<(i64, i64, String, String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, at, actor, action, subject, detail FROM audit_log {WHERE} ORDER BY id DESC LIMIT $6 OFFSET $7"
    )))
    .bind(filter.actor.as_deref())
    .bind(filter.action.as_deref())
    .bind(filter.from)
    .bind(filter.until)
    .bind(network.as_deref())
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

/// Ids the entries name, gathered so each kind is looked up once.
#[derive(Default)]
struct Wanted {
    staff: BTreeSet<i64>,
    respondents: BTreeSet<i64>,
    networks: BTreeSet<i64>,
    editions: BTreeSet<String>,
}

impl Wanted {
    fn entity(&mut self, entity: &Entity) {
        match entity {
            Entity::Staff(id) => {
                self.staff.insert(*id);
            }
            Entity::Respondent(id) => {
                self.respondents.insert(*id);
            }
            Entity::Network(id) => {
                self.networks.insert(*id);
            }
            Entity::Edition(_)
            | Entity::Responses
            | Entity::AuditLog
            | Entity::Cli
            | Entity::System => {}
        }
    }
}

/// The logins of the log's people, and the names its entries refer to.
#[derive(Default)]
struct Resolved {
    staff: BTreeMap<i64, String>,
    respondents: BTreeMap<i64, String>,
    names: Names,
}

impl Resolved {
    fn party(&self, stored: &str) -> Party {
        let login = |map: &BTreeMap<i64, String>, id| map.get(&id).cloned();
        match Entity::parse(stored) {
            Some(Entity::Staff(id)) => Party::Account {
                role: Role::Staff,
                login: login(&self.staff, id),
            },
            Some(Entity::Respondent(id)) => Party::Account {
                role: Role::Respondent,
                login: login(&self.respondents, id),
            },
            Some(Entity::Network(id)) => Party::Network(self.names.networks.get(&id).cloned()),
            Some(Entity::Edition(id)) => Party::Edition(id),
            Some(Entity::Responses) => Party::Responses,
            Some(Entity::AuditLog) => Party::AuditLog,
            Some(Entity::Cli) => Party::Cli,
            Some(Entity::System) | None => Party::System,
        }
    }
}

/// `id → text` for every id of `ids` in `table` (one statement per 500 ids).
async fn names_of(
    db: &super::Db,
    sql: &str,
    ids: &BTreeSet<i64>,
) -> sqlx::Result<BTreeMap<i64, String>> {
    let ids: Vec<i64> = ids.iter().copied().collect();
    let mut found = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!("{sql} IN ({list})")));
        for id in chunk {
            query = query.bind(*id);
        }
        let rows: Vec<(i64, String)> = query.fetch_all(db).await?;
        found.extend(rows);
    }
    Ok(found)
}

/// Looks up every id `wanted` holds: one query per kind, one per edition whose items are named.
async fn resolve(db: &super::Db, wanted: &Wanted) -> sqlx::Result<Resolved> {
    let mut names = Names {
        networks: names_of(
            db,
            "SELECT id, name FROM networks WHERE id",
            &wanted.networks,
        )
        .await?,
        ..Names::default()
    };
    for id in &wanted.editions {
        if let Some(edition) = super::editions::definition(db, id).await? {
            names.editions.insert(id.clone(), edition);
        }
    }
    Ok(Resolved {
        staff: names_of(db, "SELECT id, login FROM staff WHERE id", &wanted.staff).await?,
        respondents: names_of(
            db,
            "SELECT id, login FROM respondents WHERE id",
            &wanted.respondents,
        )
        .await?,
        names,
    })
}

/// Entries in words: who by login, what was done, on what by name, and the detail.
pub async fn in_words(db: &super::Db, entries: Vec<Entry>) -> sqlx::Result<Vec<Readable>> {
    let mut wanted = Wanted::default();
    let details: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| serde_json::from_str(&e.detail).unwrap_or_default())
        .collect();
    for (e, detail) in entries.iter().zip(&details) {
        for stored in [&e.actor, &e.subject] {
            if let Some(entity) = Entity::parse(stored) {
                wanted.entity(&entity);
            }
        }
        // Items are named from their edition's questionnaire; a new respondent's networks by name.
        if let Some(edition) = detail.get("edition").and_then(|v| v.as_str()) {
            if matches!(
                Action::from_key(&e.action),
                Some(Action::SaveResponse | Action::EditionRevise)
            ) {
                wanted.editions.insert(edition.to_string());
            }
        }
        if let Some(Action::EditionRevise) = Action::from_key(&e.action) {
            if let Some(Entity::Edition(id)) = Entity::parse(&e.subject) {
                wanted.editions.insert(id);
            }
        }
        let networks = detail.get("networks").and_then(|v| v.as_array());
        wanted
            .networks
            .extend(networks.into_iter().flatten().filter_map(|v| v.as_i64()));
    }
    let resolved = resolve(db, &wanted).await?;
    Ok(entries
        .into_iter()
        .zip(details)
        .map(|(e, detail)| {
            let action = Action::from_key(&e.action);
            Readable {
                id: e.id,
                at: super::public::japan_date_time(e.at),
                who: resolved.party(&e.actor).words(),
                action: action.map_or_else(|| survey::audit::OTHER_ACTION.clone(), Action::label),
                subject: resolved.party(&e.subject).words(),
                detail: action
                    .map(|a| survey::audit::detail(a, &detail, &resolved.names))
                    .unwrap_or_default(),
            }
        })
        .collect())
}

/// The people the log names, for the filter menu: `(stored actor, words)`, in the words' order.
pub async fn people(
    db: &super::Db,
    actors: Vec<String>,
) -> sqlx::Result<Vec<(String, survey::i18n::Label)>> {
    let mut wanted = Wanted::default();
    for actor in &actors {
        if let Some(entity) = Entity::parse(actor) {
            wanted.entity(&entity);
        }
    }
    let resolved = resolve(db, &wanted).await?;
    let mut people: Vec<_> = actors
        .into_iter()
        .map(|a| {
            let words = resolved.party(&a).words();
            (a, words)
        })
        .collect();
    people.sort_by(|a, b| a.1.ja.cmp(&b.1.ja));
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_read_back() {
        for entity in [
            Entity::Staff(1),
            Entity::Respondent(2),
            Entity::Network(155),
            Entity::Edition("2012".into()),
            Entity::Responses,
            Entity::AuditLog,
            Entity::Cli,
            Entity::System,
        ] {
            assert_eq!(Entity::parse(&entity.to_string()), Some(entity));
        }
        assert_eq!(Entity::parse("staff:one"), None);
        assert_eq!(Entity::parse("robot"), None);
    }

    #[test]
    fn a_network_search_takes_wildcards_literally() {
        assert_eq!(contains_pattern("あじさい"), "%あじさい%");
        assert_eq!(contains_pattern("100%_A\\"), "%100\\%\\_a\\\\%");
    }
}
