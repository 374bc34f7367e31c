//! What a signed-in respondent may ask for: only the networks linked to their account.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use survey::response::MyNetwork;
pub use wire::form::{kept_as_stored, ResponseForm, SaveOutcome, SaveRequest};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNetworks {
    pub login: String,
    pub edition: String,
    pub networks: Vec<MyNetwork>,
    /// No edition is open: `edition` is the newest closed one, whose answers can be seen
    /// but not changed (`api::closed_survey`).
    #[serde(default)]
    pub closed: bool,
    /// When `edition` closed, in Japan (YYYY-MM-DD), if it is closed and the date is known.
    #[serde(default)]
    pub closed_on: Option<String>,
}

#[server(endpoint = "my_networks")]
pub async fn get_my_networks() -> Result<MyNetworks, ApiError> {
    crate::error::with_status(
        async {
            let me = crate::auth::require_respondent().await?;
            let db = crate::db::use_db()?;
            let open = store::editions::open(&db).await?;
            let closed = open.is_none();
            let edition = match open {
                Some(id) => id,
                None => store::editions::current(&db)
                    .await?
                    .ok_or(ApiError::NotFound)?,
            };
            let closed_on = store::editions::closed_at(&db, &edition)
                .await?
                .map(store::public::japan_date);
            let networks = store::networks::of_respondent(&db, me.user_id, &edition).await?;
            Ok(MyNetworks {
                login: me.login,
                edition,
                networks,
                closed,
                closed_on,
            })
        }
        .await,
    )
}

/// Who may edit a network's answers: its respondent, or staff.
#[cfg(feature = "ssr")]
pub(crate) async fn require_editor(
    db: &store::Db,
    network_id: i64,
) -> Result<crate::auth::Principal, ApiError> {
    use store::accounts::Role;
    let me = crate::auth::principal()
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let allowed = match me.role {
        Role::Staff => true,
        Role::Respondent => store::responses::respondent_owns(db, me.user_id, network_id).await?,
    };
    if !allowed {
        return Err(ApiError::Forbidden);
    }
    Ok(me)
}

/// The open edition's id and questionnaire; not found when no edition is open.
#[cfg(feature = "ssr")]
pub(crate) async fn open_edition(db: &store::Db) -> Result<(String, survey::Edition), ApiError> {
    let id = store::editions::open(db).await?.ok_or(ApiError::NotFound)?;
    let edition = store::editions::definition(db, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((id, edition))
}

/// The system's name: the questionnaire's one required answer, known from the request.
#[cfg(feature = "ssr")]
const NAME_KEY: &str = "overview.main.name";

/// A network's name; not found when there is no such network.
#[cfg(feature = "ssr")]
async fn network_name(db: &store::Db, network_id: i64) -> Result<String, ApiError> {
    sqlx::query_scalar("SELECT name FROM networks WHERE id = $1")
        .bind(network_id)
        .fetch_optional(db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The rules' "this year": the edition's year, so old editions stay consistent.
pub fn edition_year(edition: &survey::Edition) -> i32 {
    edition.id.parse().unwrap_or(2012)
}

#[server(endpoint = "response_form")]
pub async fn get_response_form(network_id: i64) -> Result<ResponseForm, ApiError> {
    crate::error::with_status(
        async {
            let db = crate::db::use_db()?;
            let me = require_editor(&db, network_id).await?;
            let draft_owner = format!("{}-{}", me.role.as_str(), me.user_id);
            let signed_in_as = me.login.clone();
            let by_staff = me.role == store::accounts::Role::Staff;
            let (edition_id, edition) = open_edition(&db).await?;
            let record = store::networks::record(&db, network_id, &edition_id).await?;
            let this_year = edition_year(&edition);
            Ok(match record {
                Some(r) => ResponseForm {
                    network_id,
                    name: r.name,
                    carried_from: match r.unconfirmed.is_empty() {
                        true => None,
                        false => store::editions::previous(&db, &edition_id).await?,
                    },
                    edition,
                    answers: r.answers,
                    disclosure: r.disclosure,
                    version: r.version,
                    updated: r.updated_at.map(store::public::japan_date),
                    review_note: r.review_note,
                    this_year,
                    unconfirmed: r.unconfirmed,
                    draft_owner,
                    signed_in_as,
                    by_staff,
                },
                // No response yet in this edition: the network itself must exist; last
                // edition's answers are the starting point.
                None => {
                    let name = network_name(&db, network_id).await?;
                    let carried = carried_forward(&db, network_id, &edition).await?;
                    let (carried_from, mut answers, disclosure, unconfirmed) = match carried {
                        Some(c) => (Some(c.from), c.answers, c.disclosure, c.keys),
                        None => Default::default(),
                    };
                    // A network new to the survey (a request list, a registration) starts with
                    // the name it was asked by, so the one required answer is there already.
                    if answers.get(NAME_KEY).is_none() {
                        answers.set(NAME_KEY, survey::Answer::Text(name.clone()));
                    }
                    ResponseForm {
                        network_id,
                        name,
                        edition,
                        answers,
                        disclosure,
                        version: 0,
                        updated: None,
                        review_note: String::new(),
                        this_year,
                        carried_from,
                        unconfirmed,
                        draft_owner,
                        signed_in_as,
                        by_staff,
                    }
                }
            })
        }
        .await,
    )
}

/// The previous edition's answers, as far as they fit this edition.
#[cfg(feature = "ssr")]
struct Carried {
    from: String,
    answers: survey::Answers,
    disclosure: survey::DisclosureChoices,
    keys: std::collections::BTreeSet<String>,
}

#[cfg(feature = "ssr")]
async fn carried_forward(
    db: &store::Db,
    network_id: i64,
    edition: &survey::Edition,
) -> Result<Option<Carried>, ApiError> {
    let Some(from) = store::editions::previous(db, &edition.id).await? else {
        return Ok(None);
    };
    let Some(record) = store::networks::record(db, network_id, &from).await? else {
        return Ok(None);
    };
    let old = store::editions::definition(db, &from)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (answers, keys) = survey::revise::carry_forward(&old, &record.answers, edition);
    Ok(Some(Carried {
        from,
        answers,
        disclosure: record.disclosure,
        keys,
    }))
}

/// Checks one save group with the same rules as the browser and writes it, or refuses:
/// invalid answers (422, field-level issues), a stale version (409), no access (401/403).
/// Nothing is written unless everything passes.
#[server(endpoint = "save_response", input = leptos::server_fn::codec::Json)]
pub async fn save_response(request: SaveRequest) -> Result<SaveOutcome, ApiError> {
    use store::responses::{save, NewResponse, Saved};
    use survey::validate::{validate, Severity};
    crate::error::with_status(
        async {
            let db = crate::db::use_db()?;
            let editor = require_editor(&db, request.network_id).await?;
            let actor = editor.actor();
            let (edition_id, edition) = open_edition(&db).await?;
            let group_sections: Vec<&survey::Section> = edition
                .sections
                .iter()
                .filter(|s| s.save_group == request.save_group)
                .collect();
            if group_sections.is_empty() {
                return Err(ApiError::NotFound);
            }
            let save_group = request.save_group;
            let in_group = |key: &str| {
                edition
                    .section_of(key)
                    .is_some_and(|s| s.save_group == save_group)
            };

            // Amounts sent as the text typed (「３，０００円」) are read by the form's rules.
            let mut request = request;
            survey::entry::read_amounts(&edition, &mut request.answers);
            let record = store::networks::record(&db, request.network_id, &edition_id).await?;
            let stored = record.as_ref().map(|r| &r.answers);
            // Every submitted answer of the group, and any key the edition does not know, is
            // checked; an answer kept exactly as stored (e.g. imported before today's rules)
            // is shown at its field but never blocks the save.
            let issues: Vec<_> = validate(&edition, &request.answers, edition_year(&edition))
                .into_iter()
                .filter(|i| {
                    i.severity == Severity::Error
                        && (in_group(&i.item) || edition.item(&i.item).is_none())
                        && !kept_as_stored(stored, &request.answers, &i.item)
                })
                .collect();
            if !issues.is_empty() {
                return Err(ApiError::Invalid(issues));
            }

            let (old, mut disclosure, stored_version, unconfirmed) = match &record {
                Some(r) => (
                    r.answers.clone(),
                    r.disclosure.clone(),
                    r.version,
                    r.unconfirmed.clone(),
                ),
                None => Default::default(),
            };
            let old_disclosure = disclosure.clone();
            if stored_version != request.version {
                return Err(ApiError::Conflict {
                    current: stored_version,
                });
            }
            // The first save of an edition keeps last edition's answers for the other groups too.
            let (mut answers, unconfirmed) = match (
                &record,
                carried_forward(&db, request.network_id, &edition).await?,
            ) {
                (None, Some(c)) => {
                    disclosure = c.disclosure;
                    (c.answers, c.keys)
                }
                _ => (old.clone(), unconfirmed),
            };
            // ... and the name the network was asked by, as the form started with it.
            if record.is_none() && answers.get(NAME_KEY).is_none() {
                let name = network_name(&db, request.network_id).await?;
                answers.set(NAME_KEY, survey::Answer::Text(name));
            }
            // Still unconfirmed: outside this group as before; inside it, what the person left untouched.
            let unconfirmed: std::collections::BTreeSet<String> = unconfirmed
                .into_iter()
                .filter(|k| !in_group(k) || request.unconfirmed.contains(k))
                .collect();
            answers.0.retain(|k, _| !in_group(k));
            answers
                .0
                .extend(request.answers.0.into_iter().filter(|(k, _)| in_group(k)));
            for section in &group_sections {
                disclosure.set(&section.key, section.disclosure_of(&request.disclosure));
            }
            let mut tx = db.begin().await?;
            let new = NewResponse {
                network_id: request.network_id,
                edition: &edition_id,
                answers: &answers,
                disclosure: &disclosure,
                based_on: stored_version,
                actor: &actor,
                by_respondent: editor.role == store::accounts::Role::Respondent,
            };
            match save(&mut tx, &new, &old, &old_disclosure).await? {
                Saved::Version(version) => {
                    store::responses::set_unconfirmed(
                        &mut tx,
                        request.network_id,
                        &edition_id,
                        &unconfirmed,
                    )
                    .await?;
                    tx.commit().await?;
                    let now = store::now();
                    Ok(SaveOutcome {
                        version,
                        saved_at: store::public::japan_date_time(now),
                    })
                }
                Saved::Stale { current } => Err(ApiError::Conflict { current }),
            }
        }
        .await,
    )
}

/// Registers another network for the signed-in respondent: a new network with a new
/// response in the current edition, marked for staff review and queued for staff to check
/// (`/staff/networks`: duplicates, prefecture). Opens its form.
#[server(endpoint = "register_network")]
pub async fn register_network(name: String, prefecture: String) -> Result<i64, ApiError> {
    use crate::i18n::Label;
    use store::networks::{upsert_by_report_no, NewNetwork};
    use store::responses::{save, NewResponse, Saved};
    use survey::validate::{Issue, Severity};
    use survey::{Answer, Answers, DisclosureChoices};
    crate::error::with_status(
        async {
            let me = crate::auth::require_respondent().await?;
            let db = crate::db::use_db()?;
            let name = name.trim().to_string();
            let mut issues = Vec::new();
            if name.is_empty() || name.chars().count() > 200 {
                issues.push(Issue {
                    item: NAME_KEY.into(),
                    severity: Severity::Error,
                    message: Label::new(
                        "システムの名称を入力してください（200文字以内）。",
                        "Enter the system's name (200 characters at most).",
                    ),
                });
            }
            if survey::geography::region_of(&prefecture).is_none() {
                issues.push(Issue {
                    item: "network.prefecture".into(),
                    severity: Severity::Error,
                    message: Label::new("都道府県を選択してください。", "Choose a prefecture."),
                });
            }
            if !issues.is_empty() {
                return Err(ApiError::Invalid(issues));
            }
            let edition = store::editions::open(&db)
                .await?
                .ok_or(ApiError::NotFound)?;
            let actor = me.actor();
            let mut tx = db.begin().await?;
            let network = NewNetwork {
                report_no: None,
                prefecture: prefecture.clone(),
                operator_type: None,
                regional_fund: false,
                name: name.clone(),
                nickname: String::new(),
                start_year: None,
            };
            let network_id = upsert_by_report_no(&mut tx, &network).await?;
            store::network_care::queue_for_check(&mut tx, network_id).await?;
            store::accounts::link_network(&mut tx, me.user_id, network_id).await?;
            let mut answers = Answers::default();
            answers.set(NAME_KEY, Answer::Text(name.clone()));
            let new = NewResponse {
                network_id,
                edition: &edition,
                answers: &answers,
                disclosure: &DisclosureChoices::default(),
                based_on: 0,
                actor: &actor,
                by_respondent: true,
            };
            // A new network: nothing was there before, and nothing is disclosed yet.
            if let Saved::Stale { current } =
                save(&mut tx, &new, &Answers::default(), new.disclosure).await?
            {
                return Err(ApiError::Conflict { current });
            }
            let detail = serde_json::json!({ "name": name, "prefecture": prefecture });
            store::audit_log::append(
                &mut tx,
                &actor,
                "register_network",
                &store::audit_log::Entity::Network(network_id),
                &detail,
            )
            .await?;
            tx.commit().await?;
            leptos_axum::redirect(&format!("/respondent/networks/{network_id}"));
            Ok(network_id)
        }
        .await,
    )
}
