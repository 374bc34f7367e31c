//! Staff's notes on a network (`survey::notes`): the contact log and what an import could
//! not keep as an answer. Appended only, each with its audit entry; read by staff alone.

use sqlx::{AnyConnection, Row};

use super::audit_log::{append, Entity};
use super::Db;
use survey::notes::Channel;

/// A note as staff see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub at: i64,
    /// The staff member's login, or `None` when the server or its command line wrote it.
    pub author: Option<String>,
    pub channel: Channel,
    pub text: String,
}

/// Adds a note (already checked with `survey::notes::checked_note`) inside the caller's
/// transaction; `false` when there is no such network.
pub async fn add(
    conn: &mut AnyConnection,
    network_id: i64,
    author: &Entity,
    channel: Channel,
    text: &str,
) -> sqlx::Result<bool> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM networks WHERE id = $1")
        .bind(network_id)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_none() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO network_notes (network_id, at, author, channel, note)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(network_id)
    .bind(super::now())
    .bind(author.to_string())
    .bind(channel.key())
    .bind(text)
    .execute(&mut *conn)
    .await?;
    append(
        conn,
        author,
        "add_network_note",
        &Entity::Network(network_id),
        &serde_json::json!({ "channel": channel.key(), "note": text }),
    )
    .await?;
    Ok(true)
}

/// Adds a note unless the network already holds one with the same words: what an import
/// notes is noted once however often it runs.
pub async fn add_once(
    conn: &mut AnyConnection,
    network_id: i64,
    author: &Entity,
    text: &str,
) -> sqlx::Result<()> {
    let held: Option<i64> =
        sqlx::query_scalar("SELECT id FROM network_notes WHERE network_id = $1 AND note = $2")
            .bind(network_id)
            .bind(text)
            .fetch_optional(&mut *conn)
            .await?;
    if held.is_none() {
        add(conn, network_id, author, Channel::Note, text).await?;
    }
    Ok(())
}

/// A network's notes, oldest first.
pub async fn of_network(db: &Db, network_id: i64) -> sqlx::Result<Vec<Note>> {
    let rows = sqlx::query(
        "SELECT n.at, s.login, n.channel, n.note FROM network_notes n
         LEFT JOIN staff s ON n.author = 'staff:' || CAST(s.id AS TEXT)
         WHERE n.network_id = $1 ORDER BY n.at, n.id",
    )
    .bind(network_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            let channel: String = row.try_get("channel")?;
            Ok(Note {
                at: row.try_get("at")?,
                author: row.try_get("login")?,
                // The table's CHECK admits only the channels' keys.
                channel: Channel::from_key(&channel).unwrap_or(Channel::Note),
                text: row.try_get("note")?,
            })
        })
        .collect()
}
