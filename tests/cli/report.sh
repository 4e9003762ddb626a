#!/usr/bin/env bash
# `jny report`: one self-contained HTML file. What the page looks like and does in a browser is
# tests/web/report.mjs's (make web-test); here: the command, its output file, determinism,
# escaping and what the bytes must never contain.
. "$(dirname "$0")/lib.bash"

cp "$CLI_ROOT/examples/grocery.jny" grocery.jny
cp "$CLI_ROOT/tests/web/hostile.jny" hostile.jny

begin "report writes NAME.html next to the input and says so"
jny report grocery.jny --today 2026-11-23
want_exit 0; want_out_has "wrote grocery.html"; want_err_empty
[ -s grocery.html ] || why "no grocery.html"
end

begin "-o writes there, the same bytes every time"
jny report grocery.jny --today 2026-11-23 -o a.html
want_exit 0; want_out_empty
jny report grocery.jny --today 2026-11-23 -o b.html
cmp -s a.html b.html || why "two runs differ"
cmp -s a.html grocery.html || why "-o and the default differ"
end

begin "a well-formed page with every section"
jny report grocery.jny --today 2026-11-23 -o -
want_exit 0
want_out_has '<!DOCTYPE html>'; want_out_has '<html lang="en">'; want_out_has '</html>'
[ "$(grep -o '<h1>' "$OUT" | wc -l)" -eq 1 ] || why "not exactly one h1"
for id in map flow kpis pains opportunities personas findings queries; do
  grep -q "<section id=\"$id\"" "$OUT" || why "no section $id"
done
[ "$(grep -c '<svg role="img" aria-labelledby=' "$OUT")" -eq 3 ] || why "not 3 labelled pictures"
want_out_has 'Checkout conversion'; want_out_has 'No evening slot before Saturday'
want_out_has 'Open evening delivery slots'; want_out_has 'Touchpoints that hurt'
want_out_has "touchpoint &#39;app_home&#39; has no owner"
want_out_has '@page{size:landscape'
end

begin "nothing that runs or loads: no script, no link, no external URL"
jny report grocery.jny --today 2026-11-23 -o -
grep -qiE '<script|<link|<img|<iframe|@import|src=|url\((https?:|//)' "$OUT" && why "found: $(grep -oiE '<script|<link|<img|<iframe|@import|src=|url\((https?:|//)' "$OUT" | head -1)"
grep -oE 'href="[^"]*"' "$OUT" | grep -v 'href="#' | head -1 | grep -q . && why "a link out: $(grep -oE 'href="[^"]*"' "$OUT" | grep -v 'href="#' | head -1)"
want_out_has "Content-Security-Policy"
end

begin "hostile names are escaped text"
jny report hostile.jny --today 2026-11-23 -o -
want_exit 0
grep -qi '<script' "$OUT" && why "a <script tag in the page"
grep -q 'onerror=' "$OUT" && grep -q '<img' "$OUT" && why "an <img> with onerror"
want_out_has '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;'
want_out_has 'Team &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;'
want_out_has '&lt;svg onload=&quot;window.__pwned=3&quot;&gt;'
end

begin "overdue opportunities are marked in words"
jny report hostile.jny --today 2026-11-23 -o -
want_out_has 'overdue</strong>'; want_out_has '<tr class="overdue">'
end

begin "persona tabs: one radio and one panel per persona, the first checked"
jny report hostile.jny --today 2026-11-23 -o -
[ "$(grep -c '<input type="radio" name="persona"' "$OUT")" -eq 2 ] || why "not 2 radios"
want_out_has 'id="persona-tab-1" checked'
want_out_has '#persona-tab-2:checked~#persona-panel-2{display:block}'
end

begin "standard input goes to standard output"
jny_in grocery.jny report - --today 2026-11-23
want_exit 0; want_out_has '<!DOCTYPE html>'; want_out_lacks 'wrote '
end

begin "a journey with errors: exit 1, nothing written, an old file kept"
printf 'stage s "S"\ntouchpoint t "T" {\n  stage nowhere\n}\n' >bad.jny
echo old >bad.html
jny report bad.jny -o bad.html
want_exit 1; want_err_has "error[E0203]"
[ "$(cat bad.html)" = old ] || why "bad.html was changed"
ls -A | grep -q '^\.bad\.html\.' && why "a temporary file was left"
end

begin "usage errors"
jny report
want_exit 2; want_err_has "no file to report on"
jny report a.jny b.jny
want_exit 2; want_err_has "one file at a time"
jny report grocery.jny --today 2026-13-01
want_exit 2
end

begin "report --help"
jny report --help
want_exit 0; want_out_has "Usage: jny report"; want_out_has "--today"; want_out_has "--output"
end

begin "a folder that cannot be written: exit 2, named"
jny report grocery.jny -o no/such/dir/x.html
want_exit 2; want_err_has "no/such/dir/x.html"
end
OOM_STRIDE=3 oom_walk "out of memory anywhere in a report, no file left behind" report grocery.jny --today 2026-11-23 -o oom.html
begin "no temporary file left by the out-of-memory runs"
ls -A | grep -q '^\.oom\.html\.' && why "a temporary file was left"
end
finish
