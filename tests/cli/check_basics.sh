#!/usr/bin/env bash
# `jny check`: exit statuses, standard input, unreadable inputs, option values.
. "$(dirname "$0")/lib.bash"

printf 'team cx "CX team"\nstage aware "Awareness"\n' >clean.jny
printf 'team cx "CX team"\nteam @ x\n' >bad.jny
: >empty.jny
mkdir folder

begin "clean file exits 0"
jny check clean.jny
want_exit 0; want_out_has "no problems in 1 file"; want_err_empty; end

begin "error exits 1"
jny check bad.jny
want_exit 1; want_out_has "bad.jny:2:6: error[E0102]"; want_out_has "1 error in 1 file"; end

begin "empty file checks clean"
jny check empty.jny
want_exit 0; want_out_has "no problems in 1 file"; want_err_empty; end

begin "several files are counted"
jny check clean.jny empty.jny bad.jny
want_exit 1; want_out_has "in 3 files"; end

begin "a file named twice is checked once"
jny check clean.jny ./clean.jny clean.jny
want_exit 0; want_out_has "no problems in 1 file"; end

begin "files counted: roots and their own modules, not std ones"
printf 'use "part.jny"\nuse std.channels\nteam a\n' >main.jny
printf 'team b\n' >part.jny
jny check main.jny
want_exit 0; want_out_has "no problems in 2 files"; end

begin "a module also named on the command line counts once"
jny check main.jny part.jny
want_exit 0; want_out_has "no problems in 2 files"; end

begin "--strict is accepted on a clean file"
jny check --strict clean.jny
want_exit 0; want_out_has "no problems"; end

begin "--strict keeps errors at 1"
jny check bad.jny --strict
want_exit 1; end

begin "options after the files"
jny check clean.jny --format json
want_exit 0; want_out_has '"version"'; end

begin "standard input as -"
jny_in bad.jny check -
want_exit 1; want_out_has "<stdin>:2:6: error[E0102]"; want_out_has "in 1 file"; end

begin "standard input mixed with files"
printf 'team other\n' >other.jny
jny_in other.jny check - bad.jny
want_exit 1; want_out_has "in 2 files"; want_out_lacks "<stdin>:"; end

begin "standard input named twice"
jny_in clean.jny check - -
want_exit 2; want_err_has "more than once"; want_out_empty; end

begin "empty standard input"
jny check -
want_exit 0; want_out_has "no problems in 1 file"; end

begin "-- ends the options"
cp clean.jny ./-dash.jny
jny check -- -dash.jny
want_exit 0; want_out_has "no problems"; end

begin "missing file exits 2 naming it"
jny check clean.jny no-such-file.jny
want_exit 2; want_err_has "cannot read 'no-such-file.jny': No such file or directory"; want_out_empty; end

begin "every unreadable file is named"
jny check nope1.jny clean.jny nope2.jny
want_exit 2; want_err_has "nope1.jny"; want_err_has "nope2.jny"; want_out_empty; end

begin "directory exits 2"
jny check folder
want_exit 2; want_err_has "cannot read 'folder': is a directory"; want_out_empty; end

begin "unreadable file exits 2"
printf 'stage a\n' >locked.jny
chmod 000 locked.jny
if cat locked.jny >/dev/null 2>&1; then
  jny check locked.jny
  want_exit 0
else
  jny check locked.jny
  want_exit 2; want_err_has "cannot read 'locked.jny'"
fi
chmod 644 locked.jny; end

begin "no files is a usage error"
jny check
want_exit 2; want_err_has "no files"; want_out_empty; end

begin "--format needs a value"
jny check clean.jny --format
want_exit 2; want_err_has "'--format' needs a value"; end

begin "unknown --format value"
jny check --format xml clean.jny
want_exit 2; want_err_has "unknown format 'xml'"; want_out_empty; end

begin "--format=text"
jny check --format=text clean.jny
want_exit 0; want_out_has "no problems"; end

begin "unknown --color value"
jny check --color=sometimes clean.jny
want_exit 2; want_err_has "'sometimes'"; end

begin "--today with a real date"
jny check --today 2028-02-29 clean.jny
want_exit 0; end

begin "--today=DATE form"
jny check --today=2027-01-31 clean.jny
want_exit 0; end

begin "--today with an impossible date"
jny check --today 2027-02-29 clean.jny
want_exit 2; want_err_has "invalid date '2027-02-29'"; end

begin "--today with a malformed date"
jny check --today 27-1-31 clean.jny
want_exit 2; want_err_has "invalid date"; end

begin "unknown option names it and suggests"
jny check --stirct clean.jny
want_exit 2; want_err_has "unknown option '--stirct'; did you mean '--strict'?"; want_out_empty; end

begin "unknown short option"
jny check -x clean.jny
want_exit 2; want_err_has "unknown option '-x'"; end

begin "a flag given a value"
jny check --strict=yes clean.jny
want_exit 2; want_err_has "'--strict' takes no value"; end

begin "JNY_PATH empty is ignored"
JNY_PATH='' "$JNY" check clean.jny </dev/null >"$OUT" 2>"$ERR"; RC=$?
want_exit 0; end

finish
