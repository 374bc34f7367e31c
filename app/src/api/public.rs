//! What anyone may ask for: aggregate facts built only from public directory data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use survey::home::HomeFigures;

#[server(endpoint = "home_figures")]
pub async fn get_home_figures() -> Result<HomeFigures, ApiError> {
    crate::error::with_status(
        async {
            let (db, edition) = crate::db::use_current_edition().await?;
            Ok(store::public::home_figures(&db, &edition).await?)
        }
        .await,
    )
}

/// The charts page's filter, as typed in its URL (`?region=九州`); parsed on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartQuery {
    pub edition: Option<String>,
    pub region: Option<String>,
    pub operator: Option<String>,
}

impl ChartQuery {
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        [
            ("edition", &self.edition),
            ("region", &self.region),
            ("operator", &self.operator),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_deref()?)))
        .collect()
    }
}

/// The charts of one edition and filter, and what the page needs to offer other choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartsView {
    pub filter: charts::ChartFilter,
    pub edition: String,
    pub editions: Vec<String>,
    /// Staff see every value; the public sees nothing computed over fewer than `min_group`.
    pub staff: bool,
    pub min_group: usize,
    /// What counts as a valid answer (n's denominator) in the edition shown.
    pub valid_rule: survey::lifecycle::ValidRule,
    pub charts: Vec<charts::ChartData>,
    /// The report's sections of the edition shown (number, title), in order.
    pub chapters: Vec<(String, survey::i18n::Label)>,
}

// JSON input: a filter with every field empty must still arrive as a value.
#[server(endpoint = "charts", input = leptos::server_fn::codec::Json)]
pub async fn get_charts(query: ChartQuery) -> Result<ChartsView, ApiError> {
    crate::error::with_status(
        async {
            let filter = charts::ChartFilter::from_query(query.pairs()).map_err(|why| ApiError::BadRequest(why.clone()))?;
            let db = crate::db::use_db()?;
            let cache = use_context::<std::sync::Arc<store::charts::ChartCache>>().ok_or(ApiError::Internal)?;
            let staff = matches!(crate::auth::principal().await?, Some(p) if p.role == store::accounts::Role::Staff);
            let charts = store::charts::charts(&db, &cache, &filter, staff).await?;
            let editions = store::editions::public_ids(&db).await?;
            let edition = filter.edition.clone().or_else(|| editions.first().cloned()).unwrap_or_default();
            let valid_rule = store::editions::valid_rule(&db, &edition).await?;
            let mut chapters: Vec<(String, survey::i18n::Label)> = vec![];
            for chapter in charts::registry(&edition).iter().filter_map(|s| s.chapter.clone()) {
                if !chapters.iter().any(|(id, _)| *id == chapter.0) {
                    chapters.push(chapter);
                }
            }
            Ok(ChartsView { filter, edition, editions, staff, min_group: cache.min_group(), valid_rule, charts: charts.as_ref().clone(), chapters })
        }
        .await,
    )
}

/// One chart in every public edition under the same filter, merged into one (the figure over
/// time; categories matched by key through each edition's previous keys).
#[server(endpoint = "chart_editions", input = leptos::server_fn::codec::Json)]
pub async fn get_chart_editions(
    id: String,
    query: ChartQuery,
) -> Result<charts::ChartData, ApiError> {
    crate::error::with_status(
        async {
            let filter = charts::ChartFilter::from_query(query.pairs()).map_err(|why| ApiError::BadRequest(why.clone()))?;
            if !charts::is_chart(&id) {
                return Err(ApiError::NotFound);
            }
            let db = crate::db::use_db()?;
            let cache = use_context::<std::sync::Arc<store::charts::ChartCache>>().ok_or(ApiError::Internal)?;
            let staff = matches!(crate::auth::principal().await?, Some(p) if p.role == store::accounts::Role::Staff);
            let mut editions = store::editions::public_ids(&db).await?;
            editions.reverse();
            let mut out = Vec::new();
            for edition in editions {
                let filter = charts::ChartFilter { edition: Some(edition.clone()), ..filter.clone() };
                let charts = store::charts::charts(&db, &cache, &filter, staff).await?;
                let Some(chart) = charts.iter().find(|c| c.id == id) else { continue };
                let definition = store::editions::definition(&db, &edition).await?.ok_or(ApiError::NotFound)?;
                out.push((definition, chart.clone()));
            }
            Ok(charts::merge_editions(out.iter().map(|(e, c)| (e, c.clone())).collect()))
        }
        .await,
    )
}
