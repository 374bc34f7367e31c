//! Chart data for the server functions and the open-data endpoints: aggregated over the
//! database, cached per edition and audience (every public filter view at once, since
//! disclosure control must see them all together), and dropped whenever the data
//! generation changes. Every write to networks, responses or editions bumps that counter
//! (database triggers), and each request reads it, so a save through any app server sharing
//! the database refreshes every server's charts on its next request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::networks::records;
use super::Db;
use crate::charts::{publish_all, Audience, ChartData, ChartFilter, NetworkFacts};
use crate::error::ApiError;

/// Every public filter view of one edition for one audience.
type Views = Arc<HashMap<ChartFilter, Arc<Vec<ChartData>>>>;

/// The computed charts of the current data generation.
pub struct ChartCache {
    min_group: usize,
    entries: Mutex<(i64, HashMap<(String, Audience), Views>)>,
}

impl ChartCache {
    /// Public values computed over fewer than `min_group` networks are hidden.
    pub fn new(min_group: usize) -> Self {
        ChartCache { min_group: min_group.max(1), entries: Mutex::new((i64::MIN, HashMap::new())) }
    }

    pub fn min_group(&self) -> usize {
        self.min_group
    }

    fn get(&self, generation: i64, key: &(String, Audience)) -> Option<Views> {
        let entries = self.entries.lock().ok()?;
        (entries.0 == generation).then(|| entries.1.get(key).cloned()).flatten()
    }

    fn put(&self, generation: i64, key: (String, Audience), views: Views) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.0 != generation {
                *entries = (generation, HashMap::new());
            }
            entries.1.insert(key, views);
        }
    }
}

impl Default for ChartCache {
    fn default() -> Self {
        ChartCache::new(crate::charts::DEFAULT_MIN_GROUP)
    }
}

/// The counter every data change bumps.
pub async fn generation(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT value FROM data_generation").fetch_one(db).await
}

/// Every registered chart for an edition (default: the current one) and filter; staff see
/// every value, the public what disclosure control leaves (see `charts::protect`).
pub async fn charts(db: &Db, cache: &ChartCache, filter: &ChartFilter, staff: bool) -> Result<Arc<Vec<ChartData>>, ApiError> {
    filter.check().map_err(|why| ApiError::BadRequest(why.clone()))?;
    let edition_id = match &filter.edition {
        Some(id) => id.clone(),
        None => super::editions::current(db).await?.ok_or(ApiError::NotFound)?,
    };
    let audience = if staff { Audience::Staff } else { Audience::Public { min_group: cache.min_group } };
    let view = ChartFilter { edition: None, ..filter.clone() };
    let key = (edition_id.clone(), audience);
    let generation = generation(db).await?;
    let views = match cache.get(generation, &key) {
        Some(hit) => hit,
        None => {
            let edition = super::editions::definition(db, &edition_id).await?.ok_or(ApiError::NotFound)?;
            if !staff && !super::editions::is_public(db, &edition_id).await? {
                return Err(ApiError::NotFound);
            }
            let records = records(db, &edition_id).await?;
            let facts: Vec<NetworkFacts<'_>> = records.iter().map(|r| r.chart_facts()).collect();
            let views: Views = Arc::new(publish_all(&edition, &facts, audience).into_iter().map(|(f, charts)| (f, Arc::new(charts))).collect());
            cache.put(generation, key, views.clone());
            views
        }
    };
    views.get(&view).cloned().ok_or(ApiError::NotFound)
}
