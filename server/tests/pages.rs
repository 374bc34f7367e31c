//! Pages as the server sends them: in the language of the `lang` cookie, switched by a plain
//! form (no script), and with their interactive parts as islands that carry their own data.

mod support;

use axum::http::{header, StatusCode};
use leptos::config::LeptosOptions;
use support::http::{form, get, post_form, send};

/// The app on a database migrated and loaded with the 2012 data.
async fn router(db: &support::TestDb) -> axum::Router {
    server::db::prepare(&db.url).await.unwrap().close().await;
    server::http::router(LeptosOptions::builder().output_name("renkei").build(), db.pool.clone())
}

#[tokio::test]
async fn the_language_switch_remembers_the_choice_and_goes_back_to_the_page() {
    let db = support::sqlite().await;
    let router = router(&db).await;
    let reply = post_form(&router, "/lang", &form(&[("lang", "en"), ("back", "/networks?region=kyushu")]), None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/networks?region=kyushu");
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;") && cookie.contains("Path=/"), "{cookie}");

    // The next page comes in English, with the switch offering Japanese and this page to return to.
    let mut request = get("/networks?region=kyushu", None);
    request.headers_mut().insert(header::COOKIE, "lang=en".parse().unwrap());
    let page = send(&router, request).await.body();
    assert!(page.contains("Regional healthcare networks in Japan"), "not in English");
    assert!(page.contains(r#"name="lang" value="ja""#));
    assert!(page.contains(r#"name="back" value="/networks?region=kyushu""#));

    // Never sent anywhere but this site; an unknown language is refused and sets nothing.
    for back in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
        let reply = post_form(&router, "/lang", &form(&[("lang", "ja"), ("back", back)]), None).await;
        assert_eq!(reply.headers[header::LOCATION], "/", "{back}");
    }
    let reply = post_form(&router, "/lang", &form(&[("lang", "fr"), ("back", "/")]), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.headers.get(header::SET_COOKIE).is_none());
    db.drop_db().await;
}

#[tokio::test]
async fn only_the_interactive_parts_are_islands() {
    let db = support::sqlite().await;
    let router = router(&db).await;
    // Home and directory are documents: no island, nothing to hydrate.
    for path in ["/", "/networks", "/networks/4"] {
        let page = send(&router, get(path, None)).await.body();
        assert!(!page.contains("<leptos-island"), "{path} has an island");
    }
    // Each chart's drawing is an island carrying that chart's data.
    let charts = send(&router, get("/charts", None)).await.body();
    assert!(charts.matches(r#"<leptos-island data-component="ChartDrawing_"#).count() >= 45);
    assert!(charts.contains("data-props="));
    // Signing in is one island.
    let login = send(&router, get("/login", None)).await.body();
    assert_eq!(login.matches("<leptos-island").count(), 1);
    db.drop_db().await;
}
