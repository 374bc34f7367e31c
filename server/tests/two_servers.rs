//! Two app servers on one database, as a deployment grows past one machine: each with its own
//! connection pool and chart cache, and nothing else in memory. What one server did, the other
//! knows at its next request: a session begun on one, a sign-out, failed sign-ins, a save, and
//! the public charts that follow from it.

use std::time::{Duration, Instant};

use crate::support::fixtures::{options, people, People, A_LOGIN, A_PASSWORD};
use crate::support::http::{form, get, login, post_form, post_json, send, sign_in};
use crate::support::TestDb;
use app::api::respondent::ResponseForm;
use axum::http::StatusCode;
use axum::Router;
use serde_json::{json, Value};
use store::throttle::MAX_PER_LOGIN;

/// The networks a server's public charts count (図2.2-1's valid answers).
async fn networks_charted(server: &Router) -> u64 {
    let reply = send(server, get("/charts/2.2-1.json", None)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    let chart: Value = reply.json();
    chart["n"]["valid"].as_u64().expect("n.valid")
}

/// Waits until a server's charts count `expected` networks. A public request may be answered
/// from the charts at hand while newer ones are computed (`store::charts::FRESH_WITHIN`), so
/// the test asks again until they arrive, and fails after a generous while.
async fn charts_reach(server: &Router, expected: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let charted = networks_charted(server).await;
        if charted == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the charts still count {charted} networks, not {expected}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

on_both_backends!(
    two_servers_on_one_database_act_as_one,
    async |db: &TestDb| {
        let People {
            router: first,
            net_a,
            ..
        } = people(db).await;
        let second = server::http::router(options(), server::db::connect(&db.url).await.unwrap());
        let before = networks_charted(&first).await;
        assert_eq!(networks_charted(&second).await, before);

        // Signed in on the first server, the respondent works on the second.
        let session = sign_in(&first, "respondent", A_LOGIN, A_PASSWORD).await;
        let network = net_a.to_string();
        let loaded = post_form(
            &second,
            "/api/response_form",
            &form(&[("network_id", &network)]),
            Some(&session),
        )
        .await;
        assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body());
        let data: ResponseForm = loaded.json();
        let save = |version: i64| {
            json!({ "request": {
                "network_id": net_a, "save_group": 2, "version": version,
                "answers": data.answers, "disclosure": data.disclosure,
            }})
        };
        let saved = post_json(
            &second,
            "/api/save_response",
            &save(data.version),
            Some(&session),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body());
        // The first server knows the new version: a save from the old one is a conflict there.
        let stale = post_json(
            &first,
            "/api/save_response",
            &save(data.version),
            Some(&session),
        )
        .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body());

        // Both servers' charts follow: a respondent's save makes approved answers a draft
        // again, out of the count until staff approve them anew.
        charts_reach(&first, before - 1).await;
        charts_reach(&second, before - 1).await;

        // Signing out on the second server ends the session on the first.
        let out = post_form(&second, "/api/logout", "", Some(&session)).await;
        assert!(
            out.status.is_success() || out.status.is_redirection(),
            "{}",
            out.status
        );
        let after = post_form(&first, "/api/my_networks", "", Some(&session)).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);

        // Failed sign-ins count on both: guesses spread over the two use up one allowance.
        for guess in 0..MAX_PER_LOGIN {
            let server = if guess % 2 == 0 { &first } else { &second };
            let wrong = login(
                server,
                "respondent",
                A_LOGIN,
                &format!("wrong guess {guess}"),
            )
            .await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        }
        for server in [&first, &second] {
            let right = login(server, "respondent", A_LOGIN, A_PASSWORD).await;
            assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
        }
    }
);
