#!/usr/bin/env bash
# `jny check` runs the model's checks: --today, --strict, JSON output, checks skipped on errors.
. "$(dirname "$0")/lib.bash"

cp "$CLI_ROOT/examples/grocery.jny" grocery.jny

begin "the brief's example with std.lint: one warning, exit 0"
jny check --today 2026-11-23 grocery.jny
want_exit 0; want_out_has "grocery.jny:43:12: warning[E0520]: touchpoint 'app_home' has no owner"
want_out_has "1 warning in 1 file"; end

begin "--today past the due date makes the opportunity overdue"
jny check --today 2027-02-01 grocery.jny
want_exit 0
want_out_has "warning[E0520]: opportunity 'evening_slots' was due on 2027-01-31 and is not done"
want_out_has "2 warnings in 1 file"; end

begin "--strict: warnings of checks fail"
jny check --strict --today 2026-11-23 grocery.jny
want_exit 1; want_out_has "1 warning in 1 file"; end

begin "today() is the --today date"
printf 'check d "D" { assert today() == 2030-05-06 }\n' >today.jny
jny check --today 2030-05-06 today.jny
want_exit 0; want_out_has "no problems in 1 file"; end

begin "a failing check exits 1 with its message"
printf 'stage s "S"\ncheck c "C" {\n  for x in stages\n  assert x.index > 1\n  message "stage {x.id} is number {x.index}"\n}\n' >fail.jny
jny check fail.jny
want_exit 1; want_out_has "fail.jny:1:7: error[E0520]: stage s is number 1"
want_out_has "fail.jny:2:7: note: required by check 'c' (C)"; end

begin "severity info does not fail, even with --strict"
printf 'stage s "S"\ncheck c "C" {\n  assert false\n  severity info\n}\n' >info.jny
jny check --strict info.jny
want_exit 0; want_out_has "info[E0520]: check 'c' does not hold"; end

begin "JSON output carries the violations"
jny check --format json fail.jny
want_exit 1; want_out_has '"E0520"'; end

begin "checks do not run on a model with errors"
printf 'stage s "S"\ntouchpoint t "T" { stage nowhere }\ncheck c "C" { assert false }\n' >broken.jny
jny check broken.jny
want_exit 1; want_out_has "error[E0203]"; want_out_lacks "E0520"; end

begin "a 20k-touchpoint model with std.lint checks quickly"
{
  printf 'use std.lint\nteam cx "CX"\nstage s "S"\n'
  for i in $(seq 1 20000); do printf 'touchpoint t%d "T" { stage s; owner cx; -> t%d }\n' "$i" "$((i + 1))"; done
  printf 'touchpoint t20001 "End" { stage s; owner cx }\n'
} >big.jny
jny check big.jny
want_exit 0; want_out_has "no problems in 1 file"; end

begin "chains as long as the file are evaluated without deep recursion"
{
  printf 'stage s "S"\nlet a = true'
  for i in $(seq 1 50000); do printf ' and true'; done
  printf '\nlet n = 0'
  for i in $(seq 1 50000); do printf ' + 1'; done
  printf '\nlet m = s'
  for i in $(seq 1 20000); do printf '.prev'; done
  printf '\ncheck c "C" { assert a and n == 50000 }\ncheck d "D" { assert m == none }\n'
} >deep.jny
jny check deep.jny
want_exit 1; want_no_crash; want_out_has "error[E0507]: \`s.prev\` is none"; want_out_lacks "E0520"; end

finish
