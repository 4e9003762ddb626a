#!/usr/bin/env bash
# The limits of docs/language.md that need an input too big to commit: a string or name past
# PARSE_MAX_TOKEN_BYTES (E0109), a `use` chain past RESOLVE_MAX_MODULE_DEPTH (E0403), a file past
# SOURCE_MAX_BYTES (E0002, and exit 2 for a file named on the command line). The limits a small
# file can hit (nesting, errors per file) are in tests/limits/. Each limit is tested on both
# sides: the largest accepted input checks clean, one more is the error, reported once.
. "$(dirname "$0")/lib.bash"

MIB=1048576
# repeat CHAR N: N copies of CHAR, without a newline.
repeat() { head -c "$2" /dev/zero | tr '\0' "$1"; }

want_only_code() { # CODE LOCATION: exactly one diagnostic, this one, at LOCATION (file:line:col)
  local n
  n=$(grep -cE '^[^ ].*: (error|warning|info)\[' "$OUT")
  [ "$n" -eq 1 ] || why "$n diagnostics, expected only $1: $(first_line "$OUT")"
  want_out_has "$2: error[$1]"
}

# ---- PARSE_MAX_TOKEN_BYTES: 1 MiB per string or identifier ---------------------------------

{ printf 'let s = "'; repeat a $MIB; printf '"\n'; } >string_at_limit.jny
{ printf 'let s = "'; repeat a $((MIB + 1)); printf '"\n'; } >string_too_long.jny
{ printf 'let s = """\n'; repeat a $((MIB + 1)); printf '\n"""\n'; } >block_string_too_long.jny
{ printf 'let '; repeat a $MIB; printf ' = 1\n'; } >name_at_limit.jny
{ printf 'let '; repeat a $((MIB + 1)); printf ' = 1\n'; } >name_too_long.jny

begin "a string of exactly 1 MiB is accepted"
jny check --color never string_at_limit.jny
want_exit 0; want_no_crash; want_out_has "no problems in 1 file"; end

begin "a string one byte past 1 MiB is E0109 at its opening quote"
jny check --color never string_too_long.jny
want_exit 1; want_no_crash; want_only_code E0109 "string_too_long.jny:1:9"; end

begin "a multi-line string past 1 MiB is E0109 too"
jny check --color never block_string_too_long.jny
want_exit 1; want_no_crash; want_only_code E0109 "block_string_too_long.jny:1:9"; end

begin "a name of exactly 1 MiB is accepted"
jny check --color never name_at_limit.jny
want_exit 0; want_no_crash; want_out_has "no problems in 1 file"; end

begin "a name one byte past 1 MiB is E0109 at its start"
jny check --color never name_too_long.jny
want_exit 1; want_no_crash; want_only_code E0109 "name_too_long.jny:1:5"; end

begin "the excerpt of a megabyte line is cut to a window"
jny check --color never string_too_long.jny
[ "$(wc -c <"$OUT")" -lt 2000 ] || why "printed $(wc -c <"$OUT") bytes for one diagnostic"
end

# ---- RESOLVE_MAX_MODULE_DEPTH: `use` nests 64 files deep ------------------------------------

# chain DIR N: DIR/f00.jny uses f01.jny, which uses f02.jny … down to fN.jny, which uses nothing.
chain() {
  local dir=$1 n=$2 i
  mkdir -p "$dir"
  for i in $(seq 0 $((n - 1))); do
    printf 'use "f%02d.jny"\nstage s%02d "S"\n' $((i + 1)) "$i" >"$dir/$(printf 'f%02d.jny' "$i")"
  done
  printf 'stage s%02d "S"\n' "$n" >"$dir/$(printf 'f%02d.jny' "$n")"
}
chain deep_ok 64
chain deep_bad 70

begin "a file plus 64 levels of use is accepted"
jny check --color never deep_ok/f00.jny
want_exit 0; want_no_crash; want_out_has "no problems in 65 files"; end

begin "the 65th level of use is E0403 at that use, once"
jny check --color never deep_bad/f00.jny
want_exit 1; want_no_crash; want_only_code E0403 "deep_bad/f64.jny:1:5"
want_out_has "f65.jny' is not loaded"; end

begin "the depth counts from each root given"
jny check --color never deep_bad/f06.jny
want_exit 0; want_no_crash; want_out_has "no problems in 65 files"; end

# ---- SOURCE_MAX_BYTES: 256 MiB per file -----------------------------------------------------
# Sparse files: nothing is written to disk.

truncate -s $((256 * MIB + 1)) too_large.jny
printf 'use "too_large.jny"\n' >uses_too_large.jny

begin "a used file past 256 MiB is E0002 at the use, without reading it"
jny check --color never uses_too_large.jny
want_exit 1; want_no_crash; want_only_code E0002 "uses_too_large.jny:1:5"; end

begin "a file named on the command line past 256 MiB is a read error (exit 2)"
jny check --color never too_large.jny
want_exit 2; want_no_crash; want_err_has "cannot read 'too_large.jny': larger than 256 MiB"
want_out_empty; end

finish
