#!/usr/bin/env bash
# tests/fuzz/dict.sh WORDS_TOOL — prints the libFuzzer dictionary of the language on standard
# output, taken from jny's own tables so that it follows the language: the declaration kinds,
# attributes, value words and collections that WORDS_TOOL (BUILD/jny_words, from the scanner's
# and the schema's tables) prints; the reserved and clause words of lang/lexer.l's tables; the
# built-in functions of runtime/eval/eval_funcs.c; and the operators and literal shapes of the scanner.
# Run by `make fuzz-build`, which writes BUILD/fuzz/jny.dict.
set -eu
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

table_words() { # TABLE: the words of a `{"word", TOK_…}` table of lexer.l
  awk -v t="$1" '$0 ~ "} " t "\\[\\] = \\{" { on = 1; next } on && /^};/ { on = 0 } on' \
    "$ROOT/lang/lexer.l" | grep -o '{"[a-z]*"' | tr -d '{"'
}

{
  "$1" | cut -d' ' -f2- | tr ' ' '\n'
  table_words RESERVED
  table_words CLAUSE_WORDS
  # the FUNCS table: {"name", min, max, …}
  grep -oE '^ *\{"[a-z_]+", [0-9]+,' "$ROOT/runtime/eval/eval_funcs.c" | grep -oE '[a-z_]+'
} | grep -v '^$' | sort -u | awk '{ printf "w_%s=\"%s\"\n", $0, $0 }'

# Operators, brackets and literal shapes the scanner treats specially. Escaped as libFuzzer's
# dictionary format wants: \" for a quote, \\ for a backslash, \xNN for a byte.
cat <<'EOF'
op_arrow="->"
op_eq="=="
op_ne="!="
op_le="<="
op_ge=">="
op_assign="="
op_not_in="not in"
brace_open="{"
brace_close="}"
paren_open="("
bracket_open="["
colon=":"
semicolon=";"
newline="\x0a"
crlf="\x0d\x0a"
quote="\""
triple="\"\"\""
escape_u="\\u{1F600}"
escape_brace="\\{"
interp="{t.name}"
line_comment="// "
block_open="/*"
block_close="*/"
number_under="1_000"
percent="35%"
decimal="3.5"
date="2027-01-31"
date_bad="2027-02-30"
duration_min="15min"
duration_h="2h"
bom="\xef\xbb\xbf"
bidi="\xe2\x80\xae"
esc="\x1b["
EOF
