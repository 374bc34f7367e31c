#!/usr/bin/env bash
# Fails when a crate or a module depends on a layer above it (ARCHITECTURE.md, "Layers"):
#   survey (pure core) ← charts ← store ← app ← server
#   survey ← wire (the server functions' error and form types) ← form (the form's browser
#   module) ← app
# and inside app: i18n, error ← db, auth ← api ← components ← pages ← app.rs (the router).
# Run by scripts/test.sh; needs only cargo and grep.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
failed=0

# crate, its features, and the crates that must not appear among its normal dependencies.
check_crate() {
  local crate="$1" features="$2" forbidden="$3" found
  found="$(cargo tree --offline -q -p "$crate" -e normal --features "$features" --prefix none \
    --format '{p}' 2>&1 | awk '{print $1}' | grep -xE "$forbidden" | sort -u)"
  if [ -n "$found" ]; then
    echo "layers: crate $crate depends on: $(echo "$found" | tr '\n' ' ')" >&2
    failed=1
  fi
}
FRAMEWORKS='leptos|leptos_axum|leptos_router|leptos_meta|axum|sqlx|tokio|charming|web-sys'
check_crate survey "" "$FRAMEWORKS|charts|store|app|server"
check_crate charts "protect,adversary" "$FRAMEWORKS|store|app|server"
check_crate wire "" "$FRAMEWORKS|charts|store|form|app|server"
check_crate form "browser" 'leptos|leptos_axum|leptos_router|leptos_meta|axum|sqlx|tokio|charming|charts|store|app|server'
check_crate store "" 'leptos|leptos_axum|leptos_router|leptos_meta|axum|charming|web-sys|app|server'

# folder or file, and the modules of `crate::` it must not name.
check_module() {
  local path="$1" forbidden="$2" found
  found="$(grep -rnE "crate::($forbidden)\b" "app/src/$path" 2>/dev/null)"
  if [ -n "$found" ]; then
    echo "layers: app/src/$path imports from a layer above it:" >&2
    echo "$found" >&2
    failed=1
  fi
}
check_module i18n 'error|db|auth|api|components|pages|app'
check_module error.rs 'db|auth|api|components|pages|app'
check_module db.rs 'auth|api|components|pages|app'
check_module auth.rs 'api|components|pages|app'
check_module api 'components|pages|app'
check_module components 'pages|app'
check_module pages 'app'

if [ "$failed" = 0 ]; then echo "layers: every dependency points down"; fi
exit "$failed"
