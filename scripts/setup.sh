#!/usr/bin/env bash
# Installs what Renkei needs to build, from registries only, skipping what is
# already there at the right version. `scripts/setup.sh --test` adds what the
# tests need (Debian's chromium). Sourced by run.sh and test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
# Must equal the wasm-bindgen crate version pinned in Cargo.toml.
WASM_BINDGEN_VERSION="$(grep -oP '^wasm-bindgen = "=\K[0-9.]+' "$ROOT/Cargo.toml")"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} = 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -qF "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes 10-25 minutes once)"
    # Thin optimisation halves the build time of a tool that only orchestrates.
    CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION" --features no_downloads
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: its lockfile pins a crate version the registry no longer serves.
    CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
      cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

setup_node() {
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || ! cmp -s "$ROOT/package-lock.json" "$ROOT/node_modules/.package-lock.json.renkei"; then
    say "installing npm packages from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$ROOT/node_modules/.package-lock.json.renkei"
  fi
  # ECharts is served from the site's own files, never from a CDN: only the parts the charts
  # draw (scripts/echarts.js), bundled again when that file or the npm packages change.
  local bundle="$ROOT/public/vendor/echarts.min.js"
  if [ ! -s "$bundle" ] || [ "$ROOT/scripts/echarts.js" -nt "$bundle" ] || [ "$ROOT/package-lock.json" -nt "$bundle" ]; then
    say "bundling ECharts"
    mkdir -p "$ROOT/public/vendor"
    "$ROOT/node_modules/.bin/esbuild" "$ROOT/scripts/echarts.js" --bundle --minify --format=iife \
      --legal-comments=eof --log-level=warning --outfile="$bundle"
  fi
}

setup_test_tools() {
  [ -x /usr/bin/chromium ] || apt_install chromium
  # Japanese glyphs for screenshots; not needed for the tests to pass.
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_install fonts-noto-cjk || true
}

setup_rust
setup_node
[ "${1:-}" = "--test" ] && setup_test_tools
# wasm-opt from npm's binaryen: Debian's binaryen 108 produces wasm that never hydrates.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
say "ready"
