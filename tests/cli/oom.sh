#!/usr/bin/env bash
# Out of memory: JNY_FAIL_ALLOC=N makes the Nth arena allocation (and every later one) fail.
# Every N must end in `jny: out of memory` and exit 2, or in a normal run: never a crash, and
# (in the ASan build) never a leak.
. "$(dirname "$0")/lib.bash"

long=$(printf '%0200d' 0)
{
  printf 'team cx "CX team"\n'
  for i in $(seq 1 3000); do printf 'team t%d "%s"\n' "$i" "$long"; done
  printf 'team @ x\n'
} >big.jny

walk() { # NAME ARGS…: N = 1, 2, … until a run succeeds
  local name=$1 n
  shift
  begin "$name"
  for n in $(seq 1 400); do
    JNY_FAIL_ALLOC=$n "$JNY" "$@" </dev/null >"$OUT" 2>"$ERR"
    RC=$?
    want_no_crash
    if [ "$RC" -eq 2 ]; then
      [ "$(cat "$ERR")" = "jny: out of memory" ] || why "N=$n: stderr is '$(first_line "$ERR")'"
    elif grep -q "out of memory" "$ERR"; then
      why "N=$n: out of memory but exit status $RC (ASan's, after a leak report?)"
    else
      [ "$RC" -eq 1 ] || why "N=$n: exit status $RC"
      [ -s "$ERR" ] && why "N=$n: stderr '$(first_line "$ERR")'"
      break
    fi
    [ -n "$WHY" ] && break
  done
  [ "$RC" -eq 2 ] && why "still out of memory after $n allocations"
  end
}

walk "text output" check big.jny
walk "json output" check --format json big.jny

begin "fails at once"
JNY_FAIL_ALLOC=1 "$JNY" --version </dev/null >"$OUT" 2>"$ERR"; RC=$?
want_exit 2; want_err_has "jny: out of memory"; end

finish
