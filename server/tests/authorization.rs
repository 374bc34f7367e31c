//! The authorization matrix, on SQLite and on PostgreSQL: the public, respondent A,
//! respondent B and staff call every registered server function and open every
//! route. Both lists are read from the application itself (the server-function
//! registry and the router), and each entry must be declared in the tables below,
//! so a function or page added later fails this test until its audience is stated.

use crate::support::fixtures::{load_2012, put_2012_response, respondent_for, router, staff};
use crate::support::http::{get, post, send, sign_in, Reply};
use crate::support::TestDb;
use axum::http::StatusCode;
use axum::Router;
use serde_json::json;
use survey::{Answer, Answers, DisclosureChoices};

const A_LOGIN: &str = "resp-a";
const B_LOGIN: &str = "resp-b";
const STAFF_LOGIN: &str = "zqstafflogin";
const PASSWORD: &str = "matrix-password-1";
/// Staff-only facts: a requested organisation's name and email, a note on B's network.
const STAFF_MARKERS: [&str; 4] = [
    "ZQ依頼先マーカー",
    "zqmarker@example.jp",
    STAFF_LOGIN,
    "ZQ職員メモマーカー",
];
/// A private answer of B's network.
const B_PRIVATE: &str = "ZQB-PRIVATE-ANSWER";

/// Who may pass the door.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Access {
    /// Everyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Signed-in respondents (their own data only).
    Respondent,
    /// The respondent of network A only: not B, not staff (submitting is the respondent's act).
    RespondentOfA,
    /// The respondent of network B only.
    RespondentOfB,
    /// The respondent of network A, and staff; not B.
    OwnerOfA,
    /// The respondent of network B, and staff; not A.
    OwnerOfB,
    Staff,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Public,
    A,
    B,
    Staff,
}

impl Access {
    fn allows(self, who: Who) -> bool {
        match self {
            Access::Public => true,
            Access::SignedIn => who != Who::Public,
            Access::Respondent => matches!(who, Who::A | Who::B),
            Access::RespondentOfA => who == Who::A,
            Access::RespondentOfB => who == Who::B,
            Access::OwnerOfA => matches!(who, Who::A | Who::Staff),
            Access::OwnerOfB => matches!(who, Who::B | Who::Staff),
            Access::Staff => who == Who::Staff,
        }
    }
}

/// A call's arguments, valid so that a refusal can only come from the guard.
enum Args {
    Form(String),
    Json(serde_json::Value),
}

struct Fixture {
    router: Router,
    net_a: i64,
    net_b: i64,
    sessions: Vec<(Who, Option<String>)>,
}

async fn setup(db: &TestDb) -> Fixture {
    load_2012(db).await;
    let (net_a, _) = respondent_for(db, 4, A_LOGIN, PASSWORD).await;
    let (net_b, _) = respondent_for(db, 7, B_LOGIN, PASSWORD).await;
    staff(db, STAFF_LOGIN, PASSWORD).await;
    // B's network gets a private answer; a request to a marked organisation is issued.
    let mut tx = db.pool.begin().await.unwrap();
    let mut answers = Answers::default();
    answers.set("overview.main.summary", Answer::Text(B_PRIVATE.into()));
    put_2012_response(&mut tx, net_b, &answers, &DisclosureChoices::default()).await;
    let row = survey::requests::RequestRow {
        organisation: STAFF_MARKERS[0].into(),
        prefecture: "青森県".into(),
        network_name: "ZQネット".into(),
        postal_address: String::new(),
        email: STAFF_MARKERS[1].into(),
    };
    let hash = store::accounts::hash_password(PASSWORD).unwrap();
    store::requests::issue(
        &mut tx,
        "2012",
        &store::requests::NewRequest {
            row: &row,
            password_hash: hash,
        },
        &store::audit_log::Entity::System,
    )
    .await
    .unwrap();
    store::network_notes::add(
        &mut tx,
        net_b,
        &store::audit_log::Entity::System,
        survey::notes::Channel::Phone,
        STAFF_MARKERS[3],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let router = router(db);
    let sessions = vec![
        (Who::Public, None),
        (
            Who::A,
            Some(sign_in(&router, "respondent", A_LOGIN, PASSWORD).await),
        ),
        (
            Who::B,
            Some(sign_in(&router, "respondent", B_LOGIN, PASSWORD).await),
        ),
        (
            Who::Staff,
            Some(sign_in(&router, "staff", STAFF_LOGIN, PASSWORD).await),
        ),
    ];
    Fixture {
        router,
        net_a,
        net_b,
        sessions,
    }
}

/// EVERY server function: its path, who may call it, and valid arguments.
/// A function missing here fails the test: declare its audience when you add it.
fn functions(f: &Fixture) -> Vec<(&'static str, Access, Args)> {
    let form = |s: &str| Args::Form(s.to_string());
    let (a, b) = (f.net_a, f.net_b);
    let save = json!({ "request": { "network_id": a, "save_group": 2, "answers": {}, "disclosure": {}, "version": 1 } });
    vec![
        ("/api/login", Access::Public, form(&format!("role=respondent&login={A_LOGIN}&password={PASSWORD}"))),
        ("/api/home_figures", Access::Public, form("")),
        ("/api/charts", Access::Public, Args::Json(json!({ "query": {} }))),
        ("/api/directory", Access::Public, form("query[q]=")),
        ("/api/network", Access::Public, form(&format!("id={b}"))),
        ("/api/my_networks", Access::Respondent, form("")),
        ("/api/register_network", Access::Respondent, form("name=%E6%96%B0%E3%83%8D%E3%83%83%E3%83%88&prefecture=%E7%A7%8B%E7%94%B0%E7%9C%8C")),
        ("/api/response_form", Access::OwnerOfA, form(&format!("network_id={a}"))),
        ("/api/save_response", Access::OwnerOfA, Args::Json(save)),
        ("/api/submit_summary", Access::RespondentOfA, form(&format!("network_id={a}"))),
        // A submission of a version nobody has: the owner passes the door and gets 409.
        ("/api/submit_response", Access::RespondentOfA, form(&format!("network_id={a}&version=999"))),
        ("/api/keep_signed_in", Access::SignedIn, form("")),
        // A wrong current password: the signed-in pass the door and get 422.
        ("/api/change_password", Access::SignedIn, form("current=wrong-password-0&new=x&again=x")),
        // While an edition is open the owner gets `null` (the form shows the answers).
        ("/api/closed_answers", Access::OwnerOfA, form(&format!("network_id={a}"))),
        ("/api/staff_overview", Access::Staff, form("")),
        ("/api/review_queue", Access::Staff, form("")),
        ("/api/submission", Access::Staff, form(&format!("network_id={b}"))),
        // A decision on a version nobody has: staff pass the door and get 409.
        ("/api/decide_submission", Access::Staff, form(&format!("network_id={b}&version=999&approve=true&note="))),
        ("/api/classify_network", Access::Staff, form(&format!("network_id={b}&operator_type=hospital&regional_fund=false"))),
        ("/api/chart_editions", Access::Public, Args::Json(json!({ "id": "2.5-1", "query": {} }))),
        ("/api/editions", Access::Staff, form("")),
        ("/api/edition_preview", Access::Staff, form("id=2013")),
        ("/api/stopped_networks", Access::Staff, form("")),
        ("/api/revise_edition", Access::Staff, Args::Json(json!({ "id": "2013", "revision": { "Rename": { "key": "services.diseases.heart", "ja": "心疾患", "en": "Heart disease" } } }))),
        ("/api/set_edition_valid_rule", Access::Staff, form("id=2013&rule=submitted")),
        // Opening the 2013 draft lets the next call make a 2014 draft.
        ("/api/set_edition_status", Access::Staff, form("id=2013&status=open")),
        ("/api/create_edition", Access::Staff, form("")),
        ("/api/staff_import_requests", Access::Staff, form("csv=%E7%B5%84%E7%B9%94%E5%90%8D%2C%E9%83%BD%E9%81%93%E5%BA%9C%E7%9C%8C%0AZQ%2C%E7%A7%8B%E7%94%B0%E7%9C%8C%0A")),
        ("/api/staff_preview_requests", Access::Staff, form("csv=%E7%B5%84%E7%B9%94%E5%90%8D%2C%E9%83%BD%E9%81%93%E5%BA%9C%E7%9C%8C%0AZQ%2C%E7%A7%8B%E7%94%B0%E7%9C%8C%0A")),
        ("/api/staff_read_request_sheet", Access::Staff, Args::Json(json!({ "workbook": crate::support::fixtures::request_list_workbook() }))),
        ("/api/staff_add_request", Access::Staff, form("row[organisation]=ZQ2&row[prefecture]=%E7%A7%8B%E7%94%B0%E7%9C%8C&row[network_name]=&row[postal_address]=&row[email]=")),
        ("/api/staff_reset_respondent_password", Access::Staff, form("respondent_id=999999")),
        ("/api/staff_set_respondent_disabled", Access::Staff, form("respondent_id=999999&disabled=true")),
        ("/api/staff_tracking", Access::Staff, form("query[q]=")),
        ("/api/staff_set_request_stage", Access::Staff, form(&format!("network_id={b}&stage=replied&reason="))),
        ("/api/staff_export_not_replied", Access::Staff, form("")),
        ("/api/staff_network_care", Access::Staff, form("query[q]=%E3%83%8D%E3%83%83%E3%83%88")),
        // Changes to networks nobody has: staff pass the door and get 404.
        ("/api/staff_check_network", Access::Staff, form("network_id=999999")),
        ("/api/staff_correct_network", Access::Staff, form("network_id=999999&prefecture=%E7%A7%8B%E7%94%B0%E7%9C%8C&operator_type=")),
        ("/api/staff_merge_network", Access::Staff, form("from=999999&into=999998&note=")),
        ("/api/staff_remove_network", Access::Staff, form("network_id=999999&reason=ZQ")),
        ("/api/staff_network_notes", Access::Staff, form(&format!("network_id={b}"))),
        ("/api/staff_add_network_note", Access::Staff, form(&format!("network_id={b}&channel=phone&note=ZQ"))),
        ("/api/staff_audit_log", Access::Staff, form("query[page]=1")),
        ("/api/staff_accounts", Access::Staff, form("")),
        ("/api/staff_create_account", Access::Staff, form("login=zqsecond")),
        ("/api/staff_reset_password", Access::Staff, form("id=999999")),
        ("/api/staff_set_disabled", Access::Staff, form("id=999999&disabled=true")),
        // Last: it ends the caller's session.
        ("/api/logout", Access::Public, form("")),
    ]
}

/// EVERY route of the router (`:id` filled with B's network), and who may see its data.
const ROUTES: &[(&str, Access)] = &[
    ("/", Access::Public),
    ("/networks", Access::Public),
    ("/networks/:id", Access::Public),
    ("/charts", Access::Public),
    ("/login", Access::Public),
    ("/password", Access::Public),
    ("/respondent", Access::Respondent),
    ("/respondent/networks/:id", Access::OwnerOfB),
    ("/respondent/networks/:id/submit", Access::RespondentOfB),
    ("/staff/login", Access::Public),
    ("/staff", Access::Staff),
    ("/staff/requests", Access::Staff),
    ("/staff/tracking", Access::Staff),
    ("/staff/networks", Access::Staff),
    ("/staff/accounts", Access::Staff),
    ("/staff/audit", Access::Staff),
    ("/staff/editions", Access::Staff),
    // `:id` is an edition here: the 2013 draft.
    ("/staff/editions/:id/preview", Access::Staff),
    ("/staff/review", Access::Staff),
    ("/staff/review/:id", Access::Staff),
    // The questionnaire form for any editor of the network: its respondent or staff.
    ("/staff/networks/:id/edit", Access::OwnerOfB),
];

/// Passed the door: answered, or refused for a reason other than who is asking.
fn passed(reply: &Reply) -> bool {
    matches!(reply.status.as_u16(), 200 | 302 | 303 | 404 | 409 | 422)
}

on_both_backends!(
    every_server_function_admits_exactly_its_audience,
    async |db: &TestDb| {
        let f = setup(db).await;
        let table = functions(&f);
        let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.to_string())
            .collect();
        for path in &registered {
            assert!(
            table.iter().any(|(p, _, _)| p == path),
            "{path} is a server function with no declared audience: add it to functions() in {}",
            file!()
        );
        }
        for (path, _, _) in &table {
            assert!(
                registered.iter().any(|r| r == path),
                "{path} is declared but not registered"
            );
        }
        for (path, access, args) in &table {
            for (who, session) in &f.sessions {
                let request = match args {
                    Args::Form(body) => post(
                        path,
                        "application/x-www-form-urlencoded",
                        body.clone(),
                        session.as_deref(),
                    ),
                    Args::Json(body) => post(
                        path,
                        "application/json",
                        body.to_string(),
                        session.as_deref(),
                    ),
                };
                let reply = send(&f.router, request).await;
                if access.allows(*who) {
                    assert!(
                        passed(&reply),
                        "{who:?} should pass {path}: {} {}",
                        reply.status,
                        reply.body()
                    );
                } else {
                    let expected = if *who == Who::Public {
                        StatusCode::UNAUTHORIZED
                    } else {
                        StatusCode::FORBIDDEN
                    };
                    assert_eq!(
                        reply.status,
                        expected,
                        "{who:?} must be refused by {path}: {}",
                        reply.body()
                    );
                    for marker in STAFF_MARKERS.iter().chain([&B_PRIVATE]) {
                        assert!(
                            !reply.body().contains(marker),
                            "{who:?} got {marker} from {path}"
                        );
                    }
                }
            }
        }
    }
);

on_both_backends!(
    every_route_shows_its_data_only_to_its_audience,
    async |db: &TestDb| {
        let f = setup(db).await;
        let routes: Vec<String> = leptos_axum::generate_route_list(app::App)
            .iter()
            .map(|r| r.path().replace("{id}", ":id"))
            .collect();
        for path in &routes {
            assert!(
                ROUTES.iter().any(|(p, _)| p == path),
                "{path} is a route with no declared audience: add it to ROUTES in {}",
                file!()
            );
        }
        for (path, access) in ROUTES {
            assert!(
                routes.iter().any(|r| r == path),
                "{path} is declared but not routed"
            );
            let id = match path.starts_with("/staff/editions/") {
                true => "2013".to_string(),
                false => f.net_b.to_string(),
            };
            let url = path.replace(":id", &id);
            let forbidden = app::error::ApiError::Forbidden.message().ja;
            for (who, session) in &f.sessions {
                let reply = send(&f.router, get(&url, session.as_deref())).await;
                assert!(
                    !reply.status.is_server_error(),
                    "{who:?} {url}: {}",
                    reply.status
                );
                // A page refuses the unsigned with 401 (and a way to sign in), others with the notice.
                let refused =
                    reply.status == StatusCode::UNAUTHORIZED || reply.body().contains(&*forbidden);
                assert_eq!(
                    refused,
                    !access.allows(*who),
                    "{who:?} on {url} ({access:?}): {}",
                    reply.status
                );
                if *who != Who::Staff {
                    for marker in STAFF_MARKERS {
                        assert!(
                            !reply.body().contains(marker),
                            "{who:?} saw the staff-only {marker} on {url}"
                        );
                    }
                }
                // B's private answer: never to those refused; always on B's own form.
                if !access.allows(*who) {
                    assert!(
                        !reply.body().contains(B_PRIVATE),
                        "{who:?} on {url} saw B's private answer"
                    );
                } else if *access == Access::OwnerOfB {
                    assert!(
                        reply.body().contains(B_PRIVATE),
                        "{who:?} on {url} should see B's answer"
                    );
                }
                if *access == Access::Staff && *who == Who::Staff {
                    assert!(
                        reply.body().contains(STAFF_LOGIN),
                        "staff's {url} did not render for staff: {}",
                        reply.status
                    );
                }
            }
        }
        // The pages that list requests show them to staff.
        let staff = f.sessions[3].1.as_deref();
        for url in ["/staff/tracking", "/staff/audit"] {
            let body = send(&f.router, get(url, staff)).await.body();
            assert!(
                body.contains(STAFF_MARKERS[0]),
                "{url} does not show the request to staff"
            );
        }
    }
);

/// Values no form would send: empty, huge, negative, past i64, NUL and other control
/// characters, markup, SQL, path tricks, long and unusual Unicode.
fn hostile_values() -> Vec<String> {
    vec![
        String::new(),
        "0".into(),
        "-1".into(),
        i64::MAX.to_string(),
        "99999999999999999999999".into(),
        "1e308".into(),
        "NaN".into(),
        "\0".into(),
        "a\0b\u{7}\u{1b}[2J".into(),
        "<script>alert(1)</script></textarea></title>".into(),
        "' OR 1=1 --".into(),
        "../../etc/passwd".into(),
        "=HYPERLINK(\"http://evil.example\")".into(),
        "🎌".repeat(1_000),
        "あ".repeat(20_000),
        "x".repeat(70_000),
        "\u{202e}\u{feff}\u{fffd}".into(),
    ]
}

/// xorshift: the same payloads on every run, without a dependency.
struct Payloads(u64);

impl Payloads {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }

    fn pick<'v>(&mut self, values: &'v [String]) -> &'v str {
        &values[self.next() % values.len()]
    }

    /// A form body with each value replaced (or kept, one time in four).
    fn form(&mut self, body: &str, values: &[String]) -> String {
        body.split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let key = pair.split('=').next().unwrap_or_default();
                if self.next().is_multiple_of(4) {
                    pair.to_string()
                } else {
                    format!("{key}={}", survey::directory::encode(self.pick(values)))
                }
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// A JSON body with its leaves replaced by values of every JSON type.
    fn json(&mut self, value: &serde_json::Value, values: &[String]) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.json(v, values)))
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| self.json(v, values)).collect())
            }
            leaf => match self.next() % 6 {
                0 => leaf.clone(),
                1 => Value::Null,
                2 => json!(i64::MAX),
                3 => json!([self.pick(values), { "tri": self.pick(values) }]),
                4 => json!({ self.pick(values): self.pick(values) }),
                _ => Value::String(self.pick(values).to_string()),
            },
        }
    }
}

/// What no caller may change by a refused call: the audit log and the data generation.
async fn fingerprint(db: &TestDb) -> (i64, i64) {
    let audit = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log");
    let generation = sqlx::query_scalar("SELECT value FROM data_generation");
    (
        audit.fetch_one(&db.pool).await.unwrap(),
        generation.fetch_one(&db.pool).await.unwrap(),
    )
}

on_both_backends!(
    generated_payloads_never_break_a_server_function_or_a_page,
    async |db: &TestDb| {
        let f = setup(db).await;
        let values = hostile_values();
        let mut payloads = Payloads(0x5eed_1234_abcd_ef01);
        for (path, access, args) in functions(&f) {
            for _ in 0..6 {
                let (content_type, body) = match &args {
                    Args::Form(body) => (
                        "application/x-www-form-urlencoded",
                        payloads.form(body, &values),
                    ),
                    Args::Json(body) => {
                        ("application/json", payloads.json(body, &values).to_string())
                    }
                };
                for (who, session) in &f.sessions {
                    let before = fingerprint(db).await;
                    let request = post(path, content_type, body.clone(), session.as_deref());
                    let reply = send(&f.router, request).await;
                    let shown: String = body.chars().take(300).collect();
                    assert!(
                        !reply.status.is_server_error(),
                        "{who:?} {path} {shown}: {} {}",
                        reply.status,
                        reply.body().chars().take(300).collect::<String>()
                    );
                    if !access.allows(*who) {
                        assert_eq!(
                            fingerprint(db).await,
                            before,
                            "{who:?} changed data by {path}"
                        );
                    }
                }
            }
        }
        // Addresses stay under the URI length the HTTP layer takes.
        let short: Vec<String> = values.into_iter().filter(|v| v.len() < 4_000).collect();
        for (path, _) in ROUTES {
            let id = match path.starts_with("/staff/editions/") {
                true => "2013".to_string(),
                false => f.net_b.to_string(),
            };
            let url = path.replace(":id", &id);
            for _ in 0..4 {
                let query = payloads.form("q=&page=&edition=&region=&sort=&lang=", &short);
                let url = format!("{url}?{query}");
                for (who, session) in &f.sessions {
                    let reply = send(&f.router, get(&url, session.as_deref())).await;
                    assert!(
                        !reply.status.is_server_error(),
                        "{who:?} {}: {}",
                        url.chars().take(300).collect::<String>(),
                        reply.status
                    );
                }
            }
        }
    }
);
