#!/usr/bin/env bash
# jny init: each template is written byte for byte as templates/NAME.jny, checks clean with
# std.lint (even with --strict) and is in the canonical layout; an existing file, a symlink or a
# folder is never replaced; '-' writes standard output; usage errors; no temporary file is left
# behind; running out of memory never leaves a file.
. "$(dirname "$0")/lib.bash"

TEMPLATES="$CLI_ROOT/templates"

begin "no FILE writes journey.jny from the classic template"
jny init
want_exit 0; want_err_empty
want_out_has "wrote journey.jny (template classic)"
want_out_has "jny check journey.jny"
cmp -s journey.jny "$TEMPLATES/classic.jny" || why "journey.jny is not templates/classic.jny"
end

begin "--list names every template, and only those"
jny init --list
want_exit 0; want_err_empty
want_out_equals <(cd "$TEMPLATES" && ls -- *.jny | sed 's/\.jny$//' | LC_ALL=C sort)
end

for t in classic saas service; do
  begin "$t: written as templates/$t.jny"
  jny init --template "$t" "$t.jny"
  want_exit 0; want_err_empty; want_out_has "wrote $t.jny (template $t)"
  cmp -s "$t.jny" "$TEMPLATES/$t.jny" || why "$t.jny differs from templates/$t.jny"
  end

  begin "$t: uses std.lint and checks clean, even with --strict"
  grep -q '^use std\.lint' "$t.jny" || why "no 'use std.lint' line"
  jny check --strict "$t.jny"
  want_exit 0; want_out_has "no problems in 1 file"; want_err_empty
  end

  begin "$t: in the canonical layout (jny fmt --check)"
  jny fmt --check "$t.jny"
  want_exit 0; want_out_empty; want_err_empty
  end

  begin "$t: renders both views"
  jny render "$t.jny" -o "$t.flow.svg"
  want_exit 0
  jny render "$t.jny" --view map -o "$t.map.svg"
  want_exit 0
  [ -s "$t.flow.svg" ] && [ -s "$t.map.svg" ] || why "a picture is missing"
  end

  begin "$t: '-' writes the template to standard output"
  jny init --template "$t" -
  want_exit 0; want_err_empty; want_out_equals "$TEMPLATES/$t.jny"
  end
done

begin "--template=NAME works too"
jny init --template=service eq.jny
want_exit 0; cmp -s eq.jny "$TEMPLATES/service.jny" || why "not the service template"
end

# ---- never replaces --------------------------------------------------------------------------
begin "an existing file is not replaced (exit 2, the path named)"
printf 'my own work\n' >mine.jny
jny init mine.jny
want_exit 2; want_out_empty
want_err_has "jny init: 'mine.jny' already exists; jny init never replaces a file"
[ "$(cat mine.jny)" = "my own work" ] || why "mine.jny was changed"
end

begin "an existing empty file is not replaced either"
: >empty.jny
jny init --template saas empty.jny
want_exit 2; [ -s empty.jny ] && why "empty.jny was written"
end

begin "a symlink (even dangling) is not followed or replaced"
ln -s nowhere.jny link.jny
jny init link.jny
want_exit 2; want_err_has "'link.jny' already exists"
[ -e nowhere.jny ] && why "the symlink's target was created"
[ -L link.jny ] || why "the symlink was replaced"
end

begin "a folder is refused"
mkdir folder
jny init folder
want_exit 2; want_err_has "'folder' is a folder"
end

begin "a missing folder: cannot write, exit 2"
jny init no/such/dir/x.jny
want_exit 2; want_err_has "cannot write 'no/such/dir/x.jny'"
end

begin "a file in a subfolder"
mkdir sub
jny init --template service sub/blueprint.jny
want_exit 0; cmp -s sub/blueprint.jny "$TEMPLATES/service.jny" || why "not written"
end

begin "no temporary file is left behind"
left=$(find . -name '.*init-*' | head -n 3)
[ -z "$left" ] || why "left: $left"
end

begin "a new file gets the usual permissions (umask), not 0600"
(umask 022 && "$JNY" init perms.jny >/dev/null 2>&1)
[ "$(stat -c %a perms.jny)" = 644 ] || why "mode $(stat -c %a perms.jny)"
end

# ---- usage errors ----------------------------------------------------------------------------
begin "unknown template suggests the closest"
jny init --template sass x.jny
want_exit 2; want_out_empty; want_err_has "unknown template 'sass'; did you mean 'saas'?"
[ -e x.jny ] && why "x.jny was written"
end

begin "unknown template far from any lists them"
jny init --template blueprint x.jny
want_exit 2; want_err_has "expected classic, saas or service"
end

begin "two files is a usage error"
jny init a.jny b.jny
want_exit 2; want_err_has "one file at a time"
[ -e a.jny ] && why "a.jny was written"
end

begin "--template needs a value"
jny init --template
want_exit 2; want_err_has "needs a value"
end

begin "help documents every option and template"
jny init --help
want_exit 0
for w in --template --list --help classic saas service "Exit status" journey.jny; do
  grep -qF -- "$w" "$OUT" || why "help lacks $w"
done
end

begin "jny help lists init"
jny help
grep -q '^  init ' "$OUT" || why "init not in the overview"
end

mkdir oom && cd oom || exit 2
oom_walk "init: out of memory at every allocation, no file left behind" init --template saas o.jny
begin "init: after the walk, exactly the template"
cmp -s o.jny "$TEMPLATES/saas.jny" || why "o.jny is not the saas template"
end
cd .. || exit 2

finish
