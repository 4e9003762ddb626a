#!/usr/bin/env bash
# Help texts, the version, and what happens with unknown commands and options.
. "$(dirname "$0")/lib.bash"

begin "--version"
jny --version
want_exit 0; want_out_has "jny 0.2.0"; want_err_empty; end

begin "--help lists the commands"
jny --help
want_exit 0; want_out_has "Usage: jny COMMAND"; want_out_has "  check "; want_out_has "  explain "
want_err_empty; end

begin "-h is --help"
jny -h
want_exit 0; want_out_has "Usage: jny COMMAND"; end

begin "help lists every command as available"
jny help
want_exit 0; want_out_lacks "not available in this version"
for c in check explain help render query fmt export; do
  grep -q "^  $c " "$OUT" || why "'$c' not listed"
done
end

for cmd in check explain help; do
  begin "help $cmd"
  jny help "$cmd"
  want_exit 0; want_out_has "Usage: jny $cmd"; want_err_empty; end
  cp "$OUT" "help-$cmd.txt"

  begin "$cmd --help is the same text"
  jny "$cmd" --help
  want_exit 0; want_out_equals "help-$cmd.txt"; end

  begin "$cmd -h is the same text"
  jny "$cmd" -h
  want_exit 0; want_out_equals "help-$cmd.txt"; end
done

begin "--help COMMAND"
jny --help check
want_exit 0; want_out_equals help-check.txt; end

begin "check help documents every option"
for opt in --format --strict --color --today --help NO_COLOR JNY_PATH; do
  grep -qF -- "$opt" help-check.txt || why "check help lacks $opt"
done
end

begin "no arguments: short usage on stderr"
jny
want_exit 2; want_out_empty; want_err_has "Usage: jny COMMAND"; end

begin "unknown command suggests"
jny chek x.jny
want_exit 2; want_out_empty; want_err_has "jny: unknown command 'chek'; did you mean 'check'?"; end

begin "unknown command far from any"
jny frobnicate
want_exit 2; want_err_has "unknown command 'frobnicate'"; want_err_lacks "did you mean"; end

begin "help for an unknown command"
jny help chekc
want_exit 2; want_out_empty; want_err_has "unknown command 'chekc'; did you mean 'check'?"; end

begin "help takes one command"
jny help check explain
want_exit 2; want_out_empty; end

begin "unknown top-level option"
jny --verison
want_exit 2; want_out_empty; want_err_has "unknown option '--verison'; did you mean '--version'?"; end

begin "option before the command"
jny --strict check x.jny
want_exit 2; want_err_has "unknown option '--strict'"; end

begin "--version takes no arguments"
jny --version check
want_exit 2; end

begin "a command name with control characters is escaped"
jny $'chk\x1b[2J'
want_exit 2; want_no_escape_bytes "$ERR"; want_err_has 'chk\x1b[2J'; end

begin "the man page names the binary's version"
jny --version
v=$(head -1 "$OUT" | awk '{print $2}')
grep -q "^\.TH JNY 1 .* \"jny $v\"" "$CLI_ROOT/man/jny.1" || why "man/jny.1's .TH line does not say jny $v"
end

finish
