#!/usr/bin/env bash
# `jny export --format mermaid|mermaid-flowchart` and `jny import mermaid`, without a browser:
# what the text holds, the errors at their line and column, the warnings for names Mermaid
# cannot hold, atomic writes. Mermaid's own parser reads every example's export in
# tests/web/mermaid.mjs (make web-test).
. "$(dirname "$0")/lib.bash"

cp "$CLI_ROOT/examples/grocery.jny" grocery.jny
cp "$CLI_ROOT/tests/web/hostile.jny" hostile.jny

begin "export --format mermaid: a journey diagram with sections, tasks, scores and actors"
jny export --format mermaid grocery.jny
want_exit 0; want_err_empty
grep -qx 'journey' "$OUT" || why "no journey line"
want_out_has '  title Grocery reorder'
want_out_has '  section 3. Purchase'
want_out_has '    Cart and delivery slot: 2: Busy parent'
want_out_has '    Doorstep delivery: 4: Busy parent'
want_out_has '      %% jny touchpoint cart "Cart and delivery slot" score 2'
want_out_has '      %% jny touchpoint cart: emotion -2 "frustrated"'
want_out_has '  %% jny: kpi conversion "Checkout conversion" {'
end

begin "scores from emotions: -3 1, -2 2, -1 2, 0 3, +1 4, +2 4, +3 5, none 3"
{
  echo 'stage s "S"'
  i=0
  for e in -3 -2 -1 0 1 2 3; do
    i=$((i + 1)); printf 'touchpoint t%d "T%d" {\n  stage s\n  emotion %s\n}\n' $i $i "$e"
  done
  printf 'touchpoint t8 "T8" {\n  stage s\n}\n'
} >scores.jny
jny export --format mermaid scores.jny
want_exit 0
got=$(grep -E '^    T[0-9]: ' "$OUT" | sed 's/.*: \([0-9]\)$/\1/' | tr -d '\n')
[ "$got" = 12234453 ] || why "scores $got, expected 12234453"
end

begin "names Mermaid cannot hold: replaced, warned (E0805), kept exactly in comments"
jny export --format mermaid hostile.jny
want_exit 0
want_err_has "warning[E0805]"
want_out_has '  section 1. Stage∶ one； ＃ two'
want_out_has $'    section\xe2\x81\xa0 of a task: 1: Actor‚ with comma∶ and colon； and ＃ hash'
want_out_has '    %% jny stage s1 "Stage: one; # two"'
grep -E '^ +(title|section) [^0-9]' "$OUT" | grep -v '^  title Hostile' | grep -q . &&
  why "a task line starts with a keyword: $(grep -E '^ +(title|section) [^0-9]' "$OUT" | head -1)"
grep -q '%%{' "$OUT" && why "a %%{ directive in the text"
end

begin "export --format mermaid-flowchart: subgraphs, edges with rates, outcomes"
jny export --format mermaid-flowchart grocery.jny
want_exit 0; want_err_empty
want_out_has 'flowchart LR'
want_out_has '  subgraph s_buy["3. Purchase"]'
want_out_has '  t_cart -->|"55%"| t_checkout'
want_out_has '  t_delivery -->|"(100%)"| o_loyal'
want_out_has '    o_abandoned(["✗ Abandons the cart<br/>reach 11.2%"]):::failure'
want_out_has 'classDef e_e9a3c9 fill:#e9a3c9'
end

begin "flowchart labels escape quotes, markup and directives"
jny export --format mermaid-flowchart hostile.jny
want_exit 0
want_out_has '#lt;i#gt;angry#lt;/i#gt;'
want_out_has '✗ Lost #lt;b#gt;'
grep -q '%%{' "$OUT" && why "a %%{ directive"
grep -E '^ +t_[a-z0-9_]+[[({]' "$OUT" | grep -vE '\["|\("|\{\{"|\(\["' | grep -q . && why "an unquoted label"
end

begin "export, import, export gives the same text; the import checks and is formatted"
jny export --format mermaid grocery.jny -o g.mmd
want_exit 0
jny import mermaid g.mmd -o g2.jny
want_exit 0; want_out_empty
jny check g2.jny
want_exit 0
jny fmt --check g2.jny
want_exit 0
jny export --format mermaid g2.jny -o g3.mmd
diff <(tail -n +2 g.mmd) <(tail -n +2 g3.mmd) >/dev/null || why "the second export differs"
end

begin "the same bytes every time"
jny export --format mermaid grocery.jny -o a.mmd
jny export --format mermaid grocery.jny -o b.mmd
cmp -s a.mmd b.mmd || why "journey export differs"
jny export --format mermaid-flowchart grocery.jny -o a.mmd
jny export --format mermaid-flowchart grocery.jny -o b.mmd
cmp -s a.mmd b.mmd || why "flowchart export differs"
end

begin "a plain Mermaid journey: stages, touchpoints, emotions, personas"
printf 'journey\n  title My day\n  section Go to work\n    Make tea: 5: Me\n    Do work: 2: Me, Cat\n  section Home\n    Sit down: 4\n' >day.mmd
jny import mermaid day.mmd
want_exit 0; want_err_empty
cp "$OUT" day.jny
want_out_has 'journey "My day" {}'
want_out_has 'persona me "Me"'
want_out_has 'stage go_to_work "Go to work"'
grep -A3 'touchpoint do_work' day.jny | grep -q 'emotion -2' || why "score 2 is not emotion -2"
grep -A4 'touchpoint do_work' day.jny | grep -q 'persona me, cat' || why "actors are not personas"
grep -A3 'touchpoint make_tea' day.jny | grep -q 'emotion 3' || why "score 5 is not emotion 3"
jny check day.jny
want_exit 0
end

begin "edits in the diagram win over the comments"
jny export --format mermaid grocery.jny -o g.mmd
sed -e 's/^    Cart and delivery slot: 2: Busy parent/    Cart and slot: 5: Busy parent/' g.mmd >edited.mmd
jny import mermaid edited.mmd -o edited.jny
want_exit 0
grep -q 'touchpoint cart "Cart and slot"' edited.jny || why "the new name is not kept"
grep -A8 'touchpoint cart ' edited.jny | grep -q '  emotion 3$' || why "score 5 did not become emotion 3"
grep -q 'frustrated' edited.jny && why "the old emotion line was kept"
jny check edited.jny
want_exit 0
end

begin "not a journey: E0801 at its line and column"
printf '%%%% a comment\n\nflowchart LR\n  a --> b\n' >flow.mmd
jny import mermaid flow.mmd
want_exit 1; want_out_empty
want_err_has "flow.mmd:3:1: error[E0801]: this is a Mermaid 'flowchart' diagram, not a journey"
printf '' >empty.mmd
jny import mermaid empty.mmd
want_exit 1; want_err_has "error[E0801]"
end

begin "a task without a score: E0802; a score out of range or not a number: E0803"
printf 'journey\n  section A\n    Make tea\n' >e2.mmd
jny import mermaid e2.mmd
want_exit 1; want_err_has "e2.mmd:3:5: error[E0802]"
printf 'journey\n  section A\n    Make tea: 9: Me\n    Go: x: Me\n' >e3.mmd
jny import mermaid e3.mmd
want_exit 1
want_err_has "e3.mmd:3:15: error[E0803]: the task's score 9 is outside 1 to 5"
want_err_has "e3.mmd:4:9: error[E0803]: the task's score 'x' is not a number"
printf 'journey\n  section A: b\n' >e4.mmd
jny import mermaid e4.mmd
want_exit 1; want_err_has "e4.mmd:2:12: error[E0802]"
end

begin "a %% jny line jny cannot read: E0804; broken jny text: reported at its place"
printf 'journey\n  section A\n    T: 3: Me\n      %%%% jny gadget x\n' >e5.mmd
jny import mermaid e5.mmd
want_exit 1; want_err_has "e5.mmd:4:14: error[E0804]"
printf 'journey\n  section A\n    T: 3: Me\n      %%%% jny touchpoint t "T" score 3\n      %%%% jny touchpoint t: emotion ((\n' >e6.mmd
jny import mermaid e6.mmd
want_exit 1; want_err_has "e6.mmd:5:"; want_err_has "in the jny text of a \`%% jny\` line"
printf 'journey\n  section A\n    T: 3: Me\n      %%%% jny| orphan\n' >e7.mmd
jny import mermaid e7.mmd
want_exit 1; want_err_has "e7.mmd:4:"; want_err_has "error[E0804]"
end

begin "import -o: atomic, nothing written on errors"
echo old >kept.jny
jny import mermaid e3.mmd -o kept.jny
want_exit 1
[ "$(cat kept.jny)" = old ] || why "kept.jny was changed"
end

begin "usage errors of import and export"
jny import
want_exit 2; want_err_has "what to import"
jny import mermiad day.mmd
want_exit 2; want_err_has "did you mean 'mermaid'?"
jny import mermaid
want_exit 2; want_err_has "no file to import"
jny export --format mermaid-journey grocery.jny
want_exit 2; want_err_has "expected json, mermaid or mermaid-flowchart"
end

begin "import and export --help"
jny import --help
want_exit 0; want_out_has "Usage: jny import mermaid"
jny export --help
want_exit 0; want_out_has "mermaid-flowchart"
end
jny export --format mermaid grocery.jny -o oom.mmd
oom_walk "out of memory anywhere in a Mermaid export" export --format mermaid grocery.jny
oom_walk "out of memory anywhere in a Mermaid flowchart" export --format mermaid-flowchart grocery.jny
oom_walk "out of memory anywhere in an import, no file left behind" import mermaid oom.mmd -o oom.jny
finish
