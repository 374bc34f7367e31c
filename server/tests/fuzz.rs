//! Generated payloads against every server function (issue #20), on SQLite and PostgreSQL,
//! sent by the public, a respondent and staff: form and JSON bodies built from the argument
//! names the functions use and from hostile values. No answer may be a 5xx, and nothing may
//! change that the caller is not allowed to change: the public changes nothing, a
//! respondent changes nothing of another network, of an edition or of any account.

use std::collections::BTreeMap;

use crate::support::fixtures::{people, People, A_LOGIN, A_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD};
use crate::support::http::{post, send, sign_in};
use crate::support::TestDb;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Payloads per function and audience: 45 functions × 3 audiences × 2 backends.
const PAYLOADS: usize = 24;

/// Argument names the server functions take (top level and nested).
const KEYS: &[&str] = &[
    "network_id",
    "id",
    "version",
    "edition",
    "role",
    "login",
    "password",
    "note",
    "name",
    "prefecture",
    "status",
    "stage",
    "reason",
    "decision",
    "next",
    "csv",
    "current",
    "new_password",
    "key",
    "label",
    "operator",
    "text",
    "query[q]",
    "query[page]",
    "query[actor]",
    "query[region]",
    "query[edition]",
    "query[sort]",
    "request[network_id]",
    "request[save_group]",
    "request[version]",
    "request[answers][overview.main.name][text]",
    "request[disclosure][overview]",
    "keep",
    "into",
    "from",
    "rule",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "0",
            "1",
            "4",
            "7",
            "-1",
            "2012",
            "2013",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "1e99",
            "NaN",
            "true",
            "null",
            "[]",
            "{}",
            "staff",
            "respondent",
            "approve",
            "return",
            "open",
            "closed",
            "<script>alert(1)</script>",
            "</textarea><b>",
            "=HYPERLINK(\"x\")",
            "../../etc",
            "//evil.example",
            "\u{202E}",
            "ＩＤ－ＬＩＮＫ",
            "３，０００円",
        ])
        .prop_map(str::to_string),
        any::<String>().prop_map(|s| s.replace('\0', "")),
        "[0-9]{1,30}",
    ]
}

#[derive(Debug, Clone)]
enum Payload {
    Form(Vec<(String, String)>),
    Json(serde_json::Value),
    Raw(Vec<u8>),
}

/// Argument pairs: known names or any bracketed name, each with a hostile value.
fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop_oneof![
        prop::sample::select(KEYS.to_vec()).prop_map(str::to_string),
        "[a-z\\[\\]]{0,12}",
    ];
    prop::collection::vec((key, value()), 0..8)
}

fn payload() -> impl Strategy<Value = Payload> {
    prop_oneof![
        pairs().prop_map(Payload::Form),
        pairs().prop_map(|p| {
            let mut object = serde_json::Map::new();
            for (k, v) in p {
                let v = v
                    .parse::<i64>()
                    .map_or(serde_json::Value::String(v), Into::into);
                object.insert(k, v);
            }
            Payload::Json(serde_json::Value::Object(object))
        }),
        prop::collection::vec(any::<u8>().prop_filter("no NUL", |b| *b != 0), 0..64)
            .prop_map(Payload::Raw),
    ]
}

/// Every row that a caller's permissions are about, as text, by table and key.
async fn snapshot(db: &TestDb) -> BTreeMap<String, String> {
    let queries = [
        ("responses", "SELECT CAST(network_id AS TEXT) || '/' || edition_id, CAST(version AS TEXT) || status || review_note || answers || disclosure FROM responses"),
        ("networks", "SELECT CAST(id AS TEXT), name || '|' || prefecture || '|' || COALESCE(operator_type, '') || '|' || COALESCE(CAST(report_no AS TEXT), '') FROM networks"),
        ("respondents", "SELECT CAST(id AS TEXT), login || password_hash || CAST(disabled AS TEXT) FROM respondents"),
        ("links", "SELECT CAST(respondent_id AS TEXT) || '/' || CAST(network_id AS TEXT), '' FROM respondent_networks"),
        ("staff", "SELECT CAST(id AS TEXT), login || password_hash || CAST(disabled AS TEXT) FROM staff"),
        ("editions", "SELECT id, status FROM editions"),
    ];
    let mut out = BTreeMap::new();
    for (table, sql) in queries {
        let rows: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&db.pool).await.unwrap();
        for (key, row) in rows {
            out.insert(format!("{table}:{key}"), row);
        }
    }
    out
}

/// What a respondent of `own` may have changed: their network's rows, and networks they
/// registered (new keys).
fn respondent_may_change(key: &str, own: i64) -> bool {
    key.starts_with(&format!("responses:{own}/")) || key == format!("networks:{own}")
}

on_both_backends!(
    generated_payloads_get_no_5xx_and_change_only_what_the_caller_may,
    async |db: &TestDb| {
        let People { router, net_a, .. } = people(db).await;
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
        );
        let strategy = payload();
        let paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.to_string())
            .collect();
        assert!(paths.len() > 40, "{paths:?}");
        for audience in ["public", "respondent", "staff"] {
            // Some payloads must get through to the functions, or the test proves nothing.
            let mut answered = 0;
            for path in &paths {
                // A fresh sign-in per function: a payload may sign out.
                let session = match audience {
                    "respondent" => Some(sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await),
                    "staff" => Some(sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await),
                    _ => None,
                };
                let before = snapshot(db).await;
                for _ in 0..PAYLOADS {
                    let payload = strategy.new_tree(&mut runner).unwrap().current();
                    let (content_type, body) = match &payload {
                        Payload::Form(pairs) => (
                            "application/x-www-form-urlencoded",
                            pairs
                                .iter()
                                .map(|(k, v)| {
                                    format!(
                                        "{}={}",
                                        survey::directory::encode(k),
                                        survey::directory::encode(v)
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join("&")
                                .into_bytes(),
                        ),
                        Payload::Json(value) => {
                            ("application/json", value.to_string().into_bytes())
                        }
                        Payload::Raw(bytes) => ("application/x-www-form-urlencoded", bytes.clone()),
                    };
                    let body = String::from_utf8_lossy(&body).into_owned();
                    let reply =
                        send(&router, post(path, content_type, body, session.as_deref())).await;
                    answered += usize::from(reply.status.is_success());
                    assert!(
                        !reply.status.is_server_error(),
                        "{audience} {path} {payload:?}: {} {}",
                        reply.status,
                        reply.body()
                    );
                }
                let after = snapshot(db).await;
                for (key, row) in &before {
                    let allowed = match audience {
                        "public" => false,
                        "respondent" => respondent_may_change(key, net_a),
                        _ => true,
                    };
                    if !allowed {
                        assert_eq!(after.get(key), Some(row), "{audience} {path} changed {key}");
                    }
                }
                if audience == "public" {
                    assert_eq!(
                        before.len(),
                        after.len(),
                        "the public added rows through {path}"
                    );
                }
            }
            assert!(
                answered > 20,
                "{audience}: only {answered} payloads were answered"
            );
        }
    }
);
