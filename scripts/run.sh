#!/usr/bin/env bash
# Sets up, builds in release mode and serves Renkei on SQLite (data/renkei.db,
# created and loaded with the 2012 dataset when new) at http://127.0.0.1:3000.
# Configure with RENKEI_BIND=host:port and DATABASE_URL=sqlite://… or postgres://….
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh
# Erased view types, as the tests build: the fully typed views of the larger islands exceed
# rustc's query depth in the browser build.
export RUSTFLAGS="--cfg erase_components"
cargo leptos build --release --split
scripts/build-form.sh
export LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=renkei LEPTOS_ENV=PROD
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
exec "$ROOT/target/release/server" "$@"
