#!/usr/bin/env bash
# `jny query FILE NAME|'from …'`: named and ad-hoc queries, in table, CSV and JSON
# (docs/language.md, "query"). Golden outputs live in tests/cli/query/.
. "$(dirname "$0")/lib.bash"
DIR="$CLI_ROOT/tests/cli/query"
cp "$DIR/grocery.jny" grocery.jny

for fmt in table csv json; do
  begin "the brief's hurting query as $fmt"
  jny query grocery.jny hurting --format "$fmt"
  want_exit 0; want_out_equals "$DIR/hurting.$fmt"; want_err_empty; end
done

begin "hurting prints the cart touchpoint"
jny query grocery.jny hurting
want_exit 0; want_out_has "Cart and delivery slot"; want_out_has "Purchase"; end

begin "the repository's example journey: hurting prints the cart touchpoint"
jny query "$CLI_ROOT/examples/grocery.jny" hurting
want_exit 0; want_out_has "Cart and delivery slot"; want_err_empty; end

begin "the table is the default"
jny query grocery.jny hurting --format table
cp "$OUT" table.txt
jny query grocery.jny hurting
want_out_equals table.txt; end

begin "the JSON is valid and keyed by column"
jny query grocery.jny hurting --format json
want_exit 0
[ "$(jq -r '.[0]["t.name"] + "|" + .[0].stage + "|" + (.[0].pains|tostring)' "$OUT")" = "Cart and delivery slot|Purchase|2" ] || why "json: $(head -c 200 "$OUT")"
end

for q in by_stage owners rated; do
  begin "query $q (group, order, limit)"
  jny query grocery.jny "$q"
  want_exit 0; want_out_equals "$DIR/$q.table"; want_err_empty; end
done

begin "ad-hoc query on one line, without ';'"
jny query grocery.jny 'from t in touchpoints where t.emotion < 0 select t.name'
want_exit 0; want_out_equals "$DIR/adhoc.table"; end

begin "ad-hoc query with ';' and with newlines gives the same rows"
jny query grocery.jny 'from t in touchpoints; where t.emotion < 0; select t.name'
want_exit 0; want_out_equals "$DIR/adhoc.table"
jny query grocery.jny $'from t in touchpoints\nwhere t.emotion < 0\nselect t.name'
want_exit 0; want_out_equals "$DIR/adhoc.table"; end

begin "ad-hoc: a quantifier's where and a field named like a clause word"
jny query grocery.jny 'from f in flows where any x in [f.from] where x.emotion < 0: true select f.from.id as from, f.to.id as to order to'
want_exit 0; want_out_has "cart"; want_out_has "abandoned"; want_out_lacks "app_home"; end

begin "ad-hoc with no select: one column named after the variable"
jny query grocery.jny 'from s in stages order s.index desc limit 2' --format csv
want_exit 0
[ "$(tr -d '\r' <"$OUT")" = $'s\nDelivery\nPurchase' ] || why "got: $(tr '\r\n' '  ' <"$OUT")"
end

begin "ad-hoc: a misspelt field is an error at its place in <query>"
jny query grocery.jny 'from t in touchpoints where t.emotoin < 0 select t.name'
want_exit 1; want_out_empty; want_err_has "<query>:1:31"; want_err_has "emotion"; end

begin "ad-hoc: an unknown name is E0202 with a did-you-mean"
jny query grocery.jny 'from t in touchpionts select t.name'
want_exit 1; want_out_empty; want_err_has "error[E0202]"; want_err_has "touchpoints"; end

begin "ad-hoc: no from is E0304"
jny query grocery.jny 'where 1 < 2 select 1'
want_exit 1; want_err_has "error[E0304]"; end

begin "ad-hoc: a syntax error"
jny query grocery.jny 'from t in touchpoints select t.name +'
want_exit 1; want_err_has "error[E0150]"; want_err_has "<query>:1:"; end

begin "ad-hoc: the row variable in limit"
jny query grocery.jny 'from t in touchpoints select t.name limit t.emotion'
want_exit 1; want_err_has "error[E0202]"; want_err_has "limit"; end

begin "a computed limit out of range"
jny query grocery.jny 'from t in touchpoints select t.name limit 0 - 1'
want_exit 1; want_err_has "error[E0303]"; end

begin "limit 0 prints the header only"
jny query grocery.jny 'from t in touchpoints select t.name limit 0'
want_exit 0; [ "$(wc -l <"$OUT")" -eq 2 ] || why "$(wc -l <"$OUT") lines"; end

begin "a type error in a query"
jny query grocery.jny 'from t in touchpoints select t.emotion + t.name'
want_exit 1; want_err_has "error[E0502]"; end

begin "a run-time error stops the query"
jny query grocery.jny 'from t in touchpoints select 1 / 0'
want_exit 1; want_out_empty; want_err_has "error[E0506]"; end

begin "ties keep declaration order (stable sort)"
jny query grocery.jny 'from t in touchpoints select t.id order t.stage.index desc' --format csv
want_exit 0
[ "$(tr -d '\r' <"$OUT" | tr '\n' ' ')" = "t.id delivery cart checkout app_home promo_email " ] || why "got: $(tr '\r\n' '  ' <"$OUT")"
end

begin "none sorts last in either direction"
jny query grocery.jny 'from t in touchpoints select t.id, t.owner as owner order owner desc' --format csv
tr -d '\r' <"$OUT" | tail -n 1 | grep -q '^app_home,$' || why "asc: $(tr '\r\n' '  ' <"$OUT")"
jny query grocery.jny 'from t in touchpoints select t.id, t.owner as owner order owner asc' --format csv
tr -d '\r' <"$OUT" | tail -n 1 | grep -q '^app_home,$' || why "desc: $(tr '\r\n' '  ' <"$OUT")"
end

begin "CSV neutralises formulas and quotes by RFC 4180"
cat >csv.jny <<'JNY'
stage s "S"
touchpoint a "=HYPERLINK(\"x\")" { stage s; emotion -1 }
touchpoint b "plain, with comma" { stage s; emotion 2 }
touchpoint c "@SUM(1)" { stage s }
touchpoint d "line\nbreak" { stage s }
JNY
jny query csv.jny 'from t in touchpoints select t.name, t.emotion' --format csv
want_exit 0
printf 't.name,t.emotion\r\n"'"'"'=HYPERLINK(""x"")",-1\r\n"plain, with comma",2\r\n"'"'"'@SUM(1)",\r\n"line\nbreak",\r\n' >want.csv
want_out_equals want.csv; end

begin "JSON is valid whatever the names hold"
jny query csv.jny 'from t in touchpoints select t.name as name, t.emotion as emotion' --format json
want_exit 0
[ "$(jq -r '.[0].name' "$OUT")" = '=HYPERLINK("x")' ] || why "name"
[ "$(jq -c '[.[].emotion]' "$OUT")" = '[-1,2,null,null]' ] || why "emotions $(jq -c '[.[].emotion]' "$OUT")"
end

begin "repeated column names get a suffix"
jny query grocery.jny 'from t in touchpoints select t.id, t.id limit 1' --format json
[ "$(jq -c '.[0] | keys_unsorted' "$OUT")" = '["t.id","t.id_2"]' ] || why "keys $(jq -c '.[0] | keys_unsorted' "$OUT")"
end

begin "percents print as percents"
jny query grocery.jny rated --format csv
want_out_has "85%"
jny query grocery.jny rated --format json
[ "$(jq -c '.[0].rate' "$OUT")" = 0.85 ] || why "json rate"
end

begin "an unknown query name lists the ones that exist"
jny query grocery.jny hurtin
want_exit 2; want_out_empty; want_err_has "unknown query 'hurtin'; did you mean 'hurting'?"
want_err_has "hurting, by_stage, owners, rated"; end

begin "a name that is not a query"
jny query grocery.jny cart
want_exit 2; want_err_has "'cart' is a touchpoint, not a query"; end

begin "a model with no query"
jny query csv.jny anything
want_exit 2; want_err_has "declares no query"; end

begin "a model with errors is not queried"
printf 'stage s "S"\ntouchpoint t "T" { stage nope }\nquery q { from t in touchpoints }\n' >bad.jny
jny query bad.jny q
want_exit 1; want_out_empty; want_err_has "error[E0203]"; end

begin "-o writes a file"
jny query grocery.jny hurting --format csv -o out.csv
want_exit 0; want_out_empty
cmp -s out.csv "$DIR/hurting.csv" || why "out.csv differs"
end

begin "standard input"
jny_in grocery.jny query - hurting
want_exit 0; want_out_equals "$DIR/hurting.table"; end

begin "--today fixes today()"
jny query grocery.jny 'from o in opportunities select today() as today, o.due as due' --today 2026-11-23 --format csv
want_exit 0; want_out_has "2026-11-23,2027-01-31"; end

begin "usage errors"
jny query grocery.jny
want_exit 2; want_err_has "no query"
jny query grocery.jny hurting --format xml
want_exit 2; want_err_has "unknown format 'xml'"
jny query grocery.jny hurting extra
want_exit 2; want_err_has "one query at a time"
jny query grocery.jny hurting --today 2026-13-01
want_exit 2; want_err_has "invalid date"
jny query missing.jny hurting
want_exit 2; want_err_has "cannot read"
end

# JNY_FAIL_ALLOC=N fails the Nth arena allocation and every later one: each N must end in
# `jny: out of memory` (exit 2) or in a normal run; never a crash, never a leak (ASan build).
begin "a full disk on standard output is exit 2"
if [ -w /dev/full ]; then
  "$JNY" query grocery.jny hurting </dev/null >/dev/full 2>"$ERR"; RC=$?
  want_exit 2; want_err_has "cannot write to standard output"
fi
end


oom_walk "out of memory anywhere in a grouped query" query grocery.jny by_stage
oom_walk "out of memory anywhere in an ad-hoc query as JSON" query grocery.jny 'from t in touchpoints where t.emotion < 0 select t.name, [p.text for p in t.pains] as pains' --format json
oom_walk "out of memory anywhere in CSV" query grocery.jny hurting --format csv

begin "built-in kpis: the brief's conversion KPI computes to 46.75% and is met"
jny query "$CLI_ROOT/examples/grocery.jny" kpis --format csv
want_exit 0; want_err_empty
want_out_has "kpi,name,value,op,target,met,baseline,change"
want_out_has "conversion,Checkout conversion,46.75%,>=,45%,true,31%,15.75%"
end

begin "built-in pains: most severe first"
jny query grocery.jny pains --format csv
want_exit 0
[ "$(sed -n 2p "$OUT" | tr -d '\r')" = "cart,4,No evening slot before Saturday" ] || why "first row: $(sed -n 2p "$OUT")"
end

begin "built-in dropoff: reach and drop-off of each touchpoint flows leave"
jny query grocery.jny dropoff --format csv
want_exit 0; want_err_empty
want_out_has "touchpoint,stage,reach,dropoff"
want_out_has "promo_email,aware,100%,70%"
end

begin "a query the model declares under a built-in's name wins"
{ cat grocery.jny; printf 'query dropoff "Mine" {\n  from s in stages\n  select s.id as mine\n}\n'; } >mine.jny
jny query mine.jny dropoff --format csv
want_exit 0; want_out_has "mine"; want_out_lacks "reach"
end

begin "an unknown query suggests a built-in and lists them"
jny query grocery.jny kpi
want_exit 2; want_err_has "did you mean 'kpis'?"; want_err_has "Built-in queries: kpis, pains, dropoff."
end

begin "help"
jny query --help
want_exit 0; want_out_has "Usage: jny query"; want_out_has "--format table|csv|json"; end

finish
