//! The staff console's requests side over HTTP, on SQLite and on PostgreSQL:
//! importing request lists (all or nothing, no duplicates), credentials (shown
//! once, reset, disabled), tracking (stages, automatic reply, report 1.5 counts),
//! staff accounts, and the audit entries of every action.

use crate::support::fixtures::{
    load_2012, network_of, request_list_workbook, router, staff, STAFF_LOGIN, STAFF_PASSWORD,
};
use crate::support::http::{form, login, post_form, post_json, sign_in};
use crate::support::queries::{audit_count, audit_entries, count};
use crate::support::TestDb;
use app::api::audit_log::AuditPage;
use app::api::requests::{IssueOutcome, PreviewRow, Tracking};
use app::api::staff_accounts::{StaffAccounts, StaffPassword};
use app::error::ApiError;
use axum::http::StatusCode;
use axum::Router;
use serde_json::json;
use survey::requests::{Counts, Credential, Stage};
use survey::{Answer, Answers, Tri};

/// The 2012 dataset's networks, every one imported as approved.
const NETWORKS_2012: usize = 154;

/// A list as staff export it from Excel: BOM, Japanese headers, a quoted comma.
const LIST: &str = "\u{feff}組織名,都道府県,連携名称,住所,メールアドレス\r\n\
    \"山田病院, 本院\",東京,みなとネット,東京都港区1-1,net@example.jp\r\n\
    △△医師会,北海道,ほっかいネット,札幌市中央区2-2,\r\n\
    ○○市,長崎県,さくらネット,,sakura@example.jp\r\n";

struct Fixture {
    router: Router,
    staff: String,
}

async fn setup(db: &TestDb) -> Fixture {
    load_2012(db).await;
    staff(db, STAFF_LOGIN, STAFF_PASSWORD).await;
    let router = router(db);
    let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
    Fixture { router, staff }
}

async fn import(f: &Fixture, csv: &str) -> crate::support::http::Reply {
    post_form(
        &f.router,
        "/api/staff_import_requests",
        &form(&[("csv", csv)]),
        Some(&f.staff),
    )
    .await
}

async fn import_ok(f: &Fixture, csv: &str) -> IssueOutcome {
    let reply = import(f, csv).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply.json()
}

async fn tracking(f: &Fixture) -> Tracking {
    let reply = post_form(
        &f.router,
        "/api/staff_tracking",
        "query[q]=",
        Some(&f.staff),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply.json()
}

async fn set_stage(
    f: &Fixture,
    network_id: i64,
    stage: &str,
    reason: &str,
) -> crate::support::http::Reply {
    let id = network_id.to_string();
    post_form(
        &f.router,
        "/api/staff_set_request_stage",
        &form(&[("network_id", &id), ("stage", stage), ("reason", reason)]),
        Some(&f.staff),
    )
    .await
}

/// Rows of the tables an import writes.
async fn sizes(db: &TestDb) -> [i64; 4] {
    [
        count(db, "SELECT COUNT(*) FROM networks").await,
        count(db, "SELECT COUNT(*) FROM invitations").await,
        count(db, "SELECT COUNT(*) FROM respondents").await,
        count(db, "SELECT COUNT(*) FROM respondent_networks").await,
    ]
}

fn by_name<'a>(issued: &'a [Credential], name: &str) -> &'a Credential {
    issued
        .iter()
        .find(|c| c.network_name == name)
        .unwrap_or_else(|| panic!("{name} not issued: {issued:?}"))
}

on_both_backends!(
    a_good_list_issues_one_network_invitation_and_account_per_row,
    async |db: &TestDb| {
        let f = setup(db).await;
        let before = sizes(db).await;
        let outcome = import_ok(&f, LIST).await;
        assert_eq!(outcome.issued.len(), 3);
        assert!(outcome.already.is_empty());
        assert_eq!(
            sizes(db).await,
            [before[0] + 3, before[1] + 3, before[2] + 3, before[3] + 3]
        );

        let minato = by_name(&outcome.issued, "みなとネット");
        assert_eq!(minato.organisation, "山田病院, 本院");
        assert_eq!(
            minato.prefecture, "東京都",
            "a prefecture without 都 is completed"
        );
        assert_eq!(minato.email, "net@example.jp");
        // Unique IDs, strong passwords, and only hashes in the database.
        let logins: std::collections::HashSet<_> =
            outcome.issued.iter().map(|c| c.login.clone()).collect();
        assert_eq!(logins.len(), 3);
        for c in &outcome.issued {
            assert!(c.password.len() >= 16);
            let hash: String =
                sqlx::query_scalar("SELECT password_hash FROM respondents WHERE login = $1")
                    .bind(&c.login)
                    .fetch_one(&db.pool)
                    .await
                    .unwrap();
            assert!(hash.starts_with("$argon2id$") && !hash.contains(&c.password));
            let stored: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE detail LIKE $1")
                    .bind(format!("%{}%", c.password))
                    .fetch_one(&db.pool)
                    .await
                    .unwrap();
            assert_eq!(stored, 0, "a password reached the audit log");
        }
        // The network is the respondent's, and the request is dated.
        let (network, requested_at, organisation): (i64, Option<i64>, String) = sqlx::query_as(
        "SELECT i.network_id, i.requested_at, i.organisation FROM invitations i JOIN respondents a ON a.id = i.respondent_id WHERE a.login = $1",
    )
    .bind(&minato.login)
    .fetch_one(&db.pool)
    .await
    .unwrap();
        assert_eq!(network, minato.network_id);
        assert!(requested_at.is_some());
        assert_eq!(organisation, "山田病院, 本院");

        // The respondent signs in with the credentials and sees the network.
        let token = sign_in(&f.router, "respondent", &minato.login, &minato.password).await;
        let mine = post_form(&f.router, "/api/my_networks", "", Some(&token)).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(mine.body().contains("みなとネット"), "{}", mine.body());

        assert_eq!(audit_count(db, "issue_credentials").await, 3);
        assert_eq!(audit_count(db, "import_requests").await, 1);
    }
);

on_both_backends!(
    an_excel_list_is_read_and_previewed_without_writing_anything,
    async |db: &TestDb| {
        let f = setup(db).await;
        // みなとネット is asked already: the preview says so.
        import_ok(
            &f,
            "組織名,都道府県,連携名称\n山田病院,東京都,みなとネット\n",
        )
        .await;
        let before = sizes(db).await;
        let audit_before = count(db, "SELECT COUNT(*) FROM audit_log").await;

        let read = post_json(
            &f.router,
            "/api/staff_read_request_sheet",
            &json!({ "workbook": request_list_workbook() }),
            Some(&f.staff),
        )
        .await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body());
        let csv: String = read.json();
        assert!(
            csv.starts_with("組織名,都道府県,連携名称,住所,メールアドレス\n"),
            "{csv}"
        );
        assert!(
            csv.contains("\"山田病院, 本院\",東京,みなとネット"),
            "{csv}"
        );
        assert!(csv.contains("1000001,長崎県,さくらネット"), "{csv}");
        assert!(!csv.contains("別のシート"));

        let preview = post_form(
            &f.router,
            "/api/staff_preview_requests",
            &form(&[("csv", &csv)]),
            Some(&f.staff),
        )
        .await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body());
        let rows: Vec<PreviewRow> = preview.json();
        let seen: Vec<(usize, &str, bool)> = rows
            .iter()
            .map(|r| (r.line, r.row.network(), r.already))
            .collect();
        assert_eq!(
            seen,
            [
                (2, "みなとネット", true),
                (3, "ほっかいネット", false),
                (4, "さくらネット", false)
            ]
        );
        assert_eq!(rows[0].row.prefecture, "東京都");
        // Nothing written, not even to the audit log.
        assert_eq!(sizes(db).await, before);
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM audit_log").await,
            audit_before
        );

        // A bad list previews as it would import: refused, naming the line and the field.
        let bad = post_form(
            &f.router,
            "/api/staff_preview_requests",
            &form(&[("csv", "組織名,都道府県\nX病院,火星\n")]),
            Some(&f.staff),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body().contains("2行目"), "{}", bad.body());
        // What is not a workbook gets a message, not a 500; respondents may not ask at all.
        let junk = post_json(
            &f.router,
            "/api/staff_read_request_sheet",
            &json!({ "workbook": b"not a workbook".to_vec() }),
            Some(&f.staff),
        )
        .await;
        assert_eq!(junk.status, StatusCode::BAD_REQUEST);
        assert!(junk.body().contains("Excel"), "{}", junk.body());
        let anonymous = post_json(
            &f.router,
            "/api/staff_read_request_sheet",
            &json!({ "workbook": request_list_workbook() }),
            None,
        )
        .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    }
);

on_both_backends!(
    a_list_with_bad_rows_imports_nothing_and_names_line_and_field,
    async |db: &TestDb| {
        let f = setup(db).await;
        let before = sizes(db).await;
        let audit_before = count(db, "SELECT COUNT(*) FROM audit_log").await;
        let bad = "組織名,都道府県,連携名称,メールアドレス\n\
               良い病院,大阪府,よいネット,ok@example.jp\n\
               悪い病院,火星,わるいネット,\n\
               ,京都府,,not-an-email\n";
        let reply = import(&f, bad).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body()
        );
        let ApiError::Invalid(issues) = reply.error() else {
            panic!("{}", reply.body())
        };
        let messages: Vec<String> = issues.iter().map(|i| i.message.ja.to_string()).collect();
        assert!(
            messages.iter().any(|m| m.starts_with("3行目「都道府県」")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with("4行目「組織名」")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("4行目「メールアドレス」")),
            "{messages:?}"
        );
        assert!(issues
            .iter()
            .any(|i| i.message.en.starts_with("Line 4, email")));
        // Not even the good row.
        assert_eq!(sizes(db).await, before);
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM audit_log").await,
            audit_before
        );
    }
);

on_both_backends!(
    importing_the_same_list_again_adds_nothing,
    async |db: &TestDb| {
        let f = setup(db).await;
        import_ok(&f, LIST).await;
        let after_first = sizes(db).await;
        let again = import_ok(&f, LIST).await;
        assert!(again.issued.is_empty(), "{again:?}");
        assert_eq!(again.already.len(), 3);
        assert_eq!(sizes(db).await, after_first);
        // Retyped by hand, in katakana and full width: still the same network.
        let reply = post_form(
            &f.router,
            "/api/staff_add_request",
            &form(&[
                ("row[organisation]", "別の名前"),
                ("row[prefecture]", "長崎県"),
                ("row[network_name]", "サクラネット"),
                ("row[postal_address]", ""),
                ("row[email]", ""),
            ]),
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let outcome: IssueOutcome = reply.json();
        assert!(outcome.issued.is_empty());
        assert_eq!(sizes(db).await, after_first);
        // A network of the 2012 dataset is asked, not duplicated.
        let (id, name, prefecture): (i64, String, String) =
            sqlx::query_as("SELECT id, name, prefecture FROM networks WHERE report_no = 4")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        let csv = format!("連携名称,都道府県\n{name},{prefecture}\n");
        let outcome = import_ok(&f, &csv).await;
        assert_eq!(outcome.issued.len(), 1);
        assert_eq!(outcome.issued[0].network_id, id);
        assert_eq!(sizes(db).await[0], after_first[0]);
    }
);

on_both_backends!(
    one_organisation_added_by_hand_takes_the_same_path,
    async |db: &TestDb| {
        let f = setup(db).await;
        let bad = post_form(
            &f.router,
            "/api/staff_add_request",
            &form(&[
                ("row[organisation]", ""),
                ("row[prefecture]", ""),
                ("row[network_name]", ""),
                ("row[postal_address]", ""),
                ("row[email]", "x"),
            ]),
            Some(&f.staff),
        )
        .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            bad.body()
        );
        let before = sizes(db).await;
        let reply = post_form(
            &f.router,
            "/api/staff_add_request",
            &form(&[
                ("row[organisation]", "手入力病院"),
                ("row[prefecture]", "沖縄県"),
                ("row[network_name]", ""),
                ("row[postal_address]", "那覇市"),
                ("row[email]", ""),
            ]),
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let outcome: IssueOutcome = reply.json();
        assert_eq!(outcome.issued.len(), 1);
        assert_eq!(
            outcome.issued[0].network_name, "手入力病院",
            "the organisation names the network when there is no network name"
        );
        assert_eq!(
            sizes(db).await,
            [before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1]
        );
        let imports = audit_entries(db, "import_requests").await;
        assert_eq!(imports[0].detail["source"], "form", "{imports:?}");
    }
);

on_both_backends!(
    a_reset_password_replaces_the_old_one_and_a_disabled_account_cannot_sign_in,
    async |db: &TestDb| {
        let f = setup(db).await;
        let outcome = import_ok(&f, LIST).await;
        let c = by_name(&outcome.issued, "ほっかいネット").clone();
        let respondent_id: i64 = sqlx::query_scalar("SELECT id FROM respondents WHERE login = $1")
            .bind(&c.login)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let old_session = sign_in(&f.router, "respondent", &c.login, &c.password).await;

        let reply = post_form(
            &f.router,
            "/api/staff_reset_respondent_password",
            &format!("respondent_id={respondent_id}"),
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let fresh: Credential = reply.json();
        assert_eq!(fresh.login, c.login);
        assert_ne!(fresh.password, c.password);
        assert_eq!(fresh.network_name, "ほっかいネット");
        assert_eq!(
            fresh.postal_address, "札幌市中央区2-2",
            "the letter of a reset names the organisation's address"
        );
        assert_eq!(
            login(&f.router, "respondent", &c.login, &c.password)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            post_form(&f.router, "/api/my_networks", "", Some(&old_session))
                .await
                .status,
            StatusCode::UNAUTHORIZED,
            "the old session ended"
        );
        let session = sign_in(&f.router, "respondent", &fresh.login, &fresh.password).await;

        let disable = |on: bool| format!("respondent_id={respondent_id}&disabled={on}");
        let reply = post_form(
            &f.router,
            "/api/staff_set_respondent_disabled",
            &disable(true),
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(
            login(&f.router, "respondent", &fresh.login, &fresh.password)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            post_form(&f.router, "/api/my_networks", "", Some(&session))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let row = tracking(&f)
            .await
            .rows
            .into_iter()
            .find(|r| r.network_id == c.network_id)
            .unwrap();
        assert_eq!(row.respondent.map(|(_, _, disabled)| disabled), Some(true));

        let reply = post_form(
            &f.router,
            "/api/staff_set_respondent_disabled",
            &disable(false),
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        sign_in(&f.router, "respondent", &fresh.login, &fresh.password).await;
        // Unknown accounts are 404, not 500.
        let reply = post_form(
            &f.router,
            "/api/staff_reset_respondent_password",
            "respondent_id=999999",
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);

        assert_eq!(audit_count(db, "reset_password").await, 1);
        assert_eq!(audit_count(db, "disable_account").await, 1);
        assert_eq!(audit_count(db, "enable_account").await, 1);
    }
);

on_both_backends!(
    tracking_follows_each_request_and_counts_report_1_5,
    async |db: &TestDb| {
        let f = setup(db).await;
        // The 2012 networks were asked before the console: replied and valid.
        let start = tracking(&f).await;
        let n = NETWORKS_2012;
        assert_eq!(
            start.counts,
            Counts {
                requested: n,
                replied: n,
                valid: n,
                refused: 0,
                declined: 0
            }
        );

        let issued = import_ok(&f, LIST).await.issued;
        let minato = by_name(&issued, "みなとネット").clone();
        let hokkai = by_name(&issued, "ほっかいネット").clone();
        let sakura = by_name(&issued, "さくらネット").clone();
        let t = tracking(&f).await;
        assert_eq!(
            t.counts,
            Counts {
                requested: n + 3,
                replied: n,
                valid: n,
                refused: 0,
                declined: 0
            }
        );
        assert_eq!(t.not_replied.len(), 3);
        let row = t
            .rows
            .iter()
            .find(|r| r.network_id == minato.network_id)
            .unwrap();
        assert_eq!(row.stage, Stage::Requested);
        assert!(row.requested_on.is_some() && row.replied_on.is_none());

        // The respondent's first save is the reply, dated automatically.
        let token = sign_in(&f.router, "respondent", &minato.login, &minato.password).await;
        let mut answers = Answers::default();
        answers.set("facilities.hospital.status", Answer::Tri(Tri::InProgress));
        answers.set("facilities.hospital.count", Answer::Number(3));
        let save = json!({ "request": { "network_id": minato.network_id, "save_group": 2, "answers": answers, "disclosure": {}, "version": 0 } });
        let reply = post_json(&f.router, "/api/save_response", &save, Some(&token)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let t = tracking(&f).await;
        let row = t
            .rows
            .iter()
            .find(|r| r.network_id == minato.network_id)
            .unwrap();
        assert_eq!(row.stage, Stage::Replied);
        assert!(row.replied_on.is_some());
        assert_eq!(t.counts.replied, n + 1);

        // Refusals and declines need a reason; nothing changes without one.
        let reply = set_stage(&f, hokkai.network_id, "refused", "  ").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            set_stage(&f, hokkai.network_id, "nonsense", "x")
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            set_stage(&f, 999_999, "valid", "").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(tracking(&f).await.counts, t.counts);

        assert_eq!(
            set_stage(&f, hokkai.network_id, "refused", "個人情報の扱いを懸念")
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            set_stage(
                &f,
                sakura.network_id,
                "declined",
                "ITを利用した連携ではない"
            )
            .await
            .status,
            StatusCode::OK
        );
        assert_eq!(
            set_stage(&f, minato.network_id, "valid", "ignored for valid")
                .await
                .status,
            StatusCode::OK
        );
        let t = tracking(&f).await;
        assert_eq!(
            t.counts,
            Counts {
                requested: n + 3,
                replied: n + 3,
                valid: n + 1,
                refused: 1,
                declined: 1
            }
        );
        assert_eq!(t.refusals.len(), 1);
        assert_eq!(t.refusals[0].reason, "個人情報の扱いを懸念");
        assert!(t.refusals[0].outcome_on.is_some() && t.refusals[0].replied_on.is_some());
        assert!(t.not_replied.is_empty());
        let valid = t
            .rows
            .iter()
            .find(|r| r.network_id == minato.network_id)
            .unwrap();
        assert_eq!((valid.stage, valid.reason.as_str()), (Stage::Valid, ""));

        // Filters: stage, region, search; the counts stay those of the whole edition.
        let filtered = |query: &[(&str, &str)]| {
            let router = f.router.clone();
            let staff = f.staff.clone();
            let body = form(query);
            async move {
                let reply = post_form(&router, "/api/staff_tracking", &body, Some(&staff)).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
                reply.json::<Tracking>()
            }
        };
        let refused = filtered(&[("query[stage]", "refused"), ("query[q]", "")]).await;
        assert_eq!(refused.rows.len(), 1);
        assert_eq!(refused.counts, t.counts);
        let hokkaido = filtered(&[("query[region]", "hokkaido"), ("query[q]", "")])
            .await
            .rows;
        assert!(!hokkaido.is_empty() && hokkaido.iter().all(|r| r.prefecture == "北海道"));
        assert_eq!(
            filtered(&[("query[pref]", "東京都"), ("query[q]", "ミナト")])
                .await
                .rows
                .len(),
            1
        );

        // Back to requested clears the later dates; a 2012 network gets an invitation when moved.
        assert_eq!(
            set_stage(&f, sakura.network_id, "requested", "")
                .await
                .status,
            StatusCode::OK
        );
        let back = tracking(&f).await;
        let row = back
            .rows
            .iter()
            .find(|r| r.network_id == sakura.network_id)
            .unwrap();
        assert_eq!(
            (row.stage, row.replied_on.clone(), row.outcome_on.clone()),
            (Stage::Requested, None, None)
        );
        let old = network_of(db, 7).await;
        assert_eq!(
            set_stage(&f, old, "declined", "対象外").await.status,
            StatusCode::OK
        );
        let c = tracking(&f).await.counts;
        assert_eq!((c.requested, c.valid, c.declined), (n + 3, n, 1));

        // The chase list exports the one not replied.
        let reply = post_form(
            &f.router,
            "/api/staff_export_not_replied",
            "",
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let csv: String = reply.json();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert!(csv.contains("さくらネット") && csv.contains("sakura@example.jp"));

        assert_eq!(audit_count(db, "set_request_stage").await, 5);
        assert_eq!(audit_count(db, "export_not_replied").await, 1);
        let subject = format!("network:{}", hokkai.network_id);
        let stages = audit_entries(db, "set_request_stage").await;
        let first = stages.iter().find(|e| e.subject == subject).unwrap();
        assert_eq!(
            (first.detail["from"].as_str(), first.detail["to"].as_str()),
            (Some("requested"), Some("refused"))
        );
    }
);

on_both_backends!(
    staff_accounts_are_managed_and_the_last_one_stays_enabled,
    async |db: &TestDb| {
        let f = setup(db).await;
        let list = |session: String| {
            let router = f.router.clone();
            async move {
                post_form(&router, "/api/staff_accounts", "", Some(&session))
                    .await
                    .json::<StaffAccounts>()
            }
        };
        let me = list(f.staff.clone()).await.me;
        // The only account cannot be disabled.
        let reply = post_form(
            &f.router,
            "/api/staff_set_disabled",
            &format!("id={me}&disabled=true"),
            Some(&f.staff),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body()
        );
        assert!(!reply.error().message().ja.is_empty());
        let ApiError::Invalid(issues) = reply.error() else {
            panic!()
        };
        assert!(issues[0].message.ja.contains("最後の有効な職員アカウント"));

        let reply = post_form(
            &f.router,
            "/api/staff_create_account",
            "login=suzuki",
            Some(&f.staff),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let suzuki: StaffPassword = reply.json();
        assert_eq!(
            post_form(
                &f.router,
                "/api/staff_create_account",
                "login=suzuki",
                Some(&f.staff)
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            post_form(
                &f.router,
                "/api/staff_create_account",
                "login=%E7%94%B0",
                Some(&f.staff)
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let suzuki_session = sign_in(&f.router, "staff", "suzuki", &suzuki.password).await;
        let accounts = list(suzuki_session.clone()).await;
        assert_eq!(accounts.accounts.len(), 2);
        let suzuki_id = accounts.me;

        // Reset: the old password stops working.
        let reply = post_form(
            &f.router,
            "/api/staff_reset_password",
            &format!("id={suzuki_id}"),
            Some(&f.staff),
        )
        .await;
        let fresh: StaffPassword = reply.json();
        assert_eq!(
            login(&f.router, "staff", "suzuki", &suzuki.password)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let suzuki_session = sign_in(&f.router, "staff", "suzuki", &fresh.password).await;

        // Suzuki disables the first account; now Suzuki's is the last and stays enabled.
        let reply = post_form(
            &f.router,
            "/api/staff_set_disabled",
            &format!("id={me}&disabled=true"),
            Some(&suzuki_session),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(
            login(&f.router, "staff", STAFF_LOGIN, STAFF_PASSWORD)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            post_form(&f.router, "/api/staff_accounts", "", Some(&f.staff))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let reply = post_form(
            &f.router,
            "/api/staff_set_disabled",
            &format!("id={suzuki_id}&disabled=true"),
            Some(&suzuki_session),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM staff WHERE disabled = 0").await,
            1
        );

        assert_eq!(audit_count(db, "create_staff").await, 1);
        assert_eq!(audit_count(db, "reset_password").await, 1);
        assert_eq!(audit_count(db, "disable_account").await, 1);
    }
);

on_both_backends!(the_audit_log_is_filtered_and_paged, async |db: &TestDb| {
    let f = setup(db).await;
    import_ok(&f, LIST).await;
    let read_page = |query: &[(&str, &str)], page: &str| {
        let router = f.router.clone();
        let staff = f.staff.clone();
        let body = form(&[query, &[("query[page]", page)]].concat());
        async move {
            let reply = post_form(&router, "/api/staff_audit_log", &body, Some(&staff)).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
            reply.json::<AuditPage>()
        }
    };
    let read = |query: &[(&str, &str)]| read_page(query, "1");
    let all = read(&[]).await;
    let has_action = |key: &str| all.actions.iter().any(|c| c.value == key);
    assert!(has_action("login") && has_action("issue_credentials"));
    let issued = read(&[("query[action]", "issue_credentials")]).await;
    assert_eq!(issued.total, 3);
    let words = survey::audit::Action::IssueCredentials.label();
    assert!(issued.entries.iter().all(|e| e.action == words));
    // The person menu shows logins; its values filter.
    let me = all
        .people
        .iter()
        .find(|c| c.label.ja.starts_with(STAFF_LOGIN))
        .unwrap_or_else(|| panic!("{:?}", all.people));
    let by_actor = read(&[("query[actor]", &me.value)]).await;
    assert!(by_actor.entries.iter().all(|e| e.who == me.label));
    assert!(
        by_actor.total >= 5,
        "login, three credentials and the import"
    );
    // Dates are days in Japan, inclusive; a day long past holds nothing.
    assert_eq!(read(&[("query[to]", "2000-01-01")]).await.total, 0);
    assert_eq!(
        read(&[
            ("query[from]", "2000-01-01"),
            ("query[action]", "issue_credentials")
        ])
        .await
        .total,
        3
    );
    assert_eq!(
        read(&[
            ("query[from]", "nonsense"),
            ("query[action]", "issue_credentials")
        ])
        .await
        .total,
        3,
        "a bad date is no filter"
    );
    // Paged by 50, newest first.
    let mut conn = db.pool.acquire().await.unwrap();
    for n in 0..60 {
        store::audit_log::append(
            &mut conn,
            &store::audit_log::Entity::System,
            "login",
            &store::audit_log::Entity::Network(n),
            &json!({}),
        )
        .await
        .unwrap();
    }
    drop(conn);
    let all = read(&[]).await;
    assert!(
        all.total > app::api::audit_log::PER_PAGE + 5,
        "{}",
        all.total
    );
    assert_eq!(all.pages, (all.total + 49) / 50);
    let second = read_page(&[], "2").await;
    assert_eq!(second.page, 2);
    assert!(second.entries[0].id < all.entries.last().unwrap().id);
    assert_eq!(all.entries.len() as i64, app::api::audit_log::PER_PAGE);
});
