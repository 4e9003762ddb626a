#!/usr/bin/env bash
# `jny check --format json`: valid JSON whatever the input holds, fixed key order, fields.
# Needs jq (Debian package jq); without it every case fails saying so.
. "$(dirname "$0")/lib.bash"

HAVE_JQ=0
command -v jq >/dev/null 2>&1 && HAVE_JQ=1

# q FILTER: jq's raw output for the last stdout, one line (arrays of scalars joined by spaces).
q() { jq -r "$1 | if type == \"array\" then map(tostring) | join(\" \") else . end" "$OUT" 2>&1; }
# want_json FILTER VALUE
want_json() {
  local got
  got=$(q "$1")
  [ "$got" = "$2" ] || why "$1 is '$got', expected '$2'"
}
want_valid() {
  [ "$HAVE_JQ" = 1 ] || { why "jq is not installed"; return 1; }
  jq -e . "$OUT" >/dev/null 2>&1 || why "not valid JSON: $(first_line "$OUT")"
}

printf 'team cx "CX team"\nteam @ x\n' >bad.jny
printf 'team cx "CX team"\n' >clean.jny
E='(.diagnostics[] | select(.code == "E0102"))'

begin "clean file: empty list and zero counts"
jny check --format json clean.jny
want_exit 0; want_err_empty
if want_valid; then
  want_json '[keys_unsorted[]]' "version diagnostics summary"
  want_json .version 1
  want_json '.diagnostics | length' 0
  want_json '.summary | [.errors, .warnings, .infos, .files]' "0 0 0 1"
fi
end

begin "one error: every field"
jny check --format=json bad.jny
want_exit 1; want_err_empty
if want_valid; then
  want_json "[$E | keys_unsorted[]]" \
    "code severity message file line column end_line end_column span notes help"
  want_json "$E | [.severity, .file, .line, .column, .end_line, .end_column]" "error bad.jny 2 6 2 7"
  want_json "$E | [.span.start, .span.end]" "23 24"
  want_json "$E | .message" "unexpected character '@'"
  want_json "$E | .notes | type" array
  want_json '.summary.files' 1
  want_json '.summary.errors == ([.diagnostics[] | select(.severity == "error")] | length)' true
fi
end

begin "output is deterministic"
jny check --format json bad.jny clean.jny
cp "$OUT" first.json
jny check --format json bad.jny clean.jny
want_out_equals first.json; end

begin "columns count code points"
printf 'team cx "\xc3\xa9\xe2\x82\xac" @\n' >utf8.jny
jny check --format json utf8.jny
want_valid && want_json "$E | [.column, .end_column, .span.start]" "14 15 16"
end

begin "control characters and invalid UTF-8 stay valid JSON"
printf 'team cx "x"\nteam \x1b[31m \xff\xfe "\x01"\n' >nasty.jny
jny check --format json nasty.jny
want_exit 1; want_valid; want_no_escape_bytes "$OUT"; end

begin "a file name that is not UTF-8"
cp bad.jny $'name\xff.jny'
jny check --format json $'name\xff.jny'
want_exit 1
want_valid && want_json '.diagnostics[0].file' $'name\xef\xbf\xbd.jny'
end

begin "standard input is <stdin>"
jny_in bad.jny check --format json -
want_valid && want_json '.diagnostics[0].file' "<stdin>"
end

begin "json is never coloured"
jny check --format json --color always bad.jny
want_no_escape_bytes "$OUT"; want_valid; end

finish
