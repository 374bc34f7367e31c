//! What a respondent types, on the server: an amount sent as the text typed is read by the
//! form's own rules (`survey::entry`), and a text one character over its item's limit is
//! refused with a message naming the limit — the number the form's counter and `maxlength`
//! show. On SQLite and PostgreSQL.

use crate::support::fixtures::{people, A_LOGIN, A_PASSWORD};
use crate::support::http::{load_form, save_response, sign_in, Reply};
use crate::support::TestDb;
use app::api::respondent::ResponseForm;
use app::error::ApiError;
use axum::http::StatusCode;
use axum::Router;
use serde_json::{json, Value};
use survey::Answer;

const CONSTRUCTION: &str = "budget.current.construction";
const SUMMARY: &str = "overview.main.summary";

/// Saves one group with exactly these answers (the group's other answers are dropped).
async fn save(
    router: &Router,
    session: &str,
    form: &ResponseForm,
    group: u8,
    answers: Value,
) -> Reply {
    let request = json!({
        "network_id": form.network_id,
        "save_group": group,
        "answers": answers,
        "disclosure": form.disclosure,
        "version": form.version,
    });
    save_response(router, request, Some(session)).await
}

/// The one message a refused save gives for `key`.
fn message_for(reply: &Reply, key: &str) -> survey::i18n::Label {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body()
    );
    let ApiError::Invalid(issues) = reply.error() else {
        panic!("not ApiError::Invalid: {}", reply.body());
    };
    let mine: Vec<_> = issues.into_iter().filter(|i| i.item == key).collect();
    assert_eq!(mine.len(), 1, "one message for {key}: {mine:?}");
    mine[0].message.clone()
}

on_both_backends!(
    an_amount_typed_in_yen_is_read_into_the_fields_unit_or_refused_with_why,
    async |db: &TestDb| {
        let f = people(db).await;
        let session = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        assert_eq!(
            survey::builtin_edition("2012")
                .unwrap()
                .item(CONSTRUCTION)
                .map(|i| &i.kind),
            Some(&survey::AnswerKind::KiloYen)
        );
        let form = load_form(&f.router, f.net_a, &session).await;

        // 「1,500円」 is 1.5 thousand yen: refused, saying so, and nothing written.
        let reply = save(
            &f.router,
            &session,
            &form,
            3,
            json!({ CONSTRUCTION: { "text": "1,500円" } }),
        )
        .await;
        let message = message_for(&reply, CONSTRUCTION);
        assert_eq!(
            message.ja,
            "1.5千円になり、千円単位の整数になりません。千円単位の整数で入力してください。"
        );
        assert!(message.en.contains("1.5 thousand yen"), "{}", message.en);
        let unchanged = load_form(&f.router, f.net_a, &session).await;
        assert_eq!(unchanged.version, form.version);
        assert_eq!(unchanged.answers, form.answers);

        // Other unreadable amounts: the form's messages, once each.
        let reply = save(
            &f.router,
            &session,
            &form,
            3,
            json!({
                CONSTRUCTION: { "text": "1e9" },
                "budget.current.operating": { "text": "▲1,000" },
                "fees.hospital_current.monthly": { "text": "12施設" },
            }),
        )
        .await;
        assert!(message_for(&reply, CONSTRUCTION)
            .ja
            .starts_with("金額を数字で入力してください"));
        assert_eq!(
            message_for(&reply, "budget.current.operating").ja,
            "マイナスの値は入力できません。"
        );
        assert!(message_for(&reply, "fees.hospital_current.monthly")
            .ja
            .starts_with("金額を数字で入力してください"));
        // Beyond the ceiling: the field's range.
        let reply = save(
            &f.router,
            &session,
            &form,
            3,
            json!({ CONSTRUCTION: { "text": "１，０００，０００億円" } }),
        )
        .await;
        assert_eq!(
            message_for(&reply, CONSTRUCTION).ja,
            "0から100,000,000（千円）までの金額を入力してください。"
        );

        // 「３，０００円」 in the same 千円 field is 3, stored as a number.
        let reply = save(
            &f.router,
            &session,
            &form,
            3,
            json!({
                CONSTRUCTION: { "text": "３，０００円" },
                "budget.current.operating": { "text": "\"¥1,200,000\"\r\n" },
                "budget.current.maintenance": { "text": "　" },
            }),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let saved = load_form(&f.router, f.net_a, &session).await;
        assert_eq!(saved.version, form.version + 1);
        assert_eq!(saved.answers.get(CONSTRUCTION), Some(&Answer::Number(3)));
        assert_eq!(
            saved.answers.get("budget.current.operating"),
            Some(&Answer::Number(1200))
        );
        assert_eq!(saved.answers.get("budget.current.maintenance"), None);
        let stored: String = sqlx::query_scalar(
            "SELECT answers FROM responses WHERE network_id = $1 AND edition_id = '2012'",
        )
        .bind(f.net_a)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let stored: Value = serde_json::from_str(&stored).unwrap();
        assert_eq!(stored[CONSTRUCTION], json!({ "number": 3 }));
    }
);

on_both_backends!(
    a_text_one_character_over_its_limit_is_refused_naming_the_limit,
    async |db: &TestDb| {
        let f = people(db).await;
        let session = sign_in(&f.router, "respondent", A_LOGIN, A_PASSWORD).await;
        let edition = survey::builtin_edition("2012").unwrap();
        let limit = edition.item(SUMMARY).unwrap().max_chars().unwrap();
        assert_eq!(limit, 2000, "editions/2012/questionnaire.toml sets it");
        let form = load_form(&f.router, f.net_a, &session).await;
        let name = form.answers.get("overview.main.name").cloned().unwrap();
        let group1 =
            |summary: String| json!({ "overview.main.name": name, SUMMARY: { "text": summary } });

        // One over: refused, naming the limit; nothing written.
        let reply = save(
            &f.router,
            &session,
            &form,
            1,
            group1("あ".repeat(limit + 1)),
        )
        .await;
        assert_eq!(
            message_for(&reply, SUMMARY).ja,
            "2000文字以内で入力してください（現在2001文字）。"
        );
        assert_eq!(
            message_for(&reply, SUMMARY).en,
            "Use at most 2000 characters (now 2001)."
        );
        let unchanged = load_form(&f.router, f.net_a, &session).await;
        assert_eq!(unchanged.version, form.version);

        // At the limit, counted in characters (not bytes, not UTF-16 units): saved.
        let full = format!("{}{}", "𠮷".repeat(10), "あ".repeat(limit - 10));
        let reply = save(&f.router, &session, &form, 1, group1(full.clone())).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        let saved = load_form(&f.router, f.net_a, &session).await;
        assert_eq!(saved.answers.text(SUMMARY), Some(full.as_str()));
        // The form sends the limit to the page as data: the item's own, in the island's props.
        assert_eq!(
            saved.edition.item(SUMMARY).and_then(|i| i.max_chars),
            Some(2000)
        );
    }
);
