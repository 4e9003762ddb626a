#!/usr/bin/env bash
# tools/bench/run.sh JNY BENCH_DIR — the benchmark behind `make bench` (docs/performance.md).
#
# Generates journeys of 1k, 10k, 100k and 1M touchpoints (tools/bench/gen, fixed seed), times
# `jny check` (the models use std.lint), `jny query`, `jny export` and `jny render` on them, and
# sets them side by side with tools that do part of the same work on the same machine in the same
# run: `jq empty` on the model exported as JSON, Graphviz's `dot` on jny's own DOT output, and
# Mermaid's CLI on the same journey written as a Mermaid `journey` diagram. Prints one table and
# the targets of docs/performance.md, met or missed; the table is also left in BENCH_DIR/table.txt.
#
# Machines are noisy: compare the ratios, not absolute times between runs. Each timing is the
# shortest of several runs (one for the 1M model), wall clock including process start-up; the
# renderers are timed in alternation, so that a burst of load elsewhere hits both.
# JNY_BENCH_SIZES="1000 10000" runs a subset. A comparison whose tool is missing is skipped,
# with the reason in the table.
set -eu
JNY=$1
DIR=$2
SIZES=${JNY_BENCH_SIZES:-1000 10000 100000 1000000}
TODAY=2026-11-23
JQ_MAX=100000 # jq 1.6 holds the whole document: the 1M model's JSON would need ~17 GB
SMALL=24      # touchpoints in the journey the renderers are compared on
M="$DIR/measure"
G="$DIR/gen"
OUT="$DIR/table.txt"
MMDC="$DIR/mmdc/node_modules/.bin/mmdc"
CHROMIUM=$(command -v chromium || true)
mkdir -p "$DIR/models"
: >"$OUT"

say() { printf '%s\n' "$*" | tee -a "$OUT"; }
runs_for() { # N: how many runs to take the median of
  if [ "$1" -ge 1000000 ]; then echo 1; elif [ "$1" -ge 100000 ]; then echo 3; else echo 5; fi
}
num() { # 100000 -> 100,000
  awk -v n="$1" 'BEGIN { s = sprintf("%d", n); out = "";
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    print s out }'
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

# measure RUNS OUTFILE CMD...: sets T (seconds), K (peak KiB), S (exit status), C (CPU seconds)
measure() {
  local runs=$1 out=$2
  shift 2
  read -r T K S C < <("$M" -n "$runs" -o "$out" -- "$@")
}

# alternate ROUNDS: times the renderers RA ("$@" of ra) and RB in turn, one run each per round,
# keeping each one's best: sets TA, KA, CA and TB, KB, CB
alternate() {
  local rounds=$1 k
  TA=""
  TB=""
  for ((k = 0; k < rounds; k++)); do
    measure 1 /dev/null "${RA[@]}"
    if [ -z "$TA" ] || awk -v a="$T" -v b="$TA" 'BEGIN { exit !(a < b) }'; then TA=$T KA=$K CA=$C; fi
    measure 1 /dev/null "${RB[@]}"
    if [ -z "$TB" ] || awk -v a="$T" -v b="$TB" 'BEGIN { exit !(a < b) }'; then TB=$T KB=$K CB=$C; fi
  done
}

# row LABEL [BYTES]: one line of the table from T, K and S; without BYTES (a small journey, where
# start-up is everything) no throughput and no memory ratio
row() {
  awk -v label="$1" -v bytes="${2:-0}" -v t="$T" -v k="$K" -v s="$S" 'BEGIN {
    rate = bytes > 0 && t > 0 ? sprintf("%7.1f", bytes / t / 1e6) : "      -";
    ratio = bytes > 0 ? sprintf("%6.1fx", k * 1024 / bytes) : "      -";
    limit = bytes > 0 ? sprintf("%8.0f MB", (3 * bytes + 20e6) / 1e6) : "       -";
    note = s != 0 ? sprintf("  (exit status %d)", s) : "";
    printf "             %-30s %9.3f s %s %9.1f MB %s %s%s\n", label, t, rate, k * 1024 / 1e6, ratio,
           limit, note }' | tee -a "$OUT"
}

version_of() { "$@" 2>&1 | head -1 | tr -d '\n' || true; }

# ---- the machine and the tools ---------------------------------------------------------------
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo "?")
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
say "jny benchmark ($(date -u +%Y-%m-%d), make bench; method in docs/performance.md)"
say "machine: $CPU, $(nproc) CPUs, $MEM, $(uname -sr) $(uname -m)"
say "tools:   $(version_of "$JNY" --version), $(version_of jq --version), $(version_of dot -V)"
say "models:  tools/bench/gen (seed 20261123); check and query with --today $TODAY"
say ""
say "touchpoints  command                                 wall      MB/s     peak RSS  RSS/src   3x+20MB"

declare -A CHECK_T CHECK_K BYTES JQ_T
for n in $SIZES; do
  model="$DIR/models/$n"
  rm -rf "$model"
  "$G" -n "$n" -o "$model"
  bytes=$(cat "$model"/*.jny | wc -c)
  BYTES[$n]=$bytes
  nfiles=$(ls "$model"/*.jny | wc -l)
  files=""
  [ "$nfiles" -gt 1 ] && files=" in $nfiles files"
  printf '%11s  source: %s%s\n' "$(num "$n")" "$(mb "$bytes")" "$files" | tee -a "$OUT"
  runs=$(runs_for "$n")
  root="$model/journey.jny"

  measure "$runs" /dev/null "$JNY" check --today "$TODAY" "$root"
  CHECK_T[$n]=$T
  CHECK_K[$n]=$K
  row "jny check (std.lint)" "$bytes"

  measure "$runs" /dev/null "$JNY" query --today "$TODAY" "$root" by_stage
  row "jny query by_stage" "$bytes"

  if [ "$n" -ge 10000 ]; then
    measure "$runs" /dev/null "$JNY" render "$root" -o "$model/flow.svg"
    row "jny render (collapsed)" "$bytes"
  else
    say "             jny render: not timed here (a full layout of $(num "$n") nodes is dot's own time: see the small journey)"
  fi

  if [ "$n" -le "$JQ_MAX" ]; then
    measure 1 "$model/model.json" "$JNY" export --format json "$root"
    row "jny export --format json" "$bytes"
    json=$(wc -c <"$model/model.json")
    if command -v jq >/dev/null 2>&1; then
      measure "$runs" /dev/null jq empty "$model/model.json"
      JQ_T[$n]=$T
      row "jq empty ($(mb "$json") JSON)" "$json"
      awk -v a="${CHECK_T[$n]}" -v b="$T" 'BEGIN { printf "             -> jny check is %.1fx as fast as jq empty on the same model\n", b / a }' | tee -a "$OUT"
    else
      say "             jq empty: skipped (jq could not be installed)"
    fi
    rm -f "$model/model.json"
  else
    say "             jq empty: not run (the JSON is about $(mb $((bytes * 7))); jq 1.6 holds it all in memory)"
  fi
done

# ---- renderers on a small journey -----------------------------------------------------------
say ""
small="$DIR/models/small"
mkdir -p "$small"
"$G" -n "$SMALL" >"$small/journey.jny"
"$G" -n "$SMALL" --mermaid >"$small/journey.mmd"
say "small journey: $SMALL touchpoints, the flow view as SVG"
DOT_T=""
if command -v dot >/dev/null 2>&1; then
  "$JNY" render "$small/journey.jny" -o "$small/journey.dot"
  RA=("$JNY" render "$small/journey.jny" -o "$small/jny.svg")
  RB=(dot -Tsvg "$small/journey.dot" -o "$small/dot.svg")
  alternate 11
  RENDER_T=$TA
  DOT_T=$TB
  T=$TA K=$KA S=0
  row "jny render"
  T=$TB K=$KB
  row "dot -Tsvg (jny's DOT)"
  awk -v a="$TA" -v b="$TB" -v x="$CA" -v y="$CB" 'BEGIN { printf "             -> jny render takes %.2fx the time of dot alone (%.2fx its CPU time)\n", a / b, x / y }' | tee -a "$OUT"
else
  measure 11 /dev/null "$JNY" render "$small/journey.jny" -o "$small/jny.svg"
  RENDER_T=$T
  row "jny render"
  say "             dot: skipped (Graphviz could not be installed)"
fi
MMDC_T=""
if [ -x "$MMDC" ] && [ -n "$CHROMIUM" ]; then
  echo '{"args": ["--no-sandbox", "--disable-gpu"]}' >"$small/puppeteer.json"
  export PUPPETEER_EXECUTABLE_PATH="$CHROMIUM"
  measure 3 /dev/null "$MMDC" -p "$small/puppeteer.json" -i "$small/journey.mmd" -o "$small/mmdc.svg"
  if [ "$S" = 0 ] && [ -s "$small/mmdc.svg" ]; then
    MMDC_T=$T
    row "mmdc (Mermaid journey)"
    awk -v a="$RENDER_T" -v b="$MMDC_T" 'BEGIN { printf "             -> jny render is %.0fx as fast as mmdc\n", b / a }' | tee -a "$OUT"
  else
    say "             mmdc: skipped (it failed with status $S; run it by hand to see why)"
  fi
else
  say "             mmdc: skipped (Mermaid's CLI or Chromium could not be installed)"
fi

# ---- the targets ------------------------------------------------------------------------------
say ""
say "targets (docs/performance.md)"
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "MISSED"; fi; }
if [ -n "${CHECK_T[100000]:-}" ]; then
  b=${BYTES[100000]}
  ok=$(awk -v b="$b" -v t="${CHECK_T[100000]}" 'BEGIN { print (b / t / 1e6 >= 100) }')
  say "  jny check >= 100 MB/s on the 100k model: $(awk -v b="$b" -v t="${CHECK_T[100000]}" 'BEGIN { printf "%.1f MB/s", b / t / 1e6 }')  $(verdict "$ok")"
fi
if [ -n "${CHECK_T[100000]:-}" ] && [ -n "${JQ_T[100000]:-}" ]; then
  ok=$(awk -v a="${CHECK_T[100000]}" -v b="${JQ_T[100000]}" 'BEGIN { print (b >= 2 * a) }')
  say "  jny check at least 2x as fast as jq empty on the 100k model's JSON: $(awk -v a="${CHECK_T[100000]}" -v b="${JQ_T[100000]}" 'BEGIN { printf "%.1fx", b / a }')  $(verdict "$ok")"
fi
prev=""
for n in $SIZES; do
  if [ -n "$prev" ]; then
    ratio=$(awk -v a="${CHECK_T[$prev]}" -v b="${CHECK_T[$n]}" -v x="${BYTES[$prev]}" -v y="${BYTES[$n]}" 'BEGIN { printf "%.1f", (b / a) / (y / x) * 10 }')
    ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 11) }')
    say "  linear: $(num "$prev") -> $(num "$n") touchpoints costs ${ratio}x the time per 10x the size (at most 11x)  $(verdict "$ok")"
  fi
  prev=$n
done
for n in $SIZES; do
  ok=$(awk -v k="${CHECK_K[$n]}" -v b="${BYTES[$n]}" 'BEGIN { print (k * 1024 <= 3 * b + 20e6) }')
  say "  peak memory of jny check on $(num "$n"): $(awk -v k="${CHECK_K[$n]}" -v b="${BYTES[$n]}" 'BEGIN { printf "%.0f MB for at most %.0f MB (3x the source + 20 MB)", k * 1024 / 1e6, (3 * b + 20e6) / 1e6 }')  $(verdict "$ok")"
done
if [ -n "$DOT_T" ]; then
  ok=$(awk -v a="$RENDER_T" -v b="$DOT_T" 'BEGIN { print (a <= 1.10 * b) }')
  say "  jny render within 10% of dot alone: $(awk -v a="$RENDER_T" -v b="$DOT_T" 'BEGIN { printf "%+.0f%%", (a / b - 1) * 100 }')  $(verdict "$ok")"
fi
if [ -n "$MMDC_T" ]; then
  ok=$(awk -v a="$RENDER_T" -v b="$MMDC_T" 'BEGIN { print (b >= 100 * a) }')
  say "  jny render at least 100x as fast as mmdc: $(awk -v a="$RENDER_T" -v b="$MMDC_T" 'BEGIN { printf "%.0fx", b / a }')  $(verdict "$ok")"
fi
