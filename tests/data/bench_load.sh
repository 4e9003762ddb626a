#!/usr/bin/env bash
# A benchmark, not a test (tests/run.sh does not run it): how long jny takes to load a survey
# CSV of ROWS rows (default 1,000,000; about 28 MB) and compute an NPS over a quarter of it.
# Usage: bash tests/data/bench_load.sh [JNY [ROWS]]   (JNY defaults to build/jny)
set -eu
JNY=${1:-build/jny}
ROWS=${2:-1000000}
JNY=$(cd "$(dirname "$JNY")" && pwd)/$(basename "$JNY")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/jny-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
awk -v n="$ROWS" 'BEGIN {
  print "respondent,touchpoint,score,date"
  split("welcome checkout delivery support", tp, " ")
  srand(1)
  for (i = 1; i <= n; i++)
    printf "%d,%s,%d,2026-%02d-%02d\n", i, tp[1 + i % 4], int(rand() * 11), 1 + i % 12, 1 + i % 28
}' >survey.csv
cat >bench.jny <<'JNY'
data survey from "survey.csv"
kpi welcome_nps { measure nps([r.score for r in survey where r.touchpoint == "welcome"]) }
JNY
echo "$(wc -c <survey.csv) bytes, $ROWS rows"
TIMEFORMAT='load only:             %R s'
time "$JNY" query bench.jny 'from x in [count(survey)] select x' >/dev/null
TIMEFORMAT='load and NPS of 1/4:   %R s'
time "$JNY" query bench.jny 'from k in kpis select k.value' >/dev/null
