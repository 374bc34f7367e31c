//! The read-only views of the questionnaire, on SQLite and on PostgreSQL: staff preview an
//! edition (a draft included, with an item just added to it) and nobody else may; when the
//! survey closes, a respondent sees their own answers and the closing date, read-only, and
//! nobody else sees them; reopening the edition clears the date and brings the form back.
//! (Playwright covers the preview only: closing an edition on the shared e2e server would
//! change what the other specs see.)

use crate::support::fixtures::{
    people, put_2012_response, A_LOGIN, A_PASSWORD, B_LOGIN, B_PASSWORD, STAFF_LOGIN,
    STAFF_PASSWORD,
};
use crate::support::http::{get, post_form, post_json, send, sign_in};
use crate::support::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use survey::{Answer, Answers, DisclosureChoices};

/// A private answer of A's network.
const A_PRIVATE: &str = "ZQA-PRIVATE-ANSWER";
/// The label of an item staff add to the 2013 draft.
const NEW_ITEM_JA: &str = "ZQプレビュー用の疾病";
const NEW_ITEM_EN: &str = "ZQ preview disease";

/// The form's refusal notice, as a page shows it.
fn forbidden() -> String {
    app::error::ApiError::Forbidden.message().ja.to_string()
}

/// A GET with a session and a language cookie.
fn get_in(path: &str, session: &str, lang: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, "localhost")
        .header(
            header::COOKIE,
            format!("renkei_session={session}; lang={lang}"),
        )
        .body(Body::empty())
        .unwrap()
}

/// An edition's `closed_at` as stored.
async fn closed_at(db: &TestDb, id: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT closed_at FROM editions WHERE id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

on_both_backends!(
    staff_preview_a_draft_edition_as_respondents_will_see_it,
    async |db: &TestDb| {
        let p = people(db).await;
        let r = &p.router;
        let staff = sign_in(r, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
        let a = sign_in(r, "respondent", A_LOGIN, A_PASSWORD).await;

        // Staff add an item to the 2013 draft through the console's server function.
        let add = json!({ "id": "2013", "revision": { "Add": {
            "section": "services", "group": "diseases", "key": "zqpreview",
            "ja": NEW_ITEM_JA, "en": NEW_ITEM_EN, "kind": "Tri",
        }}});
        let reply = post_json(r, "/api/revise_edition", &add, Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());

        // The preview function: the draft's definition, new item included, in one language.
        let reply = post_form(r, "/api/edition_preview", "id=2013", Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let preview: Value = reply.json();
        assert_eq!(preview["status"], "draft");
        assert_eq!(preview["login"], STAFF_LOGIN);
        assert_eq!(preview["edition"]["id"], "2013");
        let sections = preview["edition"]["sections"].to_string();
        for key in ["services.diseases.zqpreview", "services.diseases.diabetes"] {
            assert!(sections.contains(key), "the preview lacks {key}");
        }
        assert!(sections.contains(NEW_ITEM_JA));
        assert!(
            !sections.contains(NEW_ITEM_EN),
            "the preview carries the page's language only"
        );

        // The page: the form's own markup, every input inside one disabled fieldset, no save.
        let page = send(r, get("/staff/editions/2013/preview", Some(&staff))).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.body();
        for expected in [
            NEW_ITEM_JA,
            "糖尿病",
            "2013年度（準備中）の調査票のプレビューです。",
            r#"<fieldset disabled class="readonly">"#,
            r#"data-key="services.diseases.zqpreview""#,
            r#"href="/staff/editions""#,
            STAFF_LOGIN,
        ] {
            assert!(html.contains(expected), "the preview page lacks {expected}");
        }
        assert!(
            !html.contains("data-save-group"),
            "the preview offers to save"
        );
        assert!(
            !html.contains(r#"id="questionnaire""#),
            "the preview must not start the form's island"
        );
        let english = send(r, get_in("/staff/editions/2013/preview", &staff, "en")).await;
        let html = english.body();
        assert!(html.contains(NEW_ITEM_EN) && html.contains("Diabetes"));
        assert!(html.contains("A preview of the 2013 questionnaire (Draft)"));

        // Any edition can be previewed; an unknown one is not found.
        let open = post_form(r, "/api/edition_preview", "id=2012", Some(&staff)).await;
        assert_eq!(open.status, StatusCode::OK);
        assert_eq!(open.json::<Value>()["status"], "open");
        let none = post_form(r, "/api/edition_preview", "id=1999", Some(&staff)).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
        let page = send(r, get("/staff/editions/1999/preview", Some(&staff))).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);

        // Staff only: respondents and the public are refused, and see none of the draft.
        let refused = post_form(r, "/api/edition_preview", "id=2013", Some(&a)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(!refused.body().contains(NEW_ITEM_JA));
        let refused = post_form(r, "/api/edition_preview", "id=2013", None).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert!(!refused.body().contains(NEW_ITEM_JA));
        let page = send(r, get("/staff/editions/2013/preview", Some(&a))).await;
        assert!(page.body().contains(&forbidden()), "{}", page.status);
        assert!(!page.body().contains(NEW_ITEM_JA));
        let page = send(r, get("/staff/editions/2013/preview", None)).await;
        assert!(
            page.status == StatusCode::UNAUTHORIZED || page.status.is_redirection(),
            "{}",
            page.status
        );
        assert!(!page.body().contains(NEW_ITEM_JA));
    }
);

on_both_backends!(
    a_closed_survey_shows_its_respondent_their_answers_and_the_closing_date,
    async |db: &TestDb| {
        let p = people(db).await;
        let r = &p.router;
        // A's network has a private answer in 2012 (no disclosure chosen: private).
        let mut conn = db.pool.acquire().await.unwrap();
        let mut answers = Answers::default();
        answers.set("overview.main.summary", Answer::Text(A_PRIVATE.into()));
        put_2012_response(&mut conn, p.net_a, &answers, &DisclosureChoices::default()).await;
        drop(conn);
        let staff = sign_in(r, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
        let a = sign_in(r, "respondent", A_LOGIN, A_PASSWORD).await;
        let b = sign_in(r, "respondent", B_LOGIN, B_PASSWORD).await;
        let of_a = format!("network_id={}", p.net_a);
        let page_a = format!("/respondent/networks/{}", p.net_a);
        let set_status = |id: &'static str, status: &'static str| {
            let staff = staff.clone();
            async move {
                let body = format!("id={id}&status={status}");
                let reply = post_form(r, "/api/set_edition_status", &body, Some(&staff)).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
            }
        };

        // While 2012 is open: no closed view (the form shows the answers), no date.
        let reply = post_form(r, "/api/closed_answers", &of_a, Some(&a)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(reply.json::<Value>(), Value::Null);
        assert_eq!(closed_at(db, "2012").await, None);

        // Staff close 2012: the date is recorded.
        set_status("2012", "closed").await;
        let at = closed_at(db, "2012")
            .await
            .expect("closing records the date");
        assert!((store::now() - at).abs() < 600);
        let date = store::public::japan_date(at);

        // A sees their answers, read-only, and the closing date.
        let reply = post_form(r, "/api/closed_answers", &of_a, Some(&a)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let closed: Value = reply.json();
        assert_eq!(closed["edition"]["id"], "2012");
        assert_eq!(closed["answered"], true);
        assert_eq!(closed["closed_on"], date.as_str());
        assert_eq!(
            closed["answers"]["overview.main.summary"]["text"],
            A_PRIVATE
        );
        let html = send(r, get(&page_a, Some(&a))).await.body();
        let notice =
            format!("2012年度の調査は終了しました（終了日：{date}）。回答内容は以下のとおりです。");
        for expected in [
            notice.as_str(),
            A_PRIVATE,
            r#"<fieldset disabled class="readonly">"#,
            r#"href="/respondent""#,
        ] {
            assert!(html.contains(expected), "A's closed page lacks {expected}");
        }
        assert!(
            !html.contains("data-save-group"),
            "a closed survey offers to save"
        );
        let english = send(r, get_in(&page_a, &a, "en")).await.body();
        assert!(english.contains(&format!("The 2012 survey has closed (closed on {date}).")));
        // Saving is still refused: no edition is open.
        let save = json!({ "request": { "network_id": p.net_a, "save_group": 1,
            "answers": {}, "disclosure": {}, "version": 1 } });
        let reply = post_json(r, "/api/save_response", &save, Some(&a)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);

        // A's list says the survey is closed and offers no form to register another network.
        let mine: Value = post_form(r, "/api/my_networks", "", Some(&a)).await.json();
        assert_eq!(mine["closed"], true);
        assert_eq!(mine["edition"], "2012");
        assert_eq!(mine["closed_on"], date.as_str());
        let html = send(r, get("/respondent", Some(&a))).await.body();
        assert!(html.contains(&format!("2012年度の調査は終了しました（終了日：{date}）。")));
        assert!(
            !html.contains("register-name"),
            "a closed survey offers registration"
        );

        // Nobody else: B is refused, the public must sign in; staff may look.
        let reply = post_form(r, "/api/closed_answers", &of_a, Some(&b)).await;
        assert!(
            matches!(reply.status.as_u16(), 403 | 404),
            "{}",
            reply.status
        );
        assert!(!reply.body().contains(A_PRIVATE));
        let reply = post_form(r, "/api/closed_answers", &of_a, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(!reply.body().contains(A_PRIVATE));
        let page = send(r, get(&page_a, Some(&b))).await;
        assert!(page.body().contains(&forbidden()), "{}", page.status);
        assert!(!page.body().contains(A_PRIVATE));
        let page = send(r, get(&page_a, None)).await;
        assert!(!page.body().contains(A_PRIVATE));
        let reply = post_form(r, "/api/closed_answers", &of_a, Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body().contains(A_PRIVATE));
        let staff_page = send(
            r,
            get(&format!("/staff/networks/{}/edit", p.net_a), Some(&staff)),
        )
        .await
        .body();
        assert!(staff_page.contains(A_PRIVATE) && !staff_page.contains("data-save-group"));

        // Reopening clears the date and brings the form back.
        set_status("2012", "open").await;
        assert_eq!(closed_at(db, "2012").await, None);
        let reply = post_form(r, "/api/closed_answers", &of_a, Some(&a)).await;
        assert_eq!(reply.json::<Value>(), Value::Null);
        let mine: Value = post_form(r, "/api/my_networks", "", Some(&a)).await.json();
        assert_eq!(mine["closed"], false);
        assert_eq!(mine["closed_on"], Value::Null);
        let html = send(r, get(&page_a, Some(&a))).await.body();
        assert!(html.contains("data-save-group") && html.contains(A_PRIVATE));
        assert!(!html.contains("調査は終了しました"));

        // Opening 2013 closes 2012 (dated); once 2013 closes too, A — who answered nothing
        // in 2013 — sees the last edition they answered, 2012, with its own date.
        set_status("2013", "open").await;
        let at_2012 = closed_at(db, "2012").await.expect("closed by opening 2013");
        set_status("2013", "closed").await;
        assert!(closed_at(db, "2013").await.is_some());
        let closed: Value = post_form(r, "/api/closed_answers", &of_a, Some(&a))
            .await
            .json();
        assert_eq!(closed["edition"]["id"], "2012");
        assert_eq!(
            closed["closed_on"],
            store::public::japan_date(at_2012).as_str()
        );
        assert!(closed.to_string().contains(A_PRIVATE));
        let mine: Value = post_form(r, "/api/my_networks", "", Some(&a)).await.json();
        assert_eq!(
            mine["edition"], "2013",
            "the list names the newest closed edition"
        );
        assert_eq!(mine["closed"], true);
    }
);
