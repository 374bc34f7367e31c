//! Year two (issue #17) on SQLite and PostgreSQL: staff pages work on the edition being
//! collected unless they ask for another; only valid answers are public and counted, and a
//! decision moves the request's tracking stage; a version is decided once; an edition may
//! count submitted answers instead; the 2012 import run again never reverts a change; the
//! CLI links respondents to networks that have no report number.

use crate::support::fixtures::{people, People, A_LOGIN, A_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD};
use crate::support::http::{get, load_form, post_form, post_json, send, sign_in, submit, Reply};
use crate::support::TestDb;
use app::api::requests::Tracking;
use app::api::respondent::ResponseForm;
use app::api::review::ReviewQueue;
use app::api::staff::StaffOverview;
use app::error::ApiError;
use axum::http::StatusCode;
use axum::Router;
use serde_json::{json, Value};
use survey::requests::Stage;

struct Year {
    router: Router,
    net: i64,
    staff: String,
    respondent: String,
}

/// [`People`] signed in, with 2013 opened by staff (after `before_opening` ran on the draft).
async fn year_two(db: &TestDb, before_opening: &[(&str, &str)]) -> Year {
    let People { router, net_a, .. } = people(db).await;
    let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
    for (path, form) in before_opening {
        let reply = post_form(&router, path, form, Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body());
    }
    let opened = post_form(
        &router,
        "/api/set_edition_status",
        "id=2013&status=open",
        Some(&staff),
    )
    .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body());
    let respondent = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
    Year {
        router,
        net: net_a,
        staff,
        respondent,
    }
}

/// The respondent saves group 2 (D–G) of their 2013 form as it was carried forward, and
/// submits it.
async fn respondent_saves(y: &Year) -> i64 {
    let form = load_form(&y.router, y.net, &y.respondent).await;
    let answers: serde_json::Map<String, Value> = form
        .answers
        .0
        .iter()
        .filter(|(k, _)| {
            form.edition
                .section_of(k)
                .is_some_and(|s| s.save_group == 2)
        })
        .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap()))
        .collect();
    let request = json!({ "network_id": y.net, "save_group": 2, "answers": answers,
                          "disclosure": form.disclosure, "version": form.version });
    let saved = post_json(
        &y.router,
        "/api/save_response",
        &json!({ "request": request }),
        Some(&y.respondent),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body());
    let version = saved.json::<app::api::respondent::SaveOutcome>().version;
    let submitted = submit(&y.router, y.net, version, &y.respondent).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body());
    version
}

async fn decide(y: &Year, version: i64, approve: bool, extra: &str) -> Reply {
    let note = if approve {
        ""
    } else {
        "人数をご確認ください"
    };
    post_form(
        &y.router,
        "/api/decide_submission",
        &format!(
            "network_id={}&version={version}&approve={approve}&note={note}{extra}",
            y.net
        ),
        Some(&y.staff),
    )
    .await
}

/// The network ids of an edition's open data.
async fn public_ids(router: &Router, edition: &str) -> Vec<i64> {
    let reply = send(
        router,
        get(&format!("/networks.json?edition={edition}"), None),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply.json::<Value>()["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().parse().unwrap())
        .collect()
}

async fn detail_status(router: &Router, net: i64, edition: &str) -> StatusCode {
    post_form(
        router,
        "/api/network",
        &format!("id={net}&edition={edition}"),
        None,
    )
    .await
    .status
}

async fn stage(y: &Year) -> Stage {
    let reply = post_form(
        &y.router,
        "/api/staff_tracking",
        "query[q]=",
        Some(&y.staff),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    let tracking: Tracking = reply.json();
    assert_eq!(tracking.edition, "2013");
    tracking
        .rows
        .iter()
        .find(|r| r.network_id == y.net)
        .expect("the network answering 2013 is tracked")
        .stage
}

on_both_backends!(
    staff_pages_work_on_the_edition_being_collected_unless_asked,
    async |db: &TestDb| {
        let y = year_two(db, &[]).await;
        let overview = |form: &'static str| {
            let (router, staff) = (y.router.clone(), y.staff.clone());
            async move { post_form(&router, "/api/staff_overview", form, Some(&staff)).await }
        };
        let now: StaffOverview = overview("").await.json();
        assert_eq!(now.edition, "2013");
        assert_eq!(
            now.editions
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            ["2013", "2012"]
        );
        let past: StaffOverview = overview("edition=2012").await.json();
        assert_eq!(past.edition, "2012");
        assert_eq!(past.responses, 154);
        assert_eq!(overview("edition=1999").await.status, StatusCode::NOT_FOUND);

        let version = respondent_saves(&y).await;
        let queue = |form: &'static str| {
            let (router, staff) = (y.router.clone(), y.staff.clone());
            async move {
                let reply = post_form(&router, "/api/review_queue", form, Some(&staff)).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
                reply.json::<ReviewQueue>()
            }
        };
        let open = queue("").await;
        assert_eq!(open.edition, "2013");
        assert_eq!(
            open.entries
                .iter()
                .map(|e| (e.network_id, e.version))
                .collect::<Vec<_>>(),
            [(y.net, version)]
        );
        assert!(queue("edition=2012").await.entries.is_empty());
        // Approving the 2013 response works (it was a 404 while staff pages read 2012).
        assert_eq!(decide(&y, version, true, "").await.status, StatusCode::OK);

        // The export follows the edition too: 2013's header has its new items.
        let export = |query: &'static str| {
            let (router, staff) = (y.router.clone(), y.staff.clone());
            async move {
                let reply = post_form(
                    &router,
                    &format!("/staff/export.csv{query}"),
                    "",
                    Some(&staff),
                )
                .await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
                reply.body()
            }
        };
        assert!(export("").await.lines().next().unwrap().contains("糖尿病"));
        assert!(!export("?edition=2012")
            .await
            .lines()
            .next()
            .unwrap()
            .contains("糖尿病"));
    }
);

on_both_backends!(
    only_approved_answers_are_public_and_decisions_move_tracking,
    async |db: &TestDb| {
        let y = year_two(db, &[]).await;
        let version = respondent_saves(&y).await;
        // The charts count valid answers only (staff see every value, nothing suppressed).
        let valid_in_charts = || async {
            let reply = post_json(
                &y.router,
                "/api/charts",
                &json!({ "query": { "edition": "2013" } }),
                Some(&y.staff),
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
            reply.json::<app::api::public::ChartsView>().charts[0].valid
        };
        assert_eq!(valid_in_charts().await, 0);
        // Submitted is not yet valid: not in the open data, no detail page, tracked as replied.
        assert!(!public_ids(&y.router, "2013").await.contains(&y.net));
        assert_eq!(
            detail_status(&y.router, y.net, "2013").await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(stage(&y).await, Stage::Replied);

        assert_eq!(decide(&y, version, true, "").await.status, StatusCode::OK);
        assert_eq!(valid_in_charts().await, 1);
        assert_eq!(public_ids(&y.router, "2013").await, [y.net]);
        assert_eq!(
            detail_status(&y.router, y.net, "2013").await,
            StatusCode::OK
        );
        assert_eq!(stage(&y).await, Stage::Valid);

        // The same version decided again (a second reviewer, a second click): refused.
        let again = decide(&y, version, false, "").await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(matches!(again.error(), ApiError::AlreadyDecided));
        assert_eq!(public_ids(&y.router, "2013").await, [y.net]);

        // A correction leaves the public view until it is reviewed; returning it moves
        // tracking back from 有効回答.
        let corrected = respondent_saves(&y).await;
        assert!(public_ids(&y.router, "2013").await.is_empty());
        assert_eq!(
            decide(&y, corrected, false, "").await.status,
            StatusCode::OK
        );
        assert_eq!(stage(&y).await, Stage::Replied);
        assert!(public_ids(&y.router, "2013").await.is_empty());

        // 2012 is untouched: its 154 approved answers stay public.
        assert_eq!(public_ids(&y.router, "2012").await.len(), 154);
    }
);

on_both_backends!(
    an_edition_may_count_submitted_answers_chosen_while_a_draft,
    async |db: &TestDb| {
        let y = year_two(
            db,
            &[("/api/set_edition_valid_rule", "id=2013&rule=submitted")],
        )
        .await;
        // Open now: the rule no longer changes.
        let refused = post_form(
            &y.router,
            "/api/set_edition_valid_rule",
            "id=2013&rule=approved",
            Some(&y.staff),
        )
        .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);

        let version = respondent_saves(&y).await;
        assert_eq!(public_ids(&y.router, "2013").await, [y.net]);
        assert_eq!(decide(&y, version, false, "").await.status, StatusCode::OK);
        assert!(public_ids(&y.router, "2013").await.is_empty());
    }
);

on_both_backends!(
    importing_2012_again_adds_nothing_and_reverts_nothing,
    async |db: &TestDb| {
        let People {
            router,
            net_a,
            net_b,
            ..
        } = people(db).await;
        let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
        // Staff reclassify network B; respondent A corrects 2012 (open in this database).
        let classified = post_form(
            &router,
            "/api/classify_network",
            &format!("network_id={net_b}&operator_type=&regional_fund=true"),
            Some(&staff),
        )
        .await;
        assert_eq!(classified.status, StatusCode::OK, "{}", classified.body());
        sqlx::query("UPDATE responses SET answers = '{}', updated_at = 42 WHERE network_id = $1 AND edition_id = '2012'")
            .bind(net_a)
            .execute(&db.pool)
            .await
            .unwrap();

        let report = server::import::load_2012(&db.pool).await.unwrap();
        assert_eq!(report.networks, 154);
        assert_eq!(report.added, 0);
        assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);

        let answers: String = sqlx::query_scalar(
            "SELECT answers FROM responses WHERE network_id = $1 AND edition_id = '2012'",
        )
        .bind(net_a)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(answers, "{}");
        let (operator, fund): (Option<String>, i64) =
            sqlx::query_as("SELECT operator_type, regional_fund FROM networks WHERE id = $1")
                .bind(net_b)
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!((operator, fund), (None, 1));
    }
);

on_both_backends!(
    the_cli_links_a_respondent_to_a_network_without_report_number,
    async |db: &TestDb| {
        people(db).await;
        let mut conn = db.pool.acquire().await.unwrap();
        let network = store::networks::upsert_by_report_no(
            &mut conn,
            &store::networks::NewNetwork {
                report_no: None,
                prefecture: "岐阜県".into(),
                operator_type: None,
                regional_fund: false,
                name: "新しい連携".into(),
                nickname: String::new(),
                start_year: None,
            },
        )
        .await
        .unwrap();
        drop(conn);
        let command = server::config::AdminCommand::CreateRespondent {
            login: "new-network".into(),
            networks: vec![],
            network_ids: vec![network],
            password_stdin: false,
        };
        server::cli::run(command, &db.pool, &db.url).await.unwrap();
        let linked: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM respondent_networks rn JOIN respondents r ON r.id = rn.respondent_id
             WHERE r.login = 'new-network' AND rn.network_id = $1",
        )
        .bind(network)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(linked, 1);
        let missing = server::config::AdminCommand::CreateRespondent {
            login: "nobody-here".into(),
            networks: vec![],
            network_ids: vec![network + 1000],
            password_stdin: false,
        };
        let error = server::cli::run(missing, &db.pool, &db.url)
            .await
            .unwrap_err();
        assert!(error.to_string().contains("no network has id"), "{error}");
    }
);

on_both_backends!(
    a_response_is_reviewed_only_once_submitted_and_an_edit_reopens_it,
    async |db: &TestDb| {
        let People { router, net_a, .. } = people(db).await;
        let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
        let respondent = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        let other = sign_in(
            &router,
            "respondent",
            crate::support::fixtures::B_LOGIN,
            crate::support::fixtures::B_PASSWORD,
        )
        .await;
        let y = Year {
            router: router.clone(),
            net: net_a,
            staff: staff.clone(),
            respondent: respondent.clone(),
        };
        let status = || async {
            sqlx::query_as::<_, (String, i64)>(
                "SELECT status, needs_review FROM responses WHERE network_id = $1 AND edition_id = '2012'",
            )
            .bind(net_a)
            .fetch_one(&db.pool)
            .await
            .unwrap()
        };
        let queue = || async {
            post_form(&router, "/api/review_queue", "", Some(&staff))
                .await
                .json::<ReviewQueue>()
                .entries
                .len()
        };
        // The summary names every section with its disclosure; only the owner may see it.
        let summary = post_form(
            &router,
            "/api/submit_summary",
            &format!("network_id={net_a}"),
            Some(&respondent),
        )
        .await;
        assert_eq!(summary.status, StatusCode::OK, "{}", summary.body());
        let summary: app::api::submission::SubmitSummary = summary.json();
        assert_eq!(summary.sections.len(), 11, "A–J and the 回答者 block");
        assert!(summary.blocking.is_empty());
        let forbidden = post_form(
            &router,
            "/api/submit_summary",
            &format!("network_id={net_a}"),
            Some(&other),
        )
        .await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
        assert_eq!(
            submit(&router, net_a, summary.version, &other).await.status,
            StatusCode::FORBIDDEN
        );

        // Submitting a version older than the stored one is a conflict; the right one joins
        // the queue; an edit after that makes it a draft again, out of the queue.
        let version = respondent_saves(&y).await;
        assert_eq!(status().await, ("submitted".into(), 1));
        assert_eq!(queue().await, 1);
        let stale = submit(&router, net_a, version - 1, &respondent).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        let form: ResponseForm = post_form(
            &router,
            "/api/response_form",
            &format!("network_id={net_a}"),
            Some(&respondent),
        )
        .await
        .json();
        let request = json!({ "network_id": net_a, "save_group": 2, "answers": form.answers,
                              "disclosure": form.disclosure, "version": form.version });
        let saved = post_json(
            &router,
            "/api/save_response",
            &json!({ "request": request }),
            Some(&respondent),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body());
        assert_eq!(status().await, ("draft".into(), 0));
        assert_eq!(queue().await, 0);

        // Answers that break the rules (a stored name removed) cannot be submitted.
        sqlx::query(
            "UPDATE responses SET answers = '{}' WHERE network_id = $1 AND edition_id = '2012'",
        )
        .bind(net_a)
        .execute(&db.pool)
        .await
        .unwrap();
        let version: i64 = sqlx::query_scalar(
            "SELECT version FROM responses WHERE network_id = $1 AND edition_id = '2012'",
        )
        .bind(net_a)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let refused = submit(&router, net_a, version, &respondent).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            matches!(refused.error(), ApiError::Invalid(ref issues) if issues.iter().any(|i| i.item == "overview.main.name"))
        );
        assert_eq!(status().await, ("draft".into(), 0));
    }
);
