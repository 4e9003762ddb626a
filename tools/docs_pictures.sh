#!/bin/sh
# tools/docs_pictures.sh — behind `make docs` and tests/cli/docs.sh. Run from the repository root.
#
#   sh tools/docs_pictures.sh JNY          draw docs/img/NAME.VIEW.png for every example journey
#                                          and write docs/img/SOURCES
#   sh tools/docs_pictures.sh JNY --check  write nothing; exit 1, naming what is stale
#
# An example journey is a file under examples/ with a `journey` line (the others are modules the
# examples use); NAME is its path under examples/ with '/' as '-' and without '.jny'
# (checkout/current.jny -> checkout-current). Both views are drawn by the jny given, never by the
# dot program. PNG bytes depend on the fonts of the machine, the DOT source jny hands Graphviz
# does not: SOURCES holds the SHA-256 of each picture's DOT source, and --check compares those.
# The day is pinned so that nothing in a picture depends on the date it is drawn.
set -eu
export LC_ALL=C
JNY=$1
CHECK=${2:-}
TODAY=2026-11-30
OUT=docs/img
[ -x "$JNY" ] || { echo "docs_pictures.sh: no jny binary at '$JNY'" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/jny-docs.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

{
  echo "# Written by 'make docs' (tools/docs_pictures.sh); tests/cli/docs.sh compares it."
  echo "# SHA-256 of the DOT source of each picture, as drawn with --today $TODAY."
  find examples -name '*.jny' | sort | while read -r f; do
    grep -q '^journey ' "$f" || continue
    name=$(echo "${f#examples/}" | tr / -)
    name=${name%.jny}
    for view in flow map; do
      "$JNY" render "$f" --view "$view" --today "$TODAY" --format dot -o "$TMP/dot"
      echo "$(sha256sum <"$TMP/dot" | cut -d ' ' -f 1)  $name.$view.png  $f"
      if [ "$CHECK" != --check ]; then
        mkdir -p "$OUT"
        "$JNY" render "$f" --view "$view" --today "$TODAY" -o "$OUT/$name.$view.png"
      fi
    done
  done
} >"$TMP/SOURCES"

if [ "$CHECK" = --check ]; then
  status=0
  if ! cmp -s "$TMP/SOURCES" "$OUT/SOURCES" 2>/dev/null; then
    echo "docs/img is stale: these pictures differ from their examples (run 'make docs'):"
    diff "$OUT/SOURCES" "$TMP/SOURCES" 2>/dev/null | sed -n 's/^[<>] [0-9a-f]*  \([^ ]*\).*/  \1/p' | sort -u
    status=1
  fi
  for png in $(awk '!/^#/ { print $2 }' "$TMP/SOURCES"); do
    [ -s "$OUT/$png" ] || { echo "docs/img/$png is missing (run 'make docs')"; status=1; }
  done
  for png in "$OUT"/*.png; do
    [ -e "$png" ] || continue
    grep -q "  ${png##*/}  " "$TMP/SOURCES" ||
      { echo "$png belongs to no example (run 'make docs')"; status=1; }
  done
  exit $status
fi

# Pictures of examples that are gone.
for png in "$OUT"/*.png; do
  [ -e "$png" ] || continue
  grep -q "  ${png##*/}  " "$TMP/SOURCES" || rm -f "$png"
done
cp "$TMP/SOURCES" "$OUT/SOURCES"
echo "wrote $(grep -vc '^#' "$OUT/SOURCES") pictures in $OUT/ and $OUT/SOURCES"
