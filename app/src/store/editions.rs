//! Survey editions.

use sqlx::AnyConnection;

use super::Db;
use crate::survey::{builtin_editions, Edition};

/// Registers the built-in editions a database does not know yet; the newest is open.
pub async fn ensure_builtin(conn: &mut AnyConnection) -> sqlx::Result<()> {
    let editions = builtin_editions();
    let newest = editions.len().saturating_sub(1);
    for (position, edition) in editions.iter().enumerate() {
        let status = if position == newest { "open" } else { "closed" };
        sqlx::query(
            "INSERT INTO editions (id, position, status, definition, created_at)
             VALUES ($1, $2, $3, NULL, $4) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&edition.id)
        .bind(position as i64)
        .bind(status)
        .bind(super::now())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The edition the public sees by default: the newest one that is not a draft.
pub async fn current(db: &Db) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT id FROM editions WHERE status <> 'draft' ORDER BY position DESC LIMIT 1")
        .fetch_optional(db)
        .await
}

/// An edition's questionnaire: stored JSON for staff-made editions, else the built-in one.
pub async fn definition(db: &Db, id: &str) -> sqlx::Result<Option<Edition>> {
    let stored: Option<Option<String>> = sqlx::query_scalar("SELECT definition FROM editions WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(match stored {
        None => None,
        Some(Some(json)) => Some(serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?),
        Some(None) => crate::survey::builtin_edition(id),
    })
}

/// Whether the public may see an edition (open or closed; drafts are staff-only).
pub async fn is_public(db: &Db, id: &str) -> sqlx::Result<bool> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM editions WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(status.is_some_and(|s| s != "draft"))
}

/// The editions the public may choose, newest first.
pub async fn public_ids(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT id FROM editions WHERE status <> 'draft' ORDER BY position DESC").fetch_all(db).await
}
