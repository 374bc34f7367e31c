//! Chart data for the server functions and the open-data endpoints: aggregated over the
//! database, cached per edition and audience (every public filter view at once, since
//! disclosure control must see them all together), and dropped whenever the data
//! generation changes. Every write to networks, responses or editions bumps that counter
//! (database triggers), and each request reads it, so a save through any app server sharing
//! the database refreshes every server's charts on its next request.
//!
//! What the charts are computed from is each edition's atom sums ([`AtomSums`]: per atom of
//! networks sharing region, operator type and start year, every measure's sums), with the
//! atom of every network, as of a data generation ([`Charted`]). A server keeps them between
//! generations. When the generation moves it reads the networks stamped in
//! `network_changes` since (inserted, updated, deleted, reclassified: the triggers note
//! each), and rebuilds only the atoms they left or joined, from those atoms' responses.
//! Each read is one read snapshot of the database, so the sums are exactly the data of the
//! generation they are labelled with.
//!
//! The sums are also stored in the database (`chart_sums`, a few MB at 100,000 responses),
//! so a server that starts reads them instead of every response, then catches up the same
//! way from their generation. They are written after a full read and then whenever the
//! responses a server re-read since it last stored or loaded them pass [`STORE_AFTER`], so
//! a starting server re-reads at most about that many. Any server may write them; the
//! newest generation wins. They are read back only under the same fingerprint (edition
//! definition, measures, code version); anything else is a full read.
//!
//! Disclosure control, most of the work, remembers what it hid in each family of values by
//! a digest of the family's input (`charts::Memo`). A server keeps that memo, joins to it
//! what is stored in `chart_protection` before each computation, and stores it after one
//! that solved anything, so a starting server or another one solves only the families
//! whose input changed since.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use super::networks::order_of;
use super::Db;
use crate::Error;
use charts::{
    publish_all, AtomKey, Audience, ChartData, ChartFilter, ItemIndex, Measures, Memo,
    NetworkFacts, Population, Stored,
};
use survey::geography::{region_of, OperatorType};
use survey::Edition;

/// Every public filter view of one edition for one audience.
type Views = Arc<HashMap<ChartFilter, Arc<Vec<ChartData>>>>;

/// Responses re-read since the stored sums, after which a server stores its own.
pub const STORE_AFTER: usize = 2_000;

/// By edition and audience: the newest views computed, and the data generation they are of.
type Entries = HashMap<(String, Audience), (i64, Views)>;

/// How long a public request waits for the charts of a newer data generation when it can
/// show those of an earlier one meanwhile. At 100,000 responses protecting every view again
/// takes many seconds; a visitor is better served the figures of a moment ago (already
/// public, so nothing new is given away) while they are computed in the background.
pub const FRESH_WITHIN: std::time::Duration = std::time::Duration::from_millis(250);

/// A row's place in report order, its network id and its decoded response.
type Decoded = ((i64, i64), i64, NetworkFacts);

/// The computed charts of the current data generation, and the sums they were computed from.
/// Cloning shares it (a computation goes on in the background after its request answered).
#[derive(Clone)]
pub struct ChartCache(Arc<Shared>);

struct Shared {
    min_group: usize,
    /// How long a public request waits for newer views when earlier ones exist (see
    /// [`FRESH_WITHIN`]); `None`: until they are computed.
    fresh_within: Option<std::time::Duration>,
    /// Computations started and not finished, and the signal each gives when it finishes.
    computing: std::sync::atomic::AtomicUsize,
    finished: tokio::sync::Notify,
    entries: Mutex<Entries>,
    /// By edition. Held while charts are computed, so concurrent misses wait for one
    /// computation instead of each reading every response.
    charted: tokio::sync::Mutex<HashMap<String, Charted>>,
    /// How many times every response of an edition was read (no usable stored sums, or
    /// too much changed since).
    full_reads: std::sync::atomic::AtomicUsize,
    /// Families of values disclosure control solved (the rest it remembered).
    families_solved: std::sync::atomic::AtomicUsize,
}

/// One edition's atom sums and the atom of each of its networks, as of a data generation.
struct Charted {
    generation: i64,
    measures: Measures,
    fingerprint: Vec<u8>,
    sums: Stored,
    /// Responses re-read since these sums were last stored or loaded.
    reread: usize,
    /// What disclosure control hid in each family, by its input (see `charts::Memo`).
    memo: Memo,
}

/// A read transaction that sees one snapshot of the database throughout: SQLite's
/// transactions do (in WAL mode, from their first read); PostgreSQL's need REPEATABLE READ.
async fn snapshot(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    let mut tx = db.begin().await?;
    if tx.backend_name() == "PostgreSQL" {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    Ok(tx)
}

/// The valid answers of an edition ([`crate::COUNTED`]), as the charts read them.
static RESPONSES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT n.id, n.report_no, n.prefecture, n.operator_type, n.start_year, r.answers, r.disclosure
         FROM responses r JOIN networks n ON n.id = r.network_id WHERE r.edition_id = $1 AND {}",
        crate::COUNTED
    )
});

/// What the sums are made with: a change to any of it makes stored sums unusable.
fn fingerprint(measures: &Measures) -> Vec<u8> {
    let mut hash = Sha256::new();
    // The format of `Stored` and what the measures compute are code: bump with either.
    hash.update(concat!(
        "chart sums 3, renkei ",
        env!("CARGO_PKG_VERSION"),
        "\n"
    ));
    hash.update(serde_json::to_string(&measures.edition).unwrap_or_default());
    hash.update(measures.describe());
    hash.finalize().to_vec()
}

impl Charted {
    /// Stored sums of the edition, if there are usable ones; else every response read.
    async fn start(db: &Db, edition: Edition, cache: &ChartCache) -> sqlx::Result<Self> {
        let measures = Measures::of(&edition);
        let fingerprint = fingerprint(&measures);
        let stored: Option<(i64, Vec<u8>)> =
            sqlx::query_as("SELECT generation, data FROM chart_sums WHERE edition_id = $1")
                .bind(&edition.id)
                .fetch_optional(db)
                .await?;
        if let Some(sums) = stored
            .as_ref()
            .and_then(|(_, bytes)| Stored::decode(bytes, &fingerprint, &measures))
        {
            let generation = stored.map_or(0, |(g, _)| g);
            return Ok(Charted {
                generation,
                measures,
                fingerprint,
                sums,
                reread: 0,
                memo: Memo::default(),
            });
        }
        let mut charted = Charted {
            generation: i64::MIN,
            measures,
            fingerprint,
            sums: Stored::default(),
            reread: 0,
            memo: Memo::default(),
        };
        let mut tx = snapshot(db).await?;
        charted.generation = generation(&mut *tx).await?;
        charted.read_all(&mut tx, cache).await?;
        tx.commit().await?;
        Ok(charted)
    }

    /// Every response of the edition read again.
    async fn read_all(&mut self, conn: &mut AnyConnection, cache: &ChartCache) -> sqlx::Result<()> {
        cache
            .0
            .full_reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let rows = sqlx::query(sqlx::AssertSqlSafe(RESPONSES.as_str()))
            .bind(&self.measures.edition.id)
            .fetch_all(conn)
            .await?;
        let mut networks = decode_all(&rows, &self.measures.index)?;
        networks.sort_unstable_by_key(|(place, _, _)| *place);
        self.sums.members = networks
            .iter()
            .map(|(_, id, facts)| (*id, AtomKey::of(facts)))
            .collect();
        self.sums.atoms = self
            .measures
            .sum_all(networks.iter().map(|(_, _, facts)| facts))
            .into_iter()
            .map(|a| (a.key, a))
            .collect();
        self.reread = STORE_AFTER.max(networks.len());
        Ok(())
    }

    /// Brought to the current generation: the atoms changed networks left or joined are
    /// summed again from their responses (every response, if that is most of them).
    async fn update(&mut self, db: &Db, cache: &ChartCache) -> sqlx::Result<()> {
        let mut tx = snapshot(db).await?;
        let generation = generation(&mut *tx).await?;
        if generation <= self.generation {
            return Ok(());
        }
        let changed = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT c.network_id AS id, n.prefecture, n.operator_type, n.start_year,
               CAST(CASE WHEN r.id IS NOT NULL AND {} THEN 1 ELSE 0 END AS BIGINT) AS counted
             FROM network_changes c
             LEFT JOIN responses r ON r.network_id = c.network_id AND r.edition_id = $1
             LEFT JOIN networks n ON n.id = c.network_id
             WHERE c.changed_at > $2",
            crate::COUNTED
        )))
        .bind(&self.measures.edition.id)
        .bind(self.generation)
        .fetch_all(&mut *tx)
        .await?;
        let mut affected: BTreeSet<AtomKey> = BTreeSet::new();
        for row in &changed {
            let id: i64 = row.try_get("id")?;
            affected.extend(self.sums.members.remove(&id));
            // Without a valid answer in the edition (any more) the network leaves its atom.
            let counted = row.try_get::<i64, _>("counted")? == 1;
            if let Some(prefecture) = row
                .try_get::<Option<&str>, _>("prefecture")?
                .filter(|_| counted)
            {
                let operator = row
                    .try_get::<Option<&str>, _>("operator_type")?
                    .and_then(OperatorType::from_key);
                let key = AtomKey {
                    region: region_of(prefecture),
                    operator,
                    start_year: charts::charted_start_year(row.try_get("start_year")?),
                };
                self.sums.members.insert(id, key);
                affected.insert(key);
            }
        }
        let ids: Vec<i64> = self
            .sums
            .members
            .iter()
            .filter(|(_, key)| affected.contains(key))
            .map(|(id, _)| *id)
            .collect();
        if ids.len() > self.sums.members.len() / 2 {
            self.read_all(&mut tx, cache).await?;
        } else {
            let mut networks = vec![];
            // Bound parameters per statement stay well below both backends' limits.
            for chunk in ids.chunks(500) {
                let list = (2..chunk.len() + 2)
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "{} AND r.network_id IN ({list})",
                    *RESPONSES
                )))
                .bind(&self.measures.edition.id);
                for id in chunk {
                    query = query.bind(*id);
                }
                networks.extend(decode_all(
                    &query.fetch_all(&mut *tx).await?,
                    &self.measures.index,
                )?);
            }
            networks.sort_unstable_by_key(|(place, _, _)| *place);
            for key in &affected {
                let atom = self.measures.sum(
                    *key,
                    networks
                        .iter()
                        .map(|(_, _, facts)| facts)
                        .filter(|facts| AtomKey::of(facts) == *key),
                );
                match atom.members {
                    0 => self.sums.atoms.remove(key),
                    _ => self.sums.atoms.insert(*key, atom),
                };
            }
            self.reread += ids.len();
        }
        tx.commit().await?;
        self.generation = generation;
        Ok(())
    }

    /// Stored for servers that start, unless newer ones are.
    async fn store(&mut self, db: &Db) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO chart_sums (edition_id, generation, data) VALUES ($1, $2, $3)
             ON CONFLICT (edition_id) DO UPDATE SET generation = excluded.generation, data = excluded.data
             WHERE chart_sums.generation < excluded.generation",
        )
        .bind(&self.measures.edition.id)
        .bind(self.generation)
        .bind(self.sums.encode(&self.fingerprint))
        .execute(db)
        .await?;
        self.reread = 0;
        Ok(())
    }

    /// What other servers remembered (or this one before it started) joins the memo.
    async fn recall(&mut self, db: &Db) -> sqlx::Result<()> {
        let stored: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT data FROM chart_protection WHERE edition_id = $1")
                .bind(&self.measures.edition.id)
                .fetch_optional(db)
                .await?;
        // Written by other code (another version): ignored, and replaced after this solve.
        if let Some(memo) = stored.as_deref().and_then(Memo::decode) {
            self.memo.absorb(memo);
        }
        Ok(())
    }

    /// The memo stored, for servers that start and the others.
    async fn remember(&self, db: &Db) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO chart_protection (edition_id, data) VALUES ($1, $2)
             ON CONFLICT (edition_id) DO UPDATE SET data = excluded.data",
        )
        .bind(&self.measures.edition.id)
        .bind(self.memo.encode())
        .execute(db)
        .await?;
        Ok(())
    }
}

/// Each row's place in report order, network id and decoded response, on every core for
/// many rows: decoding the JSON is most of the work of reading every response.
fn decode_all(rows: &[sqlx::any::AnyRow], index: &ItemIndex) -> sqlx::Result<Vec<Decoded>> {
    const PER_THREAD: usize = 5_000;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(rows.len() / PER_THREAD)
        .max(1);
    let decode_part = |part: &[sqlx::any::AnyRow]| {
        part.iter()
            .map(|row| decode(row, index))
            .collect::<sqlx::Result<Vec<_>>>()
    };
    let mut parts = rows.chunks(rows.len().div_ceil(threads).max(1));
    let first = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let spawned: Vec<_> = parts
            .map(|part| scope.spawn(move || decode_part(part)))
            .collect();
        let mut all = decode_part(first)?;
        for part in spawned {
            all.extend(part.join().expect("decoding thread")?);
        }
        Ok(all)
    })
}

/// A network's place in report order, its id and its facts.
fn decode(
    row: &sqlx::any::AnyRow,
    index: &ItemIndex,
) -> sqlx::Result<((i64, i64), i64, NetworkFacts)> {
    let id: i64 = row.try_get("id")?;
    let operator = row
        .try_get::<Option<&str>, _>("operator_type")?
        .and_then(OperatorType::from_key);
    let facts = NetworkFacts::from_json(
        index,
        row.try_get("prefecture")?,
        operator,
        row.try_get("start_year")?,
        row.try_get("answers")?,
        row.try_get("disclosure")?,
    )
    .map_err(|e| sqlx::Error::ColumnDecode {
        index: "answers".into(),
        source: Box::new(e),
    })?;
    Ok(((order_of(row.try_get("report_no")?, id), id), id, facts))
}

impl ChartCache {
    /// Public values computed over fewer than `min_group` networks are hidden.
    /// Every request waits for the views of the current data generation.
    pub fn new(min_group: usize) -> Self {
        Self::with_wait(min_group, None)
    }

    /// A public request waits at most `fresh_within` for newer views when earlier ones exist,
    /// and is answered those meanwhile (the server's: [`FRESH_WITHIN`]).
    pub fn answering_within(min_group: usize, fresh_within: std::time::Duration) -> Self {
        Self::with_wait(min_group, Some(fresh_within))
    }

    fn with_wait(min_group: usize, fresh_within: Option<std::time::Duration>) -> Self {
        ChartCache(Arc::new(Shared {
            min_group: min_group.max(1),
            fresh_within,
            computing: Default::default(),
            finished: Default::default(),
            entries: Mutex::new(HashMap::new()),
            charted: Default::default(),
            full_reads: Default::default(),
            families_solved: Default::default(),
        }))
    }

    pub fn min_group(&self) -> usize {
        self.0.min_group
    }

    pub fn full_reads(&self) -> usize {
        self.0.full_reads.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn families_solved(&self) -> usize {
        self.0
            .families_solved
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Returns once no computation is under way (their views are then cached).
    pub async fn settled(&self) {
        loop {
            // Created before the check, so a computation finishing in between still wakes it.
            let finished = self.0.finished.notified();
            if self.0.computing.load(std::sync::atomic::Ordering::Acquire) == 0 {
                return;
            }
            finished.await;
        }
    }

    /// The views of `key` as of `generation` or later: `fresh`, else the newest there are.
    fn get(&self, generation: i64, key: &(String, Audience)) -> Option<(Views, bool)> {
        let entries = self.0.entries.lock().ok()?;
        let (computed_at, views) = entries.get(key)?;
        Some((views.clone(), *computed_at >= generation))
    }

    fn fresh(&self, generation: i64, key: &(String, Audience)) -> Option<Views> {
        self.get(generation, key)
            .and_then(|(views, fresh)| fresh.then_some(views))
    }

    fn put(&self, generation: i64, key: (String, Audience), views: Views) {
        if let Ok(mut entries) = self.0.entries.lock() {
            // Never newer views replaced by older ones computed meanwhile.
            if entries.get(&key).is_none_or(|(at, _)| *at <= generation) {
                entries.insert(key, (generation, views));
            }
        }
    }
}

impl Default for ChartCache {
    fn default() -> Self {
        ChartCache::new(charts::DEFAULT_MIN_GROUP)
    }
}

/// The counter every data change bumps.
pub async fn generation<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT value FROM data_generation")
        .fetch_one(db)
        .await
}

/// Every registered chart for an edition (default: the current one) and filter; staff see
/// every value, the public what disclosure control leaves (see `charts::protect`). Staff get
/// the current data generation; the public too, unless the cache answers within a time
/// ([`ChartCache::answering_within`]), computing takes longer and earlier views exist: then
/// those, while the computation goes on in the background.
pub async fn charts(
    db: &Db,
    cache: &ChartCache,
    filter: &ChartFilter,
    staff: bool,
) -> Result<Arc<Vec<ChartData>>, Error> {
    filter
        .check()
        .map_err(|why| Error::BadRequest(why.clone()))?;
    let edition_id = match &filter.edition {
        Some(id) => id.clone(),
        None => super::editions::current(db).await?.ok_or(Error::NotFound)?,
    };
    let audience = if staff {
        Audience::Staff
    } else {
        Audience::Public {
            min_group: cache.0.min_group,
        }
    };
    let view = ChartFilter {
        edition: None,
        ..filter.clone()
    };
    let shown = |views: Views| views.get(&view).cloned().ok_or(Error::NotFound);
    let key = (edition_id.clone(), audience);
    let generation = generation(db).await?;
    let earlier = match cache.get(generation, &key) {
        Some((views, true)) => return shown(views),
        Some((views, false)) if !staff => cache.0.fresh_within.map(|wait| (views, wait)),
        _ => None,
    };
    let edition = super::editions::definition(db, &edition_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !staff && !super::editions::is_public(db, &edition_id).await? {
        return Err(Error::NotFound);
    }
    let underway = Computing::start(cache);
    let (db, cache_of_task) = (db.clone(), cache.clone());
    let computing = tokio::spawn(async move {
        let _underway = underway;
        let computed = compute(db, cache_of_task, edition_id, edition, key, generation).await;
        // Nobody may be waiting for it any more.
        if let Err(e) = &computed {
            tracing::warn!("charts not computed: {e}");
        }
        computed
    });
    let computed = match earlier {
        None => computing.await,
        Some((earlier, wait)) => match tokio::time::timeout(wait, computing).await {
            Ok(computed) => computed,
            // The computation goes on and caches its views for the requests after this one.
            Err(_) => return shown(earlier),
        },
    };
    shown(computed.map_err(|_| Error::Background)??)
}

/// A computation under way, counted from before it is spawned until it ends (however).
struct Computing(Arc<Shared>);

impl Computing {
    fn start(cache: &ChartCache) -> Self {
        cache
            .0
            .computing
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        Computing(cache.0.clone())
    }
}

impl Drop for Computing {
    fn drop(&mut self) {
        self.0
            .computing
            .fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
        self.0.finished.notify_waiters();
    }
}

/// Computes (or finds computed meanwhile) every view of `key` as of `generation` or later.
async fn compute(
    db: Db,
    cache: ChartCache,
    edition_id: String,
    edition: Edition,
    key: (String, Audience),
    generation: i64,
) -> Result<Views, Error> {
    let staff = key.1 == Audience::Staff;
    // One computation at a time: requests that waited find the views computed meanwhile.
    let mut held = cache.0.charted.lock().await;
    if let Some(views) = cache.fresh(generation, &key) {
        return Ok(views);
    }
    let mut charted = match held.remove(&edition_id) {
        Some(c) if c.measures.edition == edition => c,
        _ => Charted::start(&db, edition, &cache).await?,
    };
    charted.update(&db, &cache).await?;
    if charted.reread >= STORE_AFTER {
        // Failing to store costs later starts time, not correctness.
        if let Err(e) = charted.store(&db).await {
            tracing::warn!("chart sums not stored: {e}");
        }
    }
    // Failing to read the stored memo costs time, not correctness.
    if !staff {
        if let Err(e) = charted.recall(&db).await {
            tracing::warn!("protection memo not read: {e}");
        }
    }
    // Computing every view at scale takes a while: off the async workers, so other
    // requests go on meanwhile.
    let audience = key.1;
    let (charted, computed) = tokio::task::spawn_blocking(move || {
        let Charted {
            measures,
            sums,
            memo,
            ..
        } = &mut charted;
        let population = Population::of_atoms(&measures.edition, measures, sums.atoms.values());
        let computed = publish_all(population, audience, memo);
        (charted, computed)
    })
    .await
    .map_err(|_| Error::Background)?;
    if !staff {
        cache
            .0
            .families_solved
            .fetch_add(charted.memo.solved(), std::sync::atomic::Ordering::Relaxed);
        // Failing to store costs other servers time, not correctness.
        if charted.memo.solved() > 0 {
            if let Err(e) = charted.remember(&db).await {
                tracing::warn!("protection memo not stored: {e}");
            }
        }
    }
    let computed_at = charted.generation;
    held.insert(edition_id, charted);
    let views: Views = Arc::new(
        computed
            .into_iter()
            .map(|(f, charts)| (f, Arc::new(charts)))
            .collect(),
    );
    cache.put(computed_at, key, views.clone());
    Ok(views)
}
