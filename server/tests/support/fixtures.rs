//! What the tests start from, made one way: the 2012 dataset, the app over the test
//! database, accounts, and networks with a response.

use axum::Router;
use leptos::config::LeptosOptions;
use sqlx::AnyConnection;
use store::accounts::{self, Role};
use store::networks::{put_response, upsert_by_report_no, NewNetwork};
use survey::response::ResponseStatus;
use survey::{Answers, DisclosureChoices};

use super::TestDb;

/// Respondent A answers for the network of report no 4.
pub const A_LOGIN: &str = "resp-a";
pub const A_PASSWORD: &str = "alpha-password-4";
/// Respondent B answers for the network of report no 7.
pub const B_LOGIN: &str = "resp-b";
pub const B_PASSWORD: &str = "bravo-password-7";
pub const STAFF_LOGIN: &str = "staff-1";
pub const STAFF_PASSWORD: &str = "staff-password-1";

/// The app's options: no built site is needed to render pages and answer server functions.
pub fn options() -> LeptosOptions {
    LeptosOptions::builder().output_name("renkei").build()
}

/// The whole app over the test database.
pub fn router(db: &TestDb) -> Router {
    server::http::router(options(), db.pool.clone())
}

/// Migrates the database and loads the 2012 dataset, as the server does at start-up.
pub async fn load_2012(db: &TestDb) {
    server::db::prepare(&db.url).await.unwrap().close().await;
}

/// The id of the network with this report number.
pub async fn network_of(db: &TestDb, report_no: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM networks WHERE report_no = $1")
        .bind(report_no)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// A respondent account that answers for the network of this report number: `(network, respondent)` ids.
pub async fn respondent_for(
    db: &TestDb,
    report_no: i64,
    login: &str,
    password: &str,
) -> (i64, i64) {
    let network = network_of(db, report_no).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let respondent = accounts::create(&mut conn, Role::Respondent, login, password)
        .await
        .unwrap();
    accounts::link_network(&mut conn, respondent, network)
        .await
        .unwrap();
    (network, respondent)
}

/// A staff account; returns its id.
pub async fn staff(db: &TestDb, login: &str, password: &str) -> i64 {
    let mut conn = db.pool.acquire().await.unwrap();
    accounts::create(&mut conn, Role::Staff, login, password)
        .await
        .unwrap()
}

/// The 2012 dataset with respondents A and B and one staff account, and the app over it.
pub struct People {
    pub router: Router,
    /// Network of report no 4 (A's).
    pub net_a: i64,
    /// Network of report no 7 (B's).
    pub net_b: i64,
    pub a_id: i64,
    pub staff_id: i64,
}

/// Loads the 2012 dataset and makes [`People`].
pub async fn people(db: &TestDb) -> People {
    load_2012(db).await;
    let (net_a, a_id) = respondent_for(db, 4, A_LOGIN, A_PASSWORD).await;
    let (net_b, _) = respondent_for(db, 7, B_LOGIN, B_PASSWORD).await;
    let staff_id = staff(db, STAFF_LOGIN, STAFF_PASSWORD).await;
    People {
        router: router(db),
        net_a,
        net_b,
        a_id,
        staff_id,
    }
}

/// Stores a network's 2012 response as approved (updated at 1), as an import does: a valid
/// answer, public and counted.
pub async fn put_2012_response(
    conn: &mut AnyConnection,
    network: i64,
    answers: &Answers,
    disclosure: &DisclosureChoices,
) {
    put_response(
        conn,
        network,
        "2012",
        answers,
        disclosure,
        ResponseStatus::Approved,
        1,
    )
    .await
    .unwrap();
}

/// A new network (or the one with its report number) with this 2012 response; returns its id.
pub async fn insert_network(
    conn: &mut AnyConnection,
    network: &NewNetwork,
    answers: &Answers,
    disclosure: &DisclosureChoices,
) -> i64 {
    let id = upsert_by_report_no(conn, network).await.unwrap();
    put_2012_response(conn, id, answers, disclosure).await;
    id
}

/// A request list as a workbook saved by Excel: the same rows in the first sheet, a postal code as a
/// number, and a second sheet that must not be read.
pub fn request_list_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["組織名", "都道府県", "連携名称", "住所", "メールアドレス"],
        [
            "山田病院, 本院",
            "東京",
            "みなとネット",
            "東京都港区1-1",
            "net@example.jp",
        ],
        [
            "△△医師会",
            "北海道",
            "ほっかいネット",
            "札幌市中央区2-2",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    sheet.write_number(3, 0, 1_000_001).unwrap();
    sheet.write_string(3, 1, "長崎県").unwrap();
    sheet.write_string(3, 2, "さくらネット").unwrap();
    book.add_worksheet()
        .write_string(0, 0, "別のシート")
        .unwrap();
    book.save_to_buffer().unwrap()
}
