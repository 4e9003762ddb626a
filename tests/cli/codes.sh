#!/usr/bin/env bash
# Every diagnostic code in lang/diag_codes.def has a test that triggers it: an expectation
# comment (`// expect SEVERITY CODE`) in a tests/**/*.jny file, or a command-line test that
# checks for `[CODE]` in jny's output. Codes are promises to users; an untested one can break
# unseen. Also checks that docs/language.md lists every code.
. "$(dirname "$0")/lib.bash"

codes=$(grep -oE '"[EW][0-9]{4}"' "$CLI_ROOT/lang/diag_codes.def" | tr -d '"' | sort -u)
[ -n "$codes" ] || { echo "FAIL codes: no codes found in lang/diag_codes.def"; exit 1; }

for code in $codes; do
  begin "code $code has a test"
  if ! grep -rqE "// expect (error|warning|info) $code\b" "$CLI_ROOT/tests" --include='*.jny' &&
     ! grep -rqE "\[$code\]|want_[a-z_]*code $code\b" "$CLI_ROOT/tests/cli" --include='*.sh' \
       --exclude=codes.sh --exclude=explain.sh; then
    why "no tests/**/*.jny expects it and no tests/cli script looks for it"
  fi
  end
  begin "code $code is in docs/language.md"
  grep -q "$code" "$CLI_ROOT/docs/language.md" 2>/dev/null || why "docs/language.md does not list it"
  end
done
finish
