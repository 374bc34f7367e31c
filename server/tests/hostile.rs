//! Hostile strings in what people type — a network's name, every text answer — are shown as
//! text on every page that prints them: public, respondent and staff. A name that closes the
//! `<title>` once redirected every visitor of its detail page; an answer that closes its
//! `<textarea>` injected markup into the form staff open.

use crate::support::fixtures::{load_2012, people, put_2012_response, router, People};
use crate::support::fixtures::{A_LOGIN, A_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD};
use crate::support::http::{form, get, login, post_form, send, sign_in};
use crate::support::queries::count;
use crate::support::TestDb;
use axum::http::StatusCode;
use survey::{Answer, AnswerKind, Disclosure, DisclosureChoices};

/// Closes the page title and redirects the visitor.
const TITLE_BREAK: &str =
    r#"</title><meta http-equiv="refresh" content="0;url=http://evil.example/">"#;
/// Closes a text area and adds an element that runs script.
const TEXTAREA_BREAK: &str = "</textarea><img src=x onerror=alert(1)>";

/// What must never appear in a page as markup.
const INJECTED: [&str; 2] = ["<meta http-equiv=\"refresh\"", "<img src=x"];

on_both_backends!(
    hostile_names_and_answers_stay_text_on_every_page,
    async |db: &TestDb| {
        let People { router, net_a, .. } = people(db).await;
        sqlx::query("UPDATE networks SET name = $1 WHERE id = $2")
            .bind(TITLE_BREAK)
            .bind(net_a)
            .execute(&db.pool)
            .await
            .unwrap();
        let edition = survey::builtin_edition("2012").unwrap();
        let record = store::networks::record(&db.pool, net_a, "2012")
            .await
            .unwrap()
            .unwrap();
        let mut answers = record.answers.clone();
        for (_, item) in edition.items().filter(|(_, i)| !i.retired) {
            match item.kind {
                AnswerKind::Text => answers.set(item.key.clone(), Answer::Text(TITLE_BREAK.into())),
                AnswerKind::TextArea => {
                    answers.set(item.key.clone(), Answer::Text(TEXTAREA_BREAK.into()))
                }
                _ => {}
            }
        }
        let mut everything_public = DisclosureChoices::default();
        for section in &edition.sections {
            everything_public.set(section.key.clone(), Disclosure::Public);
        }
        let mut conn = db.pool.acquire().await.unwrap();
        put_2012_response(&mut conn, net_a, &answers, &everything_public).await;
        // In the review queue too.
        sqlx::query("UPDATE responses SET needs_review = 1 WHERE network_id = $1")
            .bind(net_a)
            .execute(&mut *conn)
            .await
            .unwrap();
        drop(conn);

        let respondent = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
        let pages = [
            ("/networks".to_string(), None),
            (format!("/networks/{net_a}"), None),
            ("/respondent".to_string(), Some(&respondent)),
            (format!("/respondent/networks/{net_a}"), Some(&respondent)),
            ("/staff/review".to_string(), Some(&staff)),
            (format!("/staff/review/{net_a}"), Some(&staff)),
            (format!("/staff/networks/{net_a}/edit"), Some(&staff)),
            ("/staff/tracking".to_string(), Some(&staff)),
        ];
        for (path, session) in pages {
            let reply = send(&router, get(&path, session.map(String::as_str))).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            let page = reply.body();
            assert!(
                page.contains("evil.example"),
                "{path} shows the hostile text"
            );
            for markup in INJECTED {
                assert!(
                    !page.contains(markup),
                    "{path} carries {markup:?} as markup"
                );
            }
        }
    }
);

on_both_backends!(
    a_search_too_long_to_match_is_refused,
    async |db: &TestDb| {
        load_2012(db).await;
        let router = router(db);
        // Once 50 seconds of work (1 MB); now refused before any.
        for chars in [survey::directory::MAX_SEARCH_CHARS + 1, 1_000_000] {
            let q = "a".repeat(chars);
            let reply =
                post_form(&router, "/api/directory", &form(&[("query[q]", &q)]), None).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{chars} characters");
            assert!(
                reply.body().contains("100文字"),
                "{chars} characters: {}",
                reply.body()
            );
        }
        let fine = "あ".repeat(survey::directory::MAX_SEARCH_CHARS);
        let reply = post_form(
            &router,
            "/api/directory",
            &form(&[("query[q]", &fine)]),
            None,
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
    }
);

/// Sends these sign-ins all at once (each on its own task) and gives their statuses.
async fn all_at_once(router: &axum::Router, attempts: Vec<(String, String)>) -> Vec<StatusCode> {
    let tasks: Vec<_> = attempts
        .into_iter()
        .map(|(name, password)| {
            let router = router.clone();
            tokio::spawn(async move { login(&router, "respondent", &name, &password).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses
}

on_both_backends!(
    parallel_guesses_never_pass_the_limits,
    async |db: &TestDb| {
        use store::throttle::{MAX_PER_ADDRESS, MAX_PER_LOGIN};
        let People { router, .. } = people(db).await;
        let checked = |statuses: &[StatusCode]| {
            assert!(statuses
                .iter()
                .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS));
            statuses
                .iter()
                .filter(|s| **s == StatusCode::UNAUTHORIZED)
                .count() as i64
        };
        // Thirty wrong passwords for one account at once: no more than the limit are checked…
        let guesses = (0..30)
            .map(|i| (A_LOGIN.to_string(), format!("wrong guess {i}")))
            .collect();
        let mut first = checked(&all_at_once(&router, guesses).await);
        assert!(first <= MAX_PER_LOGIN, "{first} passwords checked");
        // …and one by one, the rest of the account's allowance, then the right password is refused:
        // the account waits out the window.
        while first < MAX_PER_LOGIN {
            let wrong = login(&router, "respondent", A_LOGIN, "one more guess").await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
            first += 1;
        }
        let right = login(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
        // Fifty accounts from one address at once: the address's limit holds in all.
        let guesses = (0..50)
            .map(|i| (format!("nobody-{i}"), "wrong guess".to_string()))
            .collect();
        let second = checked(&all_at_once(&router, guesses).await);
        assert!(
            first + second <= MAX_PER_ADDRESS,
            "{} passwords checked",
            first + second
        );
        let kept = count(
            db,
            "SELECT COUNT(*) FROM login_failures WHERE scope LIKE 'ip:%'",
        )
        .await;
        assert_eq!(kept, first + second);
    }
);

on_both_backends!(odd_requests_get_client_errors, async |db: &TestDb| {
    let People { router, .. } = people(db).await;
    // Dot segments: once a page rendered without the request's context (500).
    for path in ["/a/../networks", "/staff/%2e%2e/networks", "/./networks"] {
        let reply = send(&router, get(path, None)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
    // A megabyte of login name: once PostgreSQL's index refused it (500).
    let huge = "a".repeat(1_000_000);
    let reply = login(&router, "staff", &huge, "some password").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // A NUL byte in a login name.
    let reply = login(&router, "respondent", "resp\0a", A_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Server-function arguments far past any real form's size.
    let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
    let big = form(&[("query[actor]", &"x".repeat(200_000)), ("query[page]", "1")]);
    let reply = post_form(&router, "/api/staff_audit_log", &big, Some(&staff)).await;
    assert!(
        reply.status.is_success() || reply.status.is_client_error(),
        "{}",
        reply.status
    );
    // A page number past the end of the audit log: once an OFFSET overflow (500).
    let far = form(&[("query[page]", &i64::MAX.to_string())]);
    let reply = post_form(&router, "/api/staff_audit_log", &far, Some(&staff)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
});
