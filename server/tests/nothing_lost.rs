//! Nothing a respondent typed is lost to rules or set-up they did not touch (issue #18), on
//! SQLite and PostgreSQL: an answer stored before today's rules never blocks saving its
//! section; a network new to the survey opens with its name filled in.

use crate::support::fixtures::{people, People, A_LOGIN, A_PASSWORD};
use crate::support::http::{load_form, post_form, save_response, sign_in, Reply};
use crate::support::TestDb;
use app::api::respondent::ResponseForm;
use app::error::ApiError;
use axum::http::StatusCode;
use axum::Router;
use serde_json::json;
use survey::{Answer, Answers};

const URL_KEY: &str = "overview.main.public_url";

/// Saves group 1 (A–C) with these answers.
async fn save_group_1(
    router: &Router,
    form: &ResponseForm,
    answers: &Answers,
    session: &str,
) -> Reply {
    let request = json!({ "network_id": form.network_id, "save_group": 1, "answers": answers,
                          "disclosure": form.disclosure, "version": form.version });
    save_response(router, request, Some(session)).await
}

on_both_backends!(
    an_answer_stored_before_todays_rules_never_blocks_its_section,
    async |db: &TestDb| {
        let People { router, net_a, .. } = people(db).await;
        // As the 2012 import once stored for twelve networks: a 公開URL that is not a URL.
        let mut answers: Answers = serde_json::from_str(
            &sqlx::query_scalar::<_, String>(
                "SELECT answers FROM responses WHERE network_id = $1 AND edition_id = '2012'",
            )
            .bind(net_a)
            .fetch_one(&db.pool)
            .await
            .unwrap(),
        )
        .unwrap();
        answers.set(URL_KEY, Answer::Text("ホームページ準備中".into()));
        sqlx::query(
            "UPDATE responses SET answers = $1 WHERE network_id = $2 AND edition_id = '2012'",
        )
        .bind(serde_json::to_string(&answers).unwrap())
        .bind(net_a)
        .execute(&db.pool)
        .await
        .unwrap();
        let session = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        let form = load_form(&router, net_a, &session).await;

        // Another answer of the section changes; the stored URL is kept as it was: saved.
        let mut edited = form.answers.clone();
        edited.set("overview.main.nickname", Answer::Text("新しい愛称".into()));
        let reply = save_group_1(&router, &form, &edited, &session).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());

        // Typing another wrong URL is refused, at that field.
        let form = load_form(&router, net_a, &session).await;
        let mut wrong = form.answers.clone();
        wrong.set(URL_KEY, Answer::Text("ホームページ".into()));
        let reply = save_group_1(&router, &form, &wrong, &session).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            matches!(reply.error(), ApiError::Invalid(ref issues) if issues.iter().all(|i| i.item == URL_KEY))
        );
    }
);

on_both_backends!(
    a_network_new_to_the_survey_opens_with_its_name,
    async |db: &TestDb| {
        let People { router, .. } = people(db).await;
        let session = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        let reply = post_form(
            &router,
            "/api/register_network",
            "name=%E5%90%8D%E5%89%8D%E3%81%AE%E3%81%82%E3%82%8B%E9%80%A3%E6%90%BA&prefecture=%E7%A7%8B%E7%94%B0%E7%9C%8C",
            Some(&session),
        )
        .await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{}",
            reply.body()
        );
        let id: i64 = sqlx::query_scalar("SELECT id FROM networks WHERE name = '名前のある連携'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        // Its response exists (registration saves the name); a network asked by a request
        // list has none yet, so take that path too by removing it.
        sqlx::query("DELETE FROM responses WHERE network_id = $1")
            .bind(id)
            .execute(&db.pool)
            .await
            .unwrap();
        let form = load_form(&router, id, &session).await;
        assert_eq!(form.version, 0);
        assert_eq!(
            form.answers.text("overview.main.name"),
            Some("名前のある連携")
        );
        // Saving another group first keeps that name, so the response can be submitted.
        let request = json!({ "network_id": id, "save_group": 2, "answers": {},
                              "disclosure": form.disclosure, "version": 0 });
        let saved = save_response(&router, request, Some(&session)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body());
        let version = saved.json::<app::api::respondent::SaveOutcome>().version;
        let submitted = crate::support::http::submit(&router, id, version, &session).await;
        assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body());
    }
);

on_both_backends!(
    a_respondent_changes_their_password_and_other_sessions_end,
    async |db: &TestDb| {
        let People { router, .. } = people(db).await;
        let here = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        let elsewhere = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        let change = |current: &str, new: &str, again: &str| {
            let (router, here) = (router.clone(), here.clone());
            let body =
                crate::support::http::form(&[("current", current), ("new", new), ("again", again)]);
            async move { post_form(&router, "/api/change_password", &body, Some(&here)).await }
        };
        let wrong = change(
            "not-the-password",
            "a-new-long-password",
            "a-new-long-password",
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        let weak = change(A_PASSWORD, "short", "short").await;
        assert!(matches!(weak.error(), ApiError::Invalid(ref i) if i[0].item == "new"));
        let mistyped = change(A_PASSWORD, "a-new-long-password", "a-new-long-passwort").await;
        assert!(matches!(mistyped.error(), ApiError::Invalid(ref i) if i[0].item == "again"));

        let done = change(A_PASSWORD, "a-new-long-password", "a-new-long-password").await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body());
        // This browser goes on with the new session; the other one is signed out.
        let renewed = done.session().expect("a new session cookie");
        let mine = post_form(&router, "/api/my_networks", "", Some(&renewed)).await;
        assert_eq!(mine.status, StatusCode::OK);
        let other = post_form(&router, "/api/my_networks", "", Some(&elsewhere)).await;
        assert_eq!(other.status, StatusCode::UNAUTHORIZED);
        let old = crate::support::http::login(&router, "respondent", A_LOGIN, A_PASSWORD).await;
        assert_eq!(old.status, StatusCode::UNAUTHORIZED);
        sign_in(&router, "respondent", A_LOGIN, "a-new-long-password").await;
    }
);
