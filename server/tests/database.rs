//! The schema, the 2012 import and the repository functions, on SQLite and on PostgreSQL.

use crate::support::queries::count;
use crate::support::TestDb;
use sqlx::Row;
use survey::geography::Region;

on_both_backends!(migrates_from_empty, async |db: &TestDb| {
    server::db::migrate(&db.pool, &db.url).await.unwrap();
    for table in server::backup::TABLES {
        assert_eq!(
            count(db, &format!("SELECT COUNT(*) FROM {table} WHERE 1 = 0")).await,
            0,
            "{table}"
        );
    }
    // Migrating again changes nothing.
    server::db::migrate(&db.pool, &db.url).await.unwrap();
    let row = sqlx::query("SELECT id, status FROM editions")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(row.get::<String, _>("id"), "2012");
    assert_eq!(row.get::<String, _>("status"), "open");
    assert_eq!(
        store::editions::current(&db.pool).await.unwrap().as_deref(),
        Some("2012")
    );
    let edition = store::editions::definition(&db.pool, "2012")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(edition.sections.len(), 11, "A–J and the 回答者 block");
});

on_both_backends!(loads_the_2012_dataset_once, async |db: &TestDb| {
    let pool = server::db::prepare(&db.url).await.unwrap();
    assert_eq!(count(db, "SELECT COUNT(*) FROM networks").await, 154);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM responses WHERE edition_id = '2012'"
        )
        .await,
        154
    );
    let figures = store::public::home_figures(&pool, "2012").await.unwrap();
    assert_eq!(figures.networks, 154);
    let expected = [
        (Region::Hokkaido, 17),
        (Region::Tohoku, 13),
        (Region::Kanto, 25),
        (Region::Chubu, 30),
        (Region::Kinki, 20),
        (Region::Chugoku, 17),
        (Region::Shikoku, 13),
        (Region::Kyushu, 19),
    ];
    assert_eq!(figures.by_region, expected);
    assert_eq!(figures.earliest_start_year, Some(2000));

    // Preparing again, or importing again, adds nothing and changes no version.
    server::db::prepare(&db.url).await.unwrap();
    server::import::load_2012(&pool).await.unwrap();
    assert_eq!(count(db, "SELECT COUNT(*) FROM networks").await, 154);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM responses WHERE version <> 1").await,
        0
    );
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'import_2012'"
        )
        .await,
        2
    );

    // The 13 公開URL entries that are not URLs are staff notes on their networks, once.
    assert_eq!(count(db, "SELECT COUNT(*) FROM network_notes").await, 13);
    let id: i64 = sqlx::query_scalar("SELECT id FROM networks WHERE report_no = 6")
        .fetch_one(&pool)
        .await
        .unwrap();
    let notes = store::network_notes::of_network(&pool, id).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].author, None, "written by the import, not by staff");
    assert_eq!(
        notes[0].text,
        server::import::url_note("一般公開はしていない")
    );

    // Answers and disclosure survive storage as typed records.
    let row = sqlx::query(
        "SELECT r.answers, r.disclosure FROM responses r JOIN networks n ON n.id = r.network_id WHERE n.report_no = 4",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let answers: survey::Answers = serde_json::from_str(&row.get::<String, _>("answers")).unwrap();
    assert_eq!(
        answers.text("overview.main.nickname"),
        Some("ＩＤ－ＬＩＮＫ")
    );
    let disclosure: survey::DisclosureChoices =
        serde_json::from_str(&row.get::<String, _>("disclosure")).unwrap();
    assert_eq!(disclosure.of("budget"), survey::Disclosure::Private);
});

on_both_backends!(a_bad_file_imports_nothing, async |db: &TestDb| {
    server::db::migrate(&db.pool, &db.url).await.unwrap();
    let bad = server::import::NETWORKS_CSV.replacen("\n154,", "\nxx,", 1);
    let error = server::import::import_2012(
        &db.pool,
        &bad,
        server::import::COMPANIES_CSV,
        server::import::REPORT_TEXT,
    )
    .await
    .unwrap_err();
    let error = error.downcast::<server::import::ImportError>().unwrap();
    assert_eq!(error.field, "no");
    assert_eq!(error.row, 154);
    assert_eq!(count(db, "SELECT COUNT(*) FROM networks").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM audit_log").await, 0);
});

on_both_backends!(the_audit_log_is_append_only, async |db: &TestDb| {
    server::db::migrate(&db.pool, &db.url).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    store::audit_log::append(
        &mut conn,
        &store::audit_log::Entity::Cli,
        "export",
        &store::audit_log::Entity::Responses,
        &serde_json::json!({"a": 1}),
    )
    .await
    .unwrap();
    assert!(sqlx::query("UPDATE audit_log SET action = 'forged'")
        .execute(&mut *conn)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&mut *conn)
        .await
        .is_err());
    // PostgreSQL's TRUNCATE skips row triggers (SQLite has no TRUNCATE).
    if db.url.starts_with("postgres") {
        assert!(sqlx::query("TRUNCATE audit_log")
            .execute(&mut *conn)
            .await
            .is_err());
    }
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'export'").await,
        1
    );
});

on_both_backends!(accounts_store_only_argon2_hashes, async |db: &TestDb| {
    use store::accounts::{self, AccountError, Role};
    server::db::migrate(&db.pool, &db.url).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let id = accounts::create(&mut conn, Role::Staff, "sato", "a long enough secret")
        .await
        .unwrap();
    assert!(id > 0);
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM staff WHERE login = 'sato'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$") && !hash.contains("secret"));
    assert!(accounts::verify_password("a long enough secret", &hash));
    assert!(matches!(
        accounts::create(&mut conn, Role::Staff, "sato", "another long secret").await,
        Err(AccountError::LoginTaken(_))
    ));
    assert!(matches!(
        accounts::create(&mut conn, Role::Staff, "suzuki", "short").await,
        Err(AccountError::WeakPassword(_))
    ));
    // Ten spaces, the login itself: refused alike (the CLI creates accounts through here).
    for weak in ["          ", "suzuki-suzuki", "password1234"] {
        assert!(matches!(
            accounts::create(&mut conn, Role::Staff, "suzuki-suzuki", weak).await,
            Err(AccountError::WeakPassword(_))
        ));
    }
    // The same login may exist once per role.
    accounts::create(&mut conn, Role::Respondent, "sato", "a long enough secret")
        .await
        .unwrap();
});

on_both_backends!(sessions_live_in_the_database, async |db: &TestDb| {
    use store::accounts::{self, Role};
    use store::sessions;
    server::db::migrate(&db.pool, &db.url).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let id = accounts::create(&mut conn, Role::Respondent, "net004", "respondent password")
        .await
        .unwrap();
    drop(conn);
    assert_eq!(
        accounts::authenticate(&db.pool, Role::Respondent, "net004", "respondent password")
            .await
            .unwrap(),
        Some(id)
    );
    assert_eq!(
        accounts::authenticate(&db.pool, Role::Respondent, "net004", "wrong password")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        accounts::authenticate(&db.pool, Role::Staff, "net004", "respondent password")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        accounts::authenticate(&db.pool, Role::Respondent, "nobody", "respondent password")
            .await
            .unwrap(),
        None
    );

    let token = sessions::create(&db.pool, Role::Respondent, id)
        .await
        .unwrap();
    assert_eq!(token.len(), 64);
    // Only the hash is stored.
    assert_eq!(
        count(
            db,
            &format!("SELECT COUNT(*) FROM sessions WHERE token_hash = '{token}'")
        )
        .await,
        0
    );
    let me = sessions::lookup(&db.pool, &token).await.unwrap().unwrap();
    assert_eq!(
        (me.role, me.user_id, me.login.as_str()),
        (Role::Respondent, id, "net004")
    );
    assert_eq!(sessions::lookup(&db.pool, "forged").await.unwrap(), None);

    // An idle session expires.
    sqlx::query("UPDATE sessions SET expires_at = 0")
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(sessions::lookup(&db.pool, &token).await.unwrap(), None);

    // A busy session still ends 12 hours after signing in, and is never extended past that.
    let token = sessions::create(&db.pool, Role::Respondent, id)
        .await
        .unwrap();
    let signed_in = store::now() - sessions::ABSOLUTE_SECONDS + 60;
    sqlx::query("UPDATE sessions SET created_at = $1")
        .bind(signed_in)
        .execute(&db.pool)
        .await
        .unwrap();
    assert!(sessions::lookup(&db.pool, &token).await.unwrap().is_some());
    let expires: i64 = sqlx::query_scalar("SELECT MAX(expires_at) FROM sessions")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(expires, signed_in + sessions::ABSOLUTE_SECONDS);
    sqlx::query("UPDATE sessions SET created_at = $1")
        .bind(signed_in - 120)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(sessions::lookup(&db.pool, &token).await.unwrap(), None);
    sessions::delete(&db.pool, &token).await.unwrap();

    // A disabled account's sessions stop working; logout deletes the session.
    let token = sessions::create(&db.pool, Role::Respondent, id)
        .await
        .unwrap();
    sqlx::query("UPDATE respondents SET disabled = 1")
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(sessions::lookup(&db.pool, &token).await.unwrap(), None);
    sessions::delete(&db.pool, &token).await.unwrap();
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM sessions WHERE expires_at > 0").await,
        0
    );
});

/// Whether a sign-in attempt in these scopes may go on to the password check.
async fn allowed(db: &TestDb, login: &str, address: &str) -> bool {
    matches!(
        store::throttle::take(&db.pool, login, address)
            .await
            .unwrap(),
        store::throttle::Taken::Allowed(_)
    )
}

on_both_backends!(
    login_attempts_are_throttled_per_account_and_address,
    async |db: &TestDb| {
        use store::throttle::{self, Taken};
        server::db::migrate(&db.pool, &db.url).await.unwrap();
        // Attempts that go on and fail stay as failures, up to the account's limit.
        for _ in 0..throttle::MAX_PER_LOGIN {
            assert!(allowed(db, "respondent:a", "ip:1.2.3.4").await);
        }
        match throttle::take(&db.pool, "respondent:a", "ip:1.2.3.4")
            .await
            .unwrap()
        {
            Taken::Refused { wait } => assert!(wait > 0 && wait <= throttle::WINDOW_SECONDS),
            Taken::Allowed(_) => panic!("a sixth attempt went on"),
        }
        // A refused attempt is taken back: it does not lengthen the wait.
        let failures = "SELECT COUNT(*) FROM login_failures WHERE scope = 'respondent:a'";
        assert_eq!(count(db, failures).await, throttle::MAX_PER_LOGIN);
        // Another account from another address is not affected; the same address is, past its limit.
        assert!(allowed(db, "respondent:b", "ip:5.6.7.8").await);
        for i in 0..throttle::MAX_PER_ADDRESS {
            assert!(allowed(db, &format!("respondent:x{i}"), "ip:9.9.9.9").await);
        }
        assert!(!allowed(db, "respondent:new", "ip:9.9.9.9").await);
        // Success forgets the account's failures, and its own attempt at the address.
        let Taken::Allowed(attempt) = throttle::take(&db.pool, "respondent:c", "ip:5.6.7.8")
            .await
            .unwrap()
        else {
            panic!("a first attempt is allowed");
        };
        throttle::succeeded(&db.pool, attempt).await.unwrap();
        let left =
            "SELECT COUNT(*) FROM login_failures WHERE scope IN ('respondent:c', 'ip:5.6.7.8')";
        assert_eq!(
            count(db, left).await,
            1,
            "only respondent:b's failure at that address"
        );
    }
);

on_both_backends!(
    ready_only_with_a_migrated_database_alive_regardless,
    async |db: &TestDb| {
        use crate::support::http::{get, send};
        let router = crate::support::fixtures::router(db);
        // An empty database has no schema yet: alive, not ready.
        assert_eq!(send(&router, get("/healthz", None)).await.status, 200);
        let reply = send(&router, get("/readyz", None)).await;
        assert_eq!(reply.status, 503);
        assert_eq!(reply.body(), "database unavailable");
        server::db::migrate(&db.pool, &db.url).await.unwrap();
        let reply = send(&router, get("/readyz", None)).await;
        assert_eq!((reply.status.as_u16(), reply.body()), (200, "ready".into()));
    }
);

/// Every row of every table but the migrations' own (whose times the Any driver cannot
/// read), each as its values in words, sorted.
async fn every_row(pool: &sqlx::AnyPool) -> Vec<(&'static str, Vec<String>)> {
    let mut out = vec![];
    for table in server::backup::TABLES
        .into_iter()
        .filter(|t| !t.starts_with('_'))
    {
        let query = sqlx::AssertSqlSafe(format!("SELECT * FROM {table}"));
        let mut rows: Vec<String> = sqlx::query(query)
            .fetch_all(pool)
            .await
            .unwrap()
            .iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        row.try_get::<Option<i64>, _>(i)
                            .map(|v| format!("{v:?}"))
                            .or_else(|_| {
                                row.try_get::<Option<String>, _>(i)
                                    .map(|v| format!("{v:?}"))
                            })
                            .or_else(|_| {
                                row.try_get::<Option<Vec<u8>>, _>(i)
                                    .map(|v| format!("{v:?}"))
                            })
                            .unwrap_or_else(|e| panic!("{table} column {i}: {e}"))
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        rows.sort();
        out.push((table, rows));
    }
    out
}

on_both_backends!(
    a_backup_restores_every_row_and_the_log_stays_append_only,
    async |db: &TestDb| {
        use server::backup::{backup, restore};
        let pool = server::db::prepare(&db.url).await.unwrap();
        crate::support::fixtures::staff(db, "zq-backup-staff", "zq-backup-password").await;
        let network: i64 = sqlx::query_scalar("SELECT id FROM networks WHERE report_no = 4")
            .fetch_one(&pool)
            .await
            .unwrap();
        let mut tx = pool.begin().await.unwrap();
        store::network_notes::add(
            &mut tx,
            network,
            &store::audit_log::Entity::Cli,
            survey::notes::Channel::Phone,
            "10/3 電話：金曜までに回答",
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let before = every_row(&pool).await;

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("renkei.backup");
        let summary = backup(&pool, &db.url, &file).await.unwrap();
        assert!(summary.contains(&("networks", 154)), "{summary:?}");
        assert!(summary.contains(&("network_notes", 14)), "{summary:?}");
        let again = backup(&pool, &db.url, &file).await.unwrap_err();
        assert!(again.to_string().contains("exists already"), "{again}");

        // What happens after the backup is undone by restoring it.
        let mut tx = pool.begin().await.unwrap();
        store::network_notes::add(
            &mut tx,
            network,
            &store::audit_log::Entity::Cli,
            survey::notes::Channel::Note,
            "after the backup",
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        sqlx::query("DELETE FROM sessions")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        db.pool.close().await;

        let refused = restore(&db.url, &file, false).await.unwrap_err();
        assert!(refused.to_string().contains("--replace"), "{refused}");
        let restored = restore(&db.url, &file, true).await.unwrap();
        assert_eq!(restored, summary);
        let pool = server::db::connect(&db.url).await.unwrap();
        assert_eq!(every_row(&pool).await, before);
        // Still append-only, and a server starting on it finds nothing to migrate or load.
        for change in ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"] {
            assert!(
                sqlx::query(change).execute(&pool).await.is_err(),
                "{change}"
            );
        }
        server::db::prepare_pool(&pool, &db.url).await.unwrap();
        assert_eq!(every_row(&pool).await, before);
        pool.close().await;

        // A file that is not a backup is refused and leaves the database as it was.
        let junk = dir.path().join("junk.backup");
        std::fs::write(&junk, "not a database").unwrap();
        assert!(restore(&db.url, &junk, true).await.is_err());
        let pool = server::db::connect(&db.url).await.unwrap();
        assert_eq!(every_row(&pool).await, before);
        pool.close().await;
    }
);
