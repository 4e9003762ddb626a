#!/usr/bin/env bash
# Writing standard output: full disks, closed pipes, closed descriptors.
. "$(dirname "$0")/lib.bash"

{
  for i in $(seq 1 40); do printf 'team @ t%d\n' "$i"; done
} >many.jny
printf 'team cx "CX"\n' >clean.jny
# Far more output than a pipe holds, so that the writer really meets a closed pipe.
long=$(printf '%0300d' 0)
for f in $(seq 1 20); do
  for i in $(seq 1 60); do printf 'team @ t%d "%s"\n' "$i" "$long"; done >"big$f.jny"
done

begin "/dev/full is an error"
if [ -w /dev/full ]; then
  "$JNY" check clean.jny </dev/null >/dev/full 2>"$ERR"; RC=$?
  want_exit 2; want_err_has "cannot write to standard output"
fi
end

begin "/dev/full with json"
if [ -w /dev/full ]; then
  "$JNY" check --format json many.jny </dev/null >/dev/full 2>"$ERR"; RC=$?
  want_exit 2; want_err_has "cannot write"
fi
end

begin "help to /dev/full"
if [ -w /dev/full ]; then
  "$JNY" --help </dev/null >/dev/full 2>"$ERR"; RC=$?
  want_exit 2; want_err_has "cannot write"
fi
end

begin "a reader that stops early is not an error"
set -o pipefail
"$JNY" check big*.jny </dev/null 2>"$ERR" | head -n 1 >"$OUT"
RC=$?
set +o pipefail
want_no_crash; want_exit 1; want_err_empty; want_out_has "big1.jny:1:6: error[E0102]"
[ "$(wc -l <"$OUT")" -eq 1 ] || why "head printed more than one line"
end

begin "same with json"
"$JNY" check --format json big*.jny </dev/null 2>"$ERR" | head -c 10 >/dev/null
RC=${PIPESTATUS[0]}
want_no_crash; want_err_empty; end

begin "closed standard output"
"$JNY" check clean.jny </dev/null >&- 2>"$ERR"; RC=$?
want_exit 2; want_err_has "cannot write to standard output"; end

begin "diagnostics go to stdout, nothing to stderr"
jny check many.jny
want_exit 1; want_err_empty; want_out_has "40 errors in 1 file"; end

finish
