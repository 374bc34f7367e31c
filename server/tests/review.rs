//! Staff review over HTTP, on SQLite and on PostgreSQL: the queue after a respondent's
//! save, a return with a note, another save and an approval; staff corrections through the
//! form's own server function (validation, version check, audit); classification; and every
//! review server function refused to the public and to respondents.

use crate::support::fixtures::{
    people, People, A_LOGIN, A_PASSWORD, B_LOGIN, B_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD,
};
use crate::support::http::{load_form, post_form, post_json, sign_in, submit};
use crate::support::queries::audit_entries;
use crate::support::TestDb;
use app::api::respondent::{ResponseForm, SaveOutcome};
use app::api::review::{ReviewQueue, Submission};
use app::error::ApiError;
use axum::http::StatusCode;
use axum::Router;
use serde_json::{json, Value};
use survey::{Answer, Answers, Tri};

const EDITION: &str = "2012";

struct Fixture {
    router: Router,
    respondent_id: i64,
    staff_id: i64,
    /// Respondent A's network (report no 4).
    net: i64,
    respondent: String,
    staff: String,
}

/// [`People`], with respondent A and the staff member signed in.
async fn setup(db: &TestDb) -> Fixture {
    let People {
        router,
        net_a: net,
        a_id: respondent_id,
        staff_id,
        ..
    } = people(db).await;
    let respondent = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
    let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
    Fixture {
        router,
        respondent_id,
        staff_id,
        net,
        respondent,
        staff,
    }
}

async fn queue(f: &Fixture) -> Vec<i64> {
    let reply = post_form(&f.router, "/api/review_queue", "", Some(&f.staff)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply
        .json::<ReviewQueue>()
        .entries
        .into_iter()
        .map(|e| e.network_id)
        .collect()
}

async fn submission(f: &Fixture) -> Submission {
    let reply = post_form(
        &f.router,
        "/api/submission",
        &format!("network_id={}", f.net),
        Some(&f.staff),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply.json()
}

async fn form(f: &Fixture, session: &str) -> ResponseForm {
    load_form(&f.router, f.net, session).await
}

/// Saves group 2 (D–G) from a loaded form with the hospital count set.
async fn save_count(
    f: &Fixture,
    session: &str,
    form: &ResponseForm,
    count: Value,
) -> crate::support::http::Reply {
    let edition = &form.edition;
    let mut answers: serde_json::Map<String, Value> = form
        .answers
        .0
        .iter()
        .filter(|(k, _)| edition.section_of(k).is_some_and(|s| s.save_group == 2))
        .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap()))
        .collect();
    answers.insert(
        "facilities.hospital.status".into(),
        json!({ "tri": "in_progress" }),
    );
    answers.insert("facilities.hospital.count".into(), count);
    let request = json!({ "network_id": form.network_id, "save_group": 2, "answers": answers,
                          "disclosure": form.disclosure, "version": form.version });
    post_json(
        &f.router,
        "/api/save_response",
        &json!({ "request": request }),
        Some(session),
    )
    .await
}

async fn decide(
    f: &Fixture,
    session: Option<&str>,
    version: i64,
    approve: bool,
    note: &str,
) -> crate::support::http::Reply {
    let form = format!(
        "network_id={}&version={version}&approve={approve}&note={}",
        f.net,
        urlencode(note)
    );
    post_form(&f.router, "/api/decide_submission", &form, session).await
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `(status, needs_review, review_note, version)` of the network's response.
async fn row(db: &TestDb, net: i64) -> (String, i64, String, i64) {
    sqlx::query_as("SELECT status, needs_review, review_note, version FROM responses WHERE network_id = $1 AND edition_id = $2")
        .bind(net)
        .bind(EDITION)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// `(actor, action)` of every audit entry about the network, oldest first.
async fn audits(db: &TestDb, net: i64) -> Vec<(String, String)> {
    sqlx::query_as("SELECT actor, action FROM audit_log WHERE subject = $1 ORDER BY id")
        .bind(format!("network:{net}"))
        .fetch_all(&db.pool)
        .await
        .unwrap()
}

on_both_backends!(
    queue_follows_saves_returns_and_approvals,
    async |db: &TestDb| {
        let f = setup(db).await;
        let staff_actor = format!("staff:{}", f.staff_id);
        // The imported 2012 data is approved: nothing to review.
        assert_eq!(queue(&f).await, Vec::<i64>::new());

        // The respondent saves: a draft, not in the queue until submitted; submitted, it is
        // there as a change to reviewed data.
        let loaded = form(&f, &f.respondent).await;
        let reply = save_count(&f, &f.respondent, &loaded, json!({ "number": 12 })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(queue(&f).await, Vec::<i64>::new());
        assert_eq!(row(db, f.net).await.0, "draft");
        let version = reply.json::<SaveOutcome>().version;
        let reply = submit(&f.router, f.net, version, &f.respondent).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(queue(&f).await, [f.net]);
        let s = submission(&f).await;
        assert!(s.reviewed_before && s.needs_review);
        assert_eq!(s.status, survey::response::ResponseStatus::Submitted);
        let changed: Vec<&str> = s.changes.iter().map(|c| c.item.as_str()).collect();
        assert_eq!(
            changed,
            ["facilities.hospital.status", "facilities.hospital.count"]
        );
        assert_eq!(s.changes[1].before, None);
        assert_eq!(s.changes[1].after, Some(Answer::Number(12)));
        // Every stored answer is there, private sections included.
        let stored: String =
            sqlx::query_scalar("SELECT answers FROM responses WHERE network_id = $1")
                .bind(f.net)
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(s.answers, serde_json::from_str::<Answers>(&stored).unwrap());
        assert!(
            s.edition
                .sections
                .iter()
                .any(
                    |sec| s.disclosure.of(&sec.key) == survey::Disclosure::Private
                        && s.answers
                            .0
                            .keys()
                            .any(|k| s.edition.section_of(k).is_some_and(|x| x.key == sec.key))
                ),
            "the fixture should have answers in a private section"
        );

        // Returning needs a note; a stale version is refused; neither changes anything.
        let before = row(db, f.net).await;
        let reply = decide(&f, Some(&f.staff), s.version, false, "   ").await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body()
        );
        assert!(
            matches!(reply.error(), ApiError::Invalid(ref issues) if issues[0].item == "review.note")
        );
        let reply = decide(&f, Some(&f.staff), s.version - 1, false, "確認してください").await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body());
        assert!(matches!(reply.error(), ApiError::Conflict { current } if current == s.version));
        assert_eq!(row(db, f.net).await, before);

        // Return with a note: out of the queue, and the respondent sees the note.
        let note = "病院数が昨年と大きく違います。ご確認ください, \"12\"";
        let reply = decide(&f, Some(&f.staff), s.version, false, note).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(queue(&f).await, Vec::<i64>::new());
        assert_eq!(
            row(db, f.net).await,
            ("returned".to_string(), 0, note.to_string(), s.version)
        );
        let loaded = form(&f, &f.respondent).await;
        assert_eq!(loaded.review_note, note);

        // The respondent fixes and saves (still returned, with its note), then submits: back in
        // the queue, and only the fix is a change.
        let reply = save_count(&f, &f.respondent, &loaded, json!({ "number": 13 })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let version = reply.json::<SaveOutcome>().version;
        assert_eq!(row(db, f.net).await.0, "returned");
        assert_eq!(queue(&f).await, Vec::<i64>::new());
        let reply = submit(&f.router, f.net, version, &f.respondent).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(queue(&f).await, [f.net]);
        let s = submission(&f).await;
        assert_eq!((s.status.as_str(), s.version), ("submitted", version));
        assert_eq!(s.changes.len(), 1, "{:?}", s.changes);
        assert_eq!(s.changes[0].item, "facilities.hospital.count");
        assert_eq!(
            (s.changes[0].before.clone(), s.changes[0].after.clone()),
            (Some(Answer::Number(12)), Some(Answer::Number(13)))
        );

        // Approve: out of the queue, the note is cleared, nothing left to compare.
        let reply = decide(&f, Some(&f.staff), version, true, "").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(queue(&f).await, Vec::<i64>::new());
        assert_eq!(
            row(db, f.net).await,
            ("approved".to_string(), 0, String::new(), version)
        );
        assert!(submission(&f).await.changes.is_empty());
        assert_eq!(form(&f, &f.respondent).await.review_note, "");

        let respondent_actor = format!("respondent:{}", f.respondent_id);
        let expected = [
            (respondent_actor.clone(), "save_response"),
            (respondent_actor.clone(), "submit_response"),
            (staff_actor.clone(), "return_response"),
            (respondent_actor.clone(), "save_response"),
            (respondent_actor, "submit_response"),
            (staff_actor, "approve_response"),
        ];
        let got = audits(db, f.net).await;
        assert_eq!(
            got.iter()
                .map(|(a, b)| (a.clone(), b.as_str()))
                .collect::<Vec<_>>(),
            expected
        );
    }
);

on_both_backends!(
    staff_corrections_use_the_form_rules_and_are_audited,
    async |db: &TestDb| {
        let f = setup(db).await;
        let loaded = form(&f, &f.staff).await;
        let before = row(db, f.net).await;
        let entries = audits(db, f.net).await.len();

        // Invalid input: the same validation as the respondent's save.
        let reply = save_count(&f, &f.staff, &loaded, json!({ "number": -5 })).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body()
        );
        assert!(
            matches!(reply.error(), ApiError::Invalid(ref issues) if issues.iter().any(|i| i.item == "facilities.hospital.count"))
        );
        // A stale version: the respondent saved in between.
        let reply = save_count(&f, &f.respondent, &loaded, json!({ "number": 3 })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let after_respondent = row(db, f.net).await;
        let reply = save_count(&f, &f.staff, &loaded, json!({ "number": 4 })).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body());
        assert_eq!(row(db, f.net).await, after_respondent);
        assert_eq!(after_respondent.3, before.3 + 1);
        assert_eq!(audits(db, f.net).await.len(), entries + 1);

        // Approve what the respondent sent, then correct it: accepted, audited as staff, and the
        // correction does not put the submission back in the queue.
        let version = after_respondent.3;
        assert_eq!(
            decide(&f, Some(&f.staff), version, true, "").await.status,
            StatusCode::OK
        );
        let loaded = form(&f, &f.staff).await;
        let reply = save_count(&f, &f.staff, &loaded, json!({ "number": 4 })).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(reply.json::<SaveOutcome>().version, version + 1);
        assert_eq!(
            row(db, f.net).await,
            ("approved".to_string(), 0, String::new(), version + 1)
        );
        assert_eq!(queue(&f).await, Vec::<i64>::new());
        let subject = format!("network:{}", f.net);
        let saves = audit_entries(db, "save_response").await;
        let last = saves.iter().rfind(|e| e.subject == subject).unwrap();
        assert_eq!(last.actor, format!("staff:{}", f.staff_id));
        assert_eq!(
            last.detail["changes"],
            json!({ "facilities.hospital.count": [{ "number": 3 }, { "number": 4 }] })
        );
        // The next review shows the staff correction as a change since the approval.
        let s = submission(&f).await;
        assert_eq!(
            s.changes
                .iter()
                .map(|c| c.item.as_str())
                .collect::<Vec<_>>(),
            ["facilities.hospital.count"]
        );
        assert_eq!(
            s.answers.tri("facilities.hospital.status"),
            Some(Tri::InProgress)
        );
    }
);

on_both_backends!(staff_classify_networks, async |db: &TestDb| {
    let f = setup(db).await;
    let classify = |session: Option<&str>, network: i64, operator: &str, fund: bool| {
        let router = f.router.clone();
        let session = session.map(str::to_string);
        let form = format!("network_id={network}&operator_type={operator}&regional_fund={fund}");
        async move { post_form(&router, "/api/classify_network", &form, session.as_deref()).await }
    };
    let stored = || async {
        sqlx::query_as::<_, (Option<String>, i64)>(
            "SELECT operator_type, regional_fund FROM networks WHERE id = $1",
        )
        .bind(f.net)
        .fetch_one(&db.pool)
        .await
        .unwrap()
    };
    let before = stored().await;

    let reply = classify(Some(&f.staff), f.net, "spaceship", true).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body()
    );
    assert!(
        matches!(reply.error(), ApiError::Invalid(ref i) if i[0].item == "network.operator_type" && i[0].message.ja.contains("代表団体区分"))
    );
    let reply = classify(Some(&f.respondent), f.net, "hospital", true).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body());
    let reply = classify(None, f.net, "hospital", true).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body());
    let reply = classify(Some(&f.staff), 999999, "hospital", true).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body());
    assert_eq!(stored().await, before);

    let reply = classify(Some(&f.staff), f.net, "npo_council", true).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    assert_eq!(stored().await, (Some("npo_council".to_string()), 1));
    let s = submission(&f).await;
    assert_eq!(
        s.operator,
        Some(survey::geography::OperatorType::NpoCouncil)
    );
    assert!(s.regional_fund);
    assert_eq!(
        s.region,
        survey::geography::region_of(&s.prefecture),
        "the region follows the prefecture"
    );
    let reply = classify(Some(&f.staff), f.net, "", false).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    assert_eq!(stored().await, (None, 0));

    let classified = audit_entries(db, "classify_network").await;
    let last = classified.last().unwrap();
    assert_eq!(last.actor, format!("staff:{}", f.staff_id));
    assert_eq!(
        last.detail,
        json!({ "operator_type": ["npo_council", null], "regional_fund": [true, false] })
    );
});

on_both_backends!(review_is_for_staff_only, async |db: &TestDb| {
    let f = setup(db).await;
    let other = sign_in(&f.router, "respondent", B_LOGIN, B_PASSWORD).await;
    let before = row(db, f.net).await;
    let calls = [
        ("/api/review_queue", String::new()),
        ("/api/submission", format!("network_id={}", f.net)),
        (
            "/api/decide_submission",
            format!(
                "network_id={}&version={}&approve=true&note=",
                f.net, before.3
            ),
        ),
        (
            "/api/decide_submission",
            format!(
                "network_id={}&version={}&approve=false&note=x",
                f.net, before.3
            ),
        ),
    ];
    for (path, form) in &calls {
        for (session, status) in [
            (None, StatusCode::UNAUTHORIZED),
            (Some(f.respondent.as_str()), StatusCode::FORBIDDEN),
            (Some(other.as_str()), StatusCode::FORBIDDEN),
        ] {
            let reply = post_form(&f.router, path, form, session).await;
            assert_eq!(reply.status, status, "{path} {session:?}: {}", reply.body());
            assert!(
                !reply.body().contains("facilities") && !reply.body().contains("answers"),
                "{path} leaked: {}",
                reply.body()
            );
        }
    }
    assert_eq!(row(db, f.net).await, before);
});
