#!/usr/bin/env bash
# The benchmark's generator (tools/bench/gen.c), smoke-tested: the journeys `make bench` times
# must be valid models that check clean, the same for the same seed, and split into parts past
# 100k touchpoints. No timing here: the speed targets live in `make bench` only.
. "$(dirname "$0")/lib.bash"

GEN="$CLI_TMP/gen"
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -o "$GEN" "$CLI_ROOT/tools/bench/gen.c" 2>"$ERR" ||
  { echo "FAIL building tools/bench/gen.c: $(first_line "$ERR")"; exit 1; }

begin "a 1k-touchpoint journey checks clean, std.lint included"
"$GEN" -n 1000 -o m1k
jny check --today 2026-11-23 m1k/journey.jny
want_exit 0; want_out_has "no problems in 1 file"; end

begin "the same seed gives the same bytes"
"$GEN" -n 300 >a.jny
"$GEN" -n 300 >b.jny
cmp -s a.jny b.jny || why "two runs differ"
"$GEN" -n 300 -s 7 >c.jny
cmp -s a.jny c.jny && why "another seed gives the same journey"
end

begin "its queries run"
jny query --today 2026-11-23 m1k/journey.jny by_stage
want_exit 0; want_out_has "Awareness"; want_out_has "touchpoints"; end

begin "the small journey the renderers are compared on checks clean too"
"$GEN" -n 24 >small.jny
jny check --today 2026-11-23 small.jny
want_exit 0; want_out_has "no problems"; end

begin "past 100k touchpoints the model is split into parts that one file uses"
"$GEN" -n 100041 -o big
[ -f big/part_000.jny ] && [ -f big/part_001.jny ] || why "no part files"
grep -q '^use "part_001.jny"' big/journey.jny || why "journey.jny does not use its parts"
jny check --today 2026-11-23 big/journey.jny
want_exit 0; want_out_has "no problems in 3 files"; end

begin "the Mermaid form has one task per touchpoint"
"$GEN" -n 24 --mermaid >j.mmd
[ "$(head -n 1 j.mmd)" = journey ] || why "does not start with 'journey'"
[ "$(grep -c ': [1-5]: ' j.mmd)" -eq 24 ] || why "$(grep -c ': [1-5]: ' j.mmd) tasks for 24 touchpoints"
end

finish
