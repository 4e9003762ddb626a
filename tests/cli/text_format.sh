#!/usr/bin/env bash
# The text format of `jny check`: exact output (first line, excerpt, caret, help, summary), and
# user text that must not reach the terminal raw.
. "$(dirname "$0")/lib.bash"

# expect_text: stdout must equal the here-document on standard input.
expect_text() {
  cat >want.txt
  want_out_equals want.txt
}

begin "one error, exact output"
printf 'team cx "CX team"\nteam # x\n' >hash.jny
jny check hash.jny
want_exit 1; want_err_empty
expect_text <<'OUT'
hash.jny:2:6: error[E0102]: unexpected character '#'
   2 | team # x
     |      ^
     = help: comments start with '//'

1 error in 1 file
OUT
end

begin "two errors, blank line between, plural summary"
printf 'team @ x\nteam @ y\n' >two.jny
jny check two.jny
want_exit 1
expect_text <<'OUT'
two.jny:1:6: error[E0102]: unexpected character '@'
   1 | team @ x
     |      ^

two.jny:2:6: error[E0102]: unexpected character '@'
   2 | team @ y
     |      ^

2 errors in 1 file
OUT
end

begin "the gutter widens with the line number"
{ for i in $(seq 1 11); do printf 'team t%d\n' "$i"; done; printf '  team @ z\n'; } >wide.jny
jny check wide.jny
expect_text <<'OUT'
wide.jny:12:8: error[E0102]: unexpected character '@'
   12 |   team @ z
      |        ^

1 error in 1 file
OUT
end

begin "clean summary counts files"
printf 'team a\n' >a.jny
printf 'team b\n' >b.jny
jny check a.jny b.jny
want_exit 0
expect_text <<'OUT'
no problems in 2 files
OUT
end

begin "columns and carets count code points"
printf 'team cx "\xc3\xa9\xe2\x82\xac" @\n' >utf8.jny
jny check utf8.jny
expect_text <<'OUT'
utf8.jny:1:14: error[E0102]: unexpected character '@'
   1 | team cx "é€" @
     |              ^

1 error in 1 file
OUT
end

begin "tabs are kept in the caret line"
printf 'team\tcx\t@\n' >tabs.jny
jny check tabs.jny
expect_text <<OUT
tabs.jny:1:9: error[E0102]: unexpected character '@'
   1 | team	cx	@
     |     	  	^

1 error in 1 file
OUT
end

begin "CRLF line ends are not echoed"
printf 'team a\r\nteam @ x\r\n' >crlf.jny
jny check crlf.jny
expect_text <<'OUT'
crlf.jny:2:6: error[E0102]: unexpected character '@'
   2 | team @ x
     |      ^

1 error in 1 file
OUT
end

begin "the example of the design brief"
printf 'stage aware "Awareness"\nstage purchase "Purchase"\n\ntouchpoint cart "Cart" {\n  stage purchse\n}\n' >grocery.jny
jny check grocery.jny
want_exit 1
expect_text <<'OUT'
grocery.jny:5:9: error[E0203]: unknown stage 'purchse'
   5 |   stage purchse
     |         ^^^^^^^
     = help: did you mean 'purchase'? (declared at grocery.jny:2:7)

1 error in 1 file
OUT
end

begin "a note in another file gets its own location and excerpt"
printf 'team cx "CX team"\n' >first.jny
printf '\n\n\n\n\n\n\n\n\nteam cx "Again"\n' >second.jny
jny check first.jny second.jny
want_exit 1
expect_text <<'OUT'
second.jny:10:6: error[E0201]: duplicate id 'cx': already declared as a team
   10 | team cx "Again"
      |      ^^
first.jny:1:6: note: first declared here
    1 | team cx "CX team"
      |      ^^

1 error in 2 files
OUT
end

begin "control characters in the source are shown escaped"
printf 'team cx\nteam \x1b[2J\x07 x\n' >ctl.jny
jny check ctl.jny
want_exit 1; want_no_escape_bytes "$OUT"
LC_ALL=C grep -q $'\x07' "$OUT" && why "raw BEL byte in the output"
head -n 3 "$OUT" >got3.txt
cat >want3.txt <<'OUT'
ctl.jny:2:6: error[E0102]: unexpected control character U+001B
   2 | team \x1b[2J\x07 x
     |      ^^^^
OUT
cmp -s want3.txt got3.txt || why "got: $(tr '\n' '|' <got3.txt)"
end

begin "bidirectional overrides are shown escaped"
printf 'team cx "\xe2\x80\xae" @\n' >bidi.jny
jny check bidi.jny
LC_ALL=C grep -q $'\xe2\x80\xae' "$OUT" && why "raw U+202E in the output"
want_out_has 'team cx "\u{202e}" @'
line=$(sed -n 2p "$OUT")
at=${line%%@*}
[ "$(sed -n 3p "$OUT")" = "     |$(printf '%*s' $((${#at} - 6)) '')^" ] || why "caret not under '@': $(sed -n 3p "$OUT")"
end

begin "invalid UTF-8 is shown escaped"
printf 'team cx \xff\n' >inval.jny
jny check inval.jny
want_exit 1; want_out_has 'team cx \xff'
LC_ALL=C grep -q $'\xff' "$OUT" && why "raw 0xff byte in the output"
end

begin "a file name with control characters"
cp two.jny $'evil\x1b]0;x\x07.jny'
jny check $'evil\x1b]0;x\x07.jny'
want_no_escape_bytes "$OUT"; want_out_has 'evil\x1b]0;x\x07.jny:1:6: error[E0102]'; end

begin "a long line is shown as a window around the span"
long=$(printf 'a%.0s' $(seq 1 400))
printf 'team x "%s" @ "%s"\n' "$long" "$long" >long.jny
jny check long.jny
line=$(sed -n 2p "$OUT")
caret=$(sed -n 3p "$OUT")
[ "${#line}" -lt 250 ] || why "excerpt is ${#line} characters long"
case $line in "   1 | ..."*"..." ) ;; *) why "no '...' at both cut ends" ;; esac
# The caret sits under the '@' in the window.
at=${line%%@*}
[ "${#at}" -eq $((${#caret} - 1)) ] || why "caret at ${#caret}, '@' at $((${#at} + 1))"
end

begin "stdin is named <stdin>"
jny_in two.jny check -
want_out_has "<stdin>:1:6: error[E0102]"; want_out_has "   1 | team @ x"; end

finish
