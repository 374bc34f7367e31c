//! Survey requests: issuing them (network, invitation and respondent account in
//! one go), tracking them through report 1.5's stages, and the automatic reply.

use sqlx::{AnyConnection, Row};

use super::accounts::{self, AccountError, Role};
use super::networks::{upsert_by_report_no, NewNetwork};
use super::Db;
use survey::requests::{RequestRow, Stage, TrackingRow};

/// A row to issue, with the hash of the password that will be shown once.
pub struct NewRequest<'a> {
    pub row: &'a RequestRow,
    pub password_hash: String,
}

/// What issuing did with one row.
#[derive(Debug, PartialEq, Eq)]
pub enum Issued {
    /// A new network, invitation and account.
    New {
        network_id: i64,
        respondent_id: i64,
        login: String,
    },
    /// The edition already holds a request with this identity key; nothing was added.
    Existing { network_id: i64 },
}

/// The identity keys of an edition's requests among `keys`, to skip before hashing.
pub async fn existing_keys(db: &Db, edition: &str) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT import_key FROM invitations WHERE edition_id = $1 AND import_key IS NOT NULL",
    )
    .bind(edition)
    .fetch_all(db)
    .await
}

/// A respondent login nobody can guess from another: `r<edition>-` and six random
/// letters or digits from the unambiguous alphabet of the passwords.
pub fn generate_login(edition: &str) -> String {
    let mut letters = String::new();
    while letters.len() < 6 {
        letters.extend(
            accounts::generate_password()
                .chars()
                .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
        );
    }
    letters.truncate(6);
    format!("r{edition}-{letters}")
}

/// The network a row names, if the database knows it already (e.g. from an earlier
/// edition): same prefecture, same folded name. A network staff merged stands for the one
/// kept; one they removed is not reused. Listed networks are preferred.
async fn known_network(conn: &mut AnyConnection, row: &RequestRow) -> sqlx::Result<Option<i64>> {
    let candidates: Vec<(i64, String)> = sqlx::query_as(
        "SELECT COALESCE(k.id, n.id), n.name FROM networks n
         LEFT JOIN networks k ON k.id = n.merged_into AND k.removed_at IS NULL
         WHERE n.prefecture = $1 AND (n.removed_at IS NULL OR k.id IS NOT NULL)
         ORDER BY CASE WHEN n.removed_at IS NULL THEN 0 ELSE 1 END, n.id",
    )
    .bind(&row.prefecture)
    .fetch_all(&mut *conn)
    .await?;
    let key = row.identity_key();
    Ok(candidates
        .into_iter()
        .find(|(_, name)| {
            RequestRow {
                prefecture: row.prefecture.clone(),
                network_name: name.clone(),
                ..Default::default()
            }
            .identity_key()
                == key
        })
        .map(|(id, _)| id))
}

/// Issues one request inside the caller's transaction: a network (the known one of
/// that prefecture and name, else a new one), its invitation (requested now) and a
/// respondent account linked to it, with an audit entry. A network already asked in
/// the edition is left alone, so importing a list again adds nothing.
pub async fn issue(
    conn: &mut AnyConnection,
    edition: &str,
    request: &NewRequest<'_>,
    actor: &crate::audit_log::Entity,
) -> Result<Issued, AccountError> {
    let row = request.row;
    let key = row.identity_key();
    let known = known_network(conn, row).await?;
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT network_id FROM invitations WHERE edition_id = $1 AND (import_key = $2 OR network_id = $3)",
    )
    .bind(edition)
    .bind(&key)
    .bind(known.unwrap_or(-1))
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(network_id) = existing {
        return Ok(Issued::Existing { network_id });
    }
    let network = NewNetwork {
        report_no: None,
        prefecture: row.prefecture.clone(),
        operator_type: None,
        regional_fund: false,
        name: row.network().to_string(),
        nickname: String::new(),
        start_year: None,
    };
    let network_id = match known {
        Some(id) => id,
        None => upsert_by_report_no(conn, &network).await?,
    };
    // A random login can collide with an existing one; draw again.
    let mut attempts = 0;
    let (respondent_id, login) = loop {
        let login = generate_login(edition);
        match accounts::create_hashed(conn, Role::Respondent, &login, &request.password_hash).await
        {
            Ok(id) => break (id, login),
            Err(AccountError::LoginTaken(_)) if attempts < 5 => attempts += 1,
            Err(e) => return Err(e),
        }
    };
    accounts::link_network(conn, respondent_id, network_id).await?;
    sqlx::query(
        "INSERT INTO invitations (network_id, edition_id, requested_at, organisation, postal_address, email, respondent_id, import_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(network_id)
    .bind(edition)
    .bind(super::now())
    .bind(&row.organisation)
    .bind(&row.postal_address)
    .bind(&row.email)
    .bind(respondent_id)
    .bind(&key)
    .execute(&mut *conn)
    .await?;
    let detail = serde_json::json!({
        "edition": edition, "network": network_id, "login": login,
        "organisation": row.organisation, "network_name": row.network(), "prefecture": row.prefecture,
    });
    super::audit_log::append(
        conn,
        actor,
        "issue_credentials",
        &crate::audit_log::Entity::Respondent(respondent_id),
        &detail,
    )
    .await?;
    Ok(Issued::New {
        network_id,
        respondent_id,
        login,
    })
}

/// What the request letter of a respondent's network says, for a credential reissued.
pub async fn letter_details(
    db: &Db,
    respondent_id: i64,
) -> sqlx::Result<Option<(String, RequestRow, i64)>> {
    let row = sqlx::query(
        "SELECT a.login, n.id AS network_id, n.name, n.prefecture, i.organisation, i.postal_address, i.email
         FROM respondents a
         LEFT JOIN respondent_networks rn ON rn.respondent_id = a.id
         LEFT JOIN networks n ON n.id = rn.network_id
         LEFT JOIN invitations i ON i.network_id = n.id AND i.respondent_id = a.id
         WHERE a.id = $1 ORDER BY n.id LIMIT 1",
    )
    .bind(respondent_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let text = |c: &str| {
        row.try_get::<Option<String>, _>(c)
            .map(Option::unwrap_or_default)
    };
    let request = RequestRow {
        organisation: text("organisation")?,
        prefecture: text("prefecture")?,
        network_name: text("name")?,
        postal_address: text("postal_address")?,
        email: text("email")?,
    };
    Ok(Some((
        row.try_get("login")?,
        request,
        row.try_get::<Option<i64>, _>("network_id")?.unwrap_or(0),
    )))
}

/// Every network asked or answering in an edition, in prefecture order then name.
pub async fn tracking(db: &Db, edition: &str) -> sqlx::Result<Vec<TrackingRow>> {
    let rows = sqlx::query(
        "SELECT n.id, n.name, n.prefecture, i.id AS invitation, i.outcome, i.requested_at, i.replied_at, i.outcome_at,
                i.reason, i.organisation, i.email, r.status, a.id AS respondent, a.login, a.disabled
         FROM networks n
         LEFT JOIN invitations i ON i.network_id = n.id AND i.edition_id = $1
         LEFT JOIN responses r ON r.network_id = n.id AND r.edition_id = $1
         LEFT JOIN respondents a ON a.id = i.respondent_id
         WHERE i.id IS NOT NULL OR r.id IS NOT NULL
         ORDER BY n.id",
    )
    .bind(edition)
    .fetch_all(db)
    .await?;
    let date = |t: Option<i64>| t.map(super::public::japan_date);
    let mut out = rows
        .iter()
        .map(|row| {
            let invitation: Option<i64> = row.try_get("invitation")?;
            let outcome: Option<String> = row.try_get("outcome")?;
            let replied_at: Option<i64> = row.try_get("replied_at")?;
            let status: Option<String> = row.try_get("status")?;
            let status = status.as_deref().map(crate::response_status).transpose()?;
            let stage = Stage::derive(
                invitation.map(|_| {
                    (
                        outcome.as_deref().unwrap_or("pending"),
                        replied_at.is_some(),
                    )
                }),
                status,
            );
            let respondent: Option<i64> = row.try_get("respondent")?;
            let login: Option<String> = row.try_get("login")?;
            let disabled: Option<i64> = row.try_get("disabled")?;
            Ok(TrackingRow {
                network_id: row.try_get("id")?,
                network_name: row.try_get("name")?,
                organisation: row
                    .try_get::<Option<String>, _>("organisation")?
                    .unwrap_or_default(),
                prefecture: row.try_get("prefecture")?,
                email: row
                    .try_get::<Option<String>, _>("email")?
                    .unwrap_or_default(),
                stage,
                reason: row
                    .try_get::<Option<String>, _>("reason")?
                    .unwrap_or_default(),
                requested_on: date(row.try_get("requested_at")?),
                replied_on: date(replied_at),
                outcome_on: date(row.try_get("outcome_at")?),
                respondent: respondent
                    .zip(login)
                    .map(|(id, login)| (id, login, disabled.unwrap_or(0) != 0)),
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    let order = |p: &str| {
        survey::geography::PREFECTURES
            .iter()
            .position(|(q, _)| *q == p)
            .unwrap_or(usize::MAX)
    };
    out.sort_by_cached_key(|r| {
        (
            order(&r.prefecture),
            survey::search::fold(&r.network_name),
            r.network_id,
        )
    });
    Ok(out)
}

/// Moves a network's request in an edition to `stage`, with the date of the step, and
/// audits the change. A network asked before the console gets its invitation now.
/// Returns the previous stage, or None when the network does not exist.
pub async fn set_stage(
    conn: &mut AnyConnection,
    network_id: i64,
    edition: &str,
    stage: Stage,
    reason: &str,
    actor: &crate::audit_log::Entity,
) -> sqlx::Result<Option<Stage>> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM networks WHERE id = $1")
        .bind(network_id)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let before: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT outcome, replied_at FROM invitations WHERE network_id = $1 AND edition_id = $2",
    )
    .bind(network_id)
    .bind(edition)
    .fetch_optional(&mut *conn)
    .await?;
    let status: Option<String> = sqlx::query_scalar(
        "SELECT status FROM responses WHERE network_id = $1 AND edition_id = $2",
    )
    .bind(network_id)
    .bind(edition)
    .fetch_optional(&mut *conn)
    .await?;
    let status = status.as_deref().map(crate::response_status).transpose()?;
    let previous = Stage::derive(
        before.as_ref().map(|(o, r)| (o.as_str(), r.is_some())),
        status,
    );
    sqlx::query("INSERT INTO invitations (network_id, edition_id) VALUES ($1, $2) ON CONFLICT (network_id, edition_id) DO NOTHING")
        .bind(network_id)
        .bind(edition)
        .execute(&mut *conn)
        .await?;
    let now = super::now();
    let (outcome, replied, decided) = match stage {
        Stage::Requested => ("pending", false, false),
        Stage::Replied => ("pending", true, false),
        Stage::Valid => ("valid", true, true),
        Stage::Refused => ("refused", true, true),
        Stage::Declined => ("declined", true, true),
    };
    let reason = if stage.needs_reason() {
        reason.trim()
    } else {
        ""
    };
    // A step keeps the date it was first reached; going back clears the later dates.
    sqlx::query(
        "UPDATE invitations SET outcome = $1, reason = $2,
            replied_at = CASE WHEN $3 = 1 THEN COALESCE(replied_at, $5) ELSE NULL END,
            outcome_at = CASE WHEN $4 = 1 THEN (CASE WHEN outcome = $1 THEN COALESCE(outcome_at, $5) ELSE $5 END) ELSE NULL END,
            requested_at = COALESCE(requested_at, $5)
         WHERE network_id = $6 AND edition_id = $7",
    )
    .bind(outcome)
    .bind(reason)
    .bind(replied as i64)
    .bind(decided as i64)
    .bind(now)
    .bind(network_id)
    .bind(edition)
    .execute(&mut *conn)
    .await?;
    let detail = serde_json::json!({ "edition": edition, "from": previous.key(), "to": stage.key(), "reason": reason });
    super::audit_log::append(
        conn,
        actor,
        "set_request_stage",
        &crate::audit_log::Entity::Network(network_id),
        &detail,
    )
    .await?;
    Ok(Some(previous))
}

/// A respondent's first save is their reply: dates it unless a reply is already dated.
pub async fn mark_replied(
    conn: &mut AnyConnection,
    network_id: i64,
    edition: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE invitations SET replied_at = $1 WHERE network_id = $2 AND edition_id = $3 AND replied_at IS NULL")
        .bind(super::now())
        .bind(network_id)
        .bind(edition)
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_logins_are_valid_distinct_and_name_the_edition() {
        let logins: std::collections::HashSet<String> =
            (0..200).map(|_| generate_login("2013")).collect();
        assert_eq!(logins.len(), 200);
        for login in &logins {
            assert!(login.starts_with("r2013-") && login.len() == 12, "{login}");
            assert!(accounts::valid_login(login));
        }
    }
}
