//! A new edition is a data change: an edition that adds 糖尿病 (diabetes) to the
//! linked diseases is stored as JSON, and the form, validation and storage take
//! the new item with no code change, while the 2012 answers stay as they were.

mod support;

use app::survey::{builtin_edition, Answer, AnswerKind, Item, Tri};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use support::TestDb;
use tower::ServiceExt;

on_both_backends!(an_edition_with_a_new_item_needs_no_code_change, async |db: &TestDb| {
    server::db::prepare(&db.url).await.unwrap().close().await;
    let answers_2012: String =
        sqlx::query_scalar("SELECT answers FROM responses r JOIN networks n ON n.id = r.network_id WHERE n.report_no = 11 AND r.edition_id = '2012'")
            .fetch_one(&db.pool)
            .await
            .unwrap();

    // The 2013 edition: 2012 plus 糖尿病 under the linked diseases.
    let mut edition = builtin_edition("2012").unwrap();
    edition.id = "2013".into();
    let diseases = edition.sections.iter_mut().find(|s| s.key == "services").unwrap().groups.iter_mut().find(|g| g.key == "diseases").unwrap();
    diseases.items.push(Item {
        key: "services.diseases.diabetes".into(),
        label: app::i18n::Label::new("糖尿病", "Diabetes"),
        kind: AnswerKind::Tri,
        required: false,
        contact: false,
        retired: false,
    });
    sqlx::query("UPDATE editions SET status = 'closed'").execute(&db.pool).await.unwrap();
    sqlx::query("INSERT INTO editions (id, position, status, definition, created_at) VALUES ('2013', 1, 'open', $1, 0)")
        .bind(serde_json::to_string(&edition).unwrap())
        .execute(&db.pool)
        .await
        .unwrap();

    let network: i64 = sqlx::query_scalar("SELECT id FROM networks WHERE report_no = 11").fetch_one(&db.pool).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let respondent = app::store::accounts::create(&mut conn, app::store::accounts::Role::Respondent, "net011", "respondent password").await.unwrap();
    app::store::accounts::link_network(&mut conn, respondent, network).await.unwrap();
    drop(conn);
    let router = server::http::router(LeptosOptions::builder().output_name("renkei").build(), db.pool.clone());
    let post = |path: &str, content_type: &str, body: String, cookie: Option<String>| {
        let mut request = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, content_type);
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        router.clone().oneshot(request.body(Body::from(body)).unwrap())
    };
    let login = post("/api/login", "application/x-www-form-urlencoded", "audience=respondent&login=net011&password=respondent+password".into(), None)
        .await
        .unwrap();
    let cookie = login.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().split(';').next().unwrap().to_string();

    // The form offers the new item...
    let page = router
        .clone()
        .oneshot(Request::get(format!("/respondent/networks/{network}")).header(header::HOST, "localhost").header(header::COOKIE, &cookie).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let html = String::from_utf8(page.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(html.contains("糖尿病"), "the form does not show the new item");

    // ...validation rejects a wrong answer for it and storage keeps a right one.
    let save = |answer: serde_json::Value| {
        let body = serde_json::json!({ "request": {
            "network_id": network, "save_group": 2,
            "answers": { "services.diseases.diabetes": answer }, "disclosure": {}, "version": 0,
        }});
        post("/api/save_response", "application/json", body.to_string(), Some(cookie.clone()))
    };
    assert_eq!(save(serde_json::json!({ "text": "x" })).await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    let saved = save(serde_json::json!({ "tri": "in_progress" })).await.unwrap();
    assert_eq!(saved.status(), StatusCode::OK);
    let stored: String = sqlx::query_scalar("SELECT answers FROM responses WHERE network_id = $1 AND edition_id = '2013'")
        .bind(network)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let stored: app::survey::Answers = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored.get("services.diseases.diabetes"), Some(&Answer::Tri(Tri::InProgress)));

    // 2012 is untouched.
    let after_2012: String =
        sqlx::query_scalar("SELECT answers FROM responses r JOIN networks n ON n.id = r.network_id WHERE n.report_no = 11 AND r.edition_id = '2012'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(after_2012, answers_2012);
});
