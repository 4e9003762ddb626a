#!/usr/bin/env bash
# `jny export FILE --format json`: the resolved model as JSON (docs/language.md, "Export").
. "$(dirname "$0")/lib.bash"
DIR="$CLI_ROOT/tests/cli/export"
cp "$DIR/model.jny" model.jny

begin "export matches the golden file"
jny export model.jny
want_exit 0; want_out_equals "$DIR/model.json"; want_err_empty; end

begin "export is valid JSON with the format and version"
jny export model.jny --format json
want_exit 0
[ "$(jq -r '.format + " " + (.version|tostring)' "$OUT")" = "jny-model 1" ] || why "format/version"
end

begin "names with quotes, backslashes, control characters and non-ASCII survive"
jny export model.jny
[ "$(jq -r '.journey.title' "$OUT")" = 'Odd "names" \ and ünïcödé' ] || why "title: $(jq -r .journey.title "$OUT")"
[ "$(jq -r '.journey.description' "$OUT" | head -1)" = 'Line one' ] || why "description"
[ "$(jq -r '.teams[0].name' "$OUT")" = 'Ops </script>' ] || why "team name"
end

begin "derived links: stage touchpoints, flows in and out, pains, opportunities"
jny export model.jny
[ "$(jq -c '.stages[0].touchpoints' "$OUT")" = '["a"]' ] || why "stage touchpoints"
[ "$(jq -c '.touchpoints[0].out' "$OUT")" = '[0,1]' ] || why "out"
[ "$(jq -r '.flows[.touchpoints[0].out[0]].to' "$OUT")" = b ] || why "out[0] goes to b"
[ "$(jq -c '.touchpoints[1].in' "$OUT")" = '[0]' ] || why "in"
[ "$(jq -r '.pains[.touchpoints[0].pains[0]].id' "$OUT")" = p_slow ] || why "pain link"
[ "$(jq -c '.touchpoints[0].opportunities' "$OUT")" = '["speed"]' ] || why "touchpoint opportunities"
[ "$(jq -c '.pains[0].opportunities' "$OUT")" = '["speed"]' ] || why "pain opportunities"
[ "$(jq -c '.pains[1].opportunities' "$OUT")" = '[]' ] || why "unfixed pain"
[ "$(jq -c '.personas[1].touchpoints' "$OUT")" = '["b"]' ] || why "persona touchpoints"
[ "$(jq -c '[.touchpoints[] | [.entry, .terminal]]' "$OUT")" = '[[true,false],[false,false]]' ] || why "entry/terminal"
end

begin "every entity has a source location"
jny export model.jny
[ "$(jq -c '.touchpoints[0].location' "$OUT")" = '{"file":"model.jny","line":30,"column":12}' ] || why "location $(jq -c '.touchpoints[0].location' "$OUT")"
n=$(jq '[.. | objects | select(has("id") and has("stdlib")) | select(.location.line == null)] | length' "$OUT")
[ "$n" = 0 ] || why "$n entities without a line"
end

begin "std modules are exported and marked"
printf 'use std.channels\nstage s "S"\ntouchpoint t "T" { stage s; channel web }\n' >std.jny
jny export std.jny
want_exit 0
[ "$(jq -r '.channels[] | select(.id == "web") | .stdlib' "$OUT")" = true ] || why "web not marked stdlib"
[ "$(jq -r '.files[1].module' "$OUT")" = std.channels ] || why "files lacks the module"
end

begin "-o writes the file atomically and prints nothing"
jny export model.jny -o out.json
want_exit 0; want_out_empty; want_err_empty
cmp -s out.json "$DIR/model.json" || why "out.json differs"
ls -a | grep -q '^\.out\.json\.' && why "temporary file left behind"
end

begin "-o - is standard output"
jny export model.jny -o -
want_exit 0; want_out_equals "$DIR/model.json"; end

begin "-o replaces an existing file"
echo old >old.json
jny export model.jny -o old.json
want_exit 0
cmp -s old.json "$DIR/model.json" || why "old.json not replaced"
end

begin "standard input"
jny_in model.jny export -
want_exit 0
[ "$(jq -r '.files[0].name' "$OUT")" = "<stdin>" ] || why "stdin name"
end

begin "a model with errors writes nothing and exits 1"
printf 'stage s "S"\ntouchpoint t "T" { stage nope }\n' >bad.jny
echo keep >keep.json
jny export bad.jny -o keep.json
want_exit 1; want_out_empty; want_err_has "error[E0203]"; want_err_has "unknown"
[ "$(cat keep.json)" = keep ] || why "keep.json was overwritten"
end

begin "a model with errors prints nothing on standard output"
jny export bad.jny
want_exit 1; want_out_empty; want_err_has "bad.jny:2:"; end

begin "an unwritable output is exit 2"
jny export model.jny -o no/such/dir/out.json
want_exit 2; want_err_has "cannot write 'no/such/dir/out.json'"; end

begin "unknown format is a usage error"
jny export model.jny --format xml
want_exit 2; want_err_has "unknown format 'xml'"; want_out_empty; end

begin "--today is accepted and checked"
jny export model.jny --today 2026-11-23
want_exit 0; want_out_equals "$DIR/model.json"
jny export model.jny --today 2026-02-30
want_exit 2; want_err_has "invalid date"; end

begin "missing file operand"
jny export
want_exit 2; want_err_has "no file to export"; end

begin "two files are refused"
jny export model.jny std.jny
want_exit 2; want_err_has "one file at a time"; end

begin "unreadable file"
jny export missing.jny
want_exit 2; want_err_has "cannot read 'missing.jny'"; end

# JNY_FAIL_ALLOC=N fails the Nth arena allocation and every later one: each N must end in
# `jny: out of memory` (exit 2) or in a normal run; never a crash, never a leak (ASan build).
begin "a full disk on standard output is exit 2"
if [ -w /dev/full ]; then
  "$JNY" export model.jny </dev/null >/dev/full 2>"$ERR"; RC=$?
  want_exit 2; want_err_has "cannot write to standard output"
fi
end


oom_walk "out of memory anywhere in an export" export model.jny
oom_walk "out of memory anywhere in an export to a file" export model.jny -o oom.json

begin "out of memory leaves no temporary file behind"
ls -a | grep -q '^\.oom\.json\.' && why "temporary file left: $(ls -a | grep '^\.oom')"
cmp -s oom.json "$DIR/model.json" || why "the last run did not write oom.json"
end

begin "help"
jny export --help
want_exit 0; want_out_has "Usage: jny export"; end

finish
