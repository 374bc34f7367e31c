#!/usr/bin/env bash
# Builds the questionnaire form's browser module (crates/form with the feature `browser`) into
# the site's pkg directory as form.js and form_bg.wasm. cargo-leptos builds one browser crate
# only, so run.sh and test.sh call this after `cargo leptos build`. It shares cargo-leptos'
# target directory and wasm profile, so the crates both use compile once.
# Needs wasm-bindgen and wasm-opt on PATH (scripts/setup.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="${LEPTOS_SITE_ROOT:-$ROOT/target/site}/${LEPTOS_SITE_PKG_DIR:-pkg}"
TARGET="$ROOT/target/front"

cargo build -q -p form --lib --features browser --target wasm32-unknown-unknown \
  --profile wasm-release --target-dir "$TARGET"
mkdir -p "$PKG"
wasm-bindgen --target web --no-typescript --out-dir "$PKG" --out-name form \
  "$TARGET/wasm32-unknown-unknown/wasm-release/form.wasm"
# The features rustc's wasm32 target emits by default, so wasm-opt accepts the module.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$PKG/form_bg.wasm" -o "$PKG/form_bg.wasm"
