#!/usr/bin/env bash
# Hostile text through every output (docs/hardening.md, "Escaping"): quotes, backslashes,
# <script>, ]]>, Graphviz's \N, newlines, C0 and C1 control characters, a bidi override, spreadsheet
# formulas, a long line, and invalid UTF-8 where it can reach (file names, query text typed on
# the command line). Each output keeps the text as data and lets none of it act:
#   DOT     Graphviz reads it back, and the text is drawn as written (\N not replaced)
#   SVG     well-formed XML with the text as text: no <script> element, no broken CDATA
#   JSON    valid, and reading it back gives the exact text, control characters included
#   CSV     RFC 4180; a cell starting with = + - @ is not a formula; no raw control character
#   terminal  (diagnostics, tables, messages) no raw control character, C1 control or bidi
#             override: each is shown as a visible escape (\x1b, \u{9b}, \u{202e})
# Control characters reach a journey only as \u{…} escapes: raw in a string or comment they are
# an error (E0102), and \u{0} is one too (E0105).
. "$(dirname "$0")/lib.bash"

# Data formats (CSV, DOT): no raw C0 control but tab and newline (and CR with CR: CSV ends its
# lines so), no DEL, no C1 control (U+0080–U+009F in UTF-8), no invalid UTF-8.
want_no_controls() { # FILE [CR]
  local c0='[\x00-\x08\x0b-\x1f\x7f]'
  [ "${2:-}" = CR ] && c0='[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]'
  LC_ALL=C grep -qP "$c0" "$1" && why "raw control character in ${1##*/}"
  LC_ALL=C grep -qP '\xc2[\x80-\x9f]' "$1" && why "raw C1 control in ${1##*/}"
  iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || why "invalid UTF-8 in ${1##*/}"
  return 0
}
# Text for reading (diagnostics, tables, messages): that, and no bidi override or isolate either.
want_terminal_safe() { # FILE
  want_no_controls "$1"
  LC_ALL=C grep -qP '\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1" && why "raw bidi control in ${1##*/}"
  return 0
}

cat >hostile.jny <<'EOF'
journey "J <script>alert(1)</script> & co"
stage s "S \"q\" a\\b \\N ]]> <x>"
team t "=cmd|' /C calc'!A0"
touchpoint tp "T \u{1b}[31mred\u{7} \u{9b}c1 \u{202e}bidi <b>x</b> & \"q\" \\N\nline2" {
  stage s
  owner t
  emotion -1 "sad \u{1b}]0;title\u{7}"
  action "@SUM(1)"
  thought "+1"
  pain "-2+3" severity 3
  -> out rate 50%
}
outcome out "]]> <![CDATA[x]]>" failure
check c "C \u{1b}[2J" {
  for x in touchpoints
  assert x.name == "no"
  message "bad {x.name}"
  severity warning
}
EOF
# The touchpoint's name as the model holds it.
TP_NAME=$'T \e[31mred\a \xc2\x9bc1 \xe2\x80\xaebidi <b>x</b> & "q" \\N\nline2'

# ---- terminal ----------------------------------------------------------------------------------

begin "check: a message with control characters, C1 and bidi shows them escaped"
jny check --color never hostile.jny
want_exit 0; want_terminal_safe "$OUT"
want_out_has 'warning[E0520]: bad T \x1b[31mred\x07 \u{9b}c1 \u{202e}bidi <b>x</b> & "q" \N\nline2'
want_out_has "note: required by check 'c' (C \x1b[2J)"; end

begin "check with colour: only jny's own colour codes"
jny check --color always hostile.jny
sed 's/\x1b\[[0-9;]*m//g' "$OUT" >plain.txt
want_terminal_safe plain.txt; end

begin "query table: cells show control characters escaped"
jny query hostile.jny 'from t in touchpoints select t.name, t.emotion_label, t.owner.name'
want_exit 0; want_terminal_safe "$OUT"
want_out_has 'T \x1b[31mred\x07 \u{9b}c1 \u{202e}bidi'
want_out_has 'sad \x1b]0;title\x07'; end

begin "file names, command names and option values are escaped in messages"
cp hostile.jny $'ev\x1b[2Jil.jny'
jny render $'ev\x1b[2Jil.jny' --format dot
want_exit 0; want_terminal_safe "$OUT"; want_out_has 'wrote ev\x1b[2Jil.flow.dot'
jny fmt --check $'ev\x1b[2Jil.jny'
want_terminal_safe "$OUT"
jny query hostile.jny $'q\x1b[2J'
want_exit 1; want_terminal_safe "$ERR"
jny check --format $'\xe2\x80\xaejson' hostile.jny
want_exit 2; want_terminal_safe "$ERR"; want_err_has '\u{202e}json'
end

begin "invalid UTF-8 typed in a query is E0101, shown escaped"
jny query hostile.jny $'from t in touchpoints select "\xff\xfe"'
want_exit 1; want_terminal_safe "$ERR"; want_err_has 'error[E0101]'; want_err_has '\xff'; end

begin "a long line is shown as a window, the table keeps the long cell"
long=$(printf 'w%.0s' $(seq 1 5000))
printf 'team t "%s" @\n' "$long" >long.jny
jny check --color never long.jny
want_exit 1; want_terminal_safe "$OUT"
[ "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$OUT")" -lt 300 ] ||
  why "a line of $(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$OUT") columns"
printf 'team t "%s"\n' "$long" >long_ok.jny
jny query long_ok.jny 'from t in teams select t.name'
want_exit 0; want_out_has "$long"; end

# ---- the scanner: control characters only as escapes ------------------------------------------

begin "a raw control character in a string is E0102, with the escape to write"
printf 'team a "x\x1b[31my"\n' >raw_string.jny
jny check --color never raw_string.jny
want_exit 1; want_out_has 'raw_string.jny:1:10: error[E0102]: control character U+001B in a string'
want_out_has 'help: write it as \u{1B} if it is meant'; want_terminal_safe "$OUT"; end

begin "a raw control character in a comment is E0102; fmt leaves the file alone"
printf 'team a "A" // \x1b]0;title\x07\n' >raw_comment.jny
jny check --color never raw_comment.jny
want_exit 1; want_out_has 'raw_comment.jny:1:15: error[E0102]: control character U+001B in a comment'
jny fmt raw_comment.jny
want_exit 1; want_out_empty; want_terminal_safe "$ERR"; end

begin "\\u{0} is E0105: text cannot hold a NUL"
printf 'team a "x\\u{0}y"\n' >nul.jny
jny check --color never nul.jny
want_exit 1; want_out_has 'nul.jny:1:10: error[E0105]: \u{0} is not allowed'; end

# ---- JSON --------------------------------------------------------------------------------------

begin "export JSON keeps the exact text, control characters included"
jny export hostile.jny
want_exit 0; want_no_escape_bytes "$OUT"
[ "$(jq -r '.touchpoints[0].name' "$OUT")" = "$TP_NAME" ] || why "touchpoint name differs"
[ "$(jq -r '.stages[0].name' "$OUT")" = 'S "q" a\b \N ]]> <x>' ] || why "stage name differs"
[ "$(jq -r '.teams[0].name' "$OUT")" = "=cmd|' /C calc'!A0" ] || why "team name differs"
end

begin "query JSON keeps the exact text"
jny query hostile.jny 'from t in touchpoints select t.name as name, t.emotion_label as label' \
  --format json
want_exit 0; want_no_escape_bytes "$OUT"
[ "$(jq -r '.[0].name' "$OUT")" = "$TP_NAME" ] || why "name differs"
[ "$(jq -r '.[0].label' "$OUT")" = $'sad \e]0;title\a' ] || why "label differs"; end

begin "check JSON keeps the exact message"
jny check --format json hostile.jny
want_exit 0; want_no_escape_bytes "$OUT"
[ "$(jq -r '.diagnostics[0].message' "$OUT")" = "bad $TP_NAME" ] || why "message differs"; end

# ---- CSV ---------------------------------------------------------------------------------------

begin "CSV: formulas neutralised, quotes doubled, control characters escaped"
jny query hostile.jny 'from t in touchpoints select t.name, t.owner.name as owner, t.actions,
  t.thoughts, [p.text for p in t.pains] as pains, t.emotion' --format csv
want_exit 0; want_no_controls "$OUT" CR
{
  printf 't.name,owner,t.actions,t.thoughts,pains,t.emotion\r\n'
  printf '"T \\x1b[31mred\\x07 \\u{9b}c1 \xe2\x80\xaebidi <b>x</b> & ""q"" \\N\nline2",'
  printf '"'"'"'=cmd|'"'"' /C calc'"'"'!A0","'"'"'@SUM(1)","'"'"'+1","'"'"'-2+3",-1\r\n'
} >want.csv
want_out_equals want.csv; end

begin "CSV: numbers stay numbers (-2, -50%), a number no spreadsheet reads (-inf) is neutralised"
BIG=$(printf '9%.0s' $(seq 300))
jny query hostile.jny "from t in touchpoints select 0-2 as a, -50% as b, 0-$BIG*$BIG as c" \
  --format csv
want_exit 0
printf 'a,b,c\r\n-2,-50%%,"'"'"'-inf"\r\n' >want.csv
want_out_equals want.csv; end

# ---- DOT and SVG -------------------------------------------------------------------------------

for view in flow map; do
  begin "$view DOT: Graphviz reads it back, with no raw control character"
  jny render hostile.jny --view "$view" --format dot -o "$view.dot"
  want_exit 0; want_no_controls "$view.dot"
  dot -Tcanon "$view.dot" >/dev/null 2>"$ERR" || why "Graphviz cannot read it: $(first_line "$ERR")"
  end

  begin "$view SVG: well-formed, the hostile text is text"
  jny render hostile.jny --view "$view" --format svg -o "$view.svg"
  want_exit 0
  xmllint --noout "$view.svg" 2>"$ERR" || why "not well-formed: $(first_line "$ERR")"
  [ "$(xmllint --xpath 'count(//*[local-name()="script"])' "$view.svg")" = 0 ] || why "a <script>"
  xmllint --xpath 'string(/)' "$view.svg" >text.txt 2>/dev/null
  # (the map wraps long names: short pieces only)
  grep -qF '<script>' text.txt || why "the journey's title is not text"
  grep -qF ']]> <x>' text.txt || why "']]>' lost"
  grep -qF 'a\b \N' text.txt || why "backslashes lost or \\N replaced"
  grep -qF '<b>x</b> &' text.txt || why "markup in a name is not text"
  end
done

finish
