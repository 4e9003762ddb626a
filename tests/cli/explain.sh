#!/usr/bin/env bash
# `jny explain CODE`: the title of a diagnostic code.
. "$(dirname "$0")/lib.bash"

begin "explain E0203"
jny explain E0203
want_exit 0; want_out_has "E0203"; want_out_has "error"; want_out_has "unknown reference"; want_err_empty; end

begin "explain is case-insensitive"
jny explain e0101
want_exit 0; want_out_has "E0101"; want_out_has "invalid UTF-8"; end

begin "explain several codes"
jny explain E0001 E0402
want_exit 0; want_out_has "E0001"; want_out_has "import cycle"; end

begin "unknown code exits 2"
jny explain E9999
want_exit 2; want_out_empty; want_err_has "unknown code 'E9999'"; end

begin "known and unknown codes"
jny explain E0203 nonsense
want_exit 2; want_out_has "E0203"; want_err_has "'nonsense'"; end

begin "explain with no code lists every code"
jny explain
want_exit 0
codes=$(grep -oE '"E[0-9]{4}"' "$CLI_ROOT/lang/diag_codes.def" | tr -d '"')
[ -n "$codes" ] || why "no codes found in lang/diag_codes.def"
for c in $codes; do grep -q "^$c " "$OUT" || why "list lacks $c"; done
[ "$(wc -l <"$OUT")" -eq "$(echo "$codes" | wc -l)" ] || why "list has $(wc -l <"$OUT") lines for $(echo "$codes" | wc -l) codes"
end

begin "explain rejects options it does not have"
jny explain --all
want_exit 2; want_err_has "unknown option '--all'"; end

finish
