#!/usr/bin/env bash
# reach() on inputs too big to commit: a chain of 100,000 touchpoints (linear, so fast), a loop
# of exactly REACH_MAX_LOOP touchpoints (solved) and one more (E0515, for what lies in or after
# it only); the brief's grocery KPI; and the flow view's reach labels, with and without
# --persona. The closed forms are in tests/eval/reach_*.jny.
. "$(dirname "$0")/lib.bash"

# ---- the brief's example --------------------------------------------------------------------

begin "grocery: reach(delivery) / reach(cart) = 0.55 × 0.85 = 46.75%, so the KPI is met"
jny query "$CLI_ROOT/examples/grocery.jny" --format csv \
  'from k in kpis select k.id, k.value, k.met, reach(cart), reach(delivery)'
want_exit 0; want_err_empty
want_out_has "conversion,46.75%,true,21%,9.8175%"
end

# ---- a long chain ---------------------------------------------------------------------------

awk -v n=100000 'BEGIN {
  print "stage s \"S\""
  for (i = 1; i < n; i++) printf "touchpoint t%d \"T%d\" { stage s; -> t%d }\n", i, i, i + 1
  printf "touchpoint t%d \"T%d\" { stage s; -> done rate 50%% }\n", n, n
  print "outcome done \"Done\" success"
  print "check ends \"half get through\" { assert reach(done) == 50% and reach(t50000) == 100% }"
  print "check all_reached \"every touchpoint\" {\n  for t in touchpoints\n  assert t.reach == 100%\n}"
  print "check one_path \"one path\" { assert count(paths(t1, done)) == 1 }"
  print "check to_end \"all lead to the end\" {\n  for t in touchpoints\n  assert reachable(t, done)\n}"
}' >chain.jny

begin "a chain of 100,000 touchpoints: reach, reachable and paths are linear"
start=$(date +%s)
jny check --color never chain.jny
want_exit 0; want_out_has "no problems"
[ $(($(date +%s) - start)) -le 20 ] || why "took more than 20 s"
end

# ---- the largest loop solved ----------------------------------------------------------------

loop() { # N: start -> t1 -> … -> tN -> t1 (50%) or done (50%)
  awk -v n="$1" 'BEGIN {
    print "stage s \"S\""
    print "touchpoint start \"Start\" { stage s; -> t1 }"
    for (i = 1; i < n; i++) printf "touchpoint t%d \"T%d\" { stage s; -> t%d }\n", i, i, i + 1
    printf "touchpoint t%d \"T%d\" { stage s; -> t1 rate 50%%; -> done rate 50%% }\n", n, n
    print "outcome done \"Done\" success"
    print "check through \"everyone gets through\" { assert reach(start) == 100% and reach(done) == 100% }"
  }'
}
loop 1000 >loop_1000.jny
loop 1001 >loop_1001.jny

begin "a loop of 1,000 touchpoints is solved exactly"
jny check --color never loop_1000.jny
want_exit 0; want_out_has "no problems"
end

begin "a loop of 1,001 touchpoints is E0515, once, for what lies after it only"
jny check --color never loop_1001.jny
want_exit 1
want_out_has "loop_1001.jny:1005:"
want_out_has "error[E0515]: the reach of 'done' cannot be computed: it lies in or after a loop of 1001 touchpoints, more than the 1000 jny solves exactly"
want_out_has "note: 't1' is one of the touchpoints of that loop"
[ "$(grep -c 'error\[' "$OUT")" -eq 1 ] || why "not exactly one error"
end

begin "the field t.reach reports E0515 at the touchpoint"
jny query loop_1001.jny 'from t in touchpoints where t.id == "t5" select t.reach'
want_exit 1; want_err_has "loop_1001.jny:7:12: error[E0515]: the reach of 't5'"
end

begin "a picture is still drawn, without the reach it cannot know"
jny render loop_1001.jny --format dot -o -
want_exit 0; want_err_empty
want_out_has "reach 100%" # start, before the loop
[ "$(grep -c 'reach ' "$OUT")" -eq 1 ] || why "reach shown for the loop or after it"
end

# ---- the flow view ----------------------------------------------------------------------------

begin "flow view: each node's reach, and the share of a flow without a rate"
jny render "$CLI_ROOT/examples/grocery.jny" --format dot -o -
want_exit 0
want_out_has 'reach 21%'          # cart: 30% × 70%
want_out_has 'reach 11.2%'        # abandoned: 21% × 45% + 11.55% × 15%
want_out_has 'label="(100%)"'     # delivery -> loyal has no rate
want_out_has 'label="55%"'        # as written
end

begin "flow view with --persona: that persona's reach"
jny render "$CLI_ROOT/examples/clinic.jny" --persona senior --format dot -o -
want_exit 0
want_out_has 'reach 40%' # the booking-online flow is the commuter's: seniors call, 40%
want_out_lacks 'Books online'
jny render "$CLI_ROOT/examples/clinic.jny" --persona commuter --format dot -o -
want_out_has 'reach 60%' # books online
end

finish
