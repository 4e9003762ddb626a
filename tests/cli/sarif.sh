#!/usr/bin/env bash
# `jny check --format sarif`: SARIF 2.1.0 for code-scanning dashboards (docs/language.md,
# "Diagnostics"). Needs jq.
. "$(dirname "$0")/lib.bash"

# want_jq FILTER VALUE: jq's raw output (one line) for the last stdout
want_jq() {
  local got
  got=$(jq -r "$1" "$OUT" 2>&1 | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$2" ] || why "$1 is '$got', expected '$2'"
}

printf 'stage buy "Buy"\ntouchpoint t "T" {\n  stage buyy\n}\n' >bad.jny
printf 'use std.lint\nstage s "S"\ntouchpoint a "A" { stage s }\n' >lint.jny
printf 'stage s "S"\n' >"with space é.jny"

begin "an error: rule, level, message, region with an exclusive end column"
jny check --format sarif bad.jny
want_exit 1; want_err_empty
want_jq '.version' "2.1.0"
want_jq '.runs | length' "1"
want_jq '.runs[0].tool.driver.name' "jny"
want_jq '.runs[0].columnKind' "unicodeCodePoints"
want_jq '.runs[0].results | length' "1"
want_jq '.runs[0].results[0] | .ruleId, .level' "E0203 error"
want_jq '.runs[0].results[0].message.text' "unknown stage 'buyy' (help: did you mean 'buy'? (declared at bad.jny:1:7))"
want_jq '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "bad.jny"
want_jq '.runs[0].results[0].locations[0].physicalLocation.region | .startLine, .startColumn, .endLine, .endColumn' "3 9 3 13"
end

begin "ruleIndex points at the rule of the same id"
jny check --format sarif bad.jny
want_jq '.runs[0] | .tool.driver.rules[.results[0].ruleIndex].id' "E0203"
end

begin "every code is a rule with a description"
jny check --format sarif bad.jny
want_jq '[.runs[0].tool.driver.rules[] | select(.shortDescription.text | length > 0)] | length' "$(jq '.runs[0].tool.driver.rules | length' "$OUT")"
end

begin "a lint warning: level warning, the check as a related location without a file"
jny check --format sarif lint.jny
want_exit 0
want_jq '[.runs[0].results[] | .level] | unique | join(",")' "warning"
want_jq '.runs[0].results[0].relatedLocations[0].message.text | startswith("required by check")' "true"
want_jq '.runs[0].results[0].relatedLocations[0].physicalLocation' "null"
end

begin "a clean file: no results, exit 0"
printf 'stage s "S"\n' >clean.jny
jny check --format sarif clean.jny
want_exit 0; want_jq '.runs[0].results | length' "0"
end

begin "file names become URIs: spaces and non-ASCII percent-encoded, absolute paths file://"
printf 'stage s "S"\nstage s "T"\n' >"with space é.jny"
jny check --format sarif "with space é.jny" "$PWD/bad.jny"
want_jq '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | sort | .[1]' "with%20space%20%C3%A9.jny"
want_jq '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | sort | .[0] | startswith("file:///")' "true"
end

begin "an unknown format names the three"
jny check --format xml clean.jny
want_exit 2; want_err_has "expected text, json or sarif"
end

finish
