#!/usr/bin/env bash
# make install / make uninstall into a temporary DESTDIR, with the binary under test
# (INSTALL_BIN): the files land where PREFIX says, with the right modes; the installed jny works
# away from the source tree (the stdlib and the templates are inside it); the man page renders;
# Vim and Emacs load the installed plugins; uninstall removes every file install wrote.
. "$(dirname "$0")/lib.bash"

# A make started from the test driver must not inherit its jobserver.
unset MAKEFLAGS MFLAGS MAKELEVEL
ROOT="$CLI_TMP/root"

run_make() { # TARGET VAR=VALUE…: make in the repository; output in OUT/ERR
  make --no-print-directory -C "$CLI_ROOT" "$@" INSTALL_BIN="$JNY" </dev/null >"$OUT" 2>"$ERR"
  RC=$?
}

FILES=(
  usr/local/bin/jny
  usr/local/share/man/man1/jny.1
  usr/local/share/emacs/site-lisp/jny-mode.el
  usr/local/share/vim/vimfiles/ftdetect/jny.vim
  usr/local/share/vim/vimfiles/ftplugin/jny.vim
  usr/local/share/vim/vimfiles/syntax/jny.vim
  usr/local/share/vim/vimfiles/indent/jny.vim
  usr/local/share/vim/vimfiles/compiler/jny.vim
  usr/local/share/vim/vimfiles/autoload/jny.vim
  usr/local/share/jny/vscode/package.json
  usr/local/share/jny/vscode/language-configuration.json
  usr/local/share/jny/vscode/syntaxes/jny.tmLanguage.json
  usr/local/share/jny/vscode/snippets/jny.json
)

begin "make install DESTDIR=… (PREFIX defaults to /usr/local)"
run_make install DESTDIR="$ROOT"
want_exit 0
for f in "${FILES[@]}"; do [ -f "$ROOT/$f" ] || why "missing $f"; done
end

begin "the binary is executable, the rest is not"
[ "$(stat -c %a "$ROOT/usr/local/bin/jny")" = 755 ] || why "jny mode $(stat -c %a "$ROOT/usr/local/bin/jny")"
[ "$(stat -c %a "$ROOT/usr/local/share/man/man1/jny.1")" = 644 ] || why "man page not 644"
cmp -s "$ROOT/usr/local/bin/jny" "$JNY" || why "not the binary under test"
end

begin "nothing outside PREFIX"
extra=$(cd "$ROOT" && find . -mindepth 1 -maxdepth 2 ! -path ./usr ! -path ./usr/local | head -n 3)
[ -z "$extra" ] || why "also wrote: $extra"
end

begin "the installed jny works away from the source tree"
mkdir -p elsewhere && cd elsewhere || exit 2
"$ROOT/usr/local/bin/jny" init --template service visit.jny >"$OUT" 2>"$ERR" || why "init failed: $(first_line "$ERR")"
"$ROOT/usr/local/bin/jny" check visit.jny >"$OUT" 2>"$ERR"
RC=$?
want_exit 0; want_out_has "no problems in 1 file"
cd "$CLI_TMP" || exit 2
end

begin "the installed man page renders without warnings"
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -wall "$ROOT/usr/local/share/man/man1/jny.1" >"$OUT" 2>"$ERR"
  want_err_empty
  grep -q 'journey maps as code' "$OUT" || why "no NAME line in the rendered page"
fi
end

begin "the VS Code extension's package.json is complete JSON"
jq -e '.contributes.languages[0].id == "jny"' "$ROOT/usr/local/share/jny/vscode/package.json" \
  >/dev/null || why "package.json does not declare the jny language"
end

begin "Vim finds the installed plugin (file type, syntax)"
if command -v vim >/dev/null 2>&1; then
  printf 'stage s "S"\n' >v.jny
  HOME="$CLI_TMP" vim -N -u NONE -i NONE -es \
    --cmd "set runtimepath^=$ROOT/usr/local/share/vim/vimfiles" \
    -c 'filetype plugin indent on' -c 'syntax on' -c 'edit v.jny' \
    -c "call writefile([&filetype, b:current_syntax], 'vim.out')" -c 'qa!' </dev/null >/dev/null 2>&1
  [ "$(cat vim.out 2>/dev/null | tr '\n' ' ')" = "jny jny " ] || why "vim says: $(cat vim.out 2>/dev/null | tr '\n' ' ')"
fi
end

begin "Emacs loads the installed jny-mode"
if command -v emacs >/dev/null 2>&1; then
  emacs --batch -Q -L "$ROOT/usr/local/share/emacs/site-lisp" \
    --eval "(progn (require 'jny-mode) (find-file \"v.jny\") (princ major-mode))" >"$OUT" 2>"$ERR"
  want_out_has "jny-mode"
fi
end

begin "make uninstall removes every file install wrote, and jny's own folders"
run_make uninstall DESTDIR="$ROOT"
want_exit 0
left=$(cd "$ROOT" && find . -type f | head -n 3)
[ -z "$left" ] || why "left behind: $left"
[ -e "$ROOT/usr/local/share/jny" ] && why "share/jny is still there"
end

begin "PREFIX=/usr and BINDIR are honoured"
run_make install DESTDIR="$ROOT/p" PREFIX=/usr BINDIR=/opt/jny/bin
want_exit 0
[ -x "$ROOT/p/opt/jny/bin/jny" ] || why "no /opt/jny/bin/jny"
[ -f "$ROOT/p/usr/share/man/man1/jny.1" ] || why "no /usr/share/man/man1/jny.1"
[ -f "$ROOT/p/usr/share/vim/vimfiles/syntax/jny.vim" ] || why "no vim syntax under /usr"
run_make uninstall DESTDIR="$ROOT/p" PREFIX=/usr BINDIR=/opt/jny/bin
left=$(cd "$ROOT/p" && find . -type f | head -n 3)
[ -z "$left" ] || why "left behind: $left"
end

begin "uninstall keeps a folder someone else put files in"
run_make install DESTDIR="$ROOT/k"
echo mine >"$ROOT/k/usr/local/share/jny/vscode/notes.txt"
run_make uninstall DESTDIR="$ROOT/k"
want_exit 0
[ -f "$ROOT/k/usr/local/share/jny/vscode/notes.txt" ] || why "a file of someone else's was removed"
[ -e "$ROOT/k/usr/local/share/jny/vscode/package.json" ] && why "package.json not removed"
end

begin "uninstall when nothing is installed succeeds"
run_make uninstall DESTDIR="$ROOT/empty"
want_exit 0
end

finish
