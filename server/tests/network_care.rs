//! Staff's care of networks over HTTP, on SQLite and on PostgreSQL: a network a respondent
//! registers waits in the staff's queue with its likely duplicates (width and kana do not
//! matter); staff check it, correct it, merge a duplicate into the network kept (responses,
//! invitations and respondent accounts move where the kept one has none; the audit log keeps
//! what moved and what stayed) or remove it with a reason, after which the public lists no
//! longer show it and its page answers 410 Gone. Who may call these is in authorization.rs.

use crate::support::fixtures::{
    network_of, people, People, A_LOGIN, A_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD,
};
use crate::support::http::{self, form, post_form, sign_in, Reply};
use crate::support::queries::{audit_entries, count};
use crate::support::TestDb;
use app::api::network_care::{CareDone, CareState, NetworkCare};
use app::api::respondent::MyNetworks;
use app::error::ApiError;
use axum::http::StatusCode;
use axum::Router;
use survey::duplicates::Likeness;
use survey::response::ResponseStatus;
use survey::{Answers, DisclosureChoices};

/// あじさいネットワーク (nickname あじさいネット), 長崎県, in the 2012 dataset.
const AJISAI: i64 = 143;
const AJISAI_NAME: &str = "あじさいネットワーク";

struct Fixture {
    router: Router,
    /// Respondent A's network (report no 4) and A's account.
    net_a: i64,
    a_id: i64,
    respondent: String,
    staff: String,
    staff_id: i64,
}

async fn setup(db: &TestDb) -> Fixture {
    let People {
        router,
        net_a,
        a_id,
        staff_id,
        ..
    } = people(db).await;
    let respondent = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
    let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
    Fixture {
        router,
        net_a,
        a_id,
        respondent,
        staff,
        staff_id,
    }
}

fn ok(reply: &Reply) {
    assert!(
        reply.status == StatusCode::OK || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body()
    );
}

/// Respondent A registers a network; returns its id.
async fn register(db: &TestDb, f: &Fixture, name: &str, prefecture: &str) -> i64 {
    let reply = post_form(
        &f.router,
        "/api/register_network",
        &form(&[("name", name), ("prefecture", prefecture)]),
        Some(&f.respondent),
    )
    .await;
    ok(&reply);
    sqlx::query_scalar("SELECT id FROM networks WHERE name = $1")
        .bind(name)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

async fn care(f: &Fixture, q: &str) -> NetworkCare {
    let reply = post_form(
        &f.router,
        "/api/staff_network_care",
        &form(&[("query[q]", q)]),
        Some(&f.staff),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply.json()
}

async fn staff_call(f: &Fixture, path: &str, pairs: &[(&str, &str)]) -> Reply {
    post_form(&f.router, path, &form(pairs), Some(&f.staff)).await
}

async fn merge(f: &Fixture, from: i64, into: i64) -> Reply {
    let (from, into) = (from.to_string(), into.to_string());
    staff_call(
        f,
        "/api/staff_merge_network",
        &[("from", &from), ("into", &into), ("note", "")],
    )
    .await
}

async fn remove(f: &Fixture, id: i64, reason: &str) -> Reply {
    let id = id.to_string();
    staff_call(
        f,
        "/api/staff_remove_network",
        &[("network_id", &id), ("reason", reason)],
    )
    .await
}

/// The refusal's message in Japanese, from a 422.
fn refusal(reply: &Reply) -> String {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body()
    );
    match reply.error() {
        ApiError::Invalid(issues) => issues[0].message.ja.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn network_flags(db: &TestDb, id: i64) -> (i64, Option<i64>, String, Option<i64>) {
    sqlx::query_as(
        "SELECT needs_check, removed_at, removed_reason, merged_into FROM networks WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await
    .unwrap()
}

async fn editions_of(db: &TestDb, id: i64) -> Vec<String> {
    sqlx::query_scalar("SELECT edition_id FROM responses WHERE network_id = $1 ORDER BY edition_id")
        .bind(id)
        .fetch_all(&db.pool)
        .await
        .unwrap()
}

/// The names `/networks.json` lists.
async fn open_data_names(f: &Fixture) -> Vec<String> {
    let reply = http::send(&f.router, http::get("/networks.json", None)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let json: serde_json::Value = reply.json();
    json["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

/// How many networks the public directory finds for a search.
async fn directory_matches(f: &Fixture, q: &str) -> usize {
    let reply = post_form(&f.router, "/api/directory", &form(&[("query[q]", q)]), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    let page: serde_json::Value = reply.json();
    page["matches"].as_u64().unwrap() as usize
}

async fn my_networks(f: &Fixture) -> Vec<i64> {
    let reply = post_form(&f.router, "/api/my_networks", "", Some(&f.respondent)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    let mine: MyNetworks = reply.json();
    mine.networks.iter().map(|n| n.id).collect()
}

on_both_backends!(
    a_registered_network_waits_for_staff_with_its_likely_duplicates,
    async |db: &TestDb| {
        let f = setup(db).await;
        let ajisai = network_of(db, AJISAI).await;
        // Nothing is waiting at first: the dataset's networks are checked.
        assert!(care(&f, "").await.queue.is_empty());

        // Half-width katakana for the nickname of a network of the same prefecture.
        let dup = register(db, &f, "ｱｼﾞｻｲﾈｯﾄ", "長崎県").await;
        // The same name in another prefecture is another network.
        let elsewhere = register(db, &f, "あじさいネット", "佐賀県").await;
        assert_eq!(network_flags(db, dup).await.0, 1);

        let page = care(&f, "").await;
        let names: Vec<&str> = page.queue.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["ｱｼﾞｻｲﾈｯﾄ", "あじさいネット"]);
        let row = &page.queue[0];
        assert_eq!(row.id, dup);
        assert_eq!(row.prefecture, "長崎県");
        assert_eq!(row.registered_by.as_deref(), Some(A_LOGIN));
        assert_eq!(row.state, CareState::ToCheck);
        assert_eq!(row.editions, vec!["2012".to_string()]);
        assert_eq!(row.duplicates.len(), 1, "{:?}", row.duplicates);
        assert_eq!(row.duplicates[0].id, ajisai);
        assert_eq!(row.duplicates[0].name, AJISAI_NAME);
        assert_eq!(row.duplicates[0].likeness, Some(Likeness::Same));
        // The duplicate comes first among the networks it may be merged into.
        assert_eq!(row.targets[0].id, ajisai);
        assert!(row.targets.len() > 1);
        assert!(page.queue[1].duplicates.is_empty());
        assert!(page.results.is_none());

        // The search finds every network by name, width and kana aside.
        let found = care(&f, "アジサイ").await.results.unwrap();
        let mut ids: Vec<i64> = found.iter().map(|r| r.id).collect();
        ids.sort();
        let mut expected = vec![ajisai, dup, elsewhere];
        expected.sort();
        assert_eq!(ids, expected);

        // Checked: out of the queue, as it is, and audited.
        let id = elsewhere.to_string();
        let reply = staff_call(&f, "/api/staff_check_network", &[("network_id", &id)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(
            reply.json::<CareDone>(),
            CareDone::Checked {
                name: "あじさいネット".into()
            }
        );
        let queue = care(&f, "").await.queue;
        assert_eq!(queue.iter().map(|r| r.id).collect::<Vec<_>>(), vec![dup]);
        let audits = audit_entries(db, "check_network").await;
        assert_eq!(audits.len(), 1);
        assert_eq!(audits[0].actor, format!("staff:{}", f.staff_id));
        assert_eq!(audits[0].subject, format!("network:{elsewhere}"));
        // An unknown network is not found.
        let reply = staff_call(&f, "/api/staff_check_network", &[("network_id", "999999")]).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
    }
);

on_both_backends!(
    staff_correct_the_prefecture_and_operator_type,
    async |db: &TestDb| {
        let f = setup(db).await;
        let id = register(db, &f, "ZQ訂正ネット", "秋田県").await;
        let sid = id.to_string();
        let correct = |prefecture: &'static str, operator: &'static str| {
            let sid = sid.clone();
            let f = &f;
            async move {
                staff_call(
                    f,
                    "/api/staff_correct_network",
                    &[
                        ("network_id", &sid),
                        ("prefecture", prefecture),
                        ("operator_type", operator),
                    ],
                )
                .await
            }
        };
        assert_eq!(
            refusal(&correct("Atlantis", "").await),
            "都道府県を選択してください。"
        );
        assert_eq!(
            refusal(&correct("岩手県", "pirate").await),
            "代表団体区分を選択してください。"
        );
        let reply = correct("岩手県", "medical_association").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let (prefecture, operator): (String, Option<String>) =
            sqlx::query_as("SELECT prefecture, operator_type FROM networks WHERE id = $1")
                .bind(id)
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(
            (prefecture.as_str(), operator.as_deref()),
            ("岩手県", Some("medical_association"))
        );
        let audits = audit_entries(db, "correct_network").await;
        assert_eq!(audits.len(), 1);
        assert_eq!(
            audits[0].detail["prefecture"],
            serde_json::json!(["秋田県", "岩手県"])
        );
        assert_eq!(
            audits[0].detail["operator_type"],
            serde_json::json!([null, "medical_association"])
        );
        // Still waiting to be checked: a correction is not a check.
        assert_eq!(care(&f, "").await.queue.len(), 1);
    }
);

on_both_backends!(
    merging_moves_what_the_kept_network_lacks_and_keeps_the_history,
    async |db: &TestDb| {
        let f = setup(db).await;
        let ajisai = network_of(db, AJISAI).await;
        let dup = register(db, &f, "ｱｼﾞｻｲﾈｯﾄ", "長崎県").await;
        // The duplicate also has a 2013 response and invitation, which あじさい lacks.
        let mut tx = db.pool.begin().await.unwrap();
        store::networks::put_response(
            &mut tx,
            dup,
            "2013",
            &Answers::default(),
            &DisclosureChoices::default(),
            ResponseStatus::Draft,
            1,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        sqlx::query(
            "INSERT INTO invitations (network_id, edition_id, requested_at) VALUES ($1, '2013', 1)",
        )
        .bind(dup)
        .execute(&db.pool)
        .await
        .unwrap();
        assert_eq!(editions_of(db, ajisai).await, vec!["2012"]);
        assert!(my_networks(&f).await.contains(&dup));

        // Refusals, each with a clear message; nothing changes.
        assert_eq!(
            refusal(&merge(&f, dup, dup).await),
            "連携を自分自身に統合することはできません。"
        );
        assert_eq!(merge(&f, dup, 999_999).await.status, StatusCode::NOT_FOUND);
        assert_eq!(network_flags(db, dup).await.1, None);

        let reply = merge(&f, dup, ajisai).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(
            reply.json::<CareDone>(),
            CareDone::Merged {
                from_name: "ｱｼﾞｻｲﾈｯﾄ".into(),
                into_name: AJISAI_NAME.into(),
                kept_responses: vec!["2012".into()],
                respondents_kept: false,
            }
        );
        // Both had 2012: あじさい's stays and the duplicate's stays with the duplicate;
        // the 2013 response and invitation moved.
        assert_eq!(editions_of(db, ajisai).await, vec!["2012", "2013"]);
        assert_eq!(editions_of(db, dup).await, vec!["2012"]);
        assert_eq!(
            count(db, &format!("SELECT COUNT(*) FROM invitations WHERE network_id = {ajisai} AND edition_id = '2013'")).await,
            1
        );
        let (needs_check, removed_at, _, merged_into) = network_flags(db, dup).await;
        assert_eq!((needs_check, merged_into), (0, Some(ajisai)));
        assert!(removed_at.is_some());
        // あじさい had no respondent: A now answers for it, and no longer lists the duplicate.
        let mine = my_networks(&f).await;
        assert!(mine.contains(&ajisai) && !mine.contains(&dup), "{mine:?}");
        assert!(mine.contains(&f.net_a));

        let audits = audit_entries(db, "merge_network").await;
        assert_eq!(audits.len(), 1);
        let detail = &audits[0].detail;
        assert_eq!(audits[0].subject, format!("network:{dup}"));
        assert_eq!(detail["into"], ajisai);
        assert_eq!(detail["into_name"], AJISAI_NAME);
        assert_eq!(detail["moved_responses"], serde_json::json!(["2013"]));
        assert_eq!(detail["kept_responses"], serde_json::json!(["2012"]));
        assert_eq!(detail["moved_invitations"], serde_json::json!(["2013"]));
        assert_eq!(detail["moved_respondents"], serde_json::json!([f.a_id]));

        // Out of the queue; the search shows it merged.
        assert!(care(&f, "").await.queue.is_empty());
        let found = care(&f, "ｱｼﾞｻｲﾈｯﾄ").await.results.unwrap();
        let row = found.iter().find(|r| r.id == dup).unwrap();
        assert!(
            matches!(&row.state, CareState::Merged { into, into_name, .. } if *into == ajisai && into_name == AJISAI_NAME),
            "{:?}",
            row.state
        );

        // Nothing more can be merged from or into the merged network.
        assert_eq!(
            refusal(&merge(&f, dup, ajisai).await),
            "その連携はすでに削除（統合）されています。"
        );
        assert_eq!(
            refusal(&merge(&f, f.net_a, dup).await),
            "統合先の連携は削除されています。削除されていない連携を選んでください。"
        );
        assert_eq!(audit_entries(db, "merge_network").await.len(), 1);

        // Its public page is gone, pointing at the network kept.
        let reply = http::send(&f.router, http::get(&format!("/networks/{dup}"), None)).await;
        assert_eq!(reply.status, StatusCode::GONE);
        let body = reply.body();
        assert!(body.contains("この地域医療連携は削除されました"), "{body}");
        assert!(body.contains(&format!("href=\"/networks/{ajisai}\"")));
        let reply = post_form(&f.router, "/api/network", &format!("id={dup}"), None).await;
        assert_eq!(reply.status, StatusCode::GONE);
        assert!(matches!(
            reply.error(),
            ApiError::Gone { kept: Some((id, name)) } if id == ajisai && name == AJISAI_NAME
        ));
        // The public directory and open data list the kept network once, not the duplicate.
        let names = open_data_names(&f).await;
        assert!(!names.iter().any(|n| n == "ｱｼﾞｻｲﾈｯﾄ"));
        assert_eq!(names.iter().filter(|n| *n == AJISAI_NAME).count(), 1);
        assert_eq!(directory_matches(&f, "ｱｼﾞｻｲ").await, 1);
    }
);

on_both_backends!(
    a_merge_into_a_network_with_respondents_leaves_theirs,
    async |db: &TestDb| {
        let f = setup(db).await;
        // A registers a duplicate of its own network (report no 4): A already answers for it.
        let dup = register(db, &f, "ZQ小樽重複", "北海道").await;
        let reply = merge(&f, dup, f.net_a).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert!(matches!(
            reply.json::<CareDone>(),
            CareDone::Merged {
                respondents_kept: true,
                ..
            }
        ));
        assert_eq!(
            count(
                db,
                &format!("SELECT COUNT(*) FROM respondent_networks WHERE network_id = {dup}")
            )
            .await,
            1
        );
        assert_eq!(my_networks(&f).await, vec![f.net_a]);
        let audits = audit_entries(db, "merge_network").await;
        assert_eq!(
            audits[0].detail["kept_respondents"],
            serde_json::json!([f.a_id])
        );
        // Merging the network kept into another points the earlier merge on.
        let other = network_of(db, 5).await;
        let reply = merge(&f, f.net_a, other).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(network_flags(db, dup).await.3, Some(other));
    }
);

on_both_backends!(
    a_removed_network_leaves_the_public_lists_and_its_page_is_gone,
    async |db: &TestDb| {
        let f = setup(db).await;
        let name = "小樽後志地域医療連携システム";
        assert!(open_data_names(&f).await.iter().any(|n| n == name));
        assert_eq!(directory_matches(&f, "小樽後志").await, 1);
        assert!(my_networks(&f).await.contains(&f.net_a));

        // A reason is required, 500 characters at most.
        let message = "削除の理由を入力してください（500文字以内）。";
        assert_eq!(refusal(&remove(&f, f.net_a, "  ").await), message);
        assert_eq!(
            refusal(&remove(&f, f.net_a, &"長".repeat(501)).await),
            message
        );
        assert_eq!(network_flags(db, f.net_a).await.1, None);
        assert_eq!(
            remove(&f, 999_999, "ZQ理由").await.status,
            StatusCode::NOT_FOUND
        );

        let reply = remove(&f, f.net_a, "ZQ：活動を終了").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(
            reply.json::<CareDone>(),
            CareDone::Removed { name: name.into() }
        );
        let (_, removed_at, reason, merged_into) = network_flags(db, f.net_a).await;
        assert!(removed_at.is_some());
        assert_eq!((reason.as_str(), merged_into), ("ZQ：活動を終了", None));
        let audits = audit_entries(db, "remove_network").await;
        assert_eq!(audits.len(), 1);
        assert_eq!(audits[0].detail["reason"], "ZQ：活動を終了");
        assert_eq!(audits[0].actor, format!("staff:{}", f.staff_id));

        // The public no longer sees it.
        assert!(!open_data_names(&f).await.iter().any(|n| n == name));
        assert_eq!(directory_matches(&f, "小樽後志").await, 0);
        let reply = http::send(
            &f.router,
            http::get(&format!("/networks/{}", f.net_a), None),
        )
        .await;
        assert_eq!(reply.status, StatusCode::GONE);
        assert!(reply.body().contains("この地域医療連携は削除されました"));
        assert!(!reply.body().contains("次の連携に統合されました"));
        let reply = post_form(&f.router, "/api/network", &format!("id={}", f.net_a), None).await;
        assert!(matches!(reply.error(), ApiError::Gone { kept: None }));

        // Its respondent no longer lists it, nor may answer for it.
        assert!(!my_networks(&f).await.contains(&f.net_a));
        let reply = post_form(
            &f.router,
            "/api/response_form",
            &format!("network_id={}", f.net_a),
            Some(&f.respondent),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);

        // A registered network removed leaves the queue.
        let id = register(db, &f, "ZQ削除ネット", "秋田県").await;
        assert_eq!(care(&f, "").await.queue.len(), 1);
        assert_eq!(remove(&f, id, "ZQ：テスト").await.status, StatusCode::OK);
        assert!(care(&f, "").await.queue.is_empty());
        // Removing twice is refused.
        assert_eq!(
            refusal(&remove(&f, id, "ZQ：もう一度").await),
            "その連携はすでに削除（統合）されています。"
        );
    }
);

on_both_backends!(
    a_request_for_a_merged_network_goes_to_the_one_kept,
    async |db: &TestDb| {
        let f = setup(db).await;
        let ajisai = network_of(db, AJISAI).await;
        let dup = register(db, &f, "ZQ重複ネット", "長崎県").await;
        assert_eq!(merge(&f, dup, ajisai).await.status, StatusCode::OK);
        let removed = register(db, &f, "ZQ削除ネット", "長崎県").await;
        assert_eq!(remove(&f, removed, "ZQ：終了").await.status, StatusCode::OK);
        let networks = count(db, "SELECT COUNT(*) FROM networks").await;
        let add = |name: &'static str| {
            let f = &f;
            async move {
                let reply = staff_call(
                    f,
                    "/api/staff_add_request",
                    &[
                        ("row[organisation]", "ZQ依頼先"),
                        ("row[prefecture]", "長崎県"),
                        ("row[network_name]", name),
                        ("row[postal_address]", ""),
                        ("row[email]", ""),
                    ],
                )
                .await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
                let invited: i64 =
                    sqlx::query_scalar("SELECT network_id FROM invitations ORDER BY id DESC")
                        .fetch_one(&db.pool)
                        .await
                        .unwrap();
                invited
            }
        };
        // The merged network's name, typed in full width, is the network kept.
        assert_eq!(add("ＺＱ重複ネット").await, ajisai);
        assert_eq!(count(db, "SELECT COUNT(*) FROM networks").await, networks);
        // A removed network is not asked again: the request makes a new one.
        let new = add("ZQ削除ネット").await;
        assert!(new != removed);
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM networks").await,
            networks + 1
        );
        assert_eq!(network_flags(db, new).await.1, None);
    }
);
