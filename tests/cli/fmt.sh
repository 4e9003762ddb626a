#!/usr/bin/env bash
# `jny fmt`: the layout of tests/fmt/messy.jny, --check, -w, standard input, syntax errors, and
# over every example and test file: idempotence, comments kept, and the same model (the JSON
# of `jny export` before and after, without the source locations, which formatting moves).
. "$(dirname "$0")/lib.bash"

cp "$CLI_ROOT/tests/fmt/messy.jny" "$CLI_ROOT/tests/fmt/messy.out" .
printf 'team cx "CX"\nteam @ x\n' >bad.jny
printf 'stage a "A"\n' >tidy.jny

begin "messy.jny prints as messy.out"
jny fmt messy.jny
want_exit 0; want_out_equals messy.out; want_err_empty; end

begin "formatted output is stable"
jny fmt --check messy.out tidy.jny
want_exit 0; want_out_empty; want_err_empty; end

begin "--check names the files that would change"
jny fmt --check tidy.jny messy.jny
want_exit 1; want_out_has "messy.jny"; want_out_lacks "tidy.jny"; cmp -s messy.jny "$CLI_ROOT/tests/fmt/messy.jny" || why "--check changed the file"; end

begin "-w rewrites in place, keeps the mode, leaves no temporary file"
cp messy.jny w.jny
chmod 640 w.jny
jny fmt -w w.jny
want_exit 0; want_out_empty; cmp -s w.jny messy.out || why "w.jny differs from messy.out"
[ "$(stat -c %a w.jny)" = 640 ] || why "mode is $(stat -c %a w.jny), not 640"
for t in .*fmt-*; do [ -e "$t" ] && why "a temporary file was left: $t"; done
end

begin "-w leaves a file in the layout alone"
cp messy.out done.jny
touch -d '2020-01-01' done.jny
jny fmt --write done.jny
want_exit 0; [ "$(stat -c %Y done.jny)" = "$(date -d 2020-01-01 +%s)" ] || why "rewritten"; end

begin "- reads standard input and writes standard output"
jny_in messy.jny fmt -
want_exit 0; want_out_equals messy.out; end

begin "--check on standard input"
jny_in messy.jny fmt --check -
want_exit 1; want_out_has "<stdin>"; end

begin "a file with syntax errors is reported and left untouched"
cp bad.jny bad2.jny
jny fmt -w bad2.jny
want_exit 1; want_out_empty; want_err_has "bad2.jny:2:6: error[E0102]"
want_err_has "not formatted"; cmp -s bad.jny bad2.jny || why "the file changed"; end

begin "syntax errors without -w print nothing on stdout"
jny fmt bad.jny tidy.jny
want_exit 1; want_out_equals tidy.jny; want_err_has "error[E0102]"; end

begin "--check and -w together are a usage error"
jny fmt --check -w tidy.jny
want_exit 2; want_err_has "cannot be used together"; end

begin "no files is a usage error"
jny fmt
want_exit 2; want_err_has "no files"; end

begin "-w with standard input is a usage error"
jny fmt -w -
want_exit 2; want_err_has "standard input"; end

begin "a missing file exits 2"
jny fmt nowhere.jny
want_exit 2; want_err_has "cannot read 'nowhere.jny'"; end

begin "help"
jny fmt --help
want_exit 0; want_out_has "Usage: jny fmt"; end

begin "out of memory at every allocation: exit 2, the file untouched, never a crash"
for n in $(seq 1 400); do
  cp messy.jny oom.jny
  JNY_FAIL_ALLOC=$n "$JNY" fmt -w oom.jny </dev/null >"$OUT" 2>"$ERR"
  RC=$?
  want_no_crash
  if [ "$RC" -eq 2 ]; then
    [ "$(cat "$ERR")" = "jny: out of memory" ] || why "N=$n: stderr is '$(first_line "$ERR")'"
    cmp -s oom.jny messy.jny || why "N=$n: the file changed"
  else
    [ "$RC" -eq 0 ] || why "N=$n: exit status $RC"
    cmp -s oom.jny messy.out || why "N=$n: not formatted"
    break
  fi
  [ -n "$WHY" ] && break
done
[ "$RC" -eq 2 ] && why "still out of memory after $n allocations"
end

# ---- every example and test file ----------------------------------------------------------
# Two copies of the trees (relative `use` and `data` paths keep working); one is rewritten.
mkdir orig new
(cd "$CLI_ROOT" && cp -r examples tests "$CLI_TMP/orig/" && cp -r examples tests "$CLI_TMP/new/")
files=$(cd orig && find examples tests -name '*.jny' | LC_ALL=C sort)

comments() { # FILE: the comments' texts, one per line, blanks at the ends of lines removed
  perl -ne 'while (m{(//.*|/\*.*?\*/|/\*.*)}g) { (my $c = $1) =~ s/\s+$//; print "$c\n" }' "$1"
}
# The export carries the source text of expressions (a let's value, a measure, clauses), which
# formatting re-spaces; those strings are compared without blanks and trailing commas.
strip_locations() {
  jq -S 'def expr_keys: ["value", "measure", "for", "where", "assert", "from", "group", "limit", "expr"];
    del(.files) | del(.. | .location?)
    | walk(if type == "object" then with_entries(
        if (.key | IN(expr_keys[])) and (.value | type) == "string"
        then .value |= (gsub("\\s"; "") | gsub(",(?=[\\])])"; "")) else . end) else . end)' "$1"
}

formatted=0
exported=0
for f in $files; do
  "$JNY" fmt "orig/$f" >/dev/null 2>&1 || continue # syntax errors: nothing to format
  formatted=$((formatted + 1))
  begin "fmt $f"
  jny fmt -w "new/$f"
  want_exit 0
  jny fmt --check "new/$f"
  [ "$RC" -eq 0 ] || why "not idempotent: a second pass would change it"
  [ "$(comments "orig/$f")" = "$(comments "new/$f")" ] || why "comments differ"
  if "$JNY" export "orig/$f" >orig.json 2>/dev/null; then
    exported=$((exported + 1))
    if ! "$JNY" export "new/$f" >new.json 2>new.err; then
      why "the formatted file does not export: $(head -n 1 new.err)"
    else
      strip_locations orig.json >a.json
      strip_locations new.json >b.json
      cmp -s a.json b.json || why "the model changed: $(diff a.json b.json | head -n 3 | tr '\n' ' ')"
    fi
  fi
  end
done

begin "the corpus is not empty"
[ "$formatted" -ge 20 ] || why "only $formatted files formatted"
[ "$exported" -ge 3 ] || why "only $exported files exported"
end

finish
