#!/usr/bin/env bash
# editors/test/words.sh WORDS_FILE — the word lists of the three plugins against the language.
# WORDS_FILE is the output of the jny_words tool (declaration kinds, attributes, value words and
# collections from the scanner and the schema, built-in functions from the evaluator's table);
# the reserved and clause words come from the scanner's tables in lang/lexer.l, an outcome's
# success/failure from lang/resolve.c. Each list of each plugin must equal the language's: a
# word missing from a plugin or left over in one is a failure that names the list. Prints
# `ok NAME` / `FAIL NAME: why`, then `N passed, N failed`.
set -u
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd) || exit 2
WORDS=$1
pass=0
fail=0

words_of() { grep "^$1 " "$WORDS" | cut -d' ' -f2- | tr ' ' '\n'; } # LIST
table_words() { # TABLE: the words of a `{"word", TOK_…}` table of lexer.l
  awk -v t="$1" '$0 ~ "} " t "\\[\\] = \\{" { on = 1; next } on && /^};/ { on = 0 } on' \
    "$ROOT/lang/lexer.l" | grep -o '{"[a-z]*"' | tr -d '{"'
}
norm() { tr ' ' '\n' | grep -v '^$' | sort -u; }
minus() { comm -23 <(norm <<<"$1") <(norm <<<"$2"); } # A B: the words of A not in B

declare -A LANG
LANG[decl]=$(words_of decl | norm)
LANG[clause]=$(table_words CLAUSE_WORDS | norm)
LANG[reserved]=$(table_words RESERVED | norm)
LANG[attr]=$(minus "$(words_of attr)" "${LANG[clause]} ${LANG[reserved]}")
LANG[value]=$( { words_of value; grep -A0 'WORDS\[\] = {"success"' "$ROOT/lang/resolve.c" |
  grep -o '"[a-z]*"' | tr -d '"'; } | norm)
LANG[collection]=$(words_of collection | norm)
LANG[function]=$(words_of function | norm)
for k in decl clause reserved attr value collection function; do
  [ -n "${LANG[$k]}" ] || { echo "FAIL words: the language's $k list is empty"; exit 1; }
done

compare() { # PLUGIN LIST WORDS
  local name="$1 $2" extra missing
  missing=$(minus "${LANG[$2]}" "$3" | tr '\n' ' ')
  extra=$(minus "$3" "${LANG[$2]}" | tr '\n' ' ')
  if [ -z "$missing$extra" ]; then
    echo "ok words: $name"
    pass=$((pass + 1))
  else
    echo "FAIL words: $name: missing [${missing% }] extra [${extra% }]"
    fail=$((fail + 1))
  fi
}

# Vim: the words of `syn keyword GROUP …` lines (options such as contained or nextgroup= left out)
vim_group() {
  awk -v g="$1" '$1 == "syn" && $2 == "keyword" && $3 == g {
      for (i = 4; i <= NF; i++) if ($i != "contained" && $i != "skipwhite" && $i !~ /=/) print $i }' \
    "$ROOT/editors/vim/syntax/jny.vim"
}
# and of the alternation \%(a\|b\|…\) of a `syn match GROUP "…"` line (a word such as `contains`,
# an option name, cannot be in a keyword list)
vim_match() {
  awk -v g="$1" '$1 == "syn" && $2 == "match" && $3 == g' "$ROOT/editors/vim/syntax/jny.vim" |
    grep -o '\\%([a-z_\\|]*\\)' | sed 's/^\\%(//; s/\\)$//; s/\\|/ /g'
}
compare vim decl "$(vim_group jnyDecl)"
compare vim clause "$(vim_group jnyClause)"
compare vim reserved "$(vim_group jnyKeyword) $(vim_group jnyBoolean)"
compare vim attr "$(vim_group jnyAttr)"
compare vim value "$(vim_group jnyValue)"
compare vim collection "$(vim_group jnyCollection)"
compare vim function "$(vim_match jnyFunction)"

# Emacs: the defconsts, read by Emacs itself
emacs_list() {
  emacs -Q --batch -L "$ROOT/editors/emacs" -l jny-mode \
    --eval "(princ (mapconcat #'identity $1 \" \"))" 2>/dev/null
}
compare emacs decl "$(emacs_list jny-decl-words)"
compare emacs clause "$(emacs_list jny-clause-words)"
compare emacs reserved "$(emacs_list jny-reserved-words)"
compare emacs attr "$(emacs_list jny-attr-words)"
compare emacs value "$(emacs_list jny-value-words)"
compare emacs collection "$(emacs_list jny-collection-words)"
compare emacs function "$(emacs_list jny-function-words)"

# VS Code: the alternation (?:a|b|…) of each repository rule of the grammar
tm_rule() {
  jq -r --arg r "$1" '.repository[$r].match' "$ROOT/editors/vscode/syntaxes/jny.tmLanguage.json" |
    grep -o '(?:[a-z_|]*)' | head -n 1 | sed 's/^(?://; s/)$//' | tr '|' ' '
}
compare vscode decl "$(tm_rule declaration)"
compare vscode clause "$(tm_rule clause)"
compare vscode reserved "$(tm_rule keyword) $(tm_rule constant)"
compare vscode attr "$(tm_rule attribute)"
compare vscode value "$(tm_rule value)"
compare vscode collection "$(tm_rule collection)"
compare vscode function "$(tm_rule function)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
