//! Reading what the requests left in the database: row counts and the audit log.

use serde_json::Value;

use super::TestDb;

/// The number a `SELECT COUNT(*) …` query returns.
pub async fn count(db: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// How many audit entries record this action.
pub async fn audit_count(db: &TestDb, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// One entry of the audit log.
#[derive(Debug)]
pub struct AuditEntry {
    /// `staff:1`, `respondent:2`, …
    pub actor: String,
    /// `network:3`, …
    pub subject: String,
    pub detail: Value,
}

/// Every audit entry of this action, oldest first.
pub async fn audit_entries(db: &TestDb, action: &str) -> Vec<AuditEntry> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT actor, subject, detail FROM audit_log WHERE action = $1 ORDER BY id",
    )
    .bind(action)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(actor, subject, detail)| AuditEntry {
            actor,
            subject,
            detail: serde_json::from_str(&detail).unwrap(),
        })
        .collect()
}
