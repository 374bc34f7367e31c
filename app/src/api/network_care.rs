//! Staff only: the care of networks (`/staff/networks`). Networks respondents register wait
//! in a queue until staff check them, with the likely duplicates of the same prefecture
//! ([`survey::duplicates`]); staff correct a network's prefecture and operator type, merge a
//! duplicate into the network kept, or remove a network with a reason. Each change is one
//! transaction with its audit entry (`store::network_care`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use survey::duplicates::Likeness;
use survey::geography::OperatorType;

/// The search over every network, as it appears in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareQuery {
    #[serde(default)]
    pub q: String,
    pub pref: Option<String>,
}

impl CareQuery {
    fn prefecture(&self) -> Option<&str> {
        self.pref.as_deref().filter(|p| !p.is_empty())
    }

    /// Whether anything was asked: an empty search lists nothing.
    pub fn is_search(&self) -> bool {
        !self.q.trim().is_empty() || self.prefecture().is_some()
    }
}

/// At most this many networks are listed for a search.
pub const SEARCH_LIMIT: usize = 100;

/// Where a network stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CareState {
    Listed,
    /// Registered by a respondent, not yet checked.
    ToCheck,
    Removed {
        reason: String,
        on: String,
    },
    Merged {
        into: i64,
        into_name: String,
        on: String,
    },
}

/// Another network named next to one: a likely duplicate, or where it could be merged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub id: i64,
    pub name: String,
    /// How alike the names are, when they are.
    pub likeness: Option<Likeness>,
}

/// One network on the page. The id is for links and forms only; staff see names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareRow {
    pub id: i64,
    pub name: String,
    pub nickname: String,
    pub prefecture: String,
    pub operator: Option<OperatorType>,
    /// The respondent's login, when a respondent registered it.
    pub registered_by: Option<String>,
    /// When it was added, as a date in Japan.
    pub registered_on: String,
    /// The editions it answered.
    pub editions: Vec<String>,
    pub state: CareState,
    /// Listed networks of the same prefecture with a similar name, strongest first.
    pub duplicates: Vec<Related>,
    /// The listed networks of the same prefecture it may be merged into: duplicates first.
    pub targets: Vec<Related>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkCare {
    pub login: String,
    /// Networks waiting to be checked, oldest first.
    pub queue: Vec<CareRow>,
    pub query: CareQuery,
    /// The search's networks (`None` when nothing was asked), up to [`SEARCH_LIMIT`].
    pub results: Option<Vec<CareRow>>,
    /// More networks matched than are listed.
    pub more: bool,
}

/// What a change did, for the page to say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CareDone {
    Checked {
        name: String,
    },
    Corrected {
        name: String,
    },
    Merged {
        from_name: String,
        into_name: String,
        /// Editions where both had a response: the merged network's stays with it.
        kept_responses: Vec<String>,
        /// The kept network has respondents of its own: the merged one's did not move.
        respondents_kept: bool,
    },
    Removed {
        name: String,
    },
}

#[cfg(feature = "ssr")]
mod rows {
    use super::*;
    use store::network_care::CareNetwork;
    use survey::duplicates::{likely_duplicates, Candidate};

    fn candidate(n: &CareNetwork) -> Candidate<'_> {
        Candidate {
            id: n.id,
            prefecture: &n.prefecture,
            name: &n.name,
            nickname: &n.nickname,
        }
    }

    /// Builds the page's rows from every network.
    pub struct Rows<'a> {
        all: &'a [CareNetwork],
        listed: Vec<Candidate<'a>>,
    }

    impl<'a> Rows<'a> {
        pub fn new(all: &'a [CareNetwork]) -> Self {
            let listed = all
                .iter()
                .filter(|n| n.removed_at.is_none())
                .map(candidate)
                .collect();
            Rows { all, listed }
        }

        fn name_of(&self, id: i64) -> String {
            self.all
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.name.clone())
                .unwrap_or_default()
        }

        pub fn row(&self, n: &CareNetwork) -> CareRow {
            let on = |at: Option<i64>| at.map(store::public::japan_date).unwrap_or_default();
            let state = match (n.removed_at, n.merged_into) {
                (None, _) if n.needs_check => CareState::ToCheck,
                (None, _) => CareState::Listed,
                (Some(at), Some(into)) => CareState::Merged {
                    into,
                    into_name: self.name_of(into),
                    on: on(Some(at)),
                },
                (Some(at), None) => CareState::Removed {
                    reason: n.removed_reason.clone(),
                    on: on(Some(at)),
                },
            };
            let listed = n.removed_at.is_none();
            let related = |id: i64, likeness: Option<Likeness>| Related {
                id,
                name: self.name_of(id),
                likeness,
            };
            let duplicates: Vec<Related> = match listed {
                true => likely_duplicates(&candidate(n), &self.listed)
                    .into_iter()
                    .map(|(id, l)| related(id, Some(l)))
                    .collect(),
                false => Vec::new(),
            };
            let mut targets = duplicates.clone();
            if listed {
                let mut others: Vec<Related> = self
                    .listed
                    .iter()
                    .filter(|c| c.prefecture == n.prefecture && c.id != n.id)
                    .filter(|c| !duplicates.iter().any(|d| d.id == c.id))
                    .map(|c| related(c.id, None))
                    .collect();
                others.sort_by(|a, b| a.name.cmp(&b.name));
                targets.extend(others);
            }
            CareRow {
                id: n.id,
                name: n.name.clone(),
                nickname: n.nickname.clone(),
                prefecture: n.prefecture.clone(),
                operator: n.operator_type.as_deref().and_then(OperatorType::from_key),
                registered_by: n.registered_by.clone(),
                registered_on: on(Some(n.created_at)),
                editions: n.editions.clone(),
                state,
                duplicates,
                targets,
            }
        }
    }
}

/// The queue, and the search's networks.
#[server(endpoint = "staff_network_care")]
pub async fn get_network_care(query: CareQuery) -> Result<NetworkCare, ApiError> {
    use crate::i18n::Label;
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            if query.q.chars().count() > 200 {
                return Err(ApiError::BadRequest(Label::new(
                    "検索語が長すぎます。",
                    "The search is too long.",
                )));
            }
            let db = crate::db::use_db()?;
            let all = store::network_care::all(&db).await?;
            let rows = rows::Rows::new(&all);
            let mut queue: Vec<_> = all
                .iter()
                .filter(|n| n.needs_check && n.removed_at.is_none())
                .collect();
            queue.sort_by_key(|n| (n.created_at, n.id));
            let queue = queue.into_iter().map(|n| rows.row(n)).collect();
            let (results, more) = match query.is_search() {
                false => (None, false),
                true => {
                    let text = survey::search::Query::new(&query.q);
                    let matching: Vec<_> = all
                        .iter()
                        .filter(|n| query.prefecture().is_none_or(|p| n.prefecture == p))
                        .filter(|n| {
                            text.is_empty() || text.matches(&n.name) || text.matches(&n.nickname)
                        })
                        .collect();
                    let more = matching.len() > SEARCH_LIMIT;
                    let listed = matching
                        .into_iter()
                        .take(SEARCH_LIMIT)
                        .map(|n| rows.row(n))
                        .collect();
                    (Some(listed), more)
                }
            };
            Ok(NetworkCare {
                login: me.login,
                queue,
                query,
                results,
                more,
            })
        }
        .await,
    )
}

/// Why a change was refused, as the page tells it.
#[cfg(feature = "ssr")]
fn refusal(refused: store::network_care::Refused) -> ApiError {
    use crate::i18n::ui_networks as t;
    use store::network_care::Refused;
    match refused {
        Refused::Missing => ApiError::NotFound,
        Refused::Removed => super::invalid("network", t::ALREADY_REMOVED.clone()),
        Refused::Itself => super::invalid("into", t::INTO_ITSELF.clone()),
        Refused::IntoRemoved => super::invalid("into", t::INTO_REMOVED.clone()),
    }
}

/// Takes a network out of the queue as it is.
#[server(endpoint = "staff_check_network")]
pub async fn check_network(network_id: i64) -> Result<CareDone, ApiError> {
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            store::network_care::mark_checked(&mut tx, network_id, &me.actor())
                .await?
                .map_err(refusal)?;
            let name = network_name(&mut tx, network_id).await?;
            tx.commit().await?;
            Ok(CareDone::Checked { name })
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn network_name(conn: &mut sqlx::AnyConnection, id: i64) -> Result<String, ApiError> {
    Ok(
        sqlx::query_scalar("SELECT name FROM networks WHERE id = $1")
            .bind(id)
            .fetch_one(conn)
            .await?,
    )
}

/// Corrects a network's prefecture and operator type (empty: not classified).
#[server(endpoint = "staff_correct_network")]
pub async fn correct_network(
    network_id: i64,
    prefecture: String,
    operator_type: String,
) -> Result<CareDone, ApiError> {
    use crate::i18n::ui_networks as t;
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            if !survey::geography::PREFECTURES
                .iter()
                .any(|(p, _)| *p == prefecture)
            {
                return Err(super::invalid("prefecture", t::BAD_PREFECTURE.clone()));
            }
            let operator = match operator_type.as_str() {
                "" => None,
                key => Some(
                    OperatorType::from_key(key)
                        .ok_or_else(|| super::invalid("operator_type", t::BAD_OPERATOR.clone()))?,
                ),
            };
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            store::network_care::correct(&mut tx, network_id, &prefecture, operator, &me.actor())
                .await?
                .map_err(refusal)?;
            let name = network_name(&mut tx, network_id).await?;
            tx.commit().await?;
            Ok(CareDone::Corrected { name })
        }
        .await,
    )
}

/// Merges network `from`, a duplicate, into `into`, which is kept.
#[server(endpoint = "staff_merge_network")]
pub async fn merge_network(from: i64, into: i64, note: String) -> Result<CareDone, ApiError> {
    use crate::i18n::ui_networks as t;
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let note = note.trim();
            if note.chars().count() > 500 {
                return Err(super::invalid("note", t::NOTE_TOO_LONG.clone()));
            }
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            let merged = store::network_care::merge(&mut tx, from, into, note, &me.actor())
                .await?
                .map_err(refusal)?;
            tx.commit().await?;
            Ok(CareDone::Merged {
                from_name: merged.from_name,
                into_name: merged.into_name,
                kept_responses: merged.kept_responses,
                respondents_kept: !merged.kept_respondents.is_empty(),
            })
        }
        .await,
    )
}

/// Removes a network, with a reason (required, 500 characters at most).
#[server(endpoint = "staff_remove_network")]
pub async fn remove_network(network_id: i64, reason: String) -> Result<CareDone, ApiError> {
    use crate::i18n::ui_networks as t;
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let reason = reason.trim();
            if reason.is_empty() || reason.chars().count() > 500 {
                return Err(super::invalid("reason", t::NEED_REASON.clone()));
            }
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            store::network_care::remove(&mut tx, network_id, reason, &me.actor())
                .await?
                .map_err(refusal)?;
            let name = network_name(&mut tx, network_id).await?;
            tx.commit().await?;
            Ok(CareDone::Removed { name })
        }
        .await,
    )
}
