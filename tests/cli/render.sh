#!/usr/bin/env bash
# jny render: golden DOT for both views of the examples and of hostile names (tests/render/),
# SVG that parses as XML, PNG and PDF by their magic bytes, same bytes twice, output names and
# formats, filters, and the failure cases (model errors, unwritable path, Graphviz failing, a
# journey too large to lay out in full). UPDATE=1 rewrites the golden files.
. "$(dirname "$0")/lib.bash"

GOLD="$CLI_ROOT/tests/render"
EX="$CLI_ROOT/examples"
cp "$EX/grocery.jny" "$EX/clinic.jny" "$GOLD/hostile.jny" .

# ---- golden DOT ----------------------------------------------------------------------------
for input in grocery clinic hostile; do
  for view in flow map; do
    begin "golden $input.$view.dot"
    jny render "$input.jny" --view "$view" --format dot -o -
    want_exit 0; want_err_empty
    if [ "${UPDATE:-0}" = 1 ]; then cp "$OUT" "$GOLD/$input.$view.dot"; fi
    want_out_equals "$GOLD/$input.$view.dot"
    end
  done
done

# ---- formats ---------------------------------------------------------------------------------
for view in flow map; do
  for input in grocery clinic hostile; do
    begin "$input $view SVG is well-formed XML"
    jny render "$input.jny" --view "$view" -o "$input.$view.svg"
    want_exit 0; want_out_empty
    xmllint --noout "$input.$view.svg" 2>"$CLI_TMP/xml.err" || why "xmllint: $(head -c 200 "$CLI_TMP/xml.err")"
    end
  done

  begin "$view PNG has the PNG signature"
  jny render grocery.jny --view "$view" -o "g.$view.png"
  want_exit 0
  [ "$(head -c 8 "g.$view.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || why "not a PNG"
  end

  begin "$view PDF starts with %PDF-"
  jny render grocery.jny --view "$view" -o "g.$view.pdf"
  want_exit 0
  [ "$(head -c 5 "g.$view.pdf")" = "%PDF-" ] || why "not a PDF"
  end

  begin "$view: the same bytes twice (svg, png, dot, pdf)"
  for fmt in svg png dot pdf; do
    jny render grocery.jny --view "$view" -o "a.$fmt"
    [ "$fmt" = pdf ] && sleep 1.1 # the clock must not reach the PDF's dates
    jny render grocery.jny --view "$view" -o "b.$fmt"
    cmp -s "a.$fmt" "b.$fmt" || why "$fmt differs between two runs"
  done
  end
done

begin "a PDF carries the journey's date, else SOURCE_DATE_EPOCH, else 1970-01-01"
jny render grocery.jny -o plain.pdf
grep -aq "/CreationDate (D:19700101000000" plain.pdf || why "no fixed date without a journey date"
SOURCE_DATE_EPOCH=1700000000 "$JNY" render grocery.jny -o epoch.pdf </dev/null
grep -aq "/CreationDate (D:20231114000000" epoch.pdf || why "SOURCE_DATE_EPOCH not used"
sed 's/^  state current$/  state current\n  date 2026-11-01/' grocery.jny >dated.jny
jny render dated.jny -o dated.pdf
grep -aq "/CreationDate (D:20261101000000" dated.pdf || why "the journey's date not used"
end

begin "hostile names are text in the SVG, not markup"
for view in flow map; do
  jny render hostile.jny --view "$view" -o - --format svg
  want_out_has '&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; \N'
  want_out_lacks '<script'
  want_out_has 'a\b C:\new &amp; &lt;b&gt;bold&lt;/b&gt;'
done
want_out_has 'naïve café 😀'
end

begin "a tooltip keeps \\N literal"
jny render hostile.jny -o - --format svg
grep -q 'xlink:title="&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; \\' "$OUT" || why "tooltip lost its backslash"
want_out_lacks '&amp; n0'
end

begin "flow SVG has tooltips, ids and the legend"
jny render grocery.jny -o - --format svg
want_out_has 'id="touchpoint&#45;cart"'
want_out_has 'xlink:title="Cart and delivery slot&#10;Stage: Purchase&#10;Channel: Mobile app'
want_out_has 'Pain (severity 4): No evening slot before Saturday'
want_out_has '2 pains, worst 4/5'
want_out_has 'Grocery reorder'
want_out_has 'no score'
end

# ---- output names and formats -----------------------------------------------------------------
begin "without -o: FILE.flow.svg next to the input, name printed"
mkdir -p sub && cp grocery.jny sub/
jny render sub/grocery.jny
want_exit 0; want_out_has "wrote sub/grocery.flow.svg"
[ -s sub/grocery.flow.svg ] || why "no sub/grocery.flow.svg"
end

begin "without -o: --view map --format png gives FILE.map.png"
jny render sub/grocery.jny --view map --format png
want_exit 0; want_out_has "wrote sub/grocery.map.png"
[ -s sub/grocery.map.png ] || why "no sub/grocery.map.png"
end

begin "the format comes from the extension"
jny render grocery.jny -o x.pdf
want_exit 0
[ "$(head -c 5 x.pdf)" = "%PDF-" ] || why "x.pdf is not a PDF"
jny render grocery.jny -o x.dot
grep -q '^digraph journey {' x.dot || why "x.dot is not DOT"
end

begin "--format wins over the extension"
jny render grocery.jny -o y.svg --format dot
want_exit 0
grep -q '^digraph journey {' y.svg || why "y.svg is not DOT"
end

begin "an unknown extension needs --format"
jny render grocery.jny -o x.jpeg
want_exit 2; want_err_has "cannot tell the format from 'x.jpeg'"
[ -e x.jpeg ] && why "x.jpeg written"
end

begin "-o - writes SVG to standard output"
jny render grocery.jny -o -
want_exit 0; want_out_has '<?xml'; want_out_has '</svg>'
end

begin "standard input renders to standard output"
jny_in grocery.jny render - --format dot
want_exit 0; want_out_has 'digraph journey {'
end

begin "bad option values are usage errors"
jny render grocery.jny --view timeline
want_exit 2; want_err_has "unknown view 'timeline'"
jny render grocery.jny --format jpeg
want_exit 2; want_err_has "unknown format 'jpeg'"
jny render grocery.jny --today 2026-02-30
want_exit 2; want_err_has "invalid date"
jny render
want_exit 2; want_err_has "no file to render"
end

begin "--today is accepted"
jny render grocery.jny --today 2026-11-23 -o t.svg
want_exit 0
end

begin "help"
jny render --help
want_exit 0; want_out_has "Usage: jny render"; want_out_has "--persona"
end

# ---- filters ---------------------------------------------------------------------------------
begin "--persona keeps what that persona experiences"
jny render clinic.jny --persona senior --format dot -o -
want_exit 0
want_out_has 'Calls the clinic'; want_out_has 'Books the next session'
want_out_lacks 'Books online'
want_out_lacks '(Working commuter)' # a flow of another persona
jny render clinic.jny --persona commuter --view map --format dot -o -
want_out_has 'Books online'; want_out_lacks 'Books the next session'
want_out_has 'Persona: Working commuter'; want_out_lacks 'Persona: Retired patient'
end

begin "--stage keeps the named stages, in stage order"
jny render clinic.jny --stage visit,book --format dot -o -
want_exit 0
want_out_has '2. Booking'; want_out_has '3. Visit'
want_out_lacks '1. Referral'; want_out_lacks '4. Follow-up'
want_out_lacks 'Referral letter arrives'
jny render clinic.jny --stage visit --stage follow --view map --format dot -o -
want_out_has '3. Visit'; want_out_has '4. Follow-up'; want_out_lacks 'Books online'
end

begin "an unknown --stage is E0602 with a suggestion"
jny render grocery.jny --stage buy,recieve -o s.svg
want_exit 2; want_err_has "error[E0602]"; want_err_has "unknown stage 'recieve'"
want_err_has "did you mean 'receive'?"
[ -e s.svg ] && why "s.svg written"
end

begin "an unknown --persona is E0602 with a suggestion"
jny render clinic.jny --persona senoir -o s.svg
want_exit 2; want_err_has "error[E0602]"; want_err_has "did you mean 'senior'?"
end

begin "map KPIs show the evaluator's value when it can be computed"
cat >kpi.jny <<'EOF'
stage s "S"
touchpoint a "A" { stage s }
kpi k "Wait" {
  actual 12
  unit "min"
  stage s
}
kpi m "Twice" {
  measure count(touchpoints) * 2
  target >= 3
}
kpi h "Half" {
  measure 1 / 2
  target >= 50%
}
kpi d "Broken" {
  measure 1 / 0
}
EOF
jny render kpi.jny --view map --format dot -o -
want_exit 0; want_err_empty
want_out_has '● Wait: 12 min'; want_out_has "● Twice: 2, target ≥ 3<BR/>✗ missed"
want_out_has "● Half: 50%, target ≥<BR/>50% ✓ met"
want_out_has '● Broken</TD>'
end

# ---- failures --------------------------------------------------------------------------------
cat >broken.jny <<'EOF'
stage s "S"
touchpoint t "T" {
  stage nowhere
}
EOF

begin "a model with errors writes nothing and keeps the old file"
printf 'old' >old.svg
jny render broken.jny -o old.svg
want_exit 1; want_err_has "error[E0203]"
[ "$(cat old.svg)" = old ] || why "old.svg was changed"
jny render broken.jny
[ -e broken.flow.svg ] && why "broken.flow.svg written"
end

begin "an unwritable path exits 2 and names it"
jny render grocery.jny -o no/such/folder/out.svg
want_exit 2; want_err_has "cannot write 'no/such/folder/out.svg'"
end

begin "no temporary file is left behind"
left=$(ls -A | grep '^\.' | grep -vxE '\.(out|err)' | head -n 1)
[ -n "$left" ] && why "leftover: $left"
end

begin "Graphviz failing is E0601 and writes nothing"
mkdir -p emptyplugins
GVBINDIR="$CLI_TMP/emptyplugins" "$JNY" render grocery.jny -o gv.svg </dev/null >"$OUT" 2>"$ERR"
RC=$?
want_exit 2; want_err_has "error[E0601]"; want_err_has 'Graphviz: Layout type: "dot" not recognized'
[ -e gv.svg ] && why "gv.svg written"
end

# ---- size ------------------------------------------------------------------------------------
gen_journey() { # N STAGES: touchpoints flowing to the next few
  awk -v n="$1" -v s="$2" 'BEGIN {
    print "journey \"Big\""
    for (i = 0; i < s; i++) printf "stage s%d \"Stage %d\"\n", i, i
    for (i = 0; i < n; i++) {
      printf "touchpoint t%d \"Touchpoint %d\" {\n  stage s%d\n  emotion %d\n", i, i, int(i * s / n), i % 7 - 3
      if (i + 1 < n) printf "  -> t%d rate 40%%\n", i + 1
      if (i + 5 < n) printf "  -> t%d rate 20%%\n", i + 5
      print "}"
    }
  }'
}

begin "1,000 touchpoints: the flow view in a few seconds"
gen_journey 1000 10 >big.jny
start=$(date +%s)
jny render big.jny -o big.svg
want_exit 0; want_err_empty
[ $(($(date +%s) - start)) -le 30 ] || why "took $(($(date +%s) - start)) s"
xmllint --noout big.svg 2>/dev/null || why "big.svg is not XML"
end

begin "past 2,000 touchpoints the flow view is collapsed, with E0603"
gen_journey 2100 20 >huge.jny
jny render huge.jny -o huge.svg
want_exit 0; want_err_has "warning[E0603]"; want_err_has "2100 touchpoints"
grep -q '105 touchpoints' huge.svg || why "no per-stage count in huge.svg"
end

finish
