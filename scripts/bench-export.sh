#!/usr/bin/env bash
# Staff export figures (BENCHMARKS.md): COUNT synthetic responses (default 100,000) in a fresh
# SQLite database (or DATABASE_URL), then the CSV and the XLSX export, each in its own process,
# printing time and peak memory. Builds with the bench profile (optimised).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
url="${DATABASE_URL:-sqlite://$dir/bench.db}"
bench() { cargo bench -q -p server --bench export -- "$@"; }
cargo bench -q -p server --bench export --no-run
bench generate "$url" "$count"
bench csv "$url"
bench xlsx "$url"
