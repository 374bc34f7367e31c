//! Proof of privacy: networks whose answers carry unique markers are seeded, then
//! every public page (walked from the router's own route list), every server
//! function and every export is requested, on SQLite and on PostgreSQL. No marker
//! of a private answer may appear anywhere: HTML, hydration data, JSON or CSV.

use crate::support::fixtures::{insert_network, load_2012, router};
use crate::support::{http, TestDb};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use store::networks::NewNetwork;
use survey::{
    Answer, AnswerKind, Answers, Disclosure, DisclosureChoices, Edition, Fee, StartStatus, Tri,
};

/// A marker that cannot occur by chance, for item number `n` of network `tag`.
fn marker(tag: &str, n: usize) -> String {
    format!("ZQX{tag}{n:03}QZ")
}

/// Numbers are markers too: 9-digit values no page shows by chance.
fn number_marker(tag: &str, n: usize) -> i64 {
    let base = if tag == "P" { 731_000_000 } else { 742_000_000 };
    base + n as i64
}

/// An answer for every item of the edition, each carrying a marker where the kind allows.
fn marked_answers(edition: &Edition, tag: &str) -> Answers {
    let mut answers = Answers::default();
    for (n, (_, item)) in edition.items().enumerate() {
        let answer = match &item.kind {
            AnswerKind::Tri => Answer::Tri(Tri::InProgress),
            AnswerKind::Count | AnswerKind::Yen | AnswerKind::KiloYen | AnswerKind::Year => {
                Answer::Number(number_marker(tag, n))
            }
            AnswerKind::Fee { .. } => Answer::Fee(Fee::Paid),
            AnswerKind::Bearers { choices } => {
                Answer::Choices(choices.iter().take(2).map(|c| c.key.clone()).collect())
            }
            AnswerKind::Email => {
                Answer::Text(format!("{}@example.invalid", marker(tag, n).to_lowercase()))
            }
            AnswerKind::Check => Answer::Check(true),
            AnswerKind::StartStatus { .. } => Answer::StartStatus(StartStatus::Started),
            _ => Answer::Text(marker(tag, n)),
        };
        answers.set(item.key.clone(), answer);
    }
    answers
}

struct Seeded {
    private_id: i64,
    contact_id: i64,
    /// Markers that must never be public.
    secrets: Vec<String>,
    /// Markers that must be public (proves the test can see what is published).
    published: Vec<String>,
}

async fn seed(db: &TestDb) -> Seeded {
    load_2012(db).await;
    let edition = survey::builtin_edition("2012").unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    let network = |name: &str| NewNetwork {
        report_no: None,
        prefecture: "東京都".into(),
        operator_type: Some("hospital".into()),
        regional_fund: false,
        name: name.into(),
        nickname: String::new(),
        start_year: Some(2011),
    };

    // Every section private. Saving copies the nickname and start year into the network's row
    // (staff's lists read it there): the public must still never see them (#19).
    let position = |key: &str| edition.items().position(|(_, i)| i.key == key).unwrap();
    let private_id = insert_network(
        &mut tx,
        &NewNetwork {
            nickname: marker("P", position("overview.main.nickname")),
            start_year: Some(number_marker("P", position("overview.main.start_year"))),
            ..network("秘密ネット")
        },
        &marked_answers(&edition, "P"),
        &DisclosureChoices::default(),
    )
    .await;

    // Everything public except the contact name and email of both organisations; an HTML summary.
    let mut contact_answers = marked_answers(&edition, "C");
    contact_answers.set(
        "overview.main.summary",
        Answer::Text("<script>alert('x')</script><b>太字</b>".into()),
    );
    let mut choices = DisclosureChoices::default();
    for s in &edition.sections {
        choices.set(s.key.clone(), Disclosure::Public);
    }
    choices.set("org1", Disclosure::HideContact);
    choices.set("org2", Disclosure::HideContact);
    let contact_id =
        insert_network(&mut tx, &network("公開ネット"), &contact_answers, &choices).await;
    tx.commit().await.unwrap();

    let mut secrets = Vec::new();
    let mut published = Vec::new();
    for (n, (section, item)) in edition.items().enumerate() {
        let textual = !matches!(
            item.kind,
            AnswerKind::Tri
                | AnswerKind::Fee { .. }
                | AnswerKind::Bearers { .. }
                | AnswerKind::Check
                | AnswerKind::StartStatus { .. }
        );
        if !textual {
            continue;
        }
        let shown = |tag: &str| match item.kind {
            AnswerKind::Count | AnswerKind::Yen | AnswerKind::KiloYen | AnswerKind::Year => {
                number_marker(tag, n).to_string()
            }
            _ => marker(tag, n),
        };
        secrets.push(shown("P"));
        // Contact items hidden by choice; the 回答者 block is never published.
        if item.contact || section.staff_only() {
            secrets.push(shown("C"));
        } else if item.key != "overview.main.summary" {
            published.push(shown("C"));
        }
    }
    Seeded {
        private_id,
        contact_id,
        secrets,
        published,
    }
}

async fn fetch(router: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let reply = http::send(router, request).await;
    (reply.status, reply.body())
}

/// A public GET: no session.
fn get(path: &str) -> Request<Body> {
    http::get(path, None)
}

/// A public form POST: no session.
fn post(path: &str, form: &str) -> Request<Body> {
    http::post(
        path,
        "application/x-www-form-urlencoded",
        form.to_string(),
        None,
    )
}

/// Every public address: the router's own routes (parameters filled with the seeded
/// networks), the directory under every filter, the exports, and every server function.
fn requests(s: &Seeded) -> Vec<(String, Request<Body>)> {
    let mut out = Vec::new();
    for route in leptos_axum::generate_route_list(app::App) {
        let path = route.path().to_string();
        let paths: Vec<String> = if path.contains("{id}") || path.contains(":id") {
            [s.private_id, s.contact_id]
                .iter()
                .map(|id| {
                    path.replace("{id}", &id.to_string())
                        .replace(":id", &id.to_string())
                })
                .collect()
        } else {
            vec![path]
        };
        for p in paths {
            out.push((p.clone(), get(&p)));
        }
    }
    let edition = survey::builtin_edition("2012").unwrap();
    for (_, item) in edition.items().filter(|(_, i)| i.kind == AnswerKind::Tri) {
        for param in ["service", "disease", "standard"] {
            let p = format!("/networks?{param}={}", item.key);
            out.push((p.clone(), get(&p)));
        }
    }
    for p in [
        "/networks?q=ZQX",
        "/networks?q=%E7%A7%98%E5%AF%86",
        "/networks.csv",
        "/networks.json",
        "/",
    ] {
        out.push((p.to_string(), get(p)));
    }
    // Every chart's open data, unfiltered and under each one-dimension filter the public can choose.
    for spec in charts::registry("2012") {
        for filter in ["", "?region=kanto", "?operator=hospital"] {
            for ext in ["json", "csv"] {
                let p = format!("/charts/{}.{ext}{filter}", spec.id);
                out.push((p.clone(), get(&p)));
            }
        }
    }
    for (path, _method) in leptos::server_fn::axum::server_fn_paths() {
        let forms = [
            String::new(),
            format!("id={}", s.private_id),
            format!("id={}", s.contact_id),
            "query[q]=%E7%A7%98%E5%AF%86".to_string(),
            "query[region]=kanto".to_string(),
        ];
        for form in forms {
            out.push((format!("POST {path} {form}"), post(path, &form)));
        }
    }
    out
}

fn check_no_leak(what: &str, body: &str, secrets: &[String]) {
    for secret in secrets {
        assert!(
            !body.contains(secret.as_str()),
            "{what} reveals the private value {secret}"
        );
    }
}

on_both_backends!(no_private_answer_reaches_the_public, async |db: &TestDb| {
    let seeded = seed(db).await;
    let router = router(db);
    let mut seen_public = String::new();
    for (what, request) in requests(&seeded) {
        let (status, body) = fetch(&router, request).await;
        assert!(
            !status.is_server_error(),
            "{what} answered {status}: {body}"
        );
        check_no_leak(&what, &body, &seeded.secrets);
        seen_public.push_str(&body);
    }
    // The published answers of the second network did reach the public, so the walk saw real pages.
    for shown in &seeded.published {
        assert!(
            seen_public.contains(shown.as_str()),
            "published value {shown} never appeared"
        );
    }
    // Both networks are named even when nothing is published.
    let (_, page) = fetch(&router, get(&format!("/networks/{}", seeded.private_id))).await;
    assert!(page.contains("秘密ネット"));
    assert!(page.contains("回答内容を公開しないことを選択しています"));
});

on_both_backends!(html_in_answers_is_shown_as_text, async |db: &TestDb| {
    let seeded = seed(db).await;
    let router = router(db);
    let (status, page) = fetch(&router, get(&format!("/networks/{}", seeded.contact_id))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("<script>alert('x')"),
        "a summary's script tag was rendered as HTML"
    );
    assert!(!page.contains("<b>太字</b>"));
    assert!(page.contains("&lt;script&gt;alert") || page.contains("\\u003cscript\\u003e"));
});
