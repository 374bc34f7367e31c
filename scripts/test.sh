#!/usr/bin/env bash
# Runs every test: formatting, the layer check, clippy (server and browser feature sets),
# Rust unit and database tests on SQLite and PostgreSQL, then Playwright end-to-end tests in
# Debian's Chromium against freshly started servers. The end-to-end server is the debug
# build: cargo-leptos builds it with `--cfg erase_components`, so the Rust tests use that flag
# too and the server reuses their compiled dependencies (the browser bundle is optimised as in
# production, profile wasm-release). Prints each stage's time,
# exits non-zero on any failure and ends with a summary line.
#
# PostgreSQL: TEST_DATABASE_URL if set, else a server on 127.0.0.1:5432
# (user postgres, trust), else a private cluster of Debian's postgresql that
# this script installs, starts and stops. Every test makes its own database.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh --test || exit 1
set +e

WORK="$ROOT/.renkei"
mkdir -p "$WORK"
LOGS="$WORK/logs"
mkdir -p "$LOGS"
PRIVATE_PG=""

pg_answers() { # url
  if command -v psql >/dev/null; then psql "$1" -Atqc 'SELECT 1' >/dev/null 2>&1
  else (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; fi
}

start_private_postgres() {
  apt_install postgresql >&2 || return 1
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  PRIVATE_PG="$WORK/pg"
  rm -rf "$PRIVATE_PG" && mkdir -p "$PRIVATE_PG" && chown postgres "$PRIVATE_PG"
  as_root runuser -u postgres -- "$bin/initdb" -D "$PRIVATE_PG/data" -A trust -U postgres >"$LOGS/initdb.log" 2>&1 || return 1
  as_root runuser -u postgres -- "$bin/pg_ctl" -D "$PRIVATE_PG/data" -l "$PRIVATE_PG/log" -w \
    -o "-p 55432 -k /tmp -c listen_addresses=127.0.0.1" start >&2 || return 1
  PG_CTL="$bin/pg_ctl"
  echo "postgres://postgres@127.0.0.1:55432/postgres"
}

stop_private_postgres() {
  [ -n "$PRIVATE_PG" ] && as_root runuser -u postgres -- "$PG_CTL" -D "$PRIVATE_PG/data" -m fast stop >/dev/null 2>&1
}
trap stop_private_postgres EXIT

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  say "PostgreSQL: TEST_DATABASE_URL"
elif pg_answers "postgres://postgres@127.0.0.1:5432/postgres"; then
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
  say "PostgreSQL: the server on 127.0.0.1:5432"
else
  say "PostgreSQL: none running; starting a private cluster"
  TEST_DATABASE_URL="$(start_private_postgres)" || { echo "could not start PostgreSQL" >&2; exit 1; }
  export TEST_DATABASE_URL
fi

export RUSTFLAGS="--cfg erase_components"
passed=0; failed=0; status=0
STARTED=$SECONDS
STAGE_START=$SECONDS
stage() { # name: closes the previous stage's clock, opens the next
  [ -n "${STAGE:-}" ] && say "$STAGE: $((SECONDS - STAGE_START)) s"
  STAGE="$1"; STAGE_START=$SECONDS
  [ -n "$STAGE" ] && say "$STAGE"
}
check() { # name command…: a check that passes or fails as one test
  if "${@:2}" 2>&1 | tee -a "$LOGS/checks.log"; [ "${PIPESTATUS[0]}" = 0 ]; then
    passed=$((passed + 1))
  else
    echo "FAILED: $1" >&2; failed=$((failed + 1)); status=1
  fi
}

stage "formatting and layers"
check "cargo fmt --check" cargo fmt --all --check
check "layers" scripts/check-layers.sh

stage "clippy, server and browser feature sets"
check "clippy (ssr)" cargo clippy --workspace --all-targets -q -- -D warnings
check "clippy (hydrate)" cargo clippy -p app --no-default-features --features hydrate \
  --target wasm32-unknown-unknown -q -- -D warnings
check "clippy (form module)" cargo clippy -p form --features browser \
  --target wasm32-unknown-unknown -q -- -D warnings

stage "Rust tests (unit, and database tests on SQLite and PostgreSQL)"
cargo test --workspace 2>&1 | tee "$LOGS/cargo-test.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
read -r p f < <(grep -E '^test result:' "$LOGS/cargo-test.log" |
  sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/' | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
passed=$((passed + p)); failed=$((failed + f))

stage "build for the end-to-end tests"
if cargo leptos build --split 2>&1 | tee "$LOGS/build.log" | grep -E '^(error|warning)|Finished|Compiling (app|server) '; then :; fi
build_status=${PIPESTATUS[0]}
[ "$build_status" = 0 ] && { scripts/build-form.sh 2>&1 | tee -a "$LOGS/build.log"; build_status=${PIPESTATUS[0]}; }
if [ "$build_status" != 0 ]; then
  echo "build failed; see $LOGS/build.log" >&2
  status=1; failed=$((failed + 1))
else
  stage "compressed copies of the built files (the test servers then start without that work)"
  LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=renkei RENKEI_LOG=warn \
    target/debug/server precompress
  stage "Playwright end-to-end tests in Chromium"
  (cd end2end && E2E_PROFILE=debug E2E_POSTGRES_URL="$TEST_DATABASE_URL" npx playwright test --reporter=list) 2>&1 | tee "$LOGS/e2e.log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
  p=$(grep -oE '^\s*[0-9]+ passed' "$LOGS/e2e.log" | grep -oE '[0-9]+' | tail -n1)
  f=$(grep -oE '^\s*[0-9]+ failed' "$LOGS/e2e.log" | grep -oE '[0-9]+' | tail -n1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ -z "$p" ] && [ -z "$f" ] && { status=1; failed=$((failed + 1)); }
fi

stage ""
say "whole test command: $((SECONDS - STARTED)) s"
echo
echo "renkei: $passed passed, $failed failed"
exit $status
