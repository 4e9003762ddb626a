#!/usr/bin/env bash
# tools/layers.sh [ROOT] — reads the #include graph of lang/ and runtime/ and fails on any
# include that goes up the pipeline or sideways between folders of one layer (tools/layers.txt),
# on a header name used in two folders (the build puts every folder on the include path, so a
# name must say which file it is), on a folder missing from layers.txt, and on an include of a
# project header that does not exist. Prints one line per problem and exits 1; prints
# "layers: N folders, N includes, no problem" and exits 0 otherwise. Generated headers
# (parser.h, lexer.h, built into BUILD/) count as lang's.
set -u
export LC_ALL=C
ROOT=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$ROOT" || exit 2

sources() { find lang runtime \( -name '*.[chly]' -o -name '*.def' \) -type f | sort; }

awk '
  FNR == 1 { file++ }
  # layers.txt: rank of each folder
  file == 1 && !/^#/ && NF { rank_line++; for (i = 1; i <= NF; i++) { rank[$i] = rank_line; order[++nfolders] = $i } ; next }
  file == 1 { next }
  # the list of sources: one path per line
  file == 2 {
    path = $0; dir = path; sub(/\/[^\/]*$/, "", dir); base = path; sub(/.*\//, "", base)
    files[path] = dir
    if (!(dir in rank) && !(dir in unknown)) { unknown[dir] = 1; printf "%s: folder not in tools/layers.txt\n", dir; bad++ }
    if (base ~ /\.(h|def)$/) {
      if ((base in home) && home[base] != dir) { printf "%s: header name also used by %s/%s\n", path, home[base], base; bad++ }
      home[base] = dir
    }
    next
  }
  # the include lines: FILE:LINE:#include "name.h"
  {
    split($0, part, ":"); src = part[1]; line = part[2]
    name = $0; sub(/^[^"]*"/, "", name); sub(/".*$/, "", name)
    if (name == "parser.h" || name == "lexer.h") h = "lang"
    else if (name in home) h = home[name]
    else { printf "%s:%s: includes \"%s\", which is no header of lang/ or runtime/\n", src, line, name; bad++; next }
    nincludes++
    d = files[src]
    if (h == d) next
    if (rank[h] > rank[d]) { printf "%s:%s: includes %s/%s, a folder above %s in the pipeline\n", src, line, h, name, d; bad++ }
    else if (rank[h] == rank[d]) { printf "%s:%s: includes %s/%s, a folder beside %s (same layer)\n", src, line, h, name, d; bad++ }
  }
  END {
    if (bad) { printf "layers: %d problem%s\n", bad, bad == 1 ? "" : "s"; exit 1 }
    printf "layers: %d folders, %d includes, no problem\n", nfolders, nincludes
  }
' tools/layers.txt <(sources) \
  <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' $(sources))
