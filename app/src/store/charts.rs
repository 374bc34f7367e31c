//! Chart data for the server functions and the open-data endpoints: aggregated over the
//! database, cached per edition and audience (every public filter view at once, since
//! disclosure control must see them all together), and dropped whenever the data
//! generation changes. Every write to networks, responses or editions bumps that counter
//! (database triggers), and each request reads it, so a save through any app server sharing
//! the database refreshes every server's charts on its next request.
//!
//! Each server also keeps every charted response of an edition decoded ([`NetworkFacts`]) as
//! of the last generation it charted. When the generation moves it re-reads only the
//! networks stamped in `network_changes` since (inserted, updated, deleted, reclassified: the
//! triggers note each), then tallies again from memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sqlx::Row;

use super::networks::order_of;
use super::Db;
use crate::charts::{publish_all, Audience, ChartData, ChartFilter, ItemIndex, NetworkFacts};
use crate::error::ApiError;
use crate::survey::geography::OperatorType;
use crate::survey::Edition;

/// Every public filter view of one edition for one audience.
type Views = Arc<HashMap<ChartFilter, Arc<Vec<ChartData>>>>;

/// The computed charts of the current data generation, and the responses they were
/// computed from.
pub struct ChartCache {
    min_group: usize,
    entries: Mutex<(i64, HashMap<(String, Audience), Views>)>,
    /// By edition. Held while charts are computed, so concurrent misses wait for one
    /// computation instead of each reading every response.
    responses: tokio::sync::Mutex<HashMap<String, Responses>>,
    /// How many times every response of an edition was read (start, or a changed edition).
    full_reads: std::sync::atomic::AtomicUsize,
}

/// One edition's charted responses as of a data generation.
struct Responses {
    generation: i64,
    edition: Edition,
    index: ItemIndex,
    /// By network id: its place in report order, and what the charts read of it.
    networks: HashMap<i64, (i64, NetworkFacts)>,
}

impl Responses {
    /// Every response of the edition, read and decoded.
    async fn read(db: &Db, edition: Edition, generation: i64) -> sqlx::Result<Self> {
        let index = ItemIndex::new(&edition);
        let rows = sqlx::query(
            "SELECT n.id, n.report_no, n.prefecture, n.operator_type, n.start_year, r.answers, r.disclosure
             FROM responses r JOIN networks n ON n.id = r.network_id WHERE r.edition_id = $1",
        )
        .bind(&edition.id)
        .fetch_all(db)
        .await?;
        let networks = decode_all(&rows, &index)?.into_iter().map(|(id, network)| (id, network.expect("an inner join"))).collect();
        Ok(Responses { generation, edition, index, networks })
    }

    /// Brought to `generation`: the networks changed since are read again; those without a
    /// response in the edition any more are dropped.
    async fn update(&mut self, db: &Db, generation: i64) -> sqlx::Result<()> {
        let rows = sqlx::query(
            "SELECT c.network_id AS id, n.report_no, n.prefecture, n.operator_type, n.start_year, r.answers, r.disclosure
             FROM network_changes c
             LEFT JOIN responses r ON r.network_id = c.network_id AND r.edition_id = $1
             LEFT JOIN networks n ON n.id = r.network_id
             WHERE c.changed_at > $2",
        )
        .bind(&self.edition.id)
        .bind(self.generation)
        .fetch_all(db)
        .await?;
        for (id, network) in decode_all(&rows, &self.index)? {
            match network {
                Some(network) => self.networks.insert(id, network),
                None => self.networks.remove(&id),
            };
        }
        self.generation = generation;
        Ok(())
    }

    /// In report order, the order the charts list what they list (e.g. company names).
    fn in_order(&self) -> Vec<&NetworkFacts> {
        let mut all: Vec<(i64, i64, &NetworkFacts)> = self.networks.iter().map(|(id, (order, facts))| (*order, *id, facts)).collect();
        all.sort_unstable_by_key(|(order, id, _)| (*order, *id));
        all.into_iter().map(|(_, _, facts)| facts).collect()
    }
}

/// Each row's network id and [`decode`]d response, on every core for many rows: decoding
/// the JSON is most of the work of reading every response.
fn decode_all(rows: &[sqlx::any::AnyRow], index: &ItemIndex) -> sqlx::Result<Vec<(i64, Option<(i64, NetworkFacts)>)>> {
    const PER_THREAD: usize = 5_000;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(rows.len() / PER_THREAD).max(1);
    let decode_part = |part: &[sqlx::any::AnyRow]| part.iter().map(|row| Ok((row.try_get("id")?, decode(row, index)?))).collect::<sqlx::Result<Vec<_>>>();
    let mut parts = rows.chunks(rows.len().div_ceil(threads).max(1));
    let first = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let spawned: Vec<_> = parts.map(|part| scope.spawn(move || decode_part(part))).collect();
        let mut all = decode_part(first)?;
        for part in spawned {
            all.extend(part.join().expect("decoding thread")?);
        }
        Ok(all)
    })
}

/// A network's place in report order and its facts; `None` without a response.
fn decode(row: &sqlx::any::AnyRow, index: &ItemIndex) -> sqlx::Result<Option<(i64, NetworkFacts)>> {
    let Some(answers) = row.try_get::<Option<&str>, _>("answers")? else { return Ok(None) };
    let operator = row.try_get::<Option<&str>, _>("operator_type")?.and_then(OperatorType::from_key);
    let facts = NetworkFacts::from_json(index, row.try_get("prefecture")?, operator, row.try_get("start_year")?, answers, row.try_get("disclosure")?)
        .map_err(|e| sqlx::Error::ColumnDecode { index: "answers".into(), source: Box::new(e) })?;
    Ok(Some((order_of(row.try_get("report_no")?, row.try_get("id")?), facts)))
}

impl ChartCache {
    /// Public values computed over fewer than `min_group` networks are hidden.
    pub fn new(min_group: usize) -> Self {
        ChartCache { min_group: min_group.max(1), entries: Mutex::new((i64::MIN, HashMap::new())), responses: Default::default(), full_reads: Default::default() }
    }

    pub fn min_group(&self) -> usize {
        self.min_group
    }

    pub fn full_reads(&self) -> usize {
        self.full_reads.load(std::sync::atomic::Ordering::Relaxed)
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
    if let Some(hit) = cache.get(generation, &key) {
        return hit.get(&view).cloned().ok_or(ApiError::NotFound);
    }
    let edition = super::editions::definition(db, &edition_id).await?.ok_or(ApiError::NotFound)?;
    if !staff && !super::editions::is_public(db, &edition_id).await? {
        return Err(ApiError::NotFound);
    }
    let mut held = cache.responses.lock().await;
    // Computed by another request while this one waited.
    if let Some(hit) = cache.get(generation, &key) {
        return hit.get(&view).cloned().ok_or(ApiError::NotFound);
    }
    let responses = match held.remove(&edition_id) {
        // A newer generation is as good (it was read after this request began).
        Some(mut r) if r.edition == edition => {
            if r.generation < generation {
                r.update(db, generation).await?;
            }
            r
        }
        _ => {
            cache.full_reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Responses::read(db, edition, generation).await?
        }
    };
    // Seconds of computing at scale: off the async workers, so other requests go on meanwhile.
    let (responses, computed) = tokio::task::spawn_blocking(move || {
        let computed = publish_all(&responses.edition, responses.in_order(), audience);
        (responses, computed)
    })
    .await
    .map_err(|_| ApiError::Internal)?;
    held.insert(edition_id, responses);
    let views: Views = Arc::new(computed.into_iter().map(|(f, charts)| (f, Arc::new(charts))).collect());
    cache.put(generation, key, views.clone());
    views.get(&view).cloned().ok_or(ApiError::NotFound)
}
