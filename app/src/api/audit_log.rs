//! Staff only: reading the append-only audit log in words, filtered and paged (the same
//! filter serves the CSV export, `server/src/audit_export.rs`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::i18n::Label;
#[cfg(feature = "ssr")]
use survey::audit::Action;
pub use survey::audit::Entry;

pub const PER_PAGE: i64 = 50;

/// The filters, as they appear in the URL. Dates are YYYY-MM-DD in Japan, inclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// A person as the log stores them (the menu shows their login).
    pub actor: Option<String>,
    /// An action's stored name (the menu shows its words).
    pub action: Option<String>,
    /// Part of a network's name or nickname.
    pub network: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// 1 is the first page. Not optional: a query always has a field to send.
    #[serde(default)]
    pub page: i64,
}

/// One choice of a filter menu: what the URL carries, and what staff read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: Label,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub login: String,
    pub query: AuditQuery,
    pub entries: Vec<Entry>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub actions: Vec<Choice>,
    pub people: Vec<Choice>,
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

/// The store's filter for a query: blank fields filter nothing; `to` is a whole day.
#[cfg(feature = "ssr")]
pub fn filter(query: &AuditQuery) -> store::audit_log::Filter {
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    store::audit_log::Filter {
        actor: text(&query.actor),
        action: text(&query.action),
        network: text(&query.network),
        from: query.from.as_deref().and_then(japan_midnight),
        until: query
            .to
            .as_deref()
            .and_then(japan_midnight)
            .map(|t| t + 86_400),
    }
}

#[server(endpoint = "staff_audit_log")]
pub async fn get_audit_log(query: AuditQuery) -> Result<AuditPage, ApiError> {
    use store::audit_log::{distinct, in_words, people, read};
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            // Past any real log (50 million entries), and far from overflowing the offset.
            let page = query.page.clamp(1, 1_000_000);
            let (entries, total) =
                read(&db, &filter(&query), PER_PAGE, (page - 1) * PER_PAGE).await?;
            let (actions, actors) = distinct(&db).await?;
            let mut actions: Vec<Choice> = actions
                .iter()
                .filter_map(|key| Action::from_key(key))
                .map(|a| Choice {
                    value: a.key().to_string(),
                    label: a.label(),
                })
                .collect();
            actions.sort_by(|a, b| a.label.ja.cmp(&b.label.ja));
            Ok(AuditPage {
                login: me.login,
                entries: in_words(&db, entries).await?,
                total,
                page,
                pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
                actions,
                people: people(&db, actors)
                    .await?
                    .into_iter()
                    .map(|(value, label)| Choice { value, label })
                    .collect(),
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
