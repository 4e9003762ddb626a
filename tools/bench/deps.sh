#!/bin/sh
# tools/bench/deps.sh BENCH_DIR — installs what `make bench` compares jny with, and only what is
# missing: jq and Graphviz's dot (Debian), Chromium (Debian), and Mermaid's CLI from the npm
# registry, pinned by tools/bench/package-lock.json and installed under BENCH_DIR/mmdc (never
# globally), with Puppeteer's own browser download skipped: it drives Debian's Chromium.
#
# A tool that cannot be installed is not an error: run.sh skips its comparison and says so.
# Each outcome is one line on standard error.
set -u
DIR=$1
HERE=$(dirname "$0")
mkdir -p "$DIR"

try_debian() { # PACKAGE...: install the missing ones; quiet when all are there
  sh "$HERE/../install-deps.sh" "$@" >"$DIR/apt.log" 2>&1 && return 0
  echo "bench: could not install $* (see $DIR/apt.log)" >&2
  return 1
}

try_debian jq graphviz || true
try_debian chromium || true
command -v npm >/dev/null 2>&1 || try_debian nodejs npm || true

MMDC="$DIR/mmdc/node_modules/.bin/mmdc"
if [ -x "$MMDC" ] && cmp -s "$HERE/package-lock.json" "$DIR/mmdc/package-lock.json"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "bench: npm is missing: the Mermaid comparison will be skipped" >&2
  exit 0
fi
mkdir -p "$DIR/mmdc"
cp "$HERE/package.json" "$HERE/package-lock.json" "$DIR/mmdc/"
echo "bench: installing Mermaid's CLI under $DIR/mmdc (npm ci)" >&2
if ! (cd "$DIR/mmdc" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error \
  >npm.log 2>&1); then
  echo "bench: npm ci failed (see $DIR/mmdc/npm.log): the Mermaid comparison will be skipped" >&2
  rm -f "$MMDC"
fi
exit 0
