//! Staff only: reading the append-only audit log, filtered and paged.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

pub const PER_PAGE: i64 = 50;

/// The filters, as they appear in the URL. Dates are YYYY-MM-DD in Japan, inclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// 1 is the first page. Not optional: a query always has a field to send.
    #[serde(default)]
    pub page: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// YYYY-MM-DD HH:MM in Japan.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub login: String,
    pub query: AuditQuery,
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub actions: Vec<String>,
    pub actors: Vec<String>,
}

/// Midnight in Japan at the start of a YYYY-MM-DD day, in Unix seconds.
#[cfg(feature = "ssr")]
pub fn japan_midnight(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let (y, m, d) = (
        parts.next()?.parse().ok()?,
        parts.next()?.parse::<u8>().ok()?,
        parts.next()?.parse().ok()?,
    );
    let day = time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()?;
    Some(
        day.midnight()
            .assume_offset(time::UtcOffset::from_hms(9, 0, 0).ok()?)
            .unix_timestamp(),
    )
}

#[server(endpoint = "staff_audit_log")]
pub async fn get_audit_log(query: AuditQuery) -> Result<AuditPage, ApiError> {
    use store::audit_log::{distinct, read, Filter};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let text = |v: &Option<String>| {
                v.as_ref()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let filter = Filter {
                actor: text(&query.actor),
                action: text(&query.action),
                from: query.from.as_deref().and_then(japan_midnight),
                until: query
                    .to
                    .as_deref()
                    .and_then(japan_midnight)
                    .map(|t| t + 86_400),
            };
            // Past any real log (50 million entries), and far from overflowing the offset.
            let page = query.page.clamp(1, 1_000_000);
            let (entries, total) = read(&db, &filter, PER_PAGE, (page - 1) * PER_PAGE).await?;
            let (actions, actors) = distinct(&db).await?;
            Ok(AuditPage {
                login: me.login,
                entries: entries
                    .into_iter()
                    .map(|e| AuditEntry {
                        id: e.id,
                        at: store::public::japan_date_time(e.at),
                        actor: e.actor,
                        action: e.action,
                        subject: e.subject,
                        detail: e.detail,
                    })
                    .collect(),
                total,
                page,
                pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
                actions,
                actors,
                query,
            })
        }
        .await,
    )
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn japan_midnight_is_15_utc_the_day_before() {
        // 2012-10-04 00:00 JST = 2012-10-03 15:00 UTC.
        assert_eq!(super::japan_midnight("2012-10-04"), Some(1_349_276_400));
        assert_eq!(super::japan_midnight("1970-01-01"), Some(-9 * 3600));
        assert_eq!(super::japan_midnight("2012-13-01"), None);
        assert_eq!(super::japan_midnight("yesterday"), None);
    }
}
