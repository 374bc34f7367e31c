//! The staff exports, on SQLite and on PostgreSQL: export → parse → compare. Every network of
//! the edition comes back once, in report order (more than one page of records), with every
//! answer read back by `cells::parse` equal to the stored one: Japanese text, commas, quotes,
//! newlines and every answer kind. And the exports are refused to the public and respondents.

use crate::support::fixtures::{people, People, A_LOGIN, A_PASSWORD, STAFF_LOGIN, STAFF_PASSWORD};
use crate::support::http::{get, post, send, sign_in};
use crate::support::queries::{audit_count, audit_entries};
use crate::support::TestDb;
use app::i18n::Lang;
use axum::http::{header, StatusCode};
use axum::Router;
use server::export::Layout;
use store::networks::NetworkRecord;
use survey::cells::parse;
use survey::geography::{region_of, OperatorType};
use survey::spreadsheet::read_cell;
use survey::{Answer, AnswerKind, Answers, Edition};

const EDITION: &str = "2012";
/// Synthetic networks added to the 2012 data: more than one page in all.
const SYNTHETIC: u64 = 600;

struct Fixture {
    router: Router,
    staff_id: i64,
    staff: String,
    respondent: String,
    edition: Edition,
    records: Vec<NetworkRecord>,
}

/// [`People`] over the 2012 data and the synthetic networks, with respondent A and the staff
/// member signed in.
async fn setup(db: &TestDb) -> Fixture {
    let People {
        router, staff_id, ..
    } = people(db).await;
    let edition = survey::builtin_edition(EDITION).unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    server::synthetic::insert(&mut tx, &edition, 0, SYNTHETIC)
        .await
        .unwrap();
    // Answers that a spreadsheet would run as formulas: the exports must write them as text.
    let last = store::networks::records(&db.pool, EDITION)
        .await
        .unwrap()
        .pop()
        .unwrap();
    let mut answers = last.answers.clone();
    let first_of = |kind: AnswerKind| {
        let item = edition.items().find(|(_, i)| i.kind == kind && !i.retired);
        item.unwrap().1.key.clone()
    };
    answers.set(
        first_of(AnswerKind::Text),
        Answer::Text("=HYPERLINK(\"http://x\")".into()),
    );
    answers.set(
        first_of(AnswerKind::TextArea),
        Answer::Text("@SUM(A1)".into()),
    );
    store::networks::put_response(
        &mut tx,
        last.id,
        EDITION,
        &answers,
        &last.disclosure,
        last.status,
        last.updated_at.unwrap_or(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let records = store::networks::records(&db.pool, EDITION).await.unwrap();
    assert!(
        records.len() as i64 > server::export::PAGE,
        "the test must cross a page boundary"
    );
    let staff = sign_in(&router, "staff", STAFF_LOGIN, STAFF_PASSWORD).await;
    let respondent = sign_in(&router, "respondent", A_LOGIN, A_PASSWORD).await;
    Fixture {
        router,
        staff_id,
        staff,
        respondent,
        edition,
        records,
    }
}

/// Checks a parsed export against the database: header, one row per record in order, and
/// every cell read back to the stored value.
fn compare(f: &Fixture, lang: Lang, rows: &[Vec<String>]) {
    assert!(
        rows.iter()
            .flatten()
            .all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        "no exported cell may start like a formula"
    );
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| read_cell(cell).to_string()).collect())
        .collect();
    let layout = Layout {
        edition: f.edition.clone(),
        lang,
    };
    assert_eq!(rows[0], layout.header());
    let rows = &rows[1..];
    assert_eq!(rows.len(), f.records.len());
    let items: Vec<_> = f.edition.items().map(|(_, i)| i).collect();
    let mut kinds_seen = std::collections::BTreeSet::new();
    for (row, r) in rows.iter().zip(&f.records) {
        assert_eq!(row.len(), 8 + items.len(), "row of network {}", r.id);
        assert_eq!(
            row[0],
            r.report_no.map(|n| n.to_string()).unwrap_or_default()
        );
        assert_eq!(row[1], r.id.to_string());
        assert_eq!(row[2], r.prefecture);
        assert_eq!(
            Some(row[3].as_str()),
            region_of(&r.prefecture)
                .map(|g| g.label().get(lang).to_string())
                .as_deref()
        );
        let operator = OperatorType::ALL
            .into_iter()
            .find(|o| o.label().get(lang) == row[4])
            .map(|o| o.key().to_string());
        assert_eq!(operator, r.operator_type, "operator type {:?}", row[4]);
        assert_eq!(
            row[5],
            if r.regional_fund {
                survey::vocabulary::CELL_YES.get(lang)
            } else {
                survey::vocabulary::CELL_NO.get(lang)
            }
        );
        assert_eq!(row[6], r.status.label().get(lang));
        assert_eq!(
            row[7],
            r.updated_at
                .map(store::public::japan_date_time)
                .unwrap_or_default()
        );
        let mut back = Answers::default();
        for (item, cell) in items.iter().zip(&row[8..]) {
            match parse(&item.kind, cell, lang) {
                Ok(Some(answer)) => back.set(item.key.clone(), answer),
                Ok(None) => {}
                Err(bad) => panic!("network {} item {}: {bad:?}", r.id, item.key),
            }
        }
        let mut stored = r.answers.clone();
        // An empty text is unanswered in a cell, as in the form.
        stored.0.retain(|_, a| a != &Answer::Text(String::new()));
        assert_eq!(back, stored, "network {}", r.id);
        kinds_seen.extend(
            stored
                .0
                .values()
                .map(std::mem::discriminant)
                .map(|d| format!("{d:?}")),
        );
    }
    assert_eq!(
        kinds_seen.len(),
        7,
        "every answer variant appears in the export"
    );
    let tricky = rows
        .iter()
        .flatten()
        .find(|c| c.contains('\n') && c.contains(',') && c.contains('"') && c.contains('、'));
    assert!(
        tricky.is_some(),
        "texts with newlines, commas, quotes and Japanese punctuation were exported"
    );
}

on_both_backends!(csv_round_trip, async |db: &TestDb| {
    let f = setup(db).await;
    let reply = send(&f.router, export("/staff/export.csv", Some(&f.staff))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert!(reply.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("renkei-responses-2012-ja.csv"));
    let body = reply
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("UTF-8 BOM for Excel");
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    compare(&f, Lang::Ja, &rows);
    assert!(rows[0]
        .iter()
        .any(|h| h == "F. 連携している疾病について：肝炎"));

    let reply = send(
        &f.router,
        export("/staff/export.csv?lang=en", Some(&f.staff)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&reply.bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    compare(&f, Lang::En, &rows);

    let audits = audit_entries(db, "export").await;
    assert_eq!(audits.len(), 2);
    assert!(audits
        .iter()
        .all(|e| e.actor == format!("staff:{}", f.staff_id)));
    assert_eq!(audits[1].detail["lang"], "en");
});

/// An export as the staff page's download buttons ask for it: a same-origin POST.
fn export(path: &str, session: Option<&str>) -> axum::http::Request<axum::body::Body> {
    post(
        path,
        "application/x-www-form-urlencoded",
        String::new(),
        session,
    )
}

on_both_backends!(xlsx_round_trip, async |db: &TestDb| {
    use calamine::{Reader, Xlsx};
    let f = setup(db).await;
    for lang in [Lang::Ja, Lang::En] {
        let reply = send(
            &f.router,
            export(
                &format!("/staff/export.xlsx?lang={}", lang.code()),
                Some(&f.staff),
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body());
        assert_eq!(
            reply.headers[header::CONTENT_TYPE],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let mut workbook: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(reply.bytes)).unwrap();
        assert_eq!(workbook.sheet_names(), [EDITION]);
        let range = workbook.worksheet_range(EDITION).unwrap();
        assert_eq!(range.start(), Some((0, 0)));
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(app::api::requests::sheet_cell_text).collect())
            .collect();
        compare(&f, lang, &rows);
        // Numbers stay numbers in the spreadsheet.
        let id_cell = range.get((1, 1)).unwrap();
        assert!(
            matches!(id_cell, calamine::Data::Float(_) | calamine::Data::Int(_)),
            "{id_cell:?}"
        );
    }
});

on_both_backends!(exports_are_for_staff_only, async |db: &TestDb| {
    let f = setup(db).await;
    for path in [
        "/staff/export.csv",
        "/staff/export.xlsx",
        "/staff/export.csv?lang=en",
        "/staff/export.xlsx?lang=en",
        "/staff/audit.csv",
    ] {
        for (session, status) in [
            (None, StatusCode::UNAUTHORIZED),
            (Some(f.respondent.as_str()), StatusCode::FORBIDDEN),
        ] {
            let reply = send(&f.router, export(path, session)).await;
            assert_eq!(reply.status, status, "{path} {session:?}");
            assert!(reply.headers.get(header::CONTENT_DISPOSITION).is_none());
            assert!(
                !reply.body().contains("合成ネットワーク") && reply.bytes.len() < 500,
                "{path} leaked: {}",
                reply.body()
            );
        }
    }
    // A link or a form on another site cannot start an export, even for signed-in staff.
    let reply = send(&f.router, get("/staff/export.csv", Some(&f.staff))).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    let mut elsewhere = export("/staff/export.csv", Some(&f.staff));
    elsewhere
        .headers_mut()
        .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    let reply = send(&f.router, elsewhere).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.headers.get(header::CONTENT_DISPOSITION).is_none());
    let reply = send(
        &f.router,
        export("/staff/export.csv?lang=fr", Some(&f.staff)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body().contains("lang"));
    assert_eq!(
        audit_count(db, "export").await,
        0,
        "refused exports are not recorded as exports"
    );
});
