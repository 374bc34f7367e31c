#!/usr/bin/env bash
# Prints Renkei's size and start-up figures from the current release build
# (run `RUSTFLAGS="--cfg erase_components" cargo leptos build --release --split` and
# `scripts/build-form.sh` first, as run.sh does). Used for BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="$ROOT/target/site"

size() { stat -c %s "$1"; }

echo "== built files, and each island with its chunks (bytes: raw / gzip -9)"
python3 "$ROOT/scripts/island-sizes.py" "$SITE/pkg"
echo "== server binary"
printf '%-28s %9d\n' "target/release/server" "$(size "$ROOT/target/release/server")"

# The copies the server serves, written now rather than in the background of each start.
LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=renkei RENKEI_LOG=warn "$ROOT/target/release/server" precompress

echo "== start on an empty SQLite database (migrate + load 2012) to the first ready /readyz"
port=3977
for run in 1 2 3; do
  dir="$(mktemp -d)"
  start=$(date +%s%N)
  DATABASE_URL="sqlite://$dir/renkei.db" RENKEI_BIND="127.0.0.1:$port" RENKEI_LOG=warn \
    LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=renkei LEPTOS_ENV=PROD \
    "$ROOT/target/release/server" &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.005; done
  end=$(date +%s%N)
  printf 'run %d: %d ms\n' "$run" $(((end - start) / 1000000))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done

echo "== home page (HTML, gzip as served)"
dir="$(mktemp -d)"
DATABASE_URL="sqlite://$dir/renkei.db" RENKEI_BIND="127.0.0.1:$port" RENKEI_LOG=warn \
  LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=renkei LEPTOS_ENV=PROD \
  "$ROOT/target/release/server" &
pid=$!
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.01; done
printf '%-28s %9d\n' "/ (gzip transfer)" "$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/" | wc -c)"

echo "== questionnaire page in Chromium"
printf 'measure-password-1\n' | DATABASE_URL="sqlite://$dir/renkei.db" "$ROOT/target/release/server" admin create-respondent \
  --login measure --network 11 --password-stdin >/dev/null
NODE_PATH="$ROOT/node_modules" node "$ROOT/scripts/measure-form.mjs" "http://127.0.0.1:$port" measure measure-password-1
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$dir"
