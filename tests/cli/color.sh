#!/usr/bin/env bash
# Colour: only on a terminal, never with NO_COLOR (unless --color always), never in files.
. "$(dirname "$0")/lib.bash"

printf 'team cx "CX team"\nteam @ x\n' >bad.jny
has_escape() { LC_ALL=C grep -q $'\x1b\\[' "$1"; }

begin "--color always colours"
jny check --color always bad.jny
want_exit 1
has_escape "$OUT" || why "no colour codes"
grep -qF $'\x1b[1;31merror[E0102]' "$OUT" || why "severity not in red"
end

begin "--color never"
jny check --color=never bad.jny
want_exit 1; want_no_escape_bytes "$OUT"; end

begin "auto: no colour into a file"
jny check bad.jny
want_exit 1; want_no_escape_bytes "$OUT"; end

begin "NO_COLOR does not override --color always"
NO_COLOR=1 "$JNY" check --color always bad.jny </dev/null >"$OUT" 2>"$ERR"; RC=$?
has_escape "$OUT" || why "no colour codes"; end

# A terminal, through script(1) from util-linux, to test the automatic choice.
on_tty() { # ENV-ASSIGNMENTS… -- ARGS…
  local envs=() cmd
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  cmd=$(printf '%q ' env "${envs[@]}" "$JNY" "$@")
  script -q -e -c "$cmd" /dev/null </dev/null >"$OUT" 2>"$ERR"
  RC=$?
}

# script(1) needs a pseudo-terminal; where none can be had (some sandboxes) the terminal cases
# are reported as skipped rather than failed, since they would test the sandbox, not jny.
if ! command -v script >/dev/null 2>&1; then
  begin "terminal colour (script(1) missing)"; why "script(1) is not installed"; end
elif ! script -q -e -c true /dev/null </dev/null >/dev/null 2>&1; then
  echo "ok terminal colour cases (skipped: no pseudo-terminal here)"
else
  begin "auto colours a terminal"
  on_tty -- check bad.jny
  has_escape "$OUT" || why "no colour on a terminal"; end

  begin "auto and NO_COLOR on a terminal"
  on_tty NO_COLOR=1 -- check bad.jny
  grep -q 'error\[E0102\]' "$OUT" || why "no diagnostic seen on the terminal"
  want_no_escape_bytes "$OUT"; end

  begin "empty NO_COLOR does not disable colour"
  on_tty NO_COLOR= -- check bad.jny
  has_escape "$OUT" || why "no colour"; end

  begin "TERM=dumb on a terminal"
  on_tty TERM=dumb -- check bad.jny
  want_no_escape_bytes "$OUT"; end

  begin "--color never on a terminal"
  on_tty -- check --color never bad.jny
  want_no_escape_bytes "$OUT"; end
fi

finish
