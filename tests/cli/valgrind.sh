#!/usr/bin/env bash
# valgrind's memcheck over the examples, one process per command (check, fmt, export, query,
# render in each format): no invalid read or write, no use of uninitialised memory, no leak of
# any kind (definite, indirect, possible). The leaks of Graphviz and its font stack are
# suppressed by tests/valgrind.supp, which documents each one; nothing of jny's is there.
# The ASan binary cannot run under valgrind: its pass prints one `ok` and leaves this to the
# normal build's. The Makefile installs valgrind, so a missing valgrind is a failure.
. "$(dirname "$0")/lib.bash"

if ldd "$JNY" 2>/dev/null | grep -q libasan; then
  echo "ok valgrind: the sanitizer build is left to ASan (the normal build runs memcheck)"
  finish
fi
if ! command -v valgrind >/dev/null 2>&1; then
  begin "valgrind"; why "valgrind is not installed (make deps installs it)"; end
  finish
fi

EX="$CLI_ROOT/examples"
cp -r "$EX" ex
cp "$CLI_ROOT/tests/fuzz/model.jny" ex/hostile_model.jny
mapfile -t FILES < <(cd ex && find . -name '*.jny' | sed 's|^\./||' | LC_ALL=C sort)

# memcheck NAME ARGS…: runs jny ARGS… from ex/ under valgrind. Exit status 99 is valgrind's
# own (an error or a leak); the report is in the log.
memcheck() {
  local name=$1
  shift
  begin "memcheck: $name"
  (cd ex && valgrind -q --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
    --num-callers=100 --suppressions="$CLI_ROOT/tests/valgrind.supp" --log-file="$CLI_TMP/vg.log" \
    "$JNY" "$@" </dev/null >"$OUT" 2>"$ERR")
  RC=$?
  if [ "$RC" -eq 99 ] || [ -s "$CLI_TMP/vg.log" ]; then
    why "valgrind: $(grep -m1 -E 'Invalid|uninitialised|lost in loss|Mismatched|overlap' "$CLI_TMP/vg.log" |
      sed 's/^==[0-9]*== //')"
  fi
  want_no_crash
  [ "$RC" -le 1 ] || [ "$RC" -eq 99 ] || why "exit status $RC ($(first_line "$ERR"))"
  end
  # the first report, with its stack, under the FAIL line (tests/run.sh counts only ok/FAIL)
  [ -n "$WHY" ] && sed -n 's/^==[0-9]*== /    /p' "$CLI_TMP/vg.log" | head -n 40
  return 0
}

memcheck "check every example" check --today 2026-11-23 "${FILES[@]}"
memcheck "check --format json" check --format json grocery.jny
memcheck "fmt every example" fmt "${FILES[@]}"
memcheck "export" export --today 2026-11-23 grocery.jny -o out.json
memcheck "query (ad-hoc, CSV)" query grocery.jny \
  'from t in touchpoints where t.emotion < 0 select t.name, count(t.pains) as pains' --format csv
memcheck "query (named, JSON, hostile text)" query hostile_model.jny q --format json
memcheck "render flow SVG" render grocery.jny -o flow.svg
memcheck "render map PNG" render clinic.jny --view map -o map.png
memcheck "render flow PDF, hostile text" render hostile_model.jny -o flow.pdf

finish
