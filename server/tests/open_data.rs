//! `/networks.csv` and `/networks.json` with the 2012 dataset.

use crate::support::fixtures::{load_2012, router};
use crate::support::http::{self, Reply};
use crate::support::TestDb;
use axum::http::{header, StatusCode};

/// GETs an open-data file from the app with the 2012 dataset.
async fn get(db: &TestDb, path: &str) -> Reply {
    load_2012(db).await;
    http::send(&router(db), http::get(path, None)).await
}

on_both_backends!(
    csv_opens_in_excel_and_honours_disclosure,
    async |db: &TestDb| {
        let reply = get(db, "/networks.csv").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.headers[header::CONTENT_TYPE],
            "text/csv; charset=utf-8"
        );
        let bytes = reply.bytes;
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "UTF-8 byte-order mark for Excel"
        );
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "no");
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 154);
        let row4 = rows.iter().find(|r| &r[0] == "4").unwrap();
        assert_eq!(&row4[column("name")], "小樽後志地域医療連携システム");
        assert_eq!(&row4[column("region")], "hokkaido");
        // Budgets only where a network published its budget section (37 in 2012).
        let budget = column("budget.current.construction");
        let published_budget = column("published.budget");
        assert!(rows
            .iter()
            .filter(|r| &r[published_budget] == "false")
            .all(|r| r[budget].is_empty()));
        let row8 = rows.iter().find(|r| &r[0] == "8").unwrap();
        assert_eq!((&row8[published_budget], &row8[budget]), ("true", "18500"));
        let published_system = column("published.system");
        let companies = column("system.companies.company1");
        assert!(rows
            .iter()
            .filter(|r| &r[published_system] == "false")
            .all(|r| r[companies].is_empty()));
        assert!(rows
            .iter()
            .any(|r| &r[published_system] == "true" && !r[companies].is_empty()));
    }
);

on_both_backends!(json_lists_every_network, async |db: &TestDb| {
    let reply = get(db, "/networks.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let json: serde_json::Value = reply.json();
    assert_eq!(json["edition"], "2012");
    let networks = json["networks"].as_array().unwrap();
    assert_eq!(networks.len(), 154);
    let private = networks
        .iter()
        .find(|n| n["published"].as_array().unwrap().is_empty())
        .unwrap();
    assert!(private["answers"].as_object().unwrap().is_empty());
});

on_both_backends!(csv_writes_formulas_as_text, async |db: &TestDb| {
    load_2012(db).await;
    sqlx::query("UPDATE networks SET name = '=HYPERLINK(\"http://x\")' WHERE report_no = 4")
        .execute(&db.pool)
        .await
        .unwrap();
    let reply = http::send(&router(db), http::get("/networks.csv", None)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(&reply.bytes[3..]);
    let name = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "name")
        .unwrap();
    let row4 = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "4")
        .unwrap();
    assert_eq!(&row4[name], "'=HYPERLINK(\"http://x\")");
});
