# tests/cli/lib.bash — sourced by every tests/cli/*.sh. Named .bash, not .sh, because
# tests/run.sh runs every tests/cli/*.sh as a test script.
#
# Each case is a few lines:
#   begin "name"; jny check x.jny; want_exit 1; want_out_has "error[E0203]"; end
# `end` prints `ok NAME` or `FAIL NAME: first reason`. `finish` exits non-zero if any failed.
# The binary is $JNY (absolute path); every script runs in a fresh temporary folder, so the
# file names in jny's output are short and predictable.
set -u
export LC_ALL=C
: "${JNY:?set JNY to the jny binary under test}"
unset NO_COLOR JNY_PATH JNY_FAIL_ALLOC JNY_ARENA_BLOCK
export TERM=xterm

CLI_ROOT=$(pwd) # the repository root, for scripts that read its files
export CLI_ROOT
CLI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/jny-cli.XXXXXX") || exit 2
trap 'rm -rf "$CLI_TMP"' EXIT
cd "$CLI_TMP" || exit 2
OUT="$CLI_TMP/.out"
ERR="$CLI_TMP/.err"
ANY_FAILED=0
CASE=""
WHY=""
RC=0

begin() {
  CASE=$1
  WHY=""
}
# Records the first reason a case fails; later checks of the same case add nothing.
why() { [ -z "$WHY" ] && WHY=$1; }
end() {
  if [ -z "$WHY" ]; then
    echo "ok $CASE"
  else
    echo "FAIL $CASE: $WHY"
    ANY_FAILED=1
  fi
}
finish() { exit "$ANY_FAILED"; }

# jny ARGS…: runs the binary with standard input from /dev/null; sets RC, OUT and ERR.
jny() {
  "$JNY" "$@" </dev/null >"$OUT" 2>"$ERR"
  RC=$?
}
# jny_in FILE ARGS…: the same with standard input from FILE.
jny_in() {
  local input=$1
  shift
  "$JNY" "$@" <"$input" >"$OUT" 2>"$ERR"
  RC=$?
}

first_line() { head -n 1 "$1" | cut -c 1-120; }

want_exit() {
  [ "$RC" -eq "$1" ] && return
  local hint
  hint=$(first_line "$ERR")
  [ -z "$hint" ] && hint=$(first_line "$OUT")
  why "exit status $RC, expected $1${hint:+ ($hint)}"
}
want_out_has() { grep -qF -- "$1" "$OUT" || why "stdout lacks '$1'"; }
want_out_lacks() { grep -qF -- "$1" "$OUT" && why "stdout has '$1'"; return 0; }
want_err_has() { grep -qF -- "$1" "$ERR" || why "stderr lacks '$1' (stderr: $(first_line "$ERR"))"; }
want_err_lacks() { grep -qF -- "$1" "$ERR" && why "stderr has '$1'"; return 0; }
want_out_empty() { [ -s "$OUT" ] && why "stdout not empty: $(first_line "$OUT")"; return 0; }
want_err_empty() { [ -s "$ERR" ] && why "stderr not empty: $(first_line "$ERR")"; return 0; }
# want_out_equals FILE: stdout is exactly FILE's bytes.
want_out_equals() {
  cmp -s "$1" "$OUT" && return
  why "stdout differs from the expected text: $(diff "$1" "$OUT" | grep -E '^[<>]' | head -n 2 | tr '\n' ' ')"
}
want_no_escape_bytes() { # FILE: no ESC byte at all
  LC_ALL=C grep -q $'\x1b' "$1" && why "raw escape byte in ${1##*/}"
  return 0
}
want_no_crash() { [ "$RC" -lt 128 ] || why "killed by signal $((RC - 128))"; }

# oom_steps ARGS…: runs jny ARGS… with the Nth allocation failing, N = 1, 1+OOM_STRIDE, … (every
# N by default) until a run succeeds (an exit status of at most OOM_OK, 0 by default); every
# failing run must end in exactly `jny: out of memory` and exit 2, never a crash, and then pass
# OOM_CHECK N when that names a check of the caller's. Sets OOM_N to the N that succeeded.
oom_steps() {
  local n
  for ((n = 1; n < 3000; n += ${OOM_STRIDE:-1})); do
    JNY_FAIL_ALLOC=$n "$JNY" "$@" </dev/null >"$OUT" 2>"$ERR"
    RC=$?
    want_no_crash
    if [ "$RC" -eq 2 ]; then
      [ "$(cat "$ERR")" = "jny: out of memory" ] || why "N=$n: stderr is '$(first_line "$ERR")'"
      [ -n "${OOM_CHECK:-}" ] && "$OOM_CHECK" "$n"
    else
      [ "$RC" -le "${OOM_OK:-0}" ] || why "N=$n: exit status $RC ($(first_line "$ERR"))"
      break
    fi
    [ -n "$WHY" ] && break
  done
  OOM_N=$n
  [ "$RC" -eq 2 ] && why "still out of memory after $n allocations"
}
# oom_walk NAME ARGS…: one case of oom_steps ARGS….
oom_walk() { # NAME ARGS…
  local name=$1
  shift
  begin "$name"
  oom_steps "$@"
  end
}
