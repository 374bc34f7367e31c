//! Staff manage the survey's editions: make the next one from the newest, revise a draft's
//! questionnaire (add, rename, retire items), open it for answers and close it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::i18n::Label;
use survey::lifecycle::{EditionRow, EditionStatus as Status, StoppedNetwork, ValidRule};
use survey::{AnswerKind, Edition};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditionsView {
    /// The signed-in staff member.
    pub login: String,
    pub editions: Vec<EditionRow>,
    /// The newest edition's questionnaire when it is a draft, for revising.
    pub draft: Option<Edition>,
}

/// One change to a draft's questionnaire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Revision {
    Add {
        section: String,
        group: String,
        key: String,
        ja: String,
        en: String,
        kind: NewKind,
    },
    Rename {
        key: String,
        ja: String,
        en: String,
    },
    Retire {
        key: String,
        retired: bool,
    },
}

/// The kinds of answer a new item can take from the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewKind {
    Tri,
    Count,
    Text,
    KiloYen,
    Check,
}

impl NewKind {
    pub const ALL: [NewKind; 5] = [
        NewKind::Tri,
        NewKind::Count,
        NewKind::Text,
        NewKind::KiloYen,
        NewKind::Check,
    ];

    pub fn kind(self) -> AnswerKind {
        match self {
            NewKind::Tri => AnswerKind::Tri,
            NewKind::Count => AnswerKind::Count,
            NewKind::Text => AnswerKind::Text,
            NewKind::KiloYen => AnswerKind::KiloYen,
            NewKind::Check => AnswerKind::Check,
        }
    }

    pub fn label(self) -> Label {
        match self {
            NewKind::Tri => Label::new(
                "実施中／実施予定あり／実施なし・予定なし",
                "In progress / planned / none",
            ),
            NewKind::Count => Label::new("数", "Count"),
            NewKind::Text => Label::new("文字", "Text"),
            NewKind::KiloYen => Label::new("金額（千円）", "Amount (thousand yen)"),
            NewKind::Check => Label::new("チェック", "Checkbox"),
        }
    }
}

#[cfg(feature = "ssr")]
async fn staff_actor() -> Result<store::audit_log::Entity, ApiError> {
    let me = crate::auth::require_staff().await?;
    Ok(me.actor())
}

/// Audits a change to edition `id` (`action`, `detail`) and commits it with the change.
#[cfg(feature = "ssr")]
async fn commit_audited(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    actor: &store::audit_log::Entity,
    action: &str,
    id: &str,
    detail: &serde_json::Value,
) -> Result<(), ApiError> {
    let subject = store::audit_log::Entity::Edition(id.to_string());
    store::audit_log::append(&mut tx, actor, action, &subject, detail).await?;
    Ok(tx.commit().await?)
}

#[server(endpoint = "editions")]
pub async fn get_editions() -> Result<EditionsView, ApiError> {
    crate::error::with_status(
        async {
            let me = crate::auth::require_staff().await?;
            let db = crate::db::use_db()?;
            let editions = store::editions::list(&db).await?;
            let draft = match editions.first() {
                Some(e) if e.status == Status::Draft => {
                    store::editions::definition(&db, &e.id).await?
                }
                _ => None,
            };
            Ok(EditionsView {
                login: me.login,
                editions,
                draft,
            })
        }
        .await,
    )
}

/// Makes the next edition (the year after the newest) as a draft copy of the newest.
#[server(endpoint = "create_edition")]
pub async fn create_edition() -> Result<String, ApiError> {
    crate::error::with_status(
        async {
            let actor = staff_actor().await?;
            let db = crate::db::use_db()?;
            let editions = store::editions::list(&db).await?;
            let newest = editions.first().ok_or(ApiError::NotFound)?;
            if newest.status == Status::Draft {
                return Err(ApiError::BadRequest(Label::new(
                    "準備中の調査年度がすでにあります。",
                    "There is already a draft edition.",
                )));
            }
            let year: i32 = newest.id.parse().map_err(|_| {
                ApiError::BadRequest(Label::new(
                    "調査年度の名前が年ではありません。",
                    "The newest edition is not named by a year.",
                ))
            })?;
            let id = (year + 1).to_string();
            let base = store::editions::definition(&db, &newest.id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let title = Label {
                ja: format!("{id}年度調査").into(),
                en: format!("{id} survey").into(),
            };
            let mut tx = db.begin().await?;
            store::editions::insert_draft(&mut tx, &base.next(&id, title)).await?;
            let detail = serde_json::json!({ "from": newest.id });
            commit_audited(tx, &actor, "edition_create", &id, &detail).await?;
            Ok(id)
        }
        .await,
    )
}

/// Applies one change to a draft's questionnaire.
#[server(endpoint = "revise_edition", input = leptos::server_fn::codec::Json)]
pub async fn revise_edition(id: String, revision: Revision) -> Result<(), ApiError> {
    crate::error::with_status(
        async {
            let actor = staff_actor().await?;
            let db = crate::db::use_db()?;
            if store::editions::status(&db, &id).await? != Some(Status::Draft) {
                return Err(ApiError::BadRequest(Label::new(
                    "設問を変更できるのは準備中の調査年度だけです。",
                    "Only a draft edition's questions can be changed.",
                )));
            }
            let mut edition = store::editions::definition(&db, &id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let label = |ja: &str, en: &str| Label {
                ja: ja.trim().to_string().into(),
                en: en.trim().to_string().into(),
            };
            let applied = match &revision {
                Revision::Add {
                    section,
                    group,
                    key,
                    ja,
                    en,
                    kind,
                } => edition
                    .add_item(
                        section,
                        group,
                        key.trim(),
                        label(ja, en),
                        kind.kind(),
                        Some("other"),
                    )
                    .map(|_| ()),
                Revision::Rename { key, ja, en } => edition.rename_item(key, label(ja, en)),
                Revision::Retire { key, retired } => edition.set_retired(key, *retired),
            };
            applied.map_err(|e| ApiError::BadRequest(e.message()))?;
            let mut tx = db.begin().await?;
            if !store::editions::save_draft(&mut tx, &edition).await? {
                return Err(ApiError::Conflict { current: 0 });
            }
            let detail = serde_json::to_value(&revision).unwrap_or_default();
            commit_audited(tx, &actor, "edition_revise", &id, &detail).await
        }
        .await,
    )
}

/// Opens a draft or closed edition for answers (closing the open one), or closes the open one.
#[server(endpoint = "set_edition_status")]
pub async fn set_edition_status(id: String, status: Status) -> Result<(), ApiError> {
    crate::error::with_status(
        async {
            let actor = staff_actor().await?;
            let db = crate::db::use_db()?;
            let current = store::editions::status(&db, &id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let allowed = matches!(
                (current, status),
                (Status::Draft | Status::Closed, Status::Open) | (Status::Open, Status::Closed)
            );
            if !allowed {
                return Err(ApiError::BadRequest(Label::new(
                    "この状態には変更できません。",
                    "The edition cannot move to that state.",
                )));
            }
            let mut tx = db.begin().await?;
            store::editions::set_status(&mut tx, &id, status).await?;
            let detail = serde_json::json!({ "from": current.as_str(), "to": status.as_str() });
            commit_audited(tx, &actor, "edition_status", &id, &detail).await
        }
        .await,
    )
}

/// Chooses when a draft edition's responses count as valid answers.
#[server(endpoint = "set_edition_valid_rule")]
pub async fn set_valid_rule(id: String, rule: ValidRule) -> Result<(), ApiError> {
    crate::error::with_status(
        async {
            let actor = staff_actor().await?;
            let db = crate::db::use_db()?;
            let mut tx = db.begin().await?;
            if !store::editions::set_valid_rule(&mut tx, &id, rule).await? {
                return Err(ApiError::BadRequest(Label::new(
                    "有効回答の条件を変更できるのは準備中の調査年度だけです。",
                    "Only a draft edition's rule for valid answers can be changed.",
                )));
            }
            let detail = serde_json::json!({ "valid_rule": rule.as_str() });
            commit_audited(tx, &actor, "edition_valid_rule", &id, &detail).await
        }
        .await,
    )
}

/// Networks that answered last edition and are refused or silent in the open one: the
/// report's worry about networks ending when subsidies run out (継続性).
#[server(endpoint = "stopped_networks")]
pub async fn get_stopped_networks() -> Result<(String, String, Vec<StoppedNetwork>), ApiError> {
    crate::error::with_status(
        async {
            staff_actor().await?;
            let db = crate::db::use_db()?;
            let open = store::editions::open(&db)
                .await?
                .ok_or(ApiError::NotFound)?;
            let Some(previous) = store::editions::previous(&db, &open).await? else {
                return Ok((String::new(), open, Vec::new()));
            };
            let stopped = store::editions::stopped(&db, &previous, &open).await?;
            Ok((previous, open, stopped))
        }
        .await,
    )
}
