//! The audit log reads as words for staff, on SQLite and PostgreSQL: after real actions
//! through the router (a staff correction of answers and disclosure, a contact note, a
//! respondent's sign-in), the log names people by login, networks by name and actions in
//! Japanese and English, shows a save field by field (item label, before, after), and holds
//! no stored ids, keys or JSON; its filters by person, network and action narrow it; the CSV
//! export carries the same words for staff alone.

use crate::support::fixtures::{people, A_LOGIN, A_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD};
use crate::support::http::{form, load_form, post, post_form, save_response, send, sign_in};
use crate::support::TestDb;
use app::api::audit_log::{AuditPage, Entry};
use axum::http::{header, StatusCode};
use axum::Router;
use serde_json::json;
use survey::audit::Action;
use survey::i18n::Label;
use survey::{Answer, Disclosure};

const SUMMARY: &str = "overview.main.summary";
const NOTE: &str = "電話で確認：金曜までに回答予定";

/// Reads the log as the page does, with these filters.
async fn read(router: &Router, staff: &str, query: &[(&str, &str)]) -> AuditPage {
    let body = form(&[query, &[("query[page]", "1")]].concat());
    let reply = post_form(router, "/api/staff_audit_log", &body, Some(staff)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    reply.json()
}

/// Every word an entry shows, in both languages.
fn words(e: &Entry) -> String {
    let mut labels: Vec<&Label> = vec![&e.who, &e.action, &e.subject];
    for f in &e.detail.facts {
        labels.extend([&f.name, &f.value]);
    }
    for c in &e.detail.changes {
        labels.extend([&c.field, &c.before, &c.after]);
    }
    labels
        .iter()
        .map(|l| format!("{}|{}", l.ja, l.en))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Nothing a developer would read: stored ids, JSON, item keys.
fn assert_readable(text: &str) {
    for raw in [
        "staff:",
        "respondent:",
        "network:",
        "edition:",
        "{\"",
        SUMMARY,
        "_",
    ] {
        assert!(!text.contains(raw), "{raw:?} in {text}");
    }
}

on_both_backends!(
    the_audit_log_speaks_of_logins_names_and_fields,
    async |db: &TestDb| {
        let f = people(db).await;
        let staff = sign_in(&f.router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
        let network: String = sqlx::query_scalar("SELECT name FROM networks WHERE id = $1")
            .bind(f.net_a)
            .fetch_one(&db.pool)
            .await
            .unwrap();

        // Staff correct A's summary and make section A public, as the form does.
        let loaded = load_form(&f.router, f.net_a, &staff).await;
        let edition = loaded.edition.clone();
        let before = survey::response::answer_words(&edition, SUMMARY, loaded.answers.get(SUMMARY));
        let mut answers = loaded.answers.clone();
        answers.set(SUMMARY, Answer::Text("職員が訂正した概要".into()));
        let mut disclosure = loaded.disclosure.clone();
        let old_overview = disclosure.of("overview");
        let new_overview = match old_overview {
            Disclosure::Public => Disclosure::Private,
            _ => Disclosure::Public,
        };
        disclosure.set("overview", new_overview);
        let saved = save_response(
            &f.router,
            json!({
                "network_id": f.net_a,
                "save_group": 1,
                "answers": answers,
                "disclosure": disclosure,
                "version": loaded.version,
            }),
            Some(&staff),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body());

        // A contact note, through the notes panel's function.
        let noted = post_form(
            &f.router,
            "/api/staff_add_network_note",
            &form(&[
                ("network_id", &f.net_a.to_string()),
                ("channel", "phone"),
                ("note", NOTE),
            ]),
            Some(&staff),
        )
        .await;
        assert!(noted.status.is_success(), "{}", noted.body());
        sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;

        let all = read(&f.router, &staff, &[]).await;
        for e in &all.entries {
            assert_readable(&words(e));
        }
        for c in all
            .actions
            .iter()
            .map(|c| &c.label)
            .chain(all.people.iter().map(|c| &c.label))
        {
            assert_readable(&format!("{}|{}", c.ja, c.en));
        }
        let of = |action: Action| {
            all.entries
                .iter()
                .find(|e| e.action == action.label())
                .unwrap_or_else(|| panic!("no {action:?} in {:#?}", all.entries))
        };

        let save = of(Action::SaveResponse);
        assert_eq!(save.action.ja, "回答を保存");
        assert_eq!(save.who.ja, format!("{STAFF_LOGIN}（職員）"));
        assert_eq!(save.who.en, format!("{STAFF_LOGIN} (staff)"));
        assert_eq!(save.subject.ja, network);
        let summary = survey::response::item_name(&edition, SUMMARY);
        let change = save
            .detail
            .changes
            .iter()
            .find(|c| c.field == summary)
            .unwrap_or_else(|| panic!("{summary:?} not in {:#?}", save.detail.changes));
        assert!(
            change.field.ja.contains("システムの概要"),
            "{:?}",
            change.field
        );
        assert_eq!(change.before, before);
        assert_eq!(change.after.ja, "職員が訂正した概要");
        let disclosure_words = survey::audit::disclosure_words;
        assert!(
            save.detail
                .changes
                .iter()
                .any(|c| c.field.ja.starts_with("公開範囲：A. ")
                    && c.before == disclosure_words(old_overview)
                    && c.after == disclosure_words(new_overview)),
            "{:#?}",
            save.detail.changes
        );

        let note = of(Action::AddNetworkNote);
        assert_eq!(note.action.ja, "事務局メモを記録");
        assert_eq!(note.subject.ja, network);
        let facts: Vec<(&str, &str)> = note
            .detail
            .facts
            .iter()
            .map(|f| (f.name.ja.as_ref(), f.value.ja.as_ref()))
            .collect();
        assert_eq!(facts, [("方法", "電話"), ("内容", NOTE)]);

        let login = of(Action::Login);
        assert_eq!(login.who.ja, format!("{A_LOGIN}（回答者）"));

        // By person: the menu shows logins, and its value narrows the log to them.
        let a = all
            .people
            .iter()
            .find(|c| c.label.ja == format!("{A_LOGIN}（回答者）"))
            .unwrap_or_else(|| panic!("{:?}", all.people));
        let by_a = read(&f.router, &staff, &[("query[actor]", &a.value)]).await;
        assert!(by_a.total >= 1);
        assert!(by_a.entries.iter().all(|e| e.who == a.label));
        // By network: part of its name; by action: its key from the menu.
        let part: String = network.chars().skip(1).take(3).collect();
        let on_a = read(&f.router, &staff, &[("query[network]", &part)]).await;
        assert!(on_a.total >= 2, "{:#?}", on_a.entries);
        assert!(on_a.entries.iter().all(|e| e.subject.ja == network));
        assert!(on_a
            .entries
            .iter()
            .any(|e| e.action == Action::SaveResponse.label()));
        let nowhere = read(&f.router, &staff, &[("query[network]", "存在しない%_名")]).await;
        assert_eq!(nowhere.total, 0);
        let me = all
            .people
            .iter()
            .find(|c| c.label == save.who)
            .unwrap_or_else(|| panic!("{:?}", all.people));
        let my_notes = [
            ("query[action]", "add_network_note"),
            ("query[actor]", &me.value),
        ];
        let notes = read(&f.router, &staff, &my_notes).await;
        assert_eq!(notes.total, 1);
        assert!(all
            .actions
            .iter()
            .any(|c| c.value == "add_network_note" && c.label.ja == "事務局メモを記録"));

        // The export: the same words, filtered the same way, as CSV with a BOM.
        let export = |session: Option<&str>| {
            send(
                &f.router,
                post(
                    &format!(
                        "/staff/audit.csv?network={}",
                        survey::directory::encode(&part)
                    ),
                    "application/x-www-form-urlencoded",
                    String::new(),
                    session,
                ),
            )
        };
        let reply = export(Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert!(reply.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment"));
        let csv = reply.body();
        assert!(
            csv.starts_with("\u{feff}日時,操作者,操作,対象,内容\n"),
            "{csv}"
        );
        for expected in [
            "回答を保存",
            "事務局メモを記録",
            &format!("{STAFF_LOGIN}（職員）"),
            &network,
            "職員が訂正した概要",
            "方法：電話",
            NOTE,
        ] {
            assert!(csv.contains(expected), "{expected} not in {csv}");
        }
        assert_readable(&csv.replace(STAFF_LOGIN, "").replace(A_LOGIN, ""));
        assert_eq!(csv.matches(NOTE).count(), 1);
        // Staff only: the public and a respondent get nothing.
        let respondent = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        for (session, status) in [
            (None, StatusCode::UNAUTHORIZED),
            (Some(respondent.as_str()), StatusCode::FORBIDDEN),
        ] {
            let reply = export(session).await;
            assert_eq!(reply.status, status);
            assert!(reply.headers.get(header::CONTENT_DISPOSITION).is_none());
            assert!(!reply.body().contains(NOTE));
        }
        // The export itself is in the log.
        let exported = read(&f.router, &staff, &[("query[action]", "export_audit_log")]).await;
        assert_eq!(exported.total, 1);
        assert_eq!(exported.entries[0].subject.ja, "操作履歴");
    }
);
