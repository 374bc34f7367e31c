//! The site's built files (`/pkg`: wasm, its chunks, JS, CSS; `/vendor`: ECharts), served
//! from precompressed copies. Brotli at its best level shrinks the wasm far more than the
//! on-the-fly compression a request can afford, so each file is compressed once, in the
//! background at start-up (or beforehand by `server precompress`), next to the original
//! (`.br`, `.gz`); until its copy exists a file is compressed on the fly as before.
//! Production only (`LEPTOS_ENV=PROD`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use leptos::config::{Env, LeptosOptions};
use tower_http::services::ServeDir;

/// The directories of built files under the site root, with the path each is served at.
fn directories(options: &LeptosOptions) -> [(String, PathBuf); 2] {
    let site = Path::new(options.site_root.as_ref());
    [
        (
            format!("/{}", options.site_pkg_dir),
            site.join(options.site_pkg_dir.as_ref()),
        ),
        ("/vendor".into(), site.join("vendor")),
    ]
}

/// Precompressed copies only in production: in development (`cargo leptos watch`) the files
/// change under a running server, and a copy made at its start would go stale.
fn precompressed(options: &LeptosOptions) -> bool {
    options.env == Env::PROD
}

/// Serves the built files; in production a compressed copy the browser accepts.
pub fn router<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    directories(options)
        .into_iter()
        .fold(Router::new(), |router, (at, dir)| {
            let files = ServeDir::new(dir);
            let files = if precompressed(options) {
                files.precompressed_br().precompressed_gzip()
            } else {
                files
            };
            router.nest_service(&at, files)
        })
}

/// In production, writes the copies in the background, off the request path.
pub fn precompress_in_background(options: &LeptosOptions) {
    if !precompressed(options) {
        return;
    }
    let directories = directories(options);
    tokio::task::spawn_blocking(move || {
        for (_, dir) in directories {
            match precompress(&dir) {
                Ok(written) => tracing::info!(dir = %dir.display(), written, "precompressed"),
                Err(e) => {
                    tracing::warn!(dir = %dir.display(), error = %e, "precompressing failed; compressing on the fly")
                }
            }
        }
    });
}

/// Writes the copies now (`server precompress`, after a build), so that servers starting
/// on this site directory find them fresh and spend no start-up time on them.
pub fn precompress_site(options: &LeptosOptions) -> std::io::Result<usize> {
    directories(options)
        .iter()
        .map(|(_, dir)| precompress(dir))
        .sum()
}

fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("wasm" | "js" | "css" | "json" | "svg")
    )
}

/// Writes the missing or stale `.br` and `.gz` copies of the compressible files in `dir`;
/// returns how many it wrote. Each copy is written whole before it replaces the old one, so a
/// request never sees half a copy.
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(0);
    };
    for entry in entries {
        let path = entry?.path();
        if !path.is_file() || !compressible(&path) {
            continue;
        }
        let modified = fs::metadata(&path)?.modified()?;
        for (suffix, compress) in [
            ("br", brotli as fn(&[u8]) -> std::io::Result<Vec<u8>>),
            ("gz", gzip),
        ] {
            let copy = path.with_file_name(format!(
                "{}.{suffix}",
                path.file_name().unwrap_or_default().to_string_lossy()
            ));
            if fs::metadata(&copy)
                .and_then(|m| m.modified())
                .is_ok_and(|m| m >= modified)
            {
                continue;
            }
            let bytes = compress(&fs::read(&path)?)?;
            // Several servers may share the site directory: each writer has its own partial file.
            static WRITES: AtomicUsize = AtomicUsize::new(0);
            let partial = copy.with_extension(format!(
                "{suffix}.{}-{}.partial",
                std::process::id(),
                WRITES.fetch_add(1, Ordering::Relaxed)
            ));
            fs::write(&partial, bytes)?;
            fs::rename(&partial, &copy)?;
            written += 1;
        }
    }
    Ok(written)
}

fn brotli(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    // Quality 11 with the largest window: slow, but once per file.
    let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
    writer.write_all(data)?;
    drop(writer);
    Ok(out)
}

/// Zopfli: gzip that every browser reads, about 5% smaller than zlib's best level; slow,
/// but once per file.
fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        data,
        &mut out,
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_fresh_copies_that_decompress_to_the_file_and_skips_them_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let wasm: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        fs::write(dir.path().join("renkei.wasm"), &wasm).unwrap();
        fs::write(dir.path().join("notes.txt"), "not served compressed").unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), 2);
        let br = fs::read(dir.path().join("renkei.wasm.br")).unwrap();
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unpacked).unwrap();
        assert_eq!(unpacked, wasm);
        let gz = fs::read(dir.path().join("renkei.wasm.gz")).unwrap();
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unpacked)
            .unwrap();
        assert_eq!(unpacked, wasm);
        let mut zlib_best = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        zlib_best.write_all(&wasm).unwrap();
        assert!(
            gz.len() < zlib_best.finish().unwrap().len(),
            "zopfli beats zlib's best level"
        );
        assert!(!dir.path().join("notes.txt.br").exists());
        assert_eq!(precompress(dir.path()).unwrap(), 0, "fresh copies are kept");
    }

    #[test]
    fn servers_sharing_a_site_directory_compress_it_at_the_same_time() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["renkei.wasm", "renkei.js", "renkei.css"] {
            fs::write(dir.path().join(name), name.repeat(20_000)).unwrap();
        }
        let path = dir.path().to_path_buf();
        let writers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || precompress(&path))
            })
            .collect();
        for writer in writers {
            writer.join().unwrap().unwrap();
        }
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(dir.path().join("renkei.js.br")).unwrap()[..],
            &mut unpacked,
        )
        .unwrap();
        assert_eq!(unpacked, "renkei.js".repeat(20_000).into_bytes());
        assert!(fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")));
    }
}
