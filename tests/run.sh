#!/usr/bin/env bash
# tests/run.sh — the test driver behind `make test` (both builds) and `make test-fast`
# (JNY_SKIP_ASAN=1: the normal build only). Needs bash, coreutils, grep, awk and diff.
#
# For each build (build/, then build/asan/ with ASan+UBSan; JNY_BUILD names another folder
# than build/) it runs four suites:
#   unit         every executable BUILD/tests/test_*; each ends with `N passed, N failed`,
#                and those counts are added in.
#   expectation  every tests/**/*.jny outside tests/golden, tests/cli, tests/unit, any folder
#                named modules_aux, and any file whose first line contains `// not a test`.
#                `jny check --color never FILE` runs from the repository root; the multiset of
#                diagnostics it prints must equal the file's expectations:
#                  // expect SEVERITY CODE at LINE:COL         (in this file)
#                  // expect SEVERITY CODE at FILE:LINE:COL    (another file, path as printed)
#                  // expect SEVERITY CODE                     (a diagnostic with no location)
#                A file with none must print no diagnostic. The exit code must be 1 when an
#                error is expected, else 0.
#   golden       every tests/golden/NAME.jny against NAME.out (a `// args: …` line among the
#                first five adds options, e.g. --today): an optional first line
#                `# exit N` (absent: 0), then the exact standard output, then — only when
#                standard error is not empty — a line `# stderr` and the exact standard error.
#                UPDATE=1 rewrites the .out files from what the binary prints.
#   cli          every tests/cli/*.sh, run with JNY set to the binary (an absolute path) from
#                the repository root; each `ok NAME` line is a pass, each `FAIL NAME: why` a
#                failure.
#   editors      once, not per build: the Vim, Emacs and VS Code plugins (run_editors below);
#                JNY_SKIP_EDITORS=1 leaves them out, JNY_ONLY_EDITORS=1 runs only them.
#   web          once, with the normal build: `jny report` in headless Chromium and the Mermaid
#                export/import with Mermaid's own parser (tests/web/*.mjs, run_web below);
#                JNY_ONLY_WEB=1 runs only them. A path filter runs them when it names tests/web.
#   fuzz         once, with both builds (not with JNY_SKIP_ASAN=1, nor with path filters): a
#                few seconds of each libFuzzer harness of BUILD/fuzz (make fuzz-build) over the
#                seeds and the regression inputs of tests/fuzz/ (tests/fuzz/fuzz.sh smoke);
#                JNY_SKIP_FUZZ=1 leaves it out.
# A crash (exit status 128 or more), a time-out or a sanitizer report is a failure whatever
# the expectations. Arguments, if any, are path prefixes that select which .jny and .sh tests
# run (unit tests always run): `bash tests/run.sh tests/parse tests/cli/stdin.sh`.
#
# Output: one line per failure (with indented details), a progress line per suite and build,
# and as the very last line `N passed, N failed` over every suite of both builds. Exit status 1
# when anything failed. Works without a terminal and without standard input (CI).
set -u
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || exit 2
cd "$ROOT" || exit 2

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
TIMEOUT=${JNY_TEST_TIMEOUT:-120}   # seconds for one jny run or one unit program
CLI_TIMEOUT=${JNY_CLI_TIMEOUT:-900} # seconds for one tests/cli script
SANITIZER_RE='ERROR: AddressSanitizer|runtime error:|LeakSanitizer|ERROR: UndefinedBehaviorSanitizer'
MAX_DETAIL=20 # lines of detail shown under one failure

TMP=$(mktemp -d "${TMPDIR:-/tmp}/jny-tests.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
FILTERS=("$@")

TOTAL_PASS=0
TOTAL_FAIL=0
SUITE_PASS=0
SUITE_FAIL=0
LABEL="" # the build being tested, shown in every failure line

pass() { SUITE_PASS=$((SUITE_PASS + 1)); }
fail() { # NAME REASON: one line per failure
  SUITE_FAIL=$((SUITE_FAIL + 1))
  printf 'FAIL [%s] %s: %s\n' "$LABEL" "$1" "$2"
}
detail() { # FILE: its first lines, indented, under the failure line
  awk -v max="$MAX_DETAIL" 'NR <= max { print "    " $0 } NR == max + 1 { print "    …" }' "$1"
}
suite_begin() {
  SUITE_PASS=0
  SUITE_FAIL=0
}
suite_end() { # NAME
  printf '[%s] %s: %d passed, %d failed\n' "$LABEL" "$1" "$SUITE_PASS" "$SUITE_FAIL"
  TOTAL_PASS=$((TOTAL_PASS + SUITE_PASS))
  TOTAL_FAIL=$((TOTAL_FAIL + SUITE_FAIL))
}

selected() { # PATH: true when no filter was given or PATH starts with one of them
  [ ${#FILTERS[@]} -eq 0 ] && return 0
  local f
  for f in "${FILTERS[@]}"; do
    [[ $1 == "${f#./}"* ]] && return 0
  done
  return 1
}

not_a_test() { # FILE: its first line says `// not a test`
  local first=""
  IFS= read -r first <"$1"
  [[ $first == *"// not a test"* ]]
}

# Runs a command with no standard input, a time limit, stdout in $TMP/out and stderr in
# $TMP/err; sets RC.
run_capture() {
  local limit=$1
  shift
  # The group's redirection keeps bash's own "Segmentation fault" notice off our output.
  { timeout -k 5 "$limit" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"; } 2>/dev/null
  RC=$?
}

# Why the last run_capture counts as a crash, or nothing when it does not.
crash_reason() {
  if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
    echo "timed out after ${TIMEOUT}s"
  elif grep -qE "$SANITIZER_RE" "$TMP/err"; then
    echo "sanitizer report (exit status $RC)"
  elif [ "$RC" -ge 128 ]; then
    echo "crashed (exit status $RC, signal $((RC - 128)))"
  fi
}

# ---------------------------------------------------------------------------------------------
# Unit tests

run_unit() { # BUILD
  local bin last reason
  suite_begin
  for bin in "$1"/tests/test_*; do
    [[ -f $bin && -x $bin ]] || continue
    run_capture "$TIMEOUT" "$bin"
    grep '^FAIL ' "$TMP/out" | while IFS= read -r line; do
      printf 'FAIL [%s] %s: %s\n' "$LABEL" "${bin##*/}" "${line#FAIL }"
    done
    last=$(awk 'NF { l = $0 } END { print l }' "$TMP/out")
    local counted=0
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
      SUITE_PASS=$((SUITE_PASS + BASH_REMATCH[1]))
      SUITE_FAIL=$((SUITE_FAIL + BASH_REMATCH[2]))
      counted=${BASH_REMATCH[2]}
    fi
    reason=$(crash_reason)
    if [ -n "$reason" ]; then
      fail "${bin##*/}" "$reason"
      detail "$TMP/err"
    elif [[ ! $last =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]]; then
      fail "${bin##*/}" "did not end with 'N passed, N failed' (exit status $RC)"
      detail "$TMP/err"
    elif [ "$RC" -ne 0 ] && [ "$counted" -eq 0 ]; then
      fail "${bin##*/}" "exit status $RC with no failed test"
    elif [ "$RC" -eq 0 ] && [ "$counted" -ne 0 ]; then
      fail "${bin##*/}" "exit status 0 although $counted tests failed"
    fi
  done
  suite_end unit
}

# ---------------------------------------------------------------------------------------------
# Expectation tests

# The diagnostics printed in FILE..., one record per line: SEVERITY CODE FILE LINE COL, tab
# separated and sorted; FILE LINE COL are `-` for a diagnostic with no location.
printed_records() {
  local line
  local located='^(.+):([0-9]+):([0-9]+): (error|warning|info)\[([A-Z]+[0-9]+)\]: '
  local global='^([^ ]+): (error|warning|info)\[([A-Z]+[0-9]+)\]: '
  cat "$@" | while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line =~ $located ]]; then
      printf '%s\t%s\t%s\t%s\t%s\n' "${BASH_REMATCH[4]}" "${BASH_REMATCH[5]}" \
        "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    elif [[ $line =~ $global ]]; then
      printf '%s\t%s\t-\t-\t-\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    fi
  done | sort
}

# The expectations of the test FILE, as records like printed_records'. A comment that looks
# like an expectation but is not one (`// expect eror E0203`, `at 9`) gives a record whose
# severity is `malformed`, so that a typo fails loudly instead of testing nothing.
expected_records() {
  local file=$1 line rest sev code loc n=0
  local attempt='//[[:space:]]*expect[[:space:]]+([^[:space:]]+)[[:space:]]+([A-Z]+[0-9]+)([[:space:]]+at[[:space:]]+([^[:space:]]+))?'
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    rest=$line
    while [[ $rest =~ $attempt ]]; do
      rest=${rest#*"${BASH_REMATCH[0]}"}
      sev=${BASH_REMATCH[1]} code=${BASH_REMATCH[2]} loc=${BASH_REMATCH[4]}
      if [[ ! $sev =~ ^(error|warning|info)$ ]]; then
        printf 'malformed\t%s\t%s\t%s\t-\n' "$code" "$file" "$n"
      elif [ -z "$loc" ]; then
        printf '%s\t%s\t-\t-\t-\n' "$sev" "$code"
      elif [[ $loc =~ ^([0-9]+):([0-9]+)$ ]]; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$sev" "$code" "$file" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
      elif [[ $loc =~ ^(.+):([0-9]+):([0-9]+)$ ]]; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$sev" "$code" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" \
          "${BASH_REMATCH[3]}"
      else
        printf 'malformed\t%s\t%s\t%s\t-\n' "$code" "$file" "$n"
      fi
    done
  done <"$file" | sort
}

# Records back to the words of an expectation, relative to the test FILE.
describe_records() { # TESTFILE < records
  awk -F '\t' -v self="$1" '
    $1 == "malformed" { print "malformed expectation on line " $4; next }
    $3 == "-" { print $1 " " $2 " (no location)"; next }
    $3 == self { print $1 " " $2 " at " $4 ":" $5; next }
    { print $1 " " $2 " at " $3 ":" $4 ":" $5 }'
}

run_expectation_file() { # JNY FILE
  local jny=$1 file=$2 reason want_rc=0
  run_capture "$TIMEOUT" "$jny" check --color never "$file"
  reason=$(crash_reason)
  if [ -n "$reason" ]; then
    fail "$file" "$reason"
    detail "$TMP/err"
    return
  fi
  expected_records "$file" >"$TMP/want"
  printed_records "$TMP/out" "$TMP/err" >"$TMP/got"
  grep -q '^error	' "$TMP/want" && want_rc=1
  if ! cmp -s "$TMP/want" "$TMP/got"; then
    fail "$file" "diagnostics differ from the expectations"
    {
      comm -23 "$TMP/want" "$TMP/got" | describe_records "$file" | awk '{ print "expected, not printed: " $0 }'
      comm -13 "$TMP/want" "$TMP/got" | describe_records "$file" | awk '{ print "printed, not expected: " $0 }'
    } >"$TMP/diff"
    detail "$TMP/diff"
  elif [ "$RC" -ne "$want_rc" ]; then
    fail "$file" "exit status $RC, expected $want_rc"
    detail "$TMP/err"
  else
    pass
  fi
}

run_expectations() { # JNY
  local file
  suite_begin
  while IFS= read -r file; do
    selected "$file" || continue
    not_a_test "$file" && continue
    run_expectation_file "$1" "$file"
  done < <(find tests \( -path tests/golden -o -path tests/cli -o -path tests/unit \
    -o -name modules_aux \) -prune -o -type f -name '*.jny' -print 2>/dev/null | sort)
  suite_end expectation
}

# ---------------------------------------------------------------------------------------------
# Golden tests

run_golden() { # JNY
  local jny=$1 file out reason
  suite_begin
  for file in tests/golden/*.jny; do
    [ -f "$file" ] || continue
    selected "$file" || continue
    not_a_test "$file" && continue
    out=${file%.jny}.out
    # `// args: --today 2026-11-23` in the first lines adds options (dates must not drift)
    local -a extra=()
    read -r -a extra <<<"$(sed -n '1,5s|^// args: ||p' "$file")"
    run_capture "$TIMEOUT" "$jny" check --color never "${extra[@]}" "$file"
    reason=$(crash_reason)
    if [ -n "$reason" ]; then
      fail "$file" "$reason"
      detail "$TMP/err"
      continue
    fi
    {
      [ "$RC" -ne 0 ] && printf '# exit %d\n' "$RC"
      cat "$TMP/out"
      if [ -s "$TMP/err" ]; then
        echo "# stderr"
        cat "$TMP/err"
      fi
    } >"$TMP/actual"
    if [ "${UPDATE:-0}" = 1 ]; then
      cmp -s "$TMP/actual" "$out" 2>/dev/null || {
        cp "$TMP/actual" "$out"
        printf 'updated %s\n' "$out"
      }
      pass
    elif [ ! -f "$out" ]; then
      fail "$file" "no ${out##*/} (UPDATE=1 bash tests/run.sh $file creates it)"
    else
      # A missing `# exit` line means exit status 0; compare with it written out.
      { head -n 1 "$out" | grep -q '^# exit ' || echo "# exit 0"; cat "$out"; } >"$TMP/expected"
      { head -n 1 "$TMP/actual" | grep -q '^# exit ' || echo "# exit 0"; cat "$TMP/actual"; } \
        >"$TMP/got"
      if cmp -s "$TMP/expected" "$TMP/got"; then
        pass
      else
        fail "$file" "output differs from ${out##*/} (- expected, + printed)"
        diff -u "$TMP/expected" "$TMP/got" | awk 'NR > 2' >"$TMP/diff"
        detail "$TMP/diff"
      fi
    fi
  done
  suite_end golden
}

# ---------------------------------------------------------------------------------------------
# CLI tests

run_cli() { # JNY
  local jny script name results reason logs
  jny=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  suite_begin
  for script in tests/cli/*.sh; do
    [ -f "$script" ] || continue
    selected "$script" || continue
    name=${script##*/}
    # Sanitizer reports of the jny runs inside the script go to files, since a script
    # usually captures the standard error it examines.
    logs="$TMP/san.${name%.sh}"
    rm -rf "$logs"
    mkdir -p "$logs"
    ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$logs/asan" UBSAN_OPTIONS="$UBSAN_OPTIONS:log_path=$logs/ubsan" \
      JNY="$jny" timeout -k 5 "$CLI_TIMEOUT" bash "$script" </dev/null >"$TMP/out" 2>"$TMP/err"
    RC=$?
    results=$(grep -cE '^(ok|FAIL) ' "$TMP/out")
    SUITE_PASS=$((SUITE_PASS + $(grep -c '^ok ' "$TMP/out")))
    grep '^FAIL ' "$TMP/out" | while IFS= read -r line; do
      printf 'FAIL [%s] %s: %s\n' "$LABEL" "$name" "${line#FAIL }"
    done
    SUITE_FAIL=$((SUITE_FAIL + $(grep -c '^FAIL ' "$TMP/out")))
    reason=$(crash_reason)
    if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
      reason="timed out after ${CLI_TIMEOUT}s"
    fi
    if [ -n "$(ls -A "$logs")" ]; then
      fail "$name" "sanitizer report from a jny run inside the script"
      cat "$logs"/* >"$TMP/san"
      detail "$TMP/san"
    elif [ -n "$reason" ]; then
      fail "$name" "$reason"
      detail "$TMP/err"
    elif [ "$results" -eq 0 ]; then
      fail "$name" "printed no 'ok' or 'FAIL' line (exit status $RC)"
      detail "$TMP/err"
    elif [ "$RC" -ne 0 ] && ! grep -q '^FAIL ' "$TMP/out"; then
      fail "$name" "exit status $RC without a FAIL line"
      detail "$TMP/err"
    fi
  done
  suite_end cli
}

# ---------------------------------------------------------------------------------------------
# Editor plugins (editors/): run once, with the normal build's jny first on PATH. Each part
# prints its own closing line, turned into counts here: words.sh and the Vim script end with
# `N passed, N failed`; ERT with `Ran N tests, N results as expected, N unexpected`; node's test
# runner with `# pass N` / `# fail N`; vscode-tmgrammar-test with a ✓ or ✖ line per file. The
# Emacs mode must also byte-compile without a warning. `make editors-deps` installs the tools.

editor_counts() { # NAME: adds the counts of the last run (in $TMP/out) or fails NAME
  local name=$1 out="$TMP/out" p="" f=""
  local closing='^([0-9]+) passed, ([0-9]+) failed$'
  local ert='^Ran ([0-9]+) tests, ([0-9]+) results as expected, ([0-9]+) unexpected'
  local last
  last=$(awk 'NF { l = $0 } END { print l }' "$out")
  if [[ $last =~ $closing ]]; then
    p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
  elif grep -qE "$ert" "$out"; then
    [[ $(grep -E "$ert" "$out" | tail -n 1) =~ $ert ]]
    p=${BASH_REMATCH[2]} f=${BASH_REMATCH[3]}
  elif grep -q '^# pass [0-9]' "$out"; then
    p=$(awk '/^# pass [0-9]/ { print $3 }' "$out") f=$(awk '/^# fail [0-9]/ { print $3 }' "$out")
  fi
  if [ -z "$p" ]; then
    fail "$name" "no result line (exit status $RC)"
    detail "$out"
    return
  fi
  SUITE_PASS=$((SUITE_PASS + p))
  SUITE_FAIL=$((SUITE_FAIL + f))
  grep -E '^(not ok|FAIL|   FAILED|✖)' "$out" | while IFS= read -r line; do
    printf 'FAIL [%s] %s: %s\n' "$LABEL" "$name" "$line"
  done
  if [ "$f" -eq 0 ] && [ "$RC" -ne 0 ]; then
    fail "$name" "exit status $RC with no failed test"
    detail "$out"
  elif [ "$f" -ne 0 ]; then
    detail "$out"
  fi
}

run_editors() { # BUILD
  local build=$1 tool missing=""
  LABEL=editors
  suite_begin
  for tool in vim emacs node jq "$build/jny_words" editors/vscode/node_modules/.bin/vscode-tmgrammar-test; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "$tool" ] || missing="$missing $tool"
  done
  if [ -n "$missing" ]; then
    fail editors "missing:$missing (make BUILD=$build editors-deps installs them)"
    suite_end editors
    return
  fi
  local bin
  bin=$(cd "$build" && pwd)
  local path="$bin:$PATH"
  local limit=$TIMEOUT

  run_capture "$limit" "$build/jny_words"
  cp "$TMP/out" "$TMP/words"
  run_capture "$limit" bash editors/test/words.sh "$TMP/words"
  editor_counts words

  run_capture "$limit" env PATH="$path" vim -Nu NONE -i NONE -n -Es -S editors/vim/test/run.vim
  editor_counts vim

  rm -rf "$TMP/elisp" && mkdir -p "$TMP/elisp" && cp editors/emacs/jny-mode.el "$TMP/elisp/"
  run_capture "$limit" emacs -Q --batch -L "$TMP/elisp" --eval '(setq byte-compile-error-on-warn t)' \
    -f batch-byte-compile "$TMP/elisp/jny-mode.el"
  if [ "$RC" -eq 0 ]; then pass; else
    fail "emacs byte-compile" "warnings or errors (exit status $RC)"
    detail "$TMP/err"
  fi
  run_capture "$limit" env PATH="$path" emacs -Q --batch -L editors/emacs -l ert \
    -l editors/emacs/test/jny-mode-tests.el -f ert-run-tests-batch-and-exit
  cat "$TMP/err" >>"$TMP/out" # ERT reports on standard error
  editor_counts emacs

  run_capture "$limit" env PATH="$path" JNY="$bin/jny" JNY_WORDS="$TMP/words" \
    node --test editors/vscode/test/
  editor_counts vscode

  run_capture "$limit" bash -c 'cd editors/vscode && node_modules/.bin/vscode-tmgrammar-test \
    --config package.json "test/*.test.jny"'
  local ok bad
  ok=$(grep -c '✓' "$TMP/out")
  bad=$(grep -c '✖' "$TMP/out")
  SUITE_PASS=$((SUITE_PASS + ok))
  if [ "$bad" -ne 0 ] || [ "$RC" -ne 0 ] || [ "$ok" -eq 0 ]; then
    fail "vscode grammar" "$bad failed file(s), exit status $RC"
    detail "$TMP/out"
  fi
  suite_end editors
}

# ---------------------------------------------------------------------------------------------
# Browser and Mermaid tests (tests/web/): each script prints `ok NAME` / `FAIL NAME: why` and
# ends with `N passed, N failed`. `make web-deps` installs what they need; a missing piece is a
# failure, never a skip.

run_web_script() { # NAME SCRIPT FILES…
  local name=$1 script=$2 results
  shift 2
  rm -rf "$TMP/web" && mkdir -p "$TMP/web"
  run_capture "$CLI_TIMEOUT" env JNY="$WEB_JNY" node "$script" "$TMP/web" "$@"
  results=$(grep -cE '^(ok|FAIL) ' "$TMP/out")
  SUITE_PASS=$((SUITE_PASS + $(grep -c '^ok ' "$TMP/out")))
  SUITE_FAIL=$((SUITE_FAIL + $(grep -c '^FAIL ' "$TMP/out")))
  grep '^FAIL ' "$TMP/out" | while IFS= read -r line; do
    printf 'FAIL [%s] %s: %s\n' "$LABEL" "$name" "${line#FAIL }"
  done
  if [ "$results" -eq 0 ] || { [ "$RC" -ne 0 ] && ! grep -q '^FAIL ' "$TMP/out"; }; then
    fail "$name" "no result (exit status $RC)"
    cat "$TMP/err" >>"$TMP/out"
    detail "$TMP/out"
  fi
}

run_web() { # BUILD
  local build=$1 tool missing="" file
  LABEL=web
  suite_begin
  for tool in node chromium pdfinfo pdftotext; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
  done
  for tool in playwright-core axe-core mermaid jsdom; do
    [ -f "tests/web/node_modules/$tool/package.json" ] || missing="$missing tests/web/node_modules/$tool"
  done
  if [ -n "$missing" ] || [ ! -x "$build/jny" ]; then
    fail web "missing:$missing${missing:+ }(make BUILD=$build web-deps installs them; build/jny first)"
    suite_end web
    return
  fi
  WEB_JNY=$(cd "$build" && pwd)/jny
  # every example journey that checks (modules such as checkout/shop.jny do not on their own),
  # grocery first: the report test looks deepest at the first one
  local -a journeys=(examples/grocery.jny)
  while IFS= read -r file; do
    [ "$file" = examples/grocery.jny ] && continue
    "$WEB_JNY" check "$file" >/dev/null 2>&1 && journeys+=("$file")
  done < <(find examples -name '*.jny' | sort)
  run_web_script report tests/web/report.mjs "${journeys[@]}"
  run_web_script mermaid tests/web/mermaid.mjs "${journeys[@]}"
  suite_end web
}

# ---------------------------------------------------------------------------------------------
# Fuzz smoke: tests/fuzz/fuzz.sh prints `ok fuzz NAME: N runs` or `FAIL fuzz NAME: why` per
# harness, with the stack of a finding indented under its FAIL line.

run_fuzz() { # BUILD
  LABEL=fuzz
  suite_begin
  if [ ! -x "$1/fuzz/fuzz_parse" ]; then
    fail fuzz "the harnesses are missing: make BUILD=$1 fuzz-build"
    suite_end fuzz
    return
  fi
  timeout -k 5 "$CLI_TIMEOUT" bash tests/fuzz/fuzz.sh smoke "$1/fuzz" </dev/null >"$TMP/out" 2>"$TMP/err"
  RC=$?
  SUITE_PASS=$((SUITE_PASS + $(grep -c '^ok ' "$TMP/out")))
  SUITE_FAIL=$((SUITE_FAIL + $(grep -c '^FAIL ' "$TMP/out")))
  grep -v '^ok ' "$TMP/out" | sed 's/^FAIL /FAIL [fuzz] /'
  if [ "$RC" -ne 0 ] && ! grep -q '^FAIL ' "$TMP/out"; then
    fail fuzz "exit status $RC without a FAIL line"
    detail "$TMP/err"
  fi
  suite_end fuzz
}

# ---------------------------------------------------------------------------------------------

run_build() { # BUILD
  LABEL=$1
  run_unit "$1"
  if [ ! -x "$1/jny" ]; then
    suite_begin
    fail "$1/jny" "missing: build it first (make, or make asan)"
    suite_end jny
    return
  fi
  run_expectations "$1/jny"
  run_golden "$1/jny"
  run_cli "$1/jny"
}

base=${JNY_BUILD:-build} # the Makefile's BUILD; the sanitizer build is BUILD/asan
builds=("$base")
[ "${JNY_SKIP_ASAN:-0}" = 1 ] || builds+=("$base/asan")
if [ "${JNY_ONLY_EDITORS:-0}" != 1 ] && [ "${JNY_ONLY_WEB:-0}" != 1 ]; then
  for b in "${builds[@]}"; do
    run_build "$b"
  done
fi
[ "${JNY_SKIP_EDITORS:-0}" = 1 ] || [ ${#FILTERS[@]} -ne 0 ] || [ "${JNY_ONLY_WEB:-0}" = 1 ] ||
  run_editors "$base"
if [ "${JNY_ONLY_EDITORS:-0}" != 1 ] && { [ ${#FILTERS[@]} -eq 0 ] || selected tests/web/; }; then
  run_web "$base"
fi
[ "${JNY_SKIP_ASAN:-0}" = 1 ] || [ "${JNY_SKIP_FUZZ:-0}" = 1 ] || [ "${JNY_ONLY_EDITORS:-0}" = 1 ] ||
  [ "${JNY_ONLY_WEB:-0}" = 1 ] ||
  [ ${#FILTERS[@]} -ne 0 ] || run_fuzz "$base"

printf '%d passed, %d failed\n' "$TOTAL_PASS" "$TOTAL_FAIL"
[ "$TOTAL_FAIL" -eq 0 ]
