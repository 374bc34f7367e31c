//! The charts' open data and server function with the 2012 dataset: the report's own
//! numbers, filters, suppression, and caches that two servers on one database keep current.

use crate::support::fixtures::{insert_network, load_2012, options};
use crate::support::{http, TestDb};
use axum::http::StatusCode;
use axum::Router;
use charts::ChartFilter;
use serde_json::Value;
use store::charts::ChartCache;
use store::networks::{put_response, upsert_by_report_no, NewNetwork};
use survey::{Answer, Answers, Disclosure, DisclosureChoices, Fee};

fn server(pool: &sqlx::AnyPool, min_group: usize) -> Router {
    server::http::router_with_charts(options(), pool.clone(), ChartCache::new(min_group))
}

async fn get(router: &Router, path: &str) -> (StatusCode, Vec<u8>) {
    let reply = http::send(router, http::get(path, None)).await;
    (reply.status, reply.bytes)
}

async fn json(router: &Router, path: &str) -> Value {
    let (status, bytes) = get(router, path).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&bytes)
    );
    serde_json::from_slice(&bytes).unwrap()
}

/// One series of a chart's JSON rows, by category (Japanese).
fn column(chart: &Value, series: &str) -> Vec<(String, Value)> {
    chart["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["category"].as_str().unwrap().to_string(),
                r[series].clone(),
            )
        })
        .collect()
}

/// A network that joins after the report: a hospital's, in Hokkaido, started 2011.
fn new_hospital_in_hokkaido(report_no: i64) -> NewNetwork {
    NewNetwork {
        report_no: Some(report_no),
        prefecture: "北海道".into(),
        operator_type: Some("hospital".into()),
        regional_fund: false,
        name: "新しい連携".into(),
        nickname: String::new(),
        start_year: Some(2011),
    }
}

fn value_of(chart: &Value, series: &str, category: &str) -> Value {
    column(chart, series)
        .into_iter()
        .find(|(c, _)| c == category)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {category}"))
}

on_both_backends!(figures_match_the_report, async |db: &TestDb| {
    load_2012(db).await;
    let app = server(&db.pool, 3);
    let regions = json(&app, "/charts/2.2-1.json").await;
    let counts: Vec<i64> = column(&regions, "count")
        .iter()
        .map(|(_, v)| v.as_i64().unwrap())
        .collect();
    assert_eq!(counts, vec![17, 13, 25, 30, 20, 17, 13, 19]);
    assert_eq!(
        regions["n"],
        serde_json::json!({ "answered": 154, "valid": 154 })
    );
    let operators = json(&app, "/charts/2.2-2.json").await;
    assert_eq!(
        (
            value_of(&operators, "count", "病院"),
            value_of(&operators, "count", "NPO・協議会"),
            value_of(&operators, "count", "医師会")
        ),
        (
            serde_json::json!(46),
            serde_json::json!(31),
            serde_json::json!(27)
        )
    );
    // 図2.1-1: 47 networks started by 2010, 92 from 2011 including planned, 41 of them planned for 2013–2014.
    let years = json(&app, "/charts/2.1-1.json").await;
    let total = |year: &str| value_of(&years, "total", year).as_i64().unwrap();
    let last = column(&years, "total").last().unwrap().0.clone();
    assert_eq!(total("2010"), 47);
    assert_eq!(total(&last) - total("2010"), 92);
    assert_eq!(total("2014") - total("2012"), 41);
    assert_eq!(value_of(&years, "planned", "2014").as_i64().unwrap(), 41);
    // 図2.5-2 over the published 2012 lists: image sharing 35 in progress + 9 planned = 44; n = 52/154.
    let services = json(&app, "/charts/2.5-2.json").await;
    assert_eq!(
        (
            value_of(&services, "in_progress", "画像情報の共有"),
            value_of(&services, "planned", "画像情報の共有")
        ),
        (serde_json::json!(35), serde_json::json!(9))
    );
    assert_eq!(
        value_of(&services, "total", "画像情報の共有"),
        serde_json::json!(44)
    );
    assert_eq!(services["n"]["answered"], 52);

    let (status, bytes) = get(&app, "/charts/2.2-1.csv").await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("地方区分,連携数,n\n北海道,17,154/154\n"),
        "{text}"
    );
    assert_eq!(
        get(&app, "/charts/9.9-9.csv").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/charts/2.2-1.xml").await.0,
        StatusCode::NOT_FOUND
    );
    // Every chart in the registry is served.
    for spec in charts::registry("2012") {
        assert_eq!(
            get(&app, &format!("/charts/{}.json", spec.id)).await.0,
            StatusCode::OK,
            "{}",
            spec.id
        );
    }
});

on_both_backends!(
    other_texts_are_listed_under_their_figure_only_from_published_sections,
    async |db: &TestDb| {
        load_2012(db).await;
        let (published, private) = ("<script>alert('連携')</script>方式", "非公開の連携方式");
        let mut tx = db.pool.begin().await.unwrap();
        for (i, (text, section)) in [
            (published, Disclosure::Public),
            (private, Disclosure::Private),
        ]
        .into_iter()
        .enumerate()
        {
            let network = NewNetwork {
                report_no: Some(950 + i as i64),
                prefecture: "東京都".into(),
                operator_type: Some("hospital".into()),
                regional_fund: false,
                name: format!("その他ネット{i}"),
                nickname: String::new(),
                start_year: Some(2010),
            };
            let mut answers = Answers::default();
            answers.set("system.linkage.other", Answer::Text(text.into()));
            let mut disclosure = DisclosureChoices::default();
            disclosure.set("system", section);
            insert_network(&mut tx, &network, &answers, &disclosure).await;
        }
        tx.commit().await.unwrap();
        let texts = |chart: &Value| -> Vec<String> {
            chart["texts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["text"].as_str().unwrap().to_string())
                .collect()
        };
        // The open data's JSON: the published text with 2012's published ones, not the private one.
        let chart = json(&server(&db.pool, 3), "/charts/2.6-1.json").await;
        let listed = texts(&chart);
        assert!(listed.iter().any(|t| t == published), "{listed:?}");
        assert!(listed.iter().any(|t| t == "SaaS型"), "{listed:?}");
        assert!(!listed.iter().any(|t| t == private));
        // Staff see the same list: it is a list of published answers.
        let staff =
            store::charts::charts(&db.pool, &ChartCache::new(3), &ChartFilter::default(), true)
                .await
                .unwrap();
        let figure = staff.iter().find(|c| c.id == "2.6-1").unwrap();
        assert!(figure.texts.iter().all(|t| t.text != private));
        // The page lists it under its figure, escaped, in the reader's language; the private
        // one is nowhere in it (nor in an island's data).
        let router = crate::support::fixtures::router(db);
        let page = http::send(&router, http::get("/charts", None)).await.body();
        let figure = &page[page.find(r#"id="figure-chart-2-6-1""#).unwrap()..];
        let figure = &figure[..figure.find("</figure>").unwrap()];
        assert!(figure.contains("&lt;script&gt;alert("), "escaped");
        assert!(figure.contains("「その他」の回答"));
        assert!(!page.contains("<script>alert("));
        assert!(!page.contains(private));
        let mut english = http::get("/charts", None);
        english
            .headers_mut()
            .insert(axum::http::header::COOKIE, "lang=en".parse().unwrap());
        let page = http::send(&router, english).await.body();
        assert!(page.contains("answers (of the networks that publish them)"));
        // The page's own JSON (its server function) carries them too.
        let view = http::post_json(
            &router,
            "/api/charts",
            &serde_json::json!({ "query": {} }),
            None,
        )
        .await;
        assert_eq!(view.status, StatusCode::OK, "{}", view.body());
        let view: Value = view.json();
        let figure = view["charts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "2.6-1")
            .unwrap();
        assert!(texts(figure).iter().any(|t| t == published));
        assert!(!view.to_string().contains(private));
    }
);

on_both_backends!(
    filters_re_aggregate_one_dimension_at_a_time,
    async |db: &TestDb| {
        load_2012(db).await;
        let app = server(&db.pool, 3);
        let kyushu = json(&app, "/charts/2.2-1.json?region=%E4%B9%9D%E5%B7%9E").await;
        let counts: Vec<i64> = column(&kyushu, "count")
            .iter()
            .map(|(_, v)| v.as_i64().unwrap())
            .collect();
        assert_eq!(counts, vec![0, 0, 0, 0, 0, 0, 0, 19]);
        assert_eq!(kyushu["n"]["valid"], 19);
        let hospitals = json(&app, "/charts/2.2-1.json?operator=hospital").await;
        assert_eq!(hospitals["n"]["valid"], 46);
        let (status, bytes) = get(&app, "/charts/2.2-1.json?region=kyushu&operator=hospital").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(String::from_utf8(bytes)
            .unwrap()
            .contains("同時に指定できません"));
        assert_eq!(
            get(&app, "/charts/2.2-1.csv?region=atlantis").await.0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            get(&app, "/charts/2.2-1.json?edition=1999").await.0,
            StatusCode::NOT_FOUND
        );
        let (_, csv) = get(&app, "/charts/2.5-2.csv?region=kyushu").await;
        let (_, all) = get(&app, "/charts/2.5-2.csv").await;
        assert_ne!(
            csv, all,
            "the region's numbers differ from the whole country's"
        );
        assert!(
            String::from_utf8(csv).unwrap().contains("/19\n"),
            "n counts the region's networks"
        );
    }
);

on_both_backends!(
    small_groups_are_suppressed_in_public_data,
    async |db: &TestDb| {
        load_2012(db).await;
        // Every value computed over fewer networks than the minimum is "suppressed", never a number.
        for min_group in [3, 10] {
            let app = server(&db.pool, min_group);
            for spec in charts::registry("2012") {
                for filter in ["", "?region=shikoku", "?operator=company"] {
                    let chart = json(&app, &format!("/charts/{}.json{filter}", spec.id)).await;
                    for row in chart["rows"].as_array().unwrap() {
                        for (key, value) in row.as_object().unwrap() {
                            if let Some(n) = key.strip_suffix("_n").and_then(|_| value.as_i64()) {
                                // An average of nothing has n = 0: it reveals nobody's answer.
                                assert!(
                                    n == 0 || n >= min_group as i64,
                                    "{} {filter}: {key} = {n}",
                                    spec.id
                                );
                            }
                        }
                    }
                    if chart["n"]["valid"].as_i64().unwrap() < min_group as i64
                        && !chart["n"]["answered"].is_null()
                    {
                        let public_fact = matches!(
                            spec.aggregation,
                            charts::Aggregation::Networks(_)
                                | charts::Aggregation::NetworksByRegionAndOperator
                                | charts::Aggregation::NetworksByStartYear
                                | charts::Aggregation::Disclosure(_)
                                | charts::Aggregation::Companies
                        );
                        assert!(
                            public_fact,
                            "{} {filter}: n shown for a group of {}",
                            spec.id, chart["n"]["valid"]
                        );
                    }
                }
            }
        }
        // 図2.8-3 on hand-made data: three hospitals and two companies charge hospitals a fee.
        let mut tx = db.pool.begin().await.unwrap();
        for (i, (operator, fee)) in [
            ("hospital", 10_000),
            ("hospital", 20_000),
            ("hospital", 30_000),
            ("company", 5_000),
            ("company", 7_000),
        ]
        .into_iter()
        .enumerate()
        {
            let network = NewNetwork {
                report_no: Some(900 + i as i64),
                prefecture: "東京都".into(),
                operator_type: Some(operator.into()),
                regional_fund: false,
                name: format!("料金ネット{i}"),
                nickname: String::new(),
                start_year: Some(2010),
            };
            let mut answers = Answers::default();
            answers.set("fees.hospital_current.fee", Answer::Fee(Fee::Paid));
            answers.set("fees.hospital_current.monthly", Answer::Number(fee));
            insert_network(&mut tx, &network, &answers, &DisclosureChoices::default()).await;
        }
        tx.commit().await.unwrap();
        let fees = json(&server(&db.pool, 3), "/charts/2.8-3.json").await;
        assert_eq!(
            value_of(&fees, "average", "病院"),
            serde_json::json!(20_000)
        );
        assert_eq!(value_of(&fees, "average_n", "病院"), serde_json::json!(3));
        assert_eq!(
            value_of(&fees, "average", "企業"),
            "suppressed",
            "two companies' average would reveal each fee"
        );
        assert!(value_of(&fees, "average_n", "企業").is_null());
    }
);

on_both_backends!(
    a_save_on_one_server_refreshes_the_charts_of_another,
    async |db: &TestDb| {
        load_2012(db).await;
        // Two app servers, each with its own connection pool and cache, on one database.
        let other_pool = server::db::connect(&db.url).await.unwrap();
        let (a, b) = (server(&db.pool, 3), server(&other_pool, 3));
        let before = json(&a, "/charts/2.2-2.json").await;
        assert_eq!(json(&b, "/charts/2.2-2.json").await, before);
        let hospitals = value_of(&before, "count", "病院").as_i64().unwrap();
        // Staff reclassify one network through server B's database connection.
        let mut conn = other_pool.acquire().await.unwrap();
        sqlx::query("UPDATE networks SET operator_type = 'hospital' WHERE id = (SELECT MIN(id) FROM networks WHERE operator_type = 'npo_council')")
        .execute(&mut *conn)
        .await
        .unwrap();
        drop(conn);
        for app in [&a, &b] {
            let after = json(app, "/charts/2.2-2.json").await;
            assert_eq!(
                value_of(&after, "count", "病院").as_i64().unwrap(),
                hospitals + 1
            );
        }
        // A cached answer is served while nothing changes.
        let generation = store::charts::generation(&db.pool).await.unwrap();
        let cache = ChartCache::new(3);
        let first = store::charts::charts(&db.pool, &cache, &ChartFilter::default(), false)
            .await
            .unwrap();
        let second = store::charts::charts(&db.pool, &cache, &ChartFilter::default(), false)
            .await
            .unwrap();
        assert!(
            std::sync::Arc::ptr_eq(&first, &second),
            "the second request is served from the cache"
        );
        assert_eq!(
            store::charts::generation(&db.pool).await.unwrap(),
            generation,
            "reading does not bump the generation"
        );
        other_pool.close().await;
    }
);

on_both_backends!(
    a_visitor_is_not_kept_waiting_while_new_figures_are_protected,
    async |db: &TestDb| {
        load_2012(db).await;
        // A server that waits no time at all for new figures when it has earlier ones.
        let cache = ChartCache::answering_within(3, std::time::Duration::ZERO);
        let public = async |cache: &ChartCache, staff: bool| {
            let charts = store::charts::charts(&db.pool, cache, &ChartFilter::default(), staff)
                .await
                .unwrap();
            let hokkaido = charts.iter().find(|c| c.id == "2.2-1").unwrap().series[0].cells[0];
            (charts, hokkaido)
        };
        let (before, hokkaido) = public(&cache, false).await;
        assert_eq!(hokkaido.value, Some(17.0));
        let mut tx = db.pool.begin().await.unwrap();
        insert_network(
            &mut tx,
            &new_hospital_in_hokkaido(990),
            &Answers::default(),
            &DisclosureChoices::default(),
        )
        .await;
        tx.commit().await.unwrap();
        // The first request after the change gets the earlier figures, at once…
        let (stale, hokkaido) = public(&cache, false).await;
        assert!(std::sync::Arc::ptr_eq(&before, &stale));
        assert_eq!(hokkaido.value, Some(17.0));
        // …staff always the current ones…
        assert_eq!(public(&cache, true).await.1.value, Some(18.0));
        // …and once the computation that request started is done, everyone does.
        cache.settled().await;
        assert_eq!(public(&cache, false).await.1.value, Some(18.0));
        // A cache that waits (the default) answers the change at once.
        assert_eq!(public(&ChartCache::new(3), false).await.1.value, Some(18.0));
    }
);

/// Server B's charts (kept up to date incrementally, remembering what it protected) and
/// those of a server that starts from the sums and the protection memo stored at an earlier
/// step and catches up are exactly a fresh computation's from every response.
async fn same_as_fresh(
    db: &TestDb,
    other_pool: &sqlx::AnyPool,
    b: &ChartCache,
    step: &str,
) -> Vec<std::sync::Arc<Vec<charts::ChartData>>> {
    let incremental = everything(other_pool, b).await;
    let starting = ChartCache::new(3);
    let from_stored = everything(&db.pool, &starting).await;
    assert_eq!(
        starting.full_reads(),
        0,
        "{step}: a starting server reads the stored sums"
    );
    assert_eq!(
        starting.families_solved(),
        0,
        "{step}: and takes every family's hides from the stored memo"
    );
    sqlx::query("DELETE FROM chart_sums")
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM chart_protection")
        .execute(&db.pool)
        .await
        .unwrap();
    let fresh_cache = ChartCache::new(3);
    let fresh = everything(&db.pool, &fresh_cache).await;
    assert_eq!(
        fresh_cache.full_reads(),
        1,
        "{step}: with no stored sums every response is read"
    );
    assert!(
        fresh_cache.families_solved() > 0,
        "{step}: with no memo every family is solved"
    );
    assert!(
        incremental == fresh,
        "{step}: the incremental charts differ from a fresh computation"
    );
    assert!(
        from_stored == fresh,
        "{step}: the charts from stored sums differ from a fresh computation"
    );
    incremental
}

/// Every chart of every public view, and the staff's, as one server's cache gives them.
async fn everything(
    pool: &sqlx::AnyPool,
    cache: &ChartCache,
) -> Vec<std::sync::Arc<Vec<charts::ChartData>>> {
    let mut all = vec![];
    for filter in charts::public_views() {
        all.push(
            store::charts::charts(pool, cache, &filter, false)
                .await
                .unwrap(),
        );
    }
    all.push(
        store::charts::charts(pool, cache, &ChartFilter::default(), true)
            .await
            .unwrap(),
    );
    all
}

on_both_backends!(
    another_server_follows_saves_deletions_and_reclassifications_incrementally,
    async |db: &TestDb| {
        load_2012(db).await;
        let edition = survey::builtin_edition("2012").unwrap();
        // Synthetic networks add private answers (and so secondary suppression) to the 2012 data.
        server::synthetic::insert(&mut db.pool.acquire().await.unwrap(), &edition, 7, 12)
            .await
            .unwrap();
        // Server B keeps its decoded responses between generations; writes go through server A.
        let other_pool = server::db::connect(&db.url).await.unwrap();
        let b = ChartCache::new(3);
        everything(&other_pool, &b).await;
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT network_id FROM responses WHERE edition_id = '2012' ORDER BY network_id",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let before = same_as_fresh(db, &other_pool, &b, "nothing changed").await;

        // A save: a respondent's answers and disclosure change.
        let (id, version): (i64, i64) = sqlx::query_as("SELECT network_id, version FROM responses WHERE network_id = $1 AND edition_id = '2012'").bind(ids[158]).fetch_one(&db.pool).await.unwrap();
        let mut answers = server::synthetic::answers(&edition, 999);
        answers.set(
            "services.diseases.hepatitis",
            Answer::Tri(survey::Tri::InProgress),
        );
        answers.set("system.companies.company1", Answer::Text("新会社".into()));
        let mut disclosure = DisclosureChoices::default();
        disclosure.set("system", survey::Disclosure::Public);
        let mut conn = db.pool.acquire().await.unwrap();
        let saved = store::responses::save(
            &mut conn,
            &store::responses::NewResponse {
                network_id: id,
                edition: "2012",
                answers: &answers,
                disclosure: &disclosure,
                based_on: version,
                actor: &store::audit_log::Entity::Staff(1),
                by_respondent: false,
            },
            &Answers::default(),
            &DisclosureChoices::default(),
        )
        .await
        .unwrap();
        assert!(matches!(saved, store::responses::Saved::Version(_)));
        let saved = same_as_fresh(db, &other_pool, &b, "a save").await;
        assert!(saved != before, "the save changed the charts");

        // A reclassification (operator type), a move to another region and start year.
        store::review::classify(
            &mut conn,
            ids[3],
            Some(survey::geography::OperatorType::ALL[5]),
            true,
            &store::audit_log::Entity::Staff(1),
        )
        .await
        .unwrap();
        sqlx::query("UPDATE networks SET prefecture = '沖縄県', start_year = 1999 WHERE id = $1")
            .bind(ids[160])
            .execute(&mut *conn)
            .await
            .unwrap();
        same_as_fresh(db, &other_pool, &b, "a reclassification").await;

        // A response deleted (the network stays), a network deleted with its response, a new one.
        sqlx::query("DELETE FROM responses WHERE network_id = $1")
            .bind(ids[5])
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query("DELETE FROM responses WHERE network_id = $1")
            .bind(ids[162])
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query("DELETE FROM networks WHERE id = $1")
            .bind(ids[162])
            .execute(&mut *conn)
            .await
            .unwrap();
        let network = new_hospital_in_hokkaido(7777);
        let new_id = insert_network(
            &mut conn,
            &network,
            &server::synthetic::answers(&edition, 4242),
            &disclosure,
        )
        .await;
        same_as_fresh(db, &other_pool, &b, "deletions and an insertion").await;
        // The import's upserts of an existing network and response.
        let network = NewNetwork {
            report_no: Some(7777),
            start_year: Some(2005),
            ..network
        };
        assert_eq!(
            upsert_by_report_no(&mut conn, &network).await.unwrap(),
            new_id
        );
        put_response(
            &mut conn,
            new_id,
            "2012",
            &server::synthetic::answers(&edition, 4343),
            &DisclosureChoices::default(),
            survey::response::ResponseStatus::Approved,
            2,
        )
        .await
        .unwrap();
        same_as_fresh(db, &other_pool, &b, "an import's upserts").await;
        drop(conn);
        assert_eq!(
            b.full_reads(),
            1,
            "server B read every response once, then only what changed"
        );
        // Stored sums that do not decode (or were made with other measures) are not used.
        sqlx::query("UPDATE chart_sums SET data = $1")
            .bind(vec![3u8, 1, 2, 3])
            .execute(&db.pool)
            .await
            .unwrap();
        let starting = ChartCache::new(3);
        assert!(everything(&db.pool, &starting).await == everything(&other_pool, &b).await);
        assert_eq!(
            starting.full_reads(),
            1,
            "unusable stored sums: every response is read"
        );
        // A stored memo that does not decode (or was written by other code) is not used either.
        sqlx::query("UPDATE chart_protection SET data = $1")
            .bind(vec![9u8; 40])
            .execute(&db.pool)
            .await
            .unwrap();
        let starting = ChartCache::new(3);
        assert!(everything(&db.pool, &starting).await == everything(&other_pool, &b).await);
        assert!(
            starting.families_solved() > 0,
            "an unusable memo: every family is solved"
        );
        other_pool.close().await;
    }
);
