#!/usr/bin/env bash
# `data id from "file.csv"`: the messages of files jny cannot read (with the CSV's own line and
# column), a bad score naming its cell, rows in query output and messages, and the limits of a
# data file (DATA_MAX_* in runtime/eval/data.h), each on both sides where an input at the limit is
# cheap enough to make. The values themselves are checked by tests/data/*.jny.
. "$(dirname "$0")/lib.bash"

MIB=1048576
repeat() { head -c "$2" /dev/zero | tr '\0' "$1"; } # CHAR N, no newline

want_only_code() { # CODE TEXT: exactly one diagnostic, this one, and TEXT in the output
  local n
  n=$(grep -cE '^[^ ].*: (error|warning|info)\[' "$OUT")
  [ "$n" -eq 1 ] || why "$n diagnostics, expected only $1: $(first_line "$OUT")"
  want_out_has "[$1]: $2"
}

# ---- the messages of tests/data/csv_errors.jny ----------------------------------------------

cd "$CLI_ROOT" || exit 2
begin "unreadable data files: one error each, at the data line, with the CSV's position"
jny check --color never tests/data/csv_errors.jny
want_exit 1
want_out_has "csv_errors.jny:5:18: error[E0511]: tests/data/ragged.csv:3:4: a row of 2 cells, but the header has 3"
want_out_has "tests/data/ragged_long.csv:3:7: a row of 4 cells, but the header has 3"
want_out_has "tests/data/stray_quote.csv:2:4: a stray '\"'"
want_out_has "tests/data/unclosed.csv:2:3: a quoted cell is never closed"
want_out_has "tests/data/empty.csv: the file is empty"
want_out_has "tests/data/dup_header.csv:1:18: the header 'score' is there twice (columns 1 and 3)"
want_out_has "tests/data/empty_header.csv:1:3: column 2 of the header has no name"
want_out_has "tests/data/clash.csv:1:11: the headers 'nps score' and 'nps-score' both make the column name 'nps_score'"
want_out_has "tests/data/bad_utf8.csv:2:6: invalid UTF-8 (byte 0xE9)"
want_out_has "tests/data/no_such_file.csv: cannot read it: No such file or directory"
want_out_has "error[E0302]: a delimiter is one ASCII character"
want_out_lacks "no_such_file_either"
end

begin "a KPI fed by a survey CSV has the hand-computed NPS"
jny query tests/data/survey_kpi.jny 'from k in kpis select k.id, k.value, k.met'
want_exit 0
want_out_has "welcome_nps       20  false"
end
cd "$CLI_TMP" || exit 2

# ---- a bad score names its cell -------------------------------------------------------------

cat >scores.csv <<'EOF'
respondent,touchpoint,score
1,welcome,9
2,"welcome, again",11
3,welcome,7.5
EOF
cat >scores.jny <<'EOF'
data survey from "scores.csv"
kpi nps_all { measure nps([r.score for r in survey]) }
kpi nps_3 { measure nps([r.score for r in survey where r.respondent == 3]) }
kpi nps_neg { measure nps([-r.score for r in survey where r.respondent == 1]) }
EOF
begin "a score outside the scale names the file, line, column and column name of its cell"
jny check --color never scores.jny
want_exit 1
want_out_has "scores.jny:2:23: error[E0513]: scores.csv:3:20 (column score): 11 is outside NPS's 0–10 scale"
want_out_has "scores.jny:3:21: error[E0513]: scores.csv:4:11 (column score): 7.5 is not a whole score on NPS's 0–10 scale"
end

begin "a number computed from a cell is no longer the cell"
jny check --color never scores.jny
want_out_has "\`nps([-r.score for r in survey where r.respondent == 1])\`, item 1: -9 is outside"
end

# ---- rows in output -------------------------------------------------------------------------

cat >rows.csv <<'EOF'
respondent,touchpoint,score
1,welcome,9
2,checkout,3
EOF
cat >rows.jny <<'EOF'
data survey from "rows.csv"
check promoters {
  for r in survey
  assert r.score >= 9
  message "{r} (line {r.line}) scored {r.score} at {r.touchpoint}"
  severity warning
}
EOF
begin "a row prints as its table and number, in messages"
jny check --color never rows.jny
want_exit 0
want_out_has "warning[E0520]: survey row 2 (line 3) scored 3 at checkout"
end

begin "rows in query cells, table and JSON"
jny query rows.jny 'from r in survey select r, r.score order r.score'
want_exit 0
want_out_has "survey row 2        3"
jny query --format json rows.jny 'from r in survey select r, r.line'
want_out_has '"r": "survey row 1"'
want_out_has '"r.line": 2'
end

begin "an unknown column is a type error with a did-you-mean, before anything runs"
jny query rows.jny 'from r in survey select r.scroe'
want_exit 1
want_err_has "error[E0501]: a survey row has no column 'scroe'"
want_err_has "did you mean 'score'?"
jny query rows.jny 'from r in survey select r.score + r.touchpoint'
want_err_has "error[E0502]: \`r.score + r.touchpoint\`: cannot add a number and text"
end

begin "blank lines are not rows; a row of empty cells is"
printf 'a,b\n\n1,2\n   \n3,4\n,\n' >blank.csv
printf 'data t from "blank.csv"\n' >blank.jny
jny query blank.jny 'from r in t select r, r.line, r.a'
want_exit 0
want_out_has "t row 2       5    3"
want_out_has "t row 3       6"
want_out_lacks "t row 4"
end

# ---- out of memory while reading --------------------------------------------------------------

awk 'BEGIN { print "respondent,touchpoint,score"; for (i = 1; i <= 5000; i++) print i ",tp" i % 7 "," i % 11 }' >oom.csv
printf 'data survey from "oom.csv"\nkpi k { measure nps([r.score for r in survey]) }\n' >oom.jny
oom_walk "out of memory while a table is read: a clean exit 2 at every allocation" check oom.jny

# ---- limits ---------------------------------------------------------------------------------

use_table() { # NAME FILE: a .jny that reads FILE as table t
  printf 'data t from "%s"\nlet n = count(t)\n' "$2" >"$1"
}

# DATA_MAX_FILE_BYTES: a sparse file, refused before it is read.
truncate -s $((256 * MIB + 1)) huge.csv
use_table huge.jny huge.csv
begin "a data file past 256 MiB is E0512, without reading it"
jny check --color never huge.jny
want_exit 1; want_no_crash; want_only_code E0512 "huge.csv: larger than 256 MiB"; end

# DATA_MAX_CELL_BYTES: 1 MiB, quoted or not.
{ printf 'a,b\n1,'; repeat x $MIB; printf '\n2,"'; repeat y $MIB; printf '"\n'; } >cell_ok.csv
{ printf 'a,b\n1,'; repeat x $((MIB + 1)); printf '\n'; } >cell_long.csv
{ printf 'a,b\n1,"'; repeat y $((MIB + 1)); printf '"\n'; } >cell_long_quoted.csv
{ printf 'a,b\n1,"open\n'; repeat z $((2 * MIB)); printf '\n'; } >cell_open.csv
use_table cell_ok.jny cell_ok.csv
use_table cell_long.jny cell_long.csv
use_table cell_long_quoted.jny cell_long_quoted.csv
use_table cell_open.jny cell_open.csv
begin "cells of exactly 1 MiB are read, quoted or not"
jny check --color never cell_ok.jny
want_exit 0; want_no_crash; want_out_has "no problems in 1 file"; end
begin "a cell one byte past 1 MiB is E0512 at the cell"
jny check --color never cell_long.jny
want_exit 1; want_no_crash; want_only_code E0512 "cell_long.csv:2:3: a cell longer than 1 MiB"
jny check --color never cell_long_quoted.jny
want_exit 1; want_only_code E0512 "cell_long_quoted.csv:2:3: a cell longer than 1 MiB"; end
begin "a quote left open runs into the cell limit, and says so"
jny check --color never cell_open.jny
want_exit 1; want_no_crash
want_only_code E0512 "cell_open.csv:2:3: a cell longer than 1 MiB, the most a cell holds (is its quote left open?)"
end

# DATA_MAX_COLUMNS: 4096.
header() { seq -s, -f 'c%g' 1 "$1"; }
{ header 4096; seq -s, 1 4096; } >cols_ok.csv
{ header 4097; seq -s, 1 4097; } >cols_many.csv
use_table cols_ok.jny cols_ok.csv
use_table cols_many.jny cols_many.csv
begin "a header of 4096 columns is read"
jny check --color never cols_ok.jny
want_exit 0; want_no_crash; want_out_has "no problems in 1 file"; end
begin "a 4097th column is E0512 at that column"
jny check --color never cols_many.jny
want_exit 1; want_no_crash
want_only_code E0512 "cols_many.csv:1:$(($(header 4096 | wc -c) + 1)): more than 4096 columns"
end

# DATA_MAX_ROWS: ten million (cells of `""` are none: the least memory a row can take).
{ echo a; yes '""' | head -n 10000000; } >rows_ok.csv
{ echo a; yes '""' | head -n 10000001; } >rows_many.csv
printf 'data t from "rows_ok.csv"\ncheck all_rows { assert count(t) == 10000000 }\n' >rows_ok.jny
use_table rows_many.jny rows_many.csv
begin "a table of ten million rows is read"
jny check --color never rows_ok.jny
want_exit 0; want_no_crash; want_out_has "no problems in 1 file"; end
begin "the ten million and first row is E0512 at its line"
jny check --color never rows_many.jny
want_exit 1; want_no_crash; want_only_code E0512 "rows_many.csv:10000002:1: more than 10000000 rows"
end
rm -f rows_ok.csv rows_many.csv huge.csv

begin "a grouped query computes nps per group"
jny query "$CLI_ROOT/tests/data/survey_kpi.jny" nps_by_touchpoint --format csv
want_exit 0; want_err_empty
[ "$(tr -d '\r' <"$OUT" | paste -sd'|')" = "touchpoint,nps|welcome,20|checkout,0" ] || why "got: $(tr -d '\r' <"$OUT" | paste -sd'|')"
end

finish
