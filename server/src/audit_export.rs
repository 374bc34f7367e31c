//! `/staff/audit.csv`: the audit log as the page filters it, in the page's words and language
//! (UTF-8 with a BOM, every cell through `survey::spreadsheet`). Staff only, and a POST only
//! (the page's download button), which the same-origin check guards; the export is audited.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use sqlx::AnyPool;

use app::api::audit_log::{filter, AuditQuery};
use app::error::ApiError;
use survey::audit::Action;
use survey::i18n::Lang;

/// Entries read from the database at a time.
const PAGE: i64 = 1000;

pub async fn csv(
    State(pool): State<AnyPool>,
    headers: HeaderMap,
    Query(query): Query<AuditQuery>,
) -> Response {
    match export(&pool, &headers, &query).await {
        Ok(body) => crate::export::attachment(
            "text/csv; charset=utf-8",
            "renkei-audit-log.csv".to_string(),
            body.into(),
        ),
        Err(e) => (
            e.status(),
            e.message().ja.to_string() + "\n" + &e.message().en,
        )
            .into_response(),
    }
}

async fn export(
    pool: &AnyPool,
    headers: &HeaderMap,
    query: &AuditQuery,
) -> Result<String, ApiError> {
    let me = app::auth::require_staff_in(pool, headers).await?;
    let lang = headers
        .get(header::COOKIE)
        .and_then(|c| c.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or(Lang::Ja);
    let filter = filter(query);
    let mut entries = Vec::new();
    loop {
        let (page, _) = store::audit_log::read(pool, &filter, PAGE, entries.len() as i64).await?;
        let last = (page.len() as i64) < PAGE;
        entries.extend(store::audit_log::in_words(pool, page).await?);
        if last {
            break;
        }
    }
    let detail = serde_json::json!({ "rows": entries.len() });
    store::audit_log::append(
        &mut *pool.acquire().await?,
        &me.actor(),
        Action::ExportAuditLog.key(),
        &store::audit_log::Entity::AuditLog,
        &detail,
    )
    .await?;
    Ok(survey::audit::csv(&entries, lang))
}
