//! A new edition is a data change: an edition that adds 糖尿病 (diabetes) to the
//! linked diseases is stored as JSON, and the form, validation and storage take
//! the new item with no code change, while the 2012 answers stay as they were.

use crate::support::fixtures::{load_2012, respondent_for, router, staff};
use crate::support::queries::count;
use crate::support::{http, TestDb};
use axum::http::StatusCode;
use survey::{builtin_edition, Answer, AnswerKind, Item, Tri};

/// A network's stored answers in an edition, as the JSON text in the database.
async fn stored(db: &TestDb, network: i64, edition: &str) -> String {
    sqlx::query_scalar("SELECT answers FROM responses WHERE network_id = $1 AND edition_id = $2")
        .bind(network)
        .bind(edition)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

on_both_backends!(
    an_edition_with_a_new_item_needs_no_code_change,
    async |db: &TestDb| {
        load_2012(db).await;
        let (network, _) = respondent_for(db, 11, "net011", "respondent password").await;
        let answers_2012 = stored(db, network, "2012").await;

        // A staff-made edition stored as JSON: 2012 plus 糖尿病 under the linked diseases.
        let mut edition = builtin_edition("2012").unwrap();
        edition.id = "2099".into();
        let diseases = edition
            .sections
            .iter_mut()
            .find(|s| s.key == "services")
            .unwrap()
            .groups
            .iter_mut()
            .find(|g| g.key == "diseases")
            .unwrap();
        diseases.items.push(Item {
            key: "services.diseases.diabetes".into(),
            label: app::i18n::Label::new("糖尿病", "Diabetes"),
            kind: AnswerKind::Tri,
            required: false,
            contact: false,
            retired: false,
            max_chars: None,
        });
        sqlx::query("UPDATE editions SET status = 'closed'")
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO editions (id, position, status, definition, created_at) VALUES ('2099', 99, 'open', $1, 0)")
        .bind(serde_json::to_string(&edition).unwrap())
        .execute(&db.pool)
        .await
        .unwrap();

        let router = router(db);
        let session = http::sign_in(&router, "respondent", "net011", "respondent password").await;

        // The form offers the new item...
        let html = http::send(
            &router,
            http::get(&format!("/respondent/networks/{network}"), Some(&session)),
        )
        .await
        .body();
        assert!(
            html.contains("糖尿病"),
            "the form does not show the new item"
        );

        // ...validation rejects a wrong answer for it and storage keeps a right one.
        let save = |answer: serde_json::Value| {
            let body = serde_json::json!({ "request": {
                "network_id": network, "save_group": 2,
                "answers": { "services.diseases.diabetes": answer }, "disclosure": {}, "version": 0,
            }});
            let session = session.clone();
            let router = router.clone();
            async move {
                http::post_json(&router, "/api/save_response", &body, Some(&session))
                    .await
                    .status
            }
        };
        assert_eq!(
            save(serde_json::json!({ "text": "x" })).await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            save(serde_json::json!({ "tri": "in_progress" })).await,
            StatusCode::OK
        );
        let saved: survey::Answers =
            serde_json::from_str(&stored(db, network, "2099").await).unwrap();
        assert_eq!(
            saved.get("services.diseases.diabetes"),
            Some(&Answer::Tri(Tri::InProgress))
        );

        // 2012 is untouched.
        assert_eq!(stored(db, network, "2012").await, answers_2012);
    }
);

/// GETs a page or an open-data file; returns the status and the body.
async fn get(router: &axum::Router, path: &str) -> (StatusCode, String) {
    let reply = http::send(router, http::get(path, None)).await;
    (reply.status, reply.body())
}

/// POSTs to a server function; returns the status and the body as JSON.
async fn call(
    router: &axum::Router,
    path: &str,
    content_type: &str,
    body: String,
    session: Option<&str>,
) -> (StatusCode, serde_json::Value) {
    let reply = http::send(router, http::post(path, content_type, body, session)).await;
    (
        reply.status,
        serde_json::from_slice(&reply.bytes).unwrap_or(serde_json::Value::Null),
    )
}

on_both_backends!(
    staff_open_the_next_edition_and_answers_carry_forward,
    async |db: &TestDb| {
        load_2012(db).await;
        let (network, _) = respondent_for(db, 11, "net011", "respondent password").await;
        let answers_2012: survey::Answers =
            serde_json::from_str(&stored(db, network, "2012").await).unwrap();
        staff(db, "staff1", "staff password 1").await;
        let router = router(db);
        let staff = http::sign_in(&router, "staff", "staff1", "staff password 1").await;
        let someone = http::sign_in(&router, "respondent", "net011", "respondent password").await;
        let form = "application/x-www-form-urlencoded";
        let json = "application/json";

        // A draft edition is nobody's public business.
        assert_eq!(
            get(&router, "/networks.json?edition=2013").await.0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(&router, "/networks.csv?edition=2013").await.0,
            StatusCode::NOT_FOUND
        );

        // Only staff manage editions.
        assert_eq!(
            call(&router, "/api/editions", form, String::new(), None)
                .await
                .0,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            call(
                &router,
                "/api/editions",
                form,
                String::new(),
                Some(&someone)
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            call(
                &router,
                "/api/set_edition_status",
                form,
                "id=2013&status=open".into(),
                Some(&someone)
            )
            .await
            .0,
            StatusCode::FORBIDDEN
        );
        let (status, view) =
            call(&router, "/api/editions", form, String::new(), Some(&staff)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(view["editions"][0]["id"], "2013");
        assert_eq!(
            view["editions"][0]["status"], "draft",
            "the shipped 2013 edition waits for staff"
        );
        assert_eq!(view["editions"][1]["status"], "open");
        assert!(view["draft"]["sections"]
            .to_string()
            .contains("services.diseases.diabetes"));

        // Staff revise the draft: add an item, retire one, reword one; bad changes are refused.
        let revise = |revision: serde_json::Value| {
            call(
                &router,
                "/api/revise_edition",
                json,
                serde_json::json!({ "id": "2013", "revision": revision }).to_string(),
                Some(&staff),
            )
        };
        let add = serde_json::json!({ "Add": { "section": "services", "group": "diseases", "key": "dementia", "ja": "認知症", "en": "Dementia", "kind": "Tri" } });
        assert_eq!(revise(add.clone()).await.0, StatusCode::OK);
        let (status, error) = revise(add).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            error.to_string().contains("すでに使われています"),
            "{error}"
        );
        assert_eq!(revise(serde_json::json!({ "Retire": { "key": "services.diseases.prostate", "retired": true } })).await.0, StatusCode::OK);
        assert_eq!(revise(serde_json::json!({ "Rename": { "key": "services.diseases.heart", "ja": "心疾患", "en": "Heart disease" } })).await.0, StatusCode::OK);
        assert_eq!(
            call(
                &router,
                "/api/create_edition",
                form,
                String::new(),
                Some(&staff)
            )
            .await
            .0,
            StatusCode::BAD_REQUEST,
            "one draft at a time"
        );

        // Opening 2013 closes 2012, which stays public and read-only for respondents.
        assert_eq!(
            call(
                &router,
                "/api/set_edition_status",
                form,
                "id=2013&status=open".into(),
                Some(&staff)
            )
            .await
            .0,
            StatusCode::OK
        );
        assert_eq!(
            call(
                &router,
                "/api/set_edition_status",
                form,
                "id=2012&status=draft".into(),
                Some(&staff)
            )
            .await
            .0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            store::editions::status(&db.pool, "2012").await.unwrap(),
            Some(store::editions::Status::Closed)
        );
        assert_eq!(revise(serde_json::json!({ "Retire": { "key": "services.diseases.heart", "retired": true } })).await.0, StatusCode::BAD_REQUEST, "an open edition's questions are fixed");

        // Every 2012 network is silent in 2013 so far.
        let stopped = |cookie: String| {
            let router = router.clone();
            async move {
                call(
                    &router,
                    "/api/stopped_networks",
                    "application/x-www-form-urlencoded",
                    String::new(),
                    Some(&cookie),
                )
                .await
            }
        };
        let (status, list) = stopped(staff.clone()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (
                list[0].as_str(),
                list[1].as_str(),
                list[2].as_array().unwrap().len()
            ),
            (Some("2012"), Some("2013"), 154)
        );
        assert_eq!(stopped(someone.clone()).await.0, StatusCode::FORBIDDEN);

        // The respondent's 2013 form starts from their 2012 answers, marked unconfirmed.
        let (status, loaded) = call(
            &router,
            "/api/response_form",
            form,
            format!("network_id={network}"),
            Some(&someone),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let loaded: app::api::respondent::ResponseForm = serde_json::from_value(loaded).unwrap();
        assert_eq!(loaded.edition.id, "2013");
        assert_eq!(loaded.carried_from.as_deref(), Some("2012"));
        assert_eq!(loaded.version, 0);
        assert_eq!(
            loaded.answers.get("services.diseases.prostate"),
            None,
            "retired items are not carried"
        );
        assert_eq!(
            loaded.answers.get("services.diseases.diabetes"),
            None,
            "new items start unanswered"
        );
        let carried_keys: Vec<&String> = answers_2012
            .0
            .keys()
            .filter(|k| *k != "services.diseases.prostate")
            .collect();
        assert!(!carried_keys.is_empty());
        for key in &carried_keys {
            assert_eq!(loaded.answers.get(key), answers_2012.get(key), "{key}");
            assert!(loaded.unconfirmed.contains(*key), "{key} is unconfirmed");
        }

        // Saving sections D–G with 糖尿病 answered confirms that group and keeps the rest carried.
        let mut answers = loaded.answers.clone();
        answers.set("services.diseases.diabetes", Answer::Tri(Tri::Planned));
        let request = serde_json::json!({ "request": {
            "network_id": network, "save_group": 2, "answers": answers, "disclosure": loaded.disclosure, "version": 0, "unconfirmed": [],
        }});
        let (status, saved) = call(
            &router,
            "/api/save_response",
            json,
            request.to_string(),
            Some(&someone),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        let record = store::networks::record(&db.pool, network, "2013")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            record.answers.get("services.diseases.diabetes"),
            Some(&Answer::Tri(Tri::Planned))
        );
        let edition = store::editions::definition(&db.pool, "2013")
            .await
            .unwrap()
            .unwrap();
        for key in &carried_keys {
            assert_eq!(
                record.answers.get(key),
                answers_2012.get(key),
                "{key} is kept"
            );
            let in_group_2 = edition.section_of(key).unwrap().save_group == 2;
            assert_eq!(record.unconfirmed.contains(*key), !in_group_2, "{key}");
        }
        // Staff approve it: a valid answer, public from now on.
        let version = record.version;
        let (status, decided) = call(
            &router,
            "/api/decide_submission",
            form,
            format!("network_id={network}&version={version}&approve=true&note="),
            Some(&staff),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{decided}");
        // The public directory switches editions: 2013 lists the one network that answered it;
        // the default stays the newest closed edition.
        let listed = |body: String| -> Vec<i64> {
            let json: serde_json::Value = serde_json::from_str(&body).unwrap();
            json["networks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["id"].as_str().unwrap().parse().unwrap())
                .collect()
        };
        let (status, body) = get(&router, "/networks.json?edition=2013").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(listed(body), vec![network]);
        assert_eq!(listed(get(&router, "/networks.json").await.1).len(), 154);
        assert_eq!(
            listed(get(&router, "/networks.json?edition=2012").await.1).len(),
            154
        );
        assert!(get(&router, "/networks.csv?edition=2013")
            .await
            .1
            .contains("services.diseases.diabetes"));
        let (status, html) = get(&router, "/networks?edition=2013").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains(r#"<option value="2013" selected"#),
            "the edition switch shows 2013"
        );
        assert!(
            html.contains(&format!("/networks/{network}?edition=2013")),
            "rows link to the network's 2013 page"
        );
        assert!(html.contains("1件中"), "one network answered 2013");

        let (_, list) = stopped(staff.clone()).await;
        assert_eq!(
            list[2].as_array().unwrap().len(),
            153,
            "a network that answered is no longer listed"
        );
        assert!(list[2]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["id"] != network));

        // 2012 is untouched; a new draft copies 2013 with its additions.
        assert_eq!(
            serde_json::from_str::<survey::Answers>(&stored(db, network, "2012").await).unwrap(),
            answers_2012
        );
        let (status, created) = call(
            &router,
            "/api/create_edition",
            form,
            String::new(),
            Some(&staff),
        )
        .await;
        assert_eq!(
            (status, created),
            (StatusCode::OK, serde_json::json!("2014"))
        );
        let next = store::editions::definition(&db.pool, "2014")
            .await
            .unwrap()
            .unwrap();
        assert!(next.item("services.diseases.dementia").is_some());
        assert!(next.item("services.diseases.prostate").unwrap().retired);
        assert_eq!(
            count(
                db,
                "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'edition_%'"
            )
            .await,
            5,
            "create, three revisions and the opening are audited"
        );
    }
);

on_both_backends!(
    an_edition_folder_alone_adds_an_item_everywhere,
    async |db: &TestDb| {
        // tests/fixtures/editions/2014: 2013 plus 認知症, as an author would add editions/2014.
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/editions/2014");
        let folder = survey::editions::Folder::read(&path).unwrap();
        let edition = folder.edition(&survey::builtin_editions()).unwrap();
        let key = "services.diseases.dementia";
        assert_eq!(edition.item(key).unwrap().label.ja, "認知症");
        assert_eq!(edition.title.ja, "2014年度調査（試験用）");

        // The chart registry of 2014 (its own charts.toml) charts it.
        let registry = charts::read_registry(&folder, &edition).unwrap();
        let diseases = registry.iter().find(|s| s.id == "2.5-1").unwrap();
        let data = charts::publish(
            diseases,
            charts::aggregate(diseases, &edition, &[]),
            charts::Audience::Staff,
        );
        assert!(data.category_keys.iter().any(|k| k == key));
        assert!(data.categories.iter().any(|c| c.ja == "認知症"));

        // Validation knows its kind.
        let mut answers = survey::Answers::default();
        answers.set(key, Answer::Text("はい".into()));
        let issues = survey::validate::validate(&edition, &answers, 2014);
        assert!(issues.iter().any(|i| i.item == key), "{issues:?}");
        answers.set(key, Answer::Tri(Tri::InProgress));
        let issues = survey::validate::validate(&edition, &answers, 2014);
        assert!(!issues.iter().any(|i| i.item == key), "{issues:?}");

        // The public detail page shows it where the section is published.
        let mut choices = survey::DisclosureChoices::default();
        choices
            .0
            .insert("services".into(), survey::Disclosure::Public);
        let public = survey::disclosure::public_answers(&edition, &answers, &choices);
        let sections = survey::directory::detail_sections(&edition, &public);
        let services = sections.iter().find(|s| s.key == "services").unwrap();
        assert!(services
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .any(|r| r.label.ja == "認知症"));

        // The export has its column.
        let layout = server::export::Layout {
            edition: edition.clone(),
            lang: app::i18n::Lang::Ja,
        };
        assert!(layout
            .header()
            .contains(&"F. 連携している疾病について：認知症".to_string()));

        // Stored as the open edition, it is the form's definition and the form asks it.
        load_2012(db).await;
        let (network, _) = respondent_for(db, 11, "net011", "respondent password").await;
        sqlx::query("UPDATE editions SET status = 'closed'")
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO editions (id, position, status, definition, created_at) VALUES ('2014', 99, 'open', $1, 0)")
            .bind(serde_json::to_string(&edition).unwrap())
            .execute(&db.pool)
            .await
            .unwrap();
        let db_pool: store::Db = db.pool.clone();
        let stored = store::editions::definition(&db_pool, "2014")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored, edition);
        let router = router(db);
        let session = http::sign_in(&router, "respondent", "net011", "respondent password").await;
        let html = http::send(
            &router,
            http::get(&format!("/respondent/networks/{network}"), Some(&session)),
        )
        .await
        .body();
        assert!(
            html.contains("認知症"),
            "the form does not ask the new item"
        );
        assert!(
            html.contains("Ｈ２７年度末までにサービス開始予定"),
            "2014's start words name 2015's fiscal year end"
        );
    }
);
