#!/usr/bin/env bash
# tests/fuzz/seeds.sh OUTDIR — builds the seed corpora of the harnesses from the repository's own
# files, so that nothing is copied into git and the seeds follow the tests:
#   OUTDIR/jny/    every .jny file of tests/, examples/ and stdlib/ (parse, resolve, fmt)
#   OUTDIR/query/  the body of every `query` block of those files, the ad-hoc queries of the CLI
#                  tests, and the built-in queries of runtime/cli/cli_query.c (eval)
#   OUTDIR/csv/    every .csv file of tests/ and examples/ (csv)
# plus, in each, the committed regression inputs of tests/fuzz/regress/HARNESS/. libFuzzer reads
# corpus folders recursively, so files keep their paths.
set -eu
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$1
mkdir -p "$OUT/jny" "$OUT/query" "$OUT/csv"
cd "$ROOT"

# Files up to 64 KiB (the harnesses cut inputs much shorter anyway).
find tests examples stdlib -name '*.jny' -type f -size -64k -print0 | xargs -0 -r cp --parents -t "$OUT/jny"
find tests examples -name '*.csv' -type f -size -64k -print0 | xargs -0 -r cp --parents -t "$OUT/csv"

# query blocks: the lines between `query id "Name" {` and the `}` that closes it
find tests examples stdlib -name '*.jny' -type f -size -64k -print0 | xargs -0 -r awk -v dir="$OUT/query" '
  FNR == 1 { on = 0 }
  /^query [A-Za-z_]/ && /\{[ \t]*$/ { on = 1; n++; body = ""; next }
  on && /^\}/ { on = 0; file = dir "/block" n; printf "%s", body > file; close(file); next }
  on { body = body $0 "\n" }'
# ad-hoc queries of the CLI tests (`jny query FILE 'from …'`) and the built-in ones
n=0
while IFS= read -r q; do
  q=${q#[\'\"]}
  n=$((n + 1))
  printf '%s' "${q%[\'\"]}" >"$OUT/query/adhoc$n"
done < <(grep -ho "'from [^']*'" tests/cli/*.sh; grep -o '"from [^"]*"' runtime/cli/cli_query.c)

for pair in parse:jny resolve:jny fmt:jny eval:query csv:csv; do
  h=${pair%%:*} d=${pair#*:}
  [ -d "tests/fuzz/regress/$h" ] && cp -r "tests/fuzz/regress/$h" "$OUT/$d/regress-$h"
done
exit 0
