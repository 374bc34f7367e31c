//! The directory's counts and the private answers (#8): every directory output (the page
//! under every filter it offers, its match counts, `/networks.csv|json`) is a function of
//! what the public already knows, the directory facts and the published answers, which
//! disclosure control's adversary is given anyway (`charts::protect`). So the directory
//! adds no equation about a private answer. Shown directly: scrambling every private answer
//! changes none of those outputs, on SQLite and PostgreSQL.

use crate::support::fixtures::{load_2012, router};
use crate::support::http::{get, send};
use crate::support::TestDb;
use store::networks::records;
use survey::{builtin_edition, Answer, AnswerKind, Disclosure, Edition, Tri};

/// Every directory address the public can reach with one filter, plus the exports.
fn directory_paths(edition: &Edition) -> Vec<String> {
    let mut paths = vec![
        "/networks".to_string(),
        "/networks.csv".into(),
        "/networks.json".into(),
        "/networks?from=2005&to=2010".into(),
    ];
    paths.extend(
        survey::geography::Region::ALL
            .iter()
            .map(|r| format!("/networks?region={}", r.key())),
    );
    paths.extend(
        survey::geography::OperatorType::ALL
            .iter()
            .map(|o| format!("/networks?op={}", o.key())),
    );
    let filters = [
        ("service", "services.provided."),
        ("service", "services.patient."),
        ("disease", "services.diseases."),
        ("standard", "system.standards."),
    ];
    for (_, item) in edition.items().filter(|(_, i)| i.kind == AnswerKind::Tri) {
        if let Some((param, _)) = filters
            .iter()
            .find(|(_, prefix)| item.key.starts_with(prefix))
        {
            paths.push(format!("/networks?{param}={}", item.key));
        }
    }
    paths
}

/// The page without the per-request CSP nonce (wherever Leptos writes it).
fn without_nonces(html: &str) -> String {
    let nonces: std::collections::BTreeSet<&str> = html
        .split("nonce=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|n| !n.is_empty())
        .collect();
    nonces
        .into_iter()
        .fold(html.to_string(), |page, nonce| page.replace(nonce, ""))
}

/// Overwrites a network's 2012 answers directly, as no respondent could.
async fn store_answers(db: &TestDb, network: i64, answers: &survey::Answers) {
    sqlx::query("UPDATE responses SET answers = $1 WHERE network_id = $2 AND edition_id = '2012'")
        .bind(serde_json::to_string(answers).unwrap())
        .bind(network)
        .execute(&db.pool)
        .await
        .unwrap();
}

async fn outputs(router: &axum::Router, paths: &[String]) -> Vec<String> {
    let mut out = vec![];
    for path in paths {
        let reply = send(router, get(path, None)).await;
        assert_eq!(reply.status, axum::http::StatusCode::OK, "{path}");
        out.push(without_nonces(&reply.body()));
    }
    out
}

on_both_backends!(
    directory_outputs_do_not_depend_on_private_answers,
    async |db: &TestDb| {
        load_2012(db).await;
        let edition = builtin_edition("2012").unwrap();
        // Synthetic networks publish about half their sections, so many answers are private.
        server::synthetic::load(
            &db.pool,
            "2012",
            &server::synthetic::generate(&edition, 80, 0),
            5_000,
        )
        .await
        .unwrap();
        let router = router(db);
        let paths = directory_paths(&edition);
        assert!(
            paths.len() > 40,
            "every filter the directory offers is tried"
        );
        let before = outputs(&router, &paths).await;

        // Every answer in a private section becomes another network's answer.
        let mut scrambled = 0;
        for record in records(&db.pool, "2012").await.unwrap() {
            let other = server::synthetic::answers(&edition, record.id as u64 + 7_919);
            let mut answers = record.answers.clone();
            for section in edition
                .sections
                .iter()
                .filter(|s| record.disclosure.of(&s.key) == Disclosure::Private)
            {
                for item in section.groups.iter().flat_map(|g| &g.items) {
                    match other.get(&item.key) {
                        Some(answer) => answers.set(item.key.clone(), answer.clone()),
                        None => answers.clear(&item.key),
                    }
                }
            }
            if answers != record.answers {
                scrambled += 1;
                store_answers(db, record.id, &answers).await;
            }
        }
        assert!(
            scrambled >= 40,
            "only {scrambled} networks had private answers to scramble"
        );

        let after = outputs(&router, &paths).await;
        for ((path, b), a) in paths.iter().zip(&before).zip(&after) {
            let at = b
                .bytes()
                .zip(a.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(b.len().min(a.len()));
            let around = |s: &str| {
                s.get(at.saturating_sub(150)..(at + 150).min(s.len()))
                    .unwrap_or("")
                    .to_string()
            };
            assert!(
                b == a,
                "{path} changed when only private answers changed:\n before …{}…\n after  …{}…",
                around(b),
                around(a)
            );
        }

        // The control: the same comparison sees a change to one published answer.
        let record = records(&db.pool, "2012")
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.disclosure.of("services") != Disclosure::Private)
            .unwrap();
        let mut answers = record.answers.clone();
        let key = "services.diseases.hepatitis";
        let flipped = match answers.get(key) {
            Some(Answer::Tri(Tri::InProgress)) => Tri::None,
            _ => Tri::InProgress,
        };
        answers.set(key, Answer::Tri(flipped));
        store_answers(db, record.id, &answers).await;
        let control = outputs(&router, &paths).await;
        let changed: Vec<&String> = paths
            .iter()
            .zip(after.iter().zip(&control))
            .filter(|(_, (a, c))| a != c)
            .map(|(p, _)| p)
            .collect();
        assert!(
            changed.iter().any(|p| p.ends_with(key)),
            "a published answer's change shows in its filter: {changed:?}"
        );
    }
);
