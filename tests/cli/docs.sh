#!/usr/bin/env bash
# The documentation tells the truth:
# - docs/img/ is what `make docs` makes from the examples now (tools/docs_pictures.sh --check
#   compares the hashes of the pictures' DOT sources), and the README shows pictures from it;
# - the README's tutorial works word for word: each ```console block is run (`build/jny` is the
#   binary under test) in a fresh folder and must print exactly what the README shows; a
#   ```jny block after `<!-- doctest: append FILE -->` is appended to FILE, and
#   `<!-- doctest: COMMAND -->` runs COMMAND there (the edits the text asks the reader to make);
# - every ```jny block of the README and the cookbook parses (jny fmt);
# - docs/cli.md and the man page name every command and every option the help texts list;
#   the man page renders without a groff warning;
# - every relative link of the README, docs/ and examples/README.md points at a file.
. "$(dirname "$0")/lib.bash"

# ---- pictures ----------------------------------------------------------------------------------
begin "docs/img is up to date with the examples"
(cd "$CLI_ROOT" && sh tools/docs_pictures.sh "$JNY" --check) >"$OUT" 2>"$ERR"
RC=$?
[ "$RC" -eq 0 ] || why "$(tr '\n' ' ' <"$OUT" | cut -c 1-300)$(first_line "$ERR")"
end

begin "the README's pictures come from docs/img (make docs)"
imgs=$(grep -oE '!\[[^]]*\]\([^)]+\)' "$CLI_ROOT/README.md" | sed -E 's/.*\(([^)]+)\)/\1/')
[ -n "$imgs" ] || why "no picture in the README"
for img in $imgs; do
  case $img in
    docs/img/*.png) grep -q "  ${img#docs/img/}  " "$CLI_ROOT/docs/img/SOURCES" || why "$img is not made by make docs" ;;
    *) why "$img is not in docs/img" ;;
  esac
done
end

begin "the old pictures are gone (docs/images)"
[ -e "$CLI_ROOT/docs/images" ] && why "docs/images still exists"
grep -rn 'docs/images\|](images/' "$CLI_ROOT/README.md" "$CLI_ROOT/docs" --include='*.md' >"$OUT" &&
  why "still linked: $(first_line "$OUT")"
end

# ---- the README's tutorial, word for word ----------------------------------------------------
# Splits README.md into steps in $CLI_TMP/steps/NNN.{cmd,out,append,run}.
mkdir -p tutorial steps
awk -v dir="$CLI_TMP/steps" '
  function step(kind) { n++; file = sprintf("%s/%03d.%s", dir, n, kind); printf "" > file; return file }
  /^<!-- doctest: append [^ ]+ -->$/ { append_to = $4; next }
  /^<!-- doctest: .* -->$/ {
    line = $0; sub(/^<!-- doctest: /, "", line); sub(/ -->$/, "", line)
    print line > step("run"); close(file); next
  }
  /^```jny$/ && append_to != "" { inblock = "jny"; f = step("append"); print append_to > f; next }
  /^```console$/ { inblock = "console"; next }
  /^```$/ && inblock != "" { if (out != "") close(out); close(f); inblock = ""; append_to = ""; out = ""; next }
  inblock == "jny" { print > f; next }
  inblock == "console" && /^\$ / {
    if (out != "") close(out)
    c = step("cmd"); line = $0; sub(/^\$ /, "", line); print line > c; close(c)
    out = sprintf("%s/%03d.out", dir, n); printf "" > out; next
  }
  inblock == "console" { print > out; next }
' "$CLI_ROOT/README.md"

begin "the README has a tutorial to test"
[ "$(ls steps/*.cmd 2>/dev/null | wc -l)" -ge 8 ] || why "fewer than 8 commands in console blocks"
end

for s in steps/*; do
  n=${s##*/}
  case $s in
    *.append)
      target=$(head -n 1 "$s")
      { echo; tail -n +2 "$s"; } >>"tutorial/$target"
      ;;
    *.run)
      edit=$(cat "$s")
      (cd tutorial && sh -c "$edit") >/dev/null 2>&1 ||
        { begin "README step $n"; why "the edit '$edit' failed"; end; }
      ;;
    *.cmd)
      cmd=$(cat "$s")
      begin "README: \$ $cmd"
      case $cmd in
        build/jny\ *) ;;
        *) why "only build/jny commands are run" ;;
      esac
      (cd tutorial && eval "set -- ${cmd#build/jny }" && "$JNY" "$@" </dev/null >"$OUT" 2>&1)
      want_out_equals "${s%.cmd}.out"
      end
      ;;
  esac
done

# ---- snippets parse --------------------------------------------------------------------------
for doc in README.md docs/cookbook.md; do
  begin "every jny block of $doc parses"
  awk -v dir="$CLI_TMP" '/^```jny$/ { n++; f = sprintf("%s/snippet-%03d.jny", dir, n); on = 1; next }
    /^```$/ { on = 0; next } on { print > f }' "$CLI_ROOT/$doc"
  for f in snippet-*.jny; do
    [ -e "$f" ] || continue
    "$JNY" fmt "$f" >/dev/null 2>"$ERR" || why "block ${f#snippet-}: $(first_line "$ERR")"
  done
  rm -f snippet-*.jny
  end
done

# ---- the reference names every command and option ---------------------------------------------
"$JNY" help >"$CLI_TMP/overview"
mapfile -t COMMANDS < <(sed -n -E 's/^  ([a-z]+) .*/\1/p' "$CLI_TMP/overview")

begin "the overview lists the commands"
[ "${#COMMANDS[@]}" -ge 8 ] || why "only ${#COMMANDS[*]}"
end

# The man page with its escapes undone: \- is -, font changes vanish.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$CLI_ROOT/man/jny.1" >"$CLI_TMP/man.txt"
for c in "${COMMANDS[@]}"; do
  begin "docs/cli.md and jny.1 describe '$c' and each of its options"
  grep -q "^## jny $c\$" "$CLI_ROOT/docs/cli.md" || why "no '## jny $c' in docs/cli.md"
  grep -qE "^\.B $c\$" "$CLI_TMP/man.txt" || why "no '.B $c' in jny.1"
  "$JNY" "$c" --help >"$CLI_TMP/help"
  for opt in $(grep -oE '(^|[ ,])--[a-z][a-z-]*' "$CLI_TMP/help" | tr -d ' ,' | sort -u); do
    grep -qF -- "\`$opt" "$CLI_ROOT/docs/cli.md" || why "docs/cli.md lacks $opt of $c"
    grep -qF -- "$opt" "$CLI_TMP/man.txt" || why "jny.1 lacks $opt of $c"
  done
  end
done

begin "docs/cli.md and jny.1 name every environment variable jny reads"
for var in $(grep -ohE '(getenv|_from_env)\("[A-Z_]+"\)' "$CLI_ROOT"/runtime/*/*.c "$CLI_ROOT"/lang/*.c |
  sed -E 's/.*\("(.*)"\)/\1/' | sort -u); do
  grep -qF "\`$var\`" "$CLI_ROOT/docs/cli.md" || why "docs/cli.md lacks $var"
  case $var in JNY_FAIL_ALLOC | JNY_ARENA_BLOCK) continue ;; esac # for jny's own tests only
  grep -qF "$var" "$CLI_TMP/man.txt" || why "jny.1 lacks $var"
done
end

begin "the man page renders without warnings"
groff -man -Tutf8 -wall "$CLI_ROOT/man/jny.1" >"$OUT" 2>"$ERR"
want_err_empty
grep -q 'journey maps as code' "$OUT" || why "no NAME section"
end

# ---- links ----------------------------------------------------------------------------------
begin "every relative link in the README, docs/ and examples/README.md exists"
for doc in README.md $(cd "$CLI_ROOT" && ls docs/*.md) examples/README.md; do
  dir=$(dirname "$CLI_ROOT/$doc")
  for link in $(grep -oE '\]\([^)#]+(#[^)]*)?\)' "$CLI_ROOT/$doc" | sed -E 's/^\]\(([^)#]*).*/\1/' | sort -u); do
    case $link in http:* | https:* | mailto:* | "") continue ;; esac
    [ -e "$dir/$link" ] || why "$doc links to $link, which does not exist"
  done
done
end

finish
