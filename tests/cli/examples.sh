#!/usr/bin/env bash
# The example journeys (examples/): every file with a `journey` is an example; every other .jny
# there is a module that an example uses. Each example checks with exactly the warnings its
# comments announce (lines `//   warning[E0520]: message`, the text `jny check` prints after
# the location), renders both views without a Graphviz complaint, and the commands its header
# suggests (`//   jny …` lines) run. Every file is in `jny fmt`'s layout, and examples/README.md
# names every example.
#
# The day is pinned (--today) to the date the examples describe, November 2026, so that an
# opportunity due in 2027 does not become overdue in the test as the years pass.
. "$(dirname "$0")/lib.bash"

TODAY=2026-11-30
EX="$CLI_ROOT/examples"
ln -s "$EX" examples # the commands in the examples' comments name examples/…

mapfile -t ALL < <(cd "$CLI_ROOT" && find examples -name '*.jny' | LC_ALL=C sort)
JOURNEYS=()
MODULES=()
for f in "${ALL[@]}"; do
  if grep -q '^journey ' "$CLI_ROOT/$f"; then JOURNEYS+=("$f"); else MODULES+=("$f"); fi
done

begin "there are at least eight example journeys"
[ "${#JOURNEYS[@]}" -ge 8 ] || why "only ${#JOURNEYS[@]}: ${JOURNEYS[*]}"
end

# The diagnostics a file announces, one per line, sorted: "warning[E0520]: message".
announced() {
  sed -n -E 's#^//[[:space:]]+((error|warning|info)\[E[0-9]{4}\]: .*)$#\1#p' "$1" | LC_ALL=C sort
}
# The diagnostics jny printed (OUT), without their location, sorted.
printed() {
  sed -n -E 's#^[^ ]+:[0-9]+:[0-9]+: ((error|warning|info)\[E[0-9]{4}\]: .*)$#\1#p' "$OUT" |
    LC_ALL=C sort
}

for f in "${JOURNEYS[@]}"; do
  begin "$f: checks with exactly the announced diagnostics"
  jny check --color never --today "$TODAY" "$f"
  want_exit 0
  announced "$CLI_ROOT/$f" >"$CLI_TMP/want"
  printed >"$CLI_TMP/got"
  if ! cmp -s "$CLI_TMP/want" "$CLI_TMP/got"; then
    why "announced and printed differ: $(diff "$CLI_TMP/want" "$CLI_TMP/got" | grep -E '^[<>]' |
      head -n 3 | tr '\n' ' ')"
  fi
  [ -s "$CLI_TMP/want" ] || want_out_has "no problems in"
  end

  base=$(echo "${f#examples/}" | tr / -)
  base=${base%.jny}
  for view in flow map; do
    begin "$f: renders the $view view"
    jny render "$f" --view "$view" --today "$TODAY" -o "$base.$view.svg"
    want_exit 0; want_out_empty; want_err_empty
    xmllint --noout "$base.$view.svg" 2>"$CLI_TMP/xml.err" ||
      why "xmllint: $(head -c 200 "$CLI_TMP/xml.err")"
    end
  done

  begin "$f: the commands its comments suggest run"
  n=0
  while IFS= read -r cmd; do
    n=$((n + 1))
    eval "set -- $cmd" # the quotes of an ad-hoc query are shell quotes
    "$JNY" "${@:2}" </dev/null >"$OUT" 2>"$ERR"
    RC=$?
    [ "$RC" -eq 0 ] || why "'$cmd' exited $RC: $(first_line "$ERR")"
  done < <(sed -n -E 's#^//[[:space:]]{2,}(jny .*)$#\1#p' "$CLI_ROOT/$f" | sed -E 's/[[:space:]]{2,}.*$//')
  [ "$n" -gt 0 ] || why "no 'jny …' command in its comments"
  end

  begin "$f: described in examples/README.md"
  grep -qF "(${f#examples/})" "$EX/README.md" || why "no link to ${f#examples/}"
  end
done

for m in "${MODULES[@]}"; do
  begin "$m: a module some example uses"
  name=${m##*/}
  grep -q "^use \"$name\"" "$(dirname "$CLI_ROOT/$m")"/*.jny || why "no example says use \"$name\""
  end
done

begin "every example file is in the canonical layout (jny fmt --check)"
(cd "$CLI_ROOT" && "$JNY" fmt --check "${ALL[@]}") >"$OUT" 2>"$ERR"
RC=$?
want_exit 0; want_out_empty
end

begin "a data file beside each example that reads one"
for f in "${JOURNEYS[@]}"; do
  while IFS= read -r csv; do
    [ -f "$(dirname "$CLI_ROOT/$f")/$csv" ] || why "$f reads $csv, which is missing"
  done < <(sed -n -E 's#^data [A-Za-z_][A-Za-z0-9_]* from "([^"]+)".*#\1#p' "$CLI_ROOT/$f")
done
end

begin "the current and the future state of one journey sit side by side"
futures=$(grep -l '^  state future' "${JOURNEYS[@]/#/$CLI_ROOT/}" | head -n 1)
[ -n "$futures" ] || why "no example with 'state future'"
[ -n "$futures" ] && { grep -l '^  state current' "$(dirname "$futures")"/*.jny >/dev/null ||
  why "no current state beside $futures"; }
end

finish
