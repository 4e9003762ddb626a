#!/usr/bin/env bash
# tests/fuzz/fuzz.sh smoke DIR            — a few seconds of each harness (make fuzz-smoke, and
#                                           the `fuzz` suite of tests/run.sh under make test)
# tests/fuzz/fuzz.sh long DIR SECS [NAME…] — each harness (or those named) for SECS seconds
#                                           (make fuzz FUZZ_TIME=SECS FUZZ='parse eval')
# DIR is the fuzz build (BUILD/fuzz, from make fuzz-build): the harnesses fuzz_NAME, the
# dictionary jny.dict. Seeds come from tests/fuzz/seeds.sh (the repository's .jny, query and
# CSV texts, and the committed regression inputs of tests/fuzz/regress/NAME/).
#
# smoke: every seed and regression input once, then mutations with a fixed random seed, for at
# most SMOKE_SECS (default 4) seconds per harness; prints `ok NAME` or `FAIL NAME: why`, with the
# path of the input that broke it. New inputs go to a scratch folder, never to the repository.
#
# long: under `nice -n 19`; the corpus grows in DIR/corpus/NAME, findings go to
# DIR/artifacts/NAME-*, libFuzzer's log to DIR/log/NAME.log, and the executions of each run are
# added to DIR/executions (one `NAME COUNT` line per run), whose totals are printed at the end.
# A finding stops that harness: reproduce it with `DIR/fuzz_NAME ARTIFACT`, fix it, and commit
# the input to tests/fuzz/regress/NAME/ so that every smoke run replays it.
set -u
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODE=${1:?smoke or long}
DIR=${2:?the fuzz build folder}
ALL=(parse resolve eval fmt csv)
# A small quarantine and shorter allocation stacks: freed memory is reused sooner (each run frees
# its arenas), which halves the time of a run; use after free inside one run is still caught.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:quarantine_size_mb=16:malloc_context_size=10
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

seeds_of() { # NAME: the seed folder of a harness
  case $1 in
  eval) echo query ;;
  csv) echo csv ;;
  *) echo jny ;;
  esac
}
max_len_of() { # NAME: the largest input generated (larger seeds are cut to it): small inputs
  case $1 in    # run fast, and every construct of the language fits in a few hundred bytes
  eval | csv) echo 512 ;;
  *) echo 1024 ;;
  esac
}
# Options every run shares: a 10 s time-out per input is a hang, 2 GiB is a runaway allocation.
common_options() { # NAME
  echo "-timeout=10 -rss_limit_mb=2048 -max_len=$(max_len_of "$1") -dict=$DIR/jny.dict"
}

# Seeds of this invocation only, so that two campaigns can run side by side.
SEEDS=$(mktemp -d "${TMPDIR:-/tmp}/jny-seeds.XXXXXX") || exit 2
trap 'rm -rf "$SEEDS"' EXIT
bash "$ROOT/tests/fuzz/seeds.sh" "$SEEDS" || exit 2

smoke() {
  local secs=${SMOKE_SECS:-4} tmp name bin log status=0 artifact
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/jny-fuzz.XXXXXX") || exit 2
  for name in "${ALL[@]}"; do
    bin="$DIR/fuzz_$name"
    if [ ! -x "$bin" ]; then
      echo "FAIL fuzz $name: $bin missing (make fuzz-build)"
      status=1
      continue
    fi
    mkdir -p "$tmp/$name"
    log="$tmp/$name.log"
    # shellcheck disable=SC2046
    "$bin" $(common_options "$name") -seed=1 -runs=200000 -max_total_time="$secs" \
      -artifact_prefix="$tmp/$name-" "$tmp/$name" "$SEEDS/$(seeds_of "$name")" >"$log" 2>&1
    local rc=$?
    if [ "$rc" -eq 0 ] && grep -q '^Done [0-9]* runs' "$log"; then
      echo "ok fuzz $name: $(grep -o '^Done [0-9]* runs' "$log" | cut -d' ' -f2) runs"
    else
      artifact=$(ls "$tmp/$name"-* 2>/dev/null | head -n 1)
      echo "FAIL fuzz $name: exit status $rc: $(grep -m1 -E 'ERROR|runtime error|property broken' "$log" | cut -c1-160)${artifact:+ (input: $artifact)}"
      grep -E '^ *#[0-9]+ ' "$log" | head -n 8 | sed 's/^/    /'
      status=1
    fi
  done
  # Inputs that broke something are kept for a look; everything else goes.
  find "$tmp" -mindepth 1 -maxdepth 1 ! -name '*-crash-*' ! -name '*-leak-*' ! -name '*-timeout-*' \
    ! -name '*-oom-*' -exec rm -rf {} +
  rmdir "$tmp" 2>/dev/null
  return $status
}

long() {
  local secs=${1:?seconds per harness} name bin corpus log n status=0
  shift
  local names=("$@")
  [ ${#names[@]} -eq 0 ] && names=("${ALL[@]}")
  mkdir -p "$DIR/corpus" "$DIR/artifacts" "$DIR/log"
  for name in "${names[@]}"; do
    bin="$DIR/fuzz_$name"
    [ -x "$bin" ] || { echo "fuzz $name: $bin missing (make fuzz-build)"; status=1; continue; }
    corpus="$DIR/corpus/$name"
    mkdir -p "$corpus"
    log="$DIR/log/$name.log"
    echo "==== $(date -u '+%Y-%m-%d %H:%M:%S') fuzz_$name for ${secs}s" >>"$log"
    # shellcheck disable=SC2046
    # -reload=0: one process per corpus, so there is nothing of others' to read again
    nice -n 19 "$bin" $(common_options "$name") -max_total_time="$secs" -print_final_stats=1 -reload=0 \
      -artifact_prefix="$DIR/artifacts/$name-" "$corpus" "$SEEDS/$(seeds_of "$name")" \
      >>"$log" 2>&1
    local rc=$?
    # executions of this run: the final statistics, else (after a finding) the last status line
    n=$(awk '/^==== / { n = 0; s = 0 } /^#[0-9]+\t/ { s = substr($1, 2) }
      /stat::number_of_executed_units:/ { n = $2 } END { print (n ? n : s) + 0 }' "$log")
    echo "$name $n" >>"$DIR/executions"
    if [ "$rc" -eq 72 ]; then # libFuzzer's status when interrupted (SIGINT, SIGTERM)
      echo "fuzz $name: interrupted after $n executions, no finding"
    elif [ "$rc" -ne 0 ]; then
      echo "fuzz $name: FINDING (exit status $rc) after $n executions; see $log and $DIR/artifacts/"
      status=1
    else
      echo "fuzz $name: $n executions, no finding"
    fi
  done
  echo "executions so far (all runs of $DIR):"
  awk '{ t[$1] += $2 } END { for (k in t) printf "  %-8s %d\n", k, t[k] }' "$DIR/executions" | sort
  return $status
}

# One compound command that ends in exit: bash has read all of it before a campaign starts, so
# editing this file while one runs (for hours) cannot make the running copy read garbage.
{
  case $MODE in
  smoke) smoke ;;
  long)
    shift 2
    long "$@"
    ;;
  *)
    echo "usage: fuzz.sh smoke|long DIR [SECS [NAME…]]" >&2
    exit 2
    ;;
  esac
  exit $?
}
