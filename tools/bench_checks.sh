#!/usr/bin/env bash
# tools/bench_checks.sh [JNY] [N] — times `jny check` on a generated model of N touchpoints
# (default 100000) with and without std.lint and a few user checks, and prints the time the
# checks add. The issue's bar: a rule set over 100k touchpoints in well under a second. Not a
# timed test (machines differ): run it by hand after touching runtime/eval/.
set -eu
JNY=${1:-build/jny}
N=${2:-100000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/jny-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

awk -v n="$N" 'BEGIN {
  print "team cx \"CX\""
  for (s = 1; s <= 10; s++) printf "stage s%d \"Stage %d\"\n", s, s
  for (i = 1; i <= n; i++) {
    s = int((i - 1) * 10 / n) + 1
    printf "touchpoint t%d \"T%d\" { stage s%d; owner cx; emotion %d; pain p%d \"P\" severity %d", i, i, s, (i % 7) - 3, i, (i % 5) + 1
    if (i < n) printf "; -> t%d", i + 1
    print " }"
    if ((i % 5) + 1 >= 4) printf "opportunity o%d \"O\" { fixes p%d; due 2999-01-01 }\n", i, i
  }
}' >"$TMP/model.jny"
{
  cat "$TMP/model.jny"
  cat <<'JNY'
use std.lint
check severe "Severe pains have a fix" {
  for p in pains where p.severity >= 4
  assert count(p.opportunities) > 0 or p.touchpoint.emotion >= -3
}
check stage_mood "Stages are not miserable" {
  for s in stages
  assert s.emotion == none or s.emotion > -3
}
check happy "Half the journey is happy" { assert happiness(touchpoints) >= 0% }
JNY
} >"$TMP/rules.jny"

run() { # FILE: seconds for one `jny check`
  local start end
  start=$(date +%s.%N)
  "$JNY" check --today 2026-11-23 "$1" >/dev/null || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
base=$(run "$TMP/model.jny")
rules=$(run "$TMP/rules.jny")
echo "touchpoints: $N"
echo "model only:      ${base}s"
echo "model and rules: ${rules}s"
awk -v a="$base" -v b="$rules" 'BEGIN { printf "the rules add:   %.3fs\n", b - a }'
