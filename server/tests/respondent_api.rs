//! The respondent's server functions over HTTP, on SQLite and on PostgreSQL:
//! signing in (with throttling), loading a network's form and saving one group
//! of sections. Every refusal is checked twice: by its status and error, and by
//! the database not having changed.

use crate::support::fixtures::{
    people, A_LOGIN, A_PASSWORD, B_LOGIN, B_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD,
};
use crate::support::http::{
    get, load_form, login, post, post_form, save_response, send, sign_in, Reply,
};
use crate::support::queries::{audit_entries, count};
use crate::support::TestDb;
use app::api::respondent::{ResponseForm, SaveOutcome};
use app::error::ApiError;
use axum::http::StatusCode;
use axum::Router;
use serde_json::{json, Value};
use survey::{Answer, Answers, Disclosure, DisclosureChoices, Tri};

const EDITION: &str = "2012";

// ---------------------------------------------------------------------------
// Requests

async fn response_form(router: &Router, network_id: i64, session: Option<&str>) -> Reply {
    post_form(
        router,
        "/api/response_form",
        &format!("network_id={network_id}"),
        session,
    )
    .await
}

async fn save_raw(router: &Router, body: String, session: Option<&str>) -> Reply {
    send(
        router,
        post("/api/save_response", "application/json", body, session),
    )
    .await
}

fn save_request(network_id: i64, answers: &Value, disclosure: &Value, version: i64) -> Value {
    json!({ "network_id": network_id, "save_group": 2, "answers": answers, "disclosure": disclosure, "version": version })
}

/// What a browser sends for group 2 (D–G): the loaded group-2 answers with the
/// hospital's status and count replaced, and the loaded disclosure with D public.
fn group2_save(form: &ResponseForm, status: Tri, count: i64) -> Value {
    let mut answers = Answers(
        form.answers
            .0
            .iter()
            .filter(|(k, _)| in_group2(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    );
    answers.set("facilities.hospital.status", Answer::Tri(status));
    answers.set("facilities.hospital.count", Answer::Number(count));
    let mut disclosure: DisclosureChoices = form.disclosure.clone();
    disclosure.set("facilities", Disclosure::Public);
    json!({
        "network_id": form.network_id,
        "save_group": 2,
        "answers": answers,
        "disclosure": disclosure,
        "version": form.version,
    })
}

fn in_group2(key: &str) -> bool {
    let edition = survey::builtin_edition(EDITION).unwrap();
    edition.section_of(key).is_some_and(|s| s.save_group == 2)
}

// ---------------------------------------------------------------------------
// The database

/// What a refused request must leave as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    version: i64,
    answers: Value,
    disclosure: Value,
    status: String,
    name: String,
    audit_entries: i64,
    sessions: i64,
}

async fn snapshot(db: &TestDb, network_id: i64) -> Snapshot {
    let (version, answers, disclosure, status): (i64, String, String, String) =
        sqlx::query_as("SELECT version, answers, disclosure, status FROM responses WHERE network_id = $1 AND edition_id = $2")
            .bind(network_id)
            .bind(EDITION)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let name: String = sqlx::query_scalar("SELECT name FROM networks WHERE id = $1")
        .bind(network_id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    Snapshot {
        version,
        answers: serde_json::from_str(&answers).unwrap(),
        disclosure: serde_json::from_str(&disclosure).unwrap(),
        status,
        name,
        audit_entries: count(db, "SELECT COUNT(*) FROM audit_log").await,
        sessions: count(db, "SELECT COUNT(*) FROM sessions").await,
    }
}

/// The `(actor, detail)` of every `save_response` entry about a network, oldest first.
async fn save_audits(db: &TestDb, network_id: i64) -> Vec<(String, Value)> {
    let subject = format!("network:{network_id}");
    audit_entries(db, "save_response")
        .await
        .into_iter()
        .filter(|e| e.subject == subject)
        .map(|e| (e.actor, e.detail))
        .collect()
}

fn issue_keys(error: &ApiError) -> Vec<String> {
    match error {
        ApiError::Invalid(issues) => issues.iter().map(|i| i.item.clone()).collect(),
        other => panic!("expected ApiError::Invalid, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// 1. Loading and saving one's own network

on_both_backends!(
    respondent_saves_group_2_of_their_network,
    async |db: &TestDb| {
        let f = people(db).await;
        let token = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        let before = snapshot(db, f.net_a).await;
        assert_eq!(before.version, 1);

        let form = load_form(&f.router, f.net_a, &token).await;
        assert_eq!(form.network_id, f.net_a);
        assert_eq!(form.version, 1);
        assert_eq!(form.name, before.name);
        assert_eq!(
            form.answers.text("overview.main.name"),
            Some(before.name.as_str())
        );
        assert_eq!(
            form.answers.get("facilities.hospital.status"),
            None,
            "the 2012 data has no facility answers"
        );

        let reply = save_response(
            &f.router,
            group2_save(&form, Tri::InProgress, 12),
            Some(&token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let outcome: SaveOutcome = reply.json();
        assert_eq!(outcome.version, 2);

        let after = snapshot(db, f.net_a).await;
        assert_eq!(after.version, 2);
        assert_eq!(
            after.answers["facilities.hospital.status"],
            json!({ "tri": "in_progress" })
        );
        assert_eq!(
            after.answers["facilities.hospital.count"],
            json!({ "number": 12 })
        );
        assert_eq!(after.disclosure["facilities"], json!("public"));
        // Every answer outside the new hospital ones is as it was, in every group.
        let others = |v: &Value| -> serde_json::Map<String, Value> {
            v.as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| !k.starts_with("facilities.hospital."))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        assert_eq!(others(&after.answers), others(&before.answers));
        assert_eq!(
            after.answers["overview.main.name"],
            before.answers["overview.main.name"]
        );
        assert_eq!(after.name, before.name, "networks.name changed");
        assert_eq!(after.audit_entries, before.audit_entries + 1);

        let audits = save_audits(db, f.net_a).await;
        assert_eq!(audits.len(), 1, "{audits:?}");
        let (actor, detail) = &audits[0];
        assert_eq!(actor, &format!("respondent:{}", f.a_id));
        let changes = detail["changes"]
            .as_object()
            .unwrap_or_else(|| panic!("no changes in {detail}"));
        assert_eq!(
            changes.len(),
            2,
            "only the changed keys are listed: {detail}"
        );
        assert_eq!(
            changes["facilities.hospital.status"],
            json!([null, { "tri": "in_progress" }])
        );
        assert_eq!(
            changes["facilities.hospital.count"],
            json!([null, { "number": 12 }])
        );

        // The form now shows the saved answers and the new version.
        let form = load_form(&f.router, f.net_a, &token).await;
        assert_eq!(form.version, 2);
        assert_eq!(form.answers.number("facilities.hospital.count"), Some(12));

        // A second save records old and new values.
        let reply = save_response(
            &f.router,
            group2_save(&form, Tri::InProgress, 15),
            Some(&token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(reply.json::<SaveOutcome>().version, 3);
        let audits = save_audits(db, f.net_a).await;
        assert_eq!(audits.len(), 2);
        assert_eq!(
            audits[1].1["changes"],
            json!({ "facilities.hospital.count": [{ "number": 12 }, { "number": 15 }] })
        );
    }
);

// ---------------------------------------------------------------------------
// 2. Someone else's network, and no session

on_both_backends!(
    respondent_cannot_touch_another_network,
    async |db: &TestDb| {
        let f = people(db).await;
        let token = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        let before_a = snapshot(db, f.net_a).await;
        let before_b = snapshot(db, f.net_b).await;

        let reply = response_form(&f.router, f.net_b, Some(&token)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body());
        assert!(
            matches!(reply.error(), ApiError::Forbidden),
            "{}",
            reply.body()
        );

        let answers = json!({ "facilities.hospital.status": { "tri": "in_progress" }, "facilities.hospital.count": { "number": 12 } });
        let disclosure = json!({ "facilities": "public" });
        let reply = save_response(
            &f.router,
            save_request(f.net_b, &answers, &disclosure, 1),
            Some(&token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body());
        assert!(
            matches!(reply.error(), ApiError::Forbidden),
            "{}",
            reply.body()
        );
        // Nor with an invalid payload (access is checked before the answers).
        let bad = json!({ "facilities.hospital.status": { "text": "x" } });
        let reply = save_response(
            &f.router,
            save_request(f.net_b, &bad, &disclosure, 1),
            Some(&token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body());
        assert_eq!(snapshot(db, f.net_b).await, before_b);

        // Without a session, or with a made-up one: 401, for one's own network too.
        for session in [
            None,
            Some("0000000000000000000000000000000000000000000000000000000000000000"),
        ] {
            for network in [f.net_a, f.net_b] {
                let reply = response_form(&f.router, network, session).await;
                assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body());
                assert!(
                    matches!(reply.error(), ApiError::Unauthorized),
                    "{}",
                    reply.body()
                );
                let reply = save_response(
                    &f.router,
                    save_request(network, &answers, &disclosure, 1),
                    session,
                )
                .await;
                assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body());
                assert!(
                    matches!(reply.error(), ApiError::Unauthorized),
                    "{}",
                    reply.body()
                );
            }
        }
        assert_eq!(snapshot(db, f.net_a).await, before_a);
        assert_eq!(snapshot(db, f.net_b).await, before_b);

        // After signing out the old token is worthless.
        let reply = post_form(&f.router, "/api/logout", "", Some(&token)).await;
        assert!(
            reply.status == StatusCode::OK || reply.status.is_redirection(),
            "logout answered {}: {}",
            reply.status,
            reply.body()
        );
        let reply = save_response(
            &f.router,
            save_request(f.net_a, &answers, &disclosure, 1),
            Some(&token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body());
        let after_a = snapshot(db, f.net_a).await;
        assert_eq!(
            (after_a.version, &after_a.answers),
            (before_a.version, &before_a.answers)
        );
    }
);

// ---------------------------------------------------------------------------
// 3. Stale versions

on_both_backends!(
    a_stale_save_is_refused_and_overwrites_nothing,
    async |db: &TestDb| {
        let f = people(db).await;
        let token = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        // Two tabs load version 1.
        let form = load_form(&f.router, f.net_a, &token).await;
        assert_eq!(form.version, 1);

        let first = save_response(
            &f.router,
            group2_save(&form, Tri::InProgress, 12),
            Some(&token),
        )
        .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body());
        let saved = snapshot(db, f.net_a).await;
        assert_eq!(saved.version, 2);

        let second = save_response(
            &f.router,
            group2_save(&form, Tri::Planned, 99),
            Some(&token),
        )
        .await;
        assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body());
        assert!(
            matches!(second.error(), ApiError::Conflict { current: 2 }),
            "{}",
            second.body()
        );
        let after = snapshot(db, f.net_a).await;
        assert_eq!(after, saved, "the stale save changed the database");
        assert_eq!(
            after.answers["facilities.hospital.count"],
            json!({ "number": 12 })
        );

        // A version from the future is no better.
        let mut ahead = group2_save(&form, Tri::Planned, 99);
        ahead["version"] = json!(7);
        let reply = save_response(&f.router, ahead, Some(&token)).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body());
        assert!(
            matches!(reply.error(), ApiError::Conflict { current: 2 }),
            "{}",
            reply.body()
        );
        assert_eq!(snapshot(db, f.net_a).await, saved);
    }
);

on_both_backends!(
    concurrent_saves_of_one_version_keep_exactly_one,
    async |db: &TestDb| {
        let f = people(db).await;
        let token = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        let form = load_form(&f.router, f.net_a, &token).await;
        let before = snapshot(db, f.net_a).await;
        let tasks: Vec<_> = (1..=6)
            .map(|n| {
                let router = f.router.clone();
                let token = token.clone();
                let request = group2_save(&form, Tri::InProgress, n);
                tokio::spawn(
                    async move { (n, save_response(&router, request, Some(&token)).await) },
                )
            })
            .collect();
        let mut winners = Vec::new();
        for task in tasks {
            let (n, reply) = task.await.unwrap();
            match reply.status {
                StatusCode::OK => winners.push(n),
                StatusCode::CONFLICT => assert!(
                    matches!(reply.error(), ApiError::Conflict { current: 2 }),
                    "{}",
                    reply.body()
                ),
                other => panic!("a concurrent save answered {other}: {}", reply.body()),
            }
        }
        assert_eq!(
            winners.len(),
            1,
            "exactly one save of version 1 may win: {winners:?}"
        );
        let after = snapshot(db, f.net_a).await;
        assert_eq!(after.version, 2);
        assert_eq!(
            after.answers["facilities.hospital.count"],
            json!({ "number": winners[0] })
        );
        assert_eq!(after.audit_entries, before.audit_entries + 1);
    }
);

// ---------------------------------------------------------------------------
// 4. Invalid and malformed payloads

on_both_backends!(
    invalid_payloads_are_client_errors_and_write_nothing,
    async |db: &TestDb| {
        let f = people(db).await;
        let token = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        let before = snapshot(db, f.net_a).await;
        let disclosure = json!({ "facilities": "public" });

        // (a)–(c): well-formed but against the questionnaire's rules → 422 naming the item.
        let cases = [
            (
                "in progress with no facilities",
                json!({ "facilities.hospital.status": { "tri": "in_progress" }, "facilities.hospital.count": { "number": 0 } }),
                "facilities.hospital.count",
            ),
            (
                "an unknown item",
                json!({ "facilities.hospital.colour": { "number": 3 } }),
                "facilities.hospital.colour",
            ),
            (
                "an unknown section",
                json!({ "nonsense.main.key": { "text": "x" } }),
                "nonsense.main.key",
            ),
            (
                "text for a tri item",
                json!({ "facilities.hospital.status": { "text": "x" } }),
                "facilities.hospital.status",
            ),
            (
                "a negative count",
                json!({ "facilities.clinic.count": { "number": -5 } }),
                "facilities.clinic.count",
            ),
        ];
        for (what, answers, key) in cases {
            let reply = save_response(
                &f.router,
                save_request(f.net_a, &answers, &disclosure, 1),
                Some(&token),
            )
            .await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{what}: {}",
                reply.body()
            );
            let keys = issue_keys(&reply.error());
            assert!(
                keys.iter().any(|k| k == key),
                "{what}: issues {keys:?} do not name {key}"
            );
            assert_eq!(
                snapshot(db, f.net_a).await,
                before,
                "{what} wrote something"
            );
        }

        // (d): not what the function takes at all → 400, never 500.
        let valid = save_request(f.net_a, &json!({}), &disclosure, 1);
        let mut no_version = valid.clone();
        no_version.as_object_mut().unwrap().remove("version");
        let mut bad_tri = valid.clone();
        bad_tri["answers"] = json!({ "facilities.hospital.status": { "tri": "perhaps" } });
        let mut text_version = valid.clone();
        text_version["version"] = json!("one");
        let bodies = [
            ("not JSON", "this is not json".to_string()),
            ("empty body", String::new()),
            (
                "truncated JSON",
                r#"{"request": {"network_id": "#.to_string(),
            ),
            ("no version", json!({ "request": no_version }).to_string()),
            (
                "version as text",
                json!({ "request": text_version }).to_string(),
            ),
            (
                "an unknown answer value",
                json!({ "request": bad_tri }).to_string(),
            ),
            ("no request wrapper", valid.to_string()),
            ("an array", "[1, 2, 3]".to_string()),
        ];
        for (what, body) in bodies {
            let reply = save_raw(&f.router, body, Some(&token)).await;
            assert_eq!(
                reply.status,
                StatusCode::BAD_REQUEST,
                "{what}: {}",
                reply.body()
            );
            assert_eq!(
                snapshot(db, f.net_a).await,
                before,
                "{what} wrote something"
            );
        }

        // A save group that does not exist.
        let mut no_group = valid.clone();
        no_group["save_group"] = json!(9);
        let reply = save_response(&f.router, no_group, Some(&token)).await;
        assert!(
            reply.status.is_client_error(),
            "save group 9 answered {}: {}",
            reply.status,
            reply.body()
        );
        assert_eq!(snapshot(db, f.net_a).await, before);

        // A bad network id on the form-encoded function is a client error too.
        let reply = post_form(
            &f.router,
            "/api/response_form",
            "network_id=abc",
            Some(&token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body());
        assert_eq!(snapshot(db, f.net_a).await, before);
    }
);

// ---------------------------------------------------------------------------
// 5. Answers outside the saved group

on_both_backends!(
    answers_outside_the_saved_group_are_ignored,
    async |db: &TestDb| {
        let f = people(db).await;
        let token = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        let before = snapshot(db, f.net_a).await;
        let form = load_form(&f.router, f.net_a, &token).await;

        let mut request = group2_save(&form, Tri::InProgress, 12);
        request["answers"]["budget.current.construction"] = json!({ "number": 777_777 });
        request["answers"]["overview.main.name"] = json!({ "text": "乗っ取られた名前" });
        request["disclosure"]["budget"] = json!("public");
        request["disclosure"]["org1"] = json!("public");
        let reply = save_response(&f.router, request, Some(&token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());

        let after = snapshot(db, f.net_a).await;
        assert_eq!(after.version, 2);
        assert_eq!(
            after.answers["facilities.hospital.count"],
            json!({ "number": 12 })
        );
        assert_eq!(
            after.answers.get("budget.current.construction"),
            before.answers.get("budget.current.construction")
        );
        assert_eq!(
            after.answers["overview.main.name"],
            before.answers["overview.main.name"]
        );
        assert_eq!(after.name, before.name);
        assert_eq!(
            after.disclosure.get("budget"),
            before.disclosure.get("budget")
        );
        assert_eq!(after.disclosure.get("org1"), before.disclosure.get("org1"));
        let audits = save_audits(db, f.net_a).await;
        let changes = audits[0].1["changes"].as_object().unwrap();
        assert!(
            changes
                .keys()
                .all(|k| k.starts_with("facilities.hospital.")),
            "{changes:?}"
        );
    }
);

// ---------------------------------------------------------------------------
// 6. Login throttling

on_both_backends!(logins_are_throttled_per_account, async |db: &TestDb| {
    let f = people(db).await;
    for attempt in 1..=5 {
        let reply = login(&f.router, "respondent", A_LOGIN, "wrong-password-x").await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}: {}",
            reply.body()
        );
        assert!(
            matches!(reply.error(), ApiError::BadCredentials),
            "attempt {attempt}: {}",
            reply.body()
        );
        assert_eq!(reply.session(), None);
    }
    let sessions_before = count(db, "SELECT COUNT(*) FROM sessions").await;

    let reply = login(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        reply.body()
    );
    match reply.error() {
        ApiError::TooManyAttempts { minutes } => {
            assert!((1..=15).contains(&minutes), "wait of {minutes} min")
        }
        other => panic!("expected TooManyAttempts, got {other:?}"),
    }
    assert_eq!(
        reply.session(),
        None,
        "a throttled login set a session cookie"
    );
    let sessions_after = count(db, "SELECT COUNT(*) FROM sessions").await;
    assert_eq!(
        sessions_after, sessions_before,
        "a throttled login created a session"
    );

    // Another account, and another door, still let people in.
    let token = sign_in(&f.router, "respondent", B_LOGIN, B_PASSWORD).await;
    let form = load_form(&f.router, f.net_b, &token).await;
    assert_eq!(form.network_id, f.net_b);
    sign_in(&f.router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
});

// ---------------------------------------------------------------------------
// 7. Staff

on_both_backends!(staff_can_save_any_network, async |db: &TestDb| {
    let f = people(db).await;
    let token = sign_in(&f.router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
    for network in [f.net_a, f.net_b] {
        let before = snapshot(db, network).await;
        let form = load_form(&f.router, network, &token).await;
        let reply =
            save_response(&f.router, group2_save(&form, Tri::Planned, 3), Some(&token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(reply.json::<SaveOutcome>().version, before.version + 1);
        let after = snapshot(db, network).await;
        assert_eq!(
            after.answers["facilities.hospital.status"],
            json!({ "tri": "planned" })
        );
        assert_eq!(after.name, before.name);
        let audits = save_audits(db, network).await;
        assert_eq!(audits.len(), 1);
        assert_eq!(audits[0].0, format!("staff:{}", f.staff_id));
    }

    // A respondent's password does not open the staff door.
    let reply = login(&f.router, "staff", A_LOGIN, A_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body());
    assert_eq!(reply.session(), None);
});

// ---------------------------------------------------------------------------
// Registering another network

on_both_backends!(
    a_respondent_registers_another_network_for_review,
    async |db: &TestDb| {
        let f = people(db).await;
        let before = count(db, "SELECT COUNT(*) FROM networks").await;

        // Not signed in: refused, nothing created.
        let reply = post_form(
            &f.router,
            "/api/register_network",
            "name=%E6%96%B0%E3%83%8D%E3%83%83%E3%83%88&prefecture=%E5%8D%83%E8%91%89%E7%9C%8C",
            None,
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);

        let session = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        // Bad input: field errors, nothing created.
        let reply = post_form(
            &f.router,
            "/api/register_network",
            "name=+&prefecture=Atlantis",
            Some(&session),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let mut keys = issue_keys(&reply.error());
        keys.sort();
        assert_eq!(
            keys,
            vec![
                "network.prefecture".to_string(),
                "overview.main.name".to_string()
            ]
        );
        assert_eq!(count(db, "SELECT COUNT(*) FROM networks").await, before);

        // 新ネット in 千葉県.
        let reply = post_form(
            &f.router,
            "/api/register_network",
            "name=%E6%96%B0%E3%83%8D%E3%83%83%E3%83%88&prefecture=%E5%8D%83%E8%91%89%E7%9C%8C",
            Some(&session),
        )
        .await;
        assert!(
            reply.status == StatusCode::OK || reply.status.is_redirection(),
            "{} {}",
            reply.status,
            reply.body()
        );
        let (id, prefecture, report_no): (i64, String, Option<i64>) = sqlx::query_as(
            "SELECT id, prefecture, report_no FROM networks WHERE name = '新ネット'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!((prefecture.as_str(), report_no), ("千葉県", None));
        let (status, needs_review, version): (String, i64, i64) =
        sqlx::query_as("SELECT status, needs_review, version FROM responses WHERE network_id = $1 AND edition_id = '2012'")
            .bind(id)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!((status.as_str(), needs_review, version), ("draft", 0, 1));
        // It is A's to answer now, and not B's.
        assert_eq!(
            response_form(&f.router, id, Some(&session)).await.status,
            StatusCode::OK
        );
        let b = sign_in(&f.router, "respondent", B_LOGIN, B_PASSWORD).await;
        assert_eq!(
            response_form(&f.router, id, Some(&b)).await.status,
            StatusCode::FORBIDDEN
        );
        let actor = format!("respondent:{}", f.a_id);
        let audits = audit_entries(db, "register_network").await;
        assert_eq!(audits.iter().filter(|e| e.actor == actor).count(), 1);
    }
);

// ---------------------------------------------------------------------------
// What is saved is public at the next load (no stale cache)

on_both_backends!(
    a_saved_public_answer_shows_once_staff_approve_it,
    async |db: &TestDb| {
        let f = people(db).await;
        let page = |id: i64| {
            let router = f.router.clone();
            async move {
                let reply = send(&router, get(&format!("/networks/{id}"), None)).await;
                String::from_utf8(reply.bytes).unwrap()
            }
        };
        assert!(!page(f.net_a).await.contains("4,321"));
        let session = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        let form = load_form(&f.router, f.net_a, &session).await;
        let reply = save_response(
            &f.router,
            group2_save(&form, Tri::InProgress, 4321),
            Some(&session),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let version = reply.json::<SaveOutcome>().version;
        // Submitted, not yet valid: the network leaves the public pages until staff decide.
        let unreviewed = send(&f.router, get(&format!("/networks/{}", f.net_a), None)).await;
        assert_eq!(unreviewed.status, StatusCode::NOT_FOUND);
        assert!(!unreviewed.body().contains("4,321"));
        let staff = sign_in(&f.router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
        let approved = post_form(
            &f.router,
            "/api/decide_submission",
            &format!(
                "network_id={}&version={version}&approve=true&note=",
                f.net_a
            ),
            Some(&staff),
        )
        .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body());
        assert!(
            page(f.net_a).await.contains("4,321"),
            "the public page does not show the approved count"
        );
    }
);
