//! In production the built files are served from their best-level precompressed copies when
//! the browser accepts the encoding, and as they are otherwise.

use crate::support::http::send;
use axum::http::header;
use leptos::config::{Env, LeptosOptions};

#[tokio::test]
async fn built_files_are_served_precompressed() {
    let db = crate::support::sqlite().await;
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm: Vec<u8> = (0..100_000u32)
        .flat_map(|i| (i % 97).to_le_bytes())
        .collect();
    std::fs::write(pkg.join("renkei.wasm"), &wasm).unwrap();
    assert_eq!(server::assets::precompress(&pkg).unwrap(), 2);
    let options = |env| {
        LeptosOptions::builder()
            .output_name("renkei")
            .site_root(site.path().to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .env(env)
            .build()
    };
    let router = server::http::router(options(Env::PROD), db.pool.clone());

    let request = |encoding: &str| {
        let mut request = crate::support::http::get("/pkg/renkei.wasm", None);
        request
            .headers_mut()
            .insert(header::ACCEPT_ENCODING, encoding.parse().unwrap());
        request
    };
    let br = send(&router, request("gzip, deflate, br")).await;
    assert_eq!(br.status, 200);
    assert_eq!(br.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(br.headers[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(br.bytes, std::fs::read(pkg.join("renkei.wasm.br")).unwrap());
    let gz = send(&router, request("gzip")).await;
    assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(gz.bytes, std::fs::read(pkg.join("renkei.wasm.gz")).unwrap());
    let plain = send(&router, request("identity")).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes, wasm);
    // In development the files change under the server: compressed afresh, never a copy.
    let development = server::http::router(options(Env::DEV), db.pool.clone());
    let fresh = send(&development, request("br")).await;
    assert_ne!(
        fresh.bytes, br.bytes,
        "a development server does not serve the start-up copy"
    );
    db.drop_db().await;
}
