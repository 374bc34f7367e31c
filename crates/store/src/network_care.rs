//! Staff's care of networks: the queue of networks respondents registered (`needs_check`),
//! corrections, merging a duplicate into the network kept, and removal with a reason.
//! Each write is one transaction (the caller's) with its audit entry; a refused write
//! returns why and the caller rolls back whatever was begun.
//!
//! A removed network keeps its rows (its responses, links and history): `removed_at` takes
//! it out of every public list ([`crate::COUNTED`]) and its page answers 410 Gone. A merged
//! one is removed too, with `merged_into` pointing at the network kept; networks merged into
//! it before are pointed on, so `merged_into` always names the last network kept.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::{AnyConnection, Row};

use super::audit_log::{append, Entity};
use super::Db;
use survey::geography::OperatorType;

/// A network as staff see it on the care page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CareNetwork {
    pub id: i64,
    pub report_no: Option<i64>,
    pub name: String,
    pub nickname: String,
    pub prefecture: String,
    pub operator_type: Option<String>,
    pub created_at: i64,
    /// Registered by a respondent and not yet checked by staff.
    pub needs_check: bool,
    pub removed_at: Option<i64>,
    pub removed_reason: String,
    pub merged_into: Option<i64>,
    /// The login of the respondent who registered it, when one did.
    pub registered_by: Option<String>,
    /// The editions it has a response in, in order.
    pub editions: Vec<String>,
}

/// Every network, removed ones included, in report order.
pub async fn all(db: &Db) -> sqlx::Result<Vec<CareNetwork>> {
    let order = super::networks::REPORT_ORDER;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT n.id, n.report_no, n.name, n.nickname, n.prefecture, n.operator_type, n.created_at,
                n.needs_check, n.removed_at, n.removed_reason, n.merged_into
         FROM networks n ORDER BY {order}"
    )))
    .fetch_all(db)
    .await?;
    // Who registered which network: the respondent named by the registration's audit entry.
    let registered: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.subject, s.login FROM audit_log a
         JOIN respondents s ON a.actor = 'respondent:' || CAST(s.id AS TEXT)
         WHERE a.action = 'register_network' ORDER BY a.id",
    )
    .fetch_all(db)
    .await?;
    let registered: BTreeMap<String, String> = registered.into_iter().collect();
    let answered: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.network_id, r.edition_id FROM responses r
         JOIN editions e ON e.id = r.edition_id ORDER BY e.position",
    )
    .fetch_all(db)
    .await?;
    let mut editions: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (network, edition) in answered {
        editions.entry(network).or_default().push(edition);
    }
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            Ok(CareNetwork {
                id,
                report_no: row.try_get("report_no")?,
                name: row.try_get("name")?,
                nickname: row.try_get("nickname")?,
                prefecture: row.try_get("prefecture")?,
                operator_type: row.try_get("operator_type")?,
                created_at: row.try_get("created_at")?,
                needs_check: row.try_get::<i64, _>("needs_check")? != 0,
                removed_at: row.try_get("removed_at")?,
                removed_reason: row.try_get("removed_reason")?,
                merged_into: row.try_get("merged_into")?,
                registered_by: registered.get(&Entity::Network(id).to_string()).cloned(),
                editions: editions.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

/// A network taken out of the public lists, as its public page tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    /// The network it was merged into (id and name), while that one is listed.
    pub kept: Option<(i64, String)>,
}

/// Whether network `id` was removed (or merged into another); `None` when it is listed or
/// does not exist.
pub async fn removal(db: &Db, id: i64) -> sqlx::Result<Option<Removal>> {
    // Removed at; the network kept: id, name, removed at.
    type Row = (Option<i64>, Option<i64>, Option<String>, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT n.removed_at, k.id, k.name, k.removed_at FROM networks n
         LEFT JOIN networks k ON k.id = n.merged_into WHERE n.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(match row {
        Some((Some(_), kept_id, kept_name, kept_removed)) => Some(Removal {
            kept: match (kept_id, kept_name, kept_removed) {
                (Some(id), Some(name), None) => Some((id, name)),
                _ => None,
            },
        }),
        _ => None,
    })
}

/// Why staff's change to a network was not made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// No such network.
    Missing,
    /// The network was already removed (or merged).
    Removed,
    /// A network cannot be merged into itself.
    Itself,
    /// The network to keep was removed: nothing can be merged into it.
    IntoRemoved,
}

/// A network's name and whether it is removed; `None` when it does not exist.
async fn standing(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<(String, bool)>> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT name, removed_at FROM networks WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(name, removed)| (name, removed.is_some())))
}

/// The listed network's name, or why it cannot be changed.
async fn listed(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Result<String, Refused>> {
    Ok(match standing(conn, id).await? {
        None => Err(Refused::Missing),
        Some((_, true)) => Err(Refused::Removed),
        Some((name, false)) => Ok(name),
    })
}

/// Puts a network a respondent registered in the staff's queue.
pub async fn queue_for_check(conn: &mut AnyConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE networks SET needs_check = 1 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes a registered network out of the queue: staff looked at it and it stays as it is.
pub async fn mark_checked(
    conn: &mut AnyConnection,
    id: i64,
    actor: &Entity,
) -> sqlx::Result<Result<(), Refused>> {
    let name = match listed(conn, id).await? {
        Ok(name) => name,
        Err(refused) => return Ok(Err(refused)),
    };
    sqlx::query("UPDATE networks SET needs_check = 0 WHERE id = $1 AND needs_check <> 0")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let detail = serde_json::json!({ "name": name });
    append(conn, actor, "check_network", &Entity::Network(id), &detail).await?;
    Ok(Ok(()))
}

/// Corrects a network's prefecture (one of [`survey::geography::PREFECTURES`], checked by
/// the caller) and operator type.
pub async fn correct(
    conn: &mut AnyConnection,
    id: i64,
    prefecture: &str,
    operator: Option<OperatorType>,
    actor: &Entity,
) -> sqlx::Result<Result<(), Refused>> {
    let before: Option<(String, Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT prefecture, operator_type, removed_at FROM networks WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let (old_prefecture, old_operator) = match before {
        None => return Ok(Err(Refused::Missing)),
        Some((_, _, Some(_))) => return Ok(Err(Refused::Removed)),
        Some((p, o, None)) => (p, o),
    };
    let operator = operator.map(OperatorType::key);
    sqlx::query("UPDATE networks SET prefecture = $1, operator_type = $2 WHERE id = $3")
        .bind(prefecture)
        .bind(operator)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let detail = serde_json::json!({
        "prefecture": [old_prefecture, prefecture],
        "operator_type": [old_operator, operator],
    });
    append(
        conn,
        actor,
        "correct_network",
        &Entity::Network(id),
        &detail,
    )
    .await?;
    Ok(Ok(()))
}

/// What a merge moved to the network kept, and what stayed with the one merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub from_name: String,
    pub into_name: String,
    /// Editions whose response moved (the network kept had none).
    pub moved_responses: Vec<String>,
    /// Editions where both had a response: the kept network's stays, the other stays
    /// attached to the network merged.
    pub kept_responses: Vec<String>,
    pub moved_invitations: Vec<String>,
    pub kept_invitations: Vec<String>,
    /// Respondent accounts that now answer for the network kept (it had none).
    pub moved_respondents: Vec<i64>,
    /// Respondent accounts left with the network merged (the network kept has its own).
    pub kept_respondents: Vec<i64>,
}

/// The rows of a network that belong to one edition each, and move edition by edition.
#[derive(Clone, Copy)]
enum ByEdition {
    Responses,
    Invitations,
}

impl ByEdition {
    fn editions(self) -> &'static str {
        match self {
            ByEdition::Responses => "SELECT edition_id FROM responses WHERE network_id = $1",
            ByEdition::Invitations => "SELECT edition_id FROM invitations WHERE network_id = $1",
        }
    }

    fn moving(self) -> &'static str {
        match self {
            ByEdition::Responses => {
                "UPDATE responses SET network_id = $1 WHERE network_id = $2 AND edition_id = $3"
            }
            ByEdition::Invitations => {
                "UPDATE invitations SET network_id = $1 WHERE network_id = $2 AND edition_id = $3"
            }
        }
    }
}

async fn editions_of(
    conn: &mut AnyConnection,
    rows: ByEdition,
    network: i64,
) -> sqlx::Result<BTreeSet<String>> {
    let editions: Vec<String> = sqlx::query_scalar(rows.editions())
        .bind(network)
        .fetch_all(conn)
        .await?;
    Ok(editions.into_iter().collect())
}

/// Moves `from`'s rows to `into` for the editions `into` has none of; returns the editions
/// moved and those kept with `from`.
async fn move_by_edition(
    conn: &mut AnyConnection,
    rows: ByEdition,
    from: i64,
    into: i64,
) -> sqlx::Result<(Vec<String>, Vec<String>)> {
    let theirs = editions_of(conn, rows, from).await?;
    let ours = editions_of(conn, rows, into).await?;
    let (kept, moved): (Vec<String>, Vec<String>) =
        theirs.into_iter().partition(|e| ours.contains(e));
    for edition in &moved {
        sqlx::query(rows.moving())
            .bind(into)
            .bind(from)
            .bind(edition)
            .execute(&mut *conn)
            .await?;
    }
    Ok((moved, kept))
}

async fn respondents_of(conn: &mut AnyConnection, network: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT respondent_id FROM respondent_networks WHERE network_id = $1 ORDER BY respondent_id",
    )
    .bind(network)
    .fetch_all(conn)
    .await
}

/// Merges network `from` (a duplicate) into `into`, which is kept: `from`'s responses and
/// invitations move for the editions where `into` has none, and its respondent accounts
/// when `into` has none; `from` is removed, pointing at `into`, with `note` as its reason.
/// The audit entry records what moved and what stayed.
pub async fn merge(
    conn: &mut AnyConnection,
    from: i64,
    into: i64,
    note: &str,
    actor: &Entity,
) -> sqlx::Result<Result<Merged, Refused>> {
    if from == into {
        return Ok(Err(Refused::Itself));
    }
    // The network kept first: a write that finds it listed also holds it (PostgreSQL locks
    // the row, SQLite the database) until the merge commits, so it cannot be removed meanwhile.
    let held = sqlx::query(
        "UPDATE networks SET needs_check = needs_check WHERE id = $1 AND removed_at IS NULL",
    )
    .bind(into)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let into_name = match standing(conn, into).await? {
        None => return Ok(Err(Refused::Missing)),
        Some((_, true)) => return Ok(Err(Refused::IntoRemoved)),
        Some((name, false)) if held == 1 => name,
        Some(_) => return Ok(Err(Refused::IntoRemoved)),
    };
    let from_name = match listed(conn, from).await? {
        Ok(name) => name,
        Err(refused) => return Ok(Err(refused)),
    };
    let removed = sqlx::query(
        "UPDATE networks SET merged_into = $1, removed_at = $2, removed_reason = $3, needs_check = 0
         WHERE id = $4 AND removed_at IS NULL",
    )
    .bind(into)
    .bind(super::now())
    .bind(note)
    .bind(from)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if removed == 0 {
        return Ok(Err(Refused::Removed));
    }
    // Networks merged into `from` before now point at the network kept.
    let pointed_on: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM networks WHERE merged_into = $1 ORDER BY id")
            .bind(from)
            .fetch_all(&mut *conn)
            .await?;
    sqlx::query("UPDATE networks SET merged_into = $1 WHERE merged_into = $2")
        .bind(into)
        .bind(from)
        .execute(&mut *conn)
        .await?;
    let (moved_responses, kept_responses) =
        move_by_edition(conn, ByEdition::Responses, from, into).await?;
    let (moved_invitations, kept_invitations) =
        move_by_edition(conn, ByEdition::Invitations, from, into).await?;
    let theirs = respondents_of(conn, from).await?;
    let (moved_respondents, kept_respondents) = if respondents_of(conn, into).await?.is_empty() {
        for respondent in &theirs {
            sqlx::query(
                "INSERT INTO respondent_networks (respondent_id, network_id) VALUES ($1, $2)",
            )
            .bind(respondent)
            .bind(into)
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query("DELETE FROM respondent_networks WHERE network_id = $1")
            .bind(from)
            .execute(&mut *conn)
            .await?;
        (theirs, Vec::new())
    } else {
        (Vec::new(), theirs)
    };
    let merged = Merged {
        from_name,
        into_name,
        moved_responses,
        kept_responses,
        moved_invitations,
        kept_invitations,
        moved_respondents,
        kept_respondents,
    };
    let detail = serde_json::json!({
        "name": merged.from_name,
        "into": into,
        "into_name": merged.into_name,
        "note": note,
        "moved_responses": merged.moved_responses,
        "kept_responses": merged.kept_responses,
        "moved_invitations": merged.moved_invitations,
        "kept_invitations": merged.kept_invitations,
        "moved_respondents": merged.moved_respondents,
        "kept_respondents": merged.kept_respondents,
        "pointed_on": pointed_on,
    });
    append(
        conn,
        actor,
        "merge_network",
        &Entity::Network(from),
        &detail,
    )
    .await?;
    Ok(Ok(merged))
}

/// Removes a network with a reason: out of the public lists, the queue and its
/// respondents' lists; its rows stay.
pub async fn remove(
    conn: &mut AnyConnection,
    id: i64,
    reason: &str,
    actor: &Entity,
) -> sqlx::Result<Result<(), Refused>> {
    let name = match listed(conn, id).await? {
        Ok(name) => name,
        Err(refused) => return Ok(Err(refused)),
    };
    let removed = sqlx::query(
        "UPDATE networks SET removed_at = $1, removed_reason = $2, needs_check = 0
         WHERE id = $3 AND removed_at IS NULL",
    )
    .bind(super::now())
    .bind(reason)
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if removed == 0 {
        return Ok(Err(Refused::Removed));
    }
    let detail = serde_json::json!({ "name": name, "reason": reason });
    append(conn, actor, "remove_network", &Entity::Network(id), &detail).await?;
    Ok(Ok(()))
}
