//! Pages as the server sends them: in the language of the `lang` cookie, switched by a plain
//! form (no script), and with their interactive parts as islands that carry their own data.

use crate::support::fixtures::{load_2012, respondent_for, router};
use crate::support::http::{form, get, post_form, post_json, send, sign_in};
use axum::http::{header, StatusCode};

#[tokio::test]
async fn the_language_switch_remembers_the_choice_and_goes_back_to_the_page() {
    let db = crate::support::sqlite().await;
    load_2012(&db).await;
    let router = router(&db);
    let reply = post_form(
        &router,
        "/lang",
        &form(&[("lang", "en"), ("back", "/networks?region=kyushu")]),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/networks?region=kyushu");
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("Path=/"),
        "{cookie}"
    );

    // The next page comes in English, with the switch offering Japanese and this page to return to.
    let mut request = get("/networks?region=kyushu", None);
    request
        .headers_mut()
        .insert(header::COOKIE, "lang=en".parse().unwrap());
    let page = send(&router, request).await.body();
    assert!(
        page.contains("Regional healthcare networks in Japan"),
        "not in English"
    );
    assert!(page.contains(r#"name="lang" value="ja""#));
    assert!(page.contains(r#"name="back" value="/networks?region=kyushu""#));

    // Never sent anywhere but this site; an unknown language is refused and sets nothing.
    for back in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let reply = post_form(
            &router,
            "/lang",
            &form(&[("lang", "ja"), ("back", back)]),
            None,
        )
        .await;
        assert_eq!(reply.headers[header::LOCATION], "/", "{back}");
    }
    let reply = post_form(
        &router,
        "/lang",
        &form(&[("lang", "fr"), ("back", "/")]),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.headers.get(header::SET_COOKIE).is_none());
    db.drop_db().await;
}

#[tokio::test]
async fn only_the_interactive_parts_are_islands() {
    let db = crate::support::sqlite().await;
    load_2012(&db).await;
    let router = router(&db);
    // Home and directory are documents: no island, nothing to hydrate.
    for path in ["/", "/networks", "/networks/4"] {
        let page = send(&router, get(path, None)).await.body();
        assert!(!page.contains("<leptos-island"), "{path} has an island");
    }
    // Each chart's drawing is an island carrying that chart's data; a figure nobody
    // answered is a sentence, with nothing to draw (most of 2012's, until #21).
    let charts = send(&router, get("/charts", None)).await.body();
    let drawn = charts
        .matches(r#"<leptos-island data-component="ChartDrawing_"#)
        .count();
    let empty = charts.matches(r#"data-testid="no-answers""#).count();
    assert_eq!(drawn + empty, ::charts::registry("2012").len());
    assert!(
        drawn >= 15 && empty >= 1,
        "{drawn} drawn, {empty} without answers"
    );
    assert!(charts.contains("data-props="));
    // Signing in is one island.
    let login = send(&router, get("/login", None)).await.body();
    assert_eq!(login.matches("<leptos-island").count(), 1);
    db.drop_db().await;
}

#[tokio::test]
async fn the_questionnaire_is_server_html_with_the_answers_filled_in() {
    let db = crate::support::sqlite().await;
    load_2012(&db).await;
    let router = router(&db);
    let (network, _) = respondent_for(&db, 11, "net011", "respondent password").await;
    let session = sign_in(&router, "respondent", "net011", "respondent password").await;
    let version: i64 = sqlx::query_scalar(
        "SELECT version FROM responses WHERE network_id = $1 AND edition_id = '2012'",
    )
    .bind(network)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let body = serde_json::json!({ "request": {
        "network_id": network, "save_group": 2, "version": version, "disclosure": { "facilities": "public" },
        "answers": { "facilities.hospital.status": { "tri": "planned" }, "facilities.hospital.count": { "number": 12 } },
    }});
    let saved = post_json(&router, "/api/save_response", &body, Some(&session)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body());

    let page = send(
        &router,
        get(&format!("/respondent/networks/{network}"), Some(&session)),
    )
    .await
    .body();
    // The whole form is HTML; its own module makes it live, without Leptos' (no island, no
    // hydration script), from the form's data in the page.
    assert!(!page.contains("<leptos-island"));
    assert!(!page.contains("/pkg/renkei.js"));
    assert!(page.contains(r#"import init from "/pkg/form.js""#));
    let start = page
        .split(r#"<script type="application/json" id="questionnaire-start">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the form's data");
    let start: wire::form::FormStart = serde_json::from_str(start).expect("the form's data");
    assert_eq!(start.form.network_id, network);
    assert_eq!(start.login_page, "/login");
    // The stored answers are in the inputs: 実施予定あり is radio 1; the count is the text box's value.
    assert!(
        page.contains(r#"role="radiogroup" aria-labelledby="q-facilities-hospital-status-label""#)
    );
    assert!(
        page.contains(r#"name="facilities.hospital.status" value="1" checked"#),
        "planned not checked"
    );
    assert!(!page.contains(r#"name="facilities.hospital.status" value="0" checked"#));
    assert!(page.contains(r#"id="q-facilities-hospital-count" aria-describedby="q-facilities-hospital-count-messages" value="12""#));
    assert!(page.contains(r#"data-clear="facilities.hospital.status""#));
    // The disclosure choice as saved, and what the public will see because of it.
    assert!(page.contains("公開ページには、このセクションの回答がすべて表示されます。"));
    db.drop_db().await;
}

#[tokio::test]
async fn private_answers_are_never_stored_by_browsers_or_proxies() {
    let db = crate::support::sqlite().await;
    load_2012(&db).await;
    let router = router(&db);
    let no_store = |reply: &crate::support::http::Reply| {
        reply
            .headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            == Some("no-store")
    };
    for path in [
        "/login",
        "/staff/login",
        "/respondent",
        "/staff",
        "/staff/export.csv",
    ] {
        let reply = send(&router, get(path, None)).await;
        assert!(no_store(&reply), "{path}: {:?}", reply.headers);
    }
    let refused = post_form(
        &router,
        "/api/login",
        &form(&[
            ("role", "staff"),
            ("login", "nobody"),
            ("password", "wrong password"),
        ]),
        None,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(
        no_store(&refused),
        "a server function's answer: {:?}",
        refused.headers
    );
    for path in ["/", "/networks", "/networks.csv"] {
        let reply = send(&router, get(path, None)).await;
        assert!(!no_store(&reply), "{path} is public and may be cached");
    }
    db.drop_db().await;
}
