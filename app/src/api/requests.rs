//! Staff only: asking networks to answer (request lists, credentials) and
//! following each request to its outcome (report 1.5).
//!
//! Credentials are shown once: the import's reply carries the passwords to the
//! page that asked, which keeps them in memory only and builds the mail-merge CSV
//! and the letters from them in the browser. The server stores only hashes, so a
//! lost password is reset, never recovered.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use survey::requests::{Counts, Credential, RequestRow, TrackingQuery, TrackingRow};

/// What an import (or one organisation added by hand) did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueOutcome {
    /// New accounts, with their passwords: shown once.
    pub issued: Vec<Credential>,
    /// Networks already asked in this edition (names), left as they were.
    pub already: Vec<String>,
}

/// Issues requests for checked rows in one transaction: all or nothing.
#[cfg(feature = "ssr")]
async fn issue_rows(
    edition: Option<String>,
    rows: impl FnOnce() -> Result<Vec<RequestRow>, ApiError>,
    source: &str,
) -> Result<IssueOutcome, ApiError> {
    use store::accounts;
    use store::requests::{existing_keys, issue, Issued, NewRequest};
    let (me, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
    let rows = rows()?;
    let actor = me.actor();
    // Hash only for rows not asked yet: argon2 is slow on purpose.
    let known = existing_keys(&db, &edition).await?;
    let mut passwords = Vec::with_capacity(rows.len());
    for row in &rows {
        passwords.push(if known.contains(&row.identity_key()) {
            None
        } else {
            Some(accounts::new_password().await.map_err(account_error)?)
        });
    }
    let mut tx = db.begin().await?;
    let mut outcome = IssueOutcome {
        issued: Vec::new(),
        already: Vec::new(),
    };
    for (row, password) in rows.iter().zip(passwords) {
        let Some((password, password_hash)) = password else {
            outcome.already.push(row.network().to_string());
            continue;
        };
        match issue(
            &mut tx,
            &edition,
            &NewRequest { row, password_hash },
            &actor,
        )
        .await
        .map_err(account_error)?
        {
            Issued::New {
                network_id, login, ..
            } => outcome.issued.push(Credential {
                network_id,
                login,
                password,
                organisation: row.organisation.clone(),
                network_name: row.network().to_string(),
                prefecture: row.prefecture.clone(),
                postal_address: row.postal_address.clone(),
                email: row.email.clone(),
            }),
            Issued::Existing { .. } => outcome.already.push(row.network().to_string()),
        }
    }
    let detail = serde_json::json!({
        "edition": edition, "source": source, "rows": rows.len(),
        "issued": outcome.issued.len(), "already": outcome.already.len(),
    });
    store::audit_log::append(
        &mut tx,
        &actor,
        "import_requests",
        &store::audit_log::Entity::Edition(edition.to_string()),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

#[cfg(feature = "ssr")]
fn account_error(e: store::accounts::AccountError) -> ApiError {
    match e {
        store::accounts::AccountError::Db(e) => e.into(),
        other => {
            tracing::error!(error = %other, "issuing an account failed");
            ApiError::Internal
        }
    }
}

/// The problems of a list as the form shows them (item = line).
#[cfg(feature = "ssr")]
fn issues(errors: Vec<survey::requests::RowError>) -> ApiError {
    use survey::validate::{Issue, Severity};
    ApiError::Invalid(
        errors
            .into_iter()
            .map(|e| Issue {
                item: format!("line{}", e.line),
                severity: Severity::Error,
                message: e.describe(),
            })
            .collect(),
    )
}

/// Imports a request list (CSV text) into an edition (default: the one being collected).
/// Any bad row rejects the whole list.
#[server(endpoint = "staff_import_requests")]
pub async fn import_requests(
    csv: String,
    edition: Option<String>,
) -> Result<IssueOutcome, ApiError> {
    crate::error::with_status(
        issue_rows(
            edition,
            || survey::requests::parse_request_list(&csv).map_err(issues),
            "csv",
        )
        .await,
    )
}

/// One row of a request list as an import would take it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// The row's line in the list (line 1 is the header).
    pub line: usize,
    pub row: RequestRow,
    /// Already asked in this edition (or earlier in the same list): an import leaves it.
    pub already: bool,
}

/// What importing a request list would do, row by row, writing nothing: the same parsing and
/// checks as the import, so a list that previews cleanly imports cleanly.
#[server(endpoint = "staff_preview_requests")]
pub async fn preview_requests(
    csv: String,
    edition: Option<String>,
) -> Result<Vec<PreviewRow>, ApiError> {
    crate::error::with_status(
        async {
            let (_, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
            let rows = survey::requests::parse_request_list(&csv).map_err(issues)?;
            let mut seen: std::collections::HashSet<String> =
                store::requests::existing_keys(&db, &edition)
                    .await?
                    .into_iter()
                    .collect();
            Ok(rows
                .into_iter()
                .enumerate()
                .map(|(i, row)| PreviewRow {
                    line: i + 2,
                    already: !seen.insert(row.identity_key()),
                    row,
                })
                .collect())
        }
        .await,
    )
}

/// A request list chosen as an Excel workbook (.xlsx): its first sheet as the CSV text the
/// import reads, so staff see, and may correct, what will be imported.
#[server(endpoint = "staff_read_request_sheet", input = leptos::server_fn::codec::Json)]
pub async fn read_request_sheet(workbook: Vec<u8>) -> Result<String, ApiError> {
    crate::error::with_status(
        async {
            crate::auth::require_staff().await?;
            first_sheet_as_csv(&workbook).ok_or_else(|| {
                ApiError::BadRequest(survey::i18n::Label::new(
                    "Excelファイル（.xlsx）として読み取れません。CSVで保存したファイルもお使いいただけます。",
                    "This file cannot be read as an Excel workbook (.xlsx). A list saved as CSV works too.",
                ))
            })
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn first_sheet_as_csv(workbook: &[u8]) -> Option<String> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(workbook)).ok()?;
    let sheet = book.worksheet_range_at(0)?.ok()?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    for row in sheet.rows() {
        csv.write_record(row.iter().map(sheet_cell_text)).ok()?;
    }
    String::from_utf8(csv.into_inner().ok()?).ok()
}

/// A spreadsheet cell as the text a CSV of it would hold (whole numbers without ".0").
#[cfg(feature = "ssr")]
pub fn sheet_cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => (*x as i64).to_string(),
        other => other.to_string(),
    }
}

/// Adds one organisation by hand: the same checks and path as one row of a list.
#[server(endpoint = "staff_add_request")]
pub async fn add_request(
    row: RequestRow,
    edition: Option<String>,
) -> Result<IssueOutcome, ApiError> {
    use survey::validate::{Issue, Severity};
    let checked = move || {
        let mut row = row;
        row.organisation = row.organisation.trim().to_string();
        row.network_name = row.network_name.trim().to_string();
        row.postal_address = row.postal_address.trim().to_string();
        let errors = survey::requests::check_row(&mut row);
        if errors.is_empty() {
            return Ok(vec![row]);
        }
        let issues = errors
            .into_iter()
            .map(|(column, message)| Issue {
                item: format!("{column:?}"),
                severity: Severity::Error,
                message: crate::i18n::Label {
                    ja: format!("「{}」：{}", column.label().ja, message.ja).into(),
                    en: format!("{}: {}", column.label().en, message.en).into(),
                },
            })
            .collect();
        Err(ApiError::Invalid(issues))
    };
    crate::error::with_status(issue_rows(edition, checked, "form").await)
}

/// A new password for a respondent (shown once); their sessions end.
#[server(endpoint = "staff_reset_respondent_password")]
pub async fn reset_respondent_password(respondent_id: i64) -> Result<Credential, ApiError> {
    use store::accounts::{self, Role};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let (login, row, network_id) = store::requests::letter_details(&db, respondent_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let (password, hash) = accounts::new_password().await.map_err(account_error)?;
            let mut tx = db.begin().await?;
            if !accounts::reset_password(
                &mut tx,
                Role::Respondent,
                respondent_id,
                &login,
                &hash,
                &me.actor(),
            )
            .await?
            {
                return Err(ApiError::NotFound);
            }
            tx.commit().await?;
            Ok(Credential {
                network_id,
                login,
                password,
                organisation: row.organisation,
                network_name: row.network_name,
                prefecture: row.prefecture,
                postal_address: row.postal_address,
                email: row.email,
            })
        }
        .await,
    )
}

/// Disables (or enables again) a respondent account; disabling ends its sessions.
#[server(endpoint = "staff_set_respondent_disabled")]
pub async fn set_respondent_disabled(respondent_id: i64, disabled: bool) -> Result<(), ApiError> {
    use store::accounts::{self, Role};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            if !accounts::set_disabled(
                &mut tx,
                Role::Respondent,
                respondent_id,
                disabled,
                &me.actor(),
            )
            .await?
            {
                return Err(ApiError::NotFound);
            }
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}

/// The tracking page: live counts over the whole edition, the filtered table, the refusal list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    pub login: String,
    pub edition: String,
    pub editions: Vec<survey::lifecycle::EditionChoice>,
    pub counts: Counts,
    pub query: TrackingQuery,
    pub rows: Vec<TrackingRow>,
    /// 拒否リスト: every refusal of the edition, with its reason.
    pub refusals: Vec<TrackingRow>,
    /// Asked and not yet replied (whatever the filters), to chase.
    pub not_replied: Vec<TrackingRow>,
}

#[server(endpoint = "staff_tracking")]
pub async fn get_tracking(
    query: TrackingQuery,
    edition: Option<String>,
) -> Result<Tracking, ApiError> {
    use survey::requests::Stage;
    crate::error::with_status(
        async {
            let (me, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
            let all = store::requests::tracking(&db, &edition).await?;
            let of = |stage: Stage| {
                all.iter()
                    .filter(|r| r.stage == stage)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            Ok(Tracking {
                login: me.login,
                editions: store::editions::choices(&db).await?,
                counts: Counts::of(&all),
                rows: all.iter().filter(|r| query.matcher()(r)).cloned().collect(),
                refusals: of(Stage::Refused),
                not_replied: of(Stage::Requested),
                query,
                edition,
            })
        }
        .await,
    )
}

/// Moves a request to another stage (refusals and declines need a reason).
#[server(endpoint = "staff_set_request_stage")]
pub async fn set_request_stage(
    network_id: i64,
    stage: String,
    reason: String,
    edition: Option<String>,
) -> Result<(), ApiError> {
    use crate::i18n::Label;
    use survey::requests::Stage;
    crate::error::with_status(
        async {
            let (me, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
            let invalid = |message: Label| super::invalid("stage", message);
            let stage = Stage::from_key(&stage).ok_or_else(|| {
                invalid(Label::new("状況を選択してください。", "Choose a stage."))
            })?;
            if stage.needs_reason() && reason.trim().is_empty() {
                return Err(invalid(Label::new(
                    "拒否・辞退には理由を入力してください。",
                    "A refusal or a decline needs a reason.",
                )));
            }
            if reason.chars().count() > 500 {
                return Err(invalid(Label::new(
                    "理由は500文字以内で入力してください。",
                    "The reason is 500 characters at most.",
                )));
            }
            let mut tx = db.begin().await?;
            let actor = me.actor();
            store::requests::set_stage(&mut tx, network_id, &edition, stage, &reason, &actor)
                .await?
                .ok_or(ApiError::NotFound)?;
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}

/// The "not yet replied" list as CSV (UTF-8 with a BOM), for chasing; audited.
#[server(endpoint = "staff_export_not_replied")]
pub async fn export_not_replied(edition: Option<String>) -> Result<String, ApiError> {
    crate::error::with_status(
        async {
            let (me, db, edition) = crate::auth::require_staff_in_edition(edition).await?;
            let rows = store::requests::tracking(&db, &edition).await?;
            let csv = survey::requests::chase_csv(&rows);
            let detail = serde_json::json!({ "edition": edition, "rows": csv.lines().count().saturating_sub(1) });
            store::audit_log::append(&mut *db.acquire().await?, &me.actor(), "export_not_replied", &store::audit_log::Entity::Edition(edition.to_string()), &detail)
                .await?;
            Ok(csv)
        }
        .await,
    )
}
