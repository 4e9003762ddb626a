#!/usr/bin/env bash
# Output safety and failing allocations, for every command that writes (docs/hardening.md):
# - a file jny writes (render -o, export -o, query -o, fmt -w) appears whole or not at all: it is
#   written to a temporary file in the same folder and renamed over the target, so a failed
#   write leaves the old file as it was and no temporary file behind; a symbolic link is
#   followed and an existing file keeps its permissions;
# - a write error (a full disk: /dev/full, or a file-size limit for a temporary file; a folder
#   that cannot be written) is exit 2 with the path named;
# - a reader that goes away (`| head`) ends jny quietly; a closed standard output is exit 2;
# - out of memory: the arena's hook failing at its Nth call, with small blocks
#   (JNY_ARENA_BLOCK) so that N meets every stage, is `jny: out of memory` and exit 2 for every N,
#   never a crash, never a half-written file, and (in the ASan build) never a leak.
# The representative input is the fuzzer's fixed model: every kind of entity, flows, KPIs, lets,
# std.lint's checks, and hostile text.
. "$(dirname "$0")/lib.bash"

cp "$CLI_ROOT/tests/fuzz/model.jny" model.jny

# The commands that write a file: write LABEL PATH runs one of them with PATH as its -o.
WRITERS=(render-svg render-dot export query report mermaid import)
write() {
  case $1 in
  render-svg) jny render model.jny --format svg -o "$2" ;;
  render-dot) jny render model.jny --view map --format dot -o "$2" ;;
  export) jny export model.jny -o "$2" ;;
  query) jny query model.jny 'from t in touchpoints select t.id, t.name, t.stage.name as stage,
    [p.name for p in t.personas] as personas, t.emotion' --format json -o "$2" ;;
  report) jny report model.jny --today 2026-11-23 -o "$2" ;;
  mermaid) jny export --format mermaid model.jny -o "$2" ;;
  import) "$JNY" export --format mermaid model.jny -o model.mmd 2>/dev/null
    jny import mermaid model.mmd -o "$2" ;;
  esac
}
no_temp_left() { # DIR: no temporary file (.NAME.XXXXXX) left in DIR
  local left
  left=$(find "$1" -maxdepth 1 -name '.*' ! -name '.out' ! -name '.err' ! -name '.' | head -n 1)
  [ -n "$left" ] && why "temporary file left: $left"
  return 0
}

# ---- writing files ---------------------------------------------------------------------------

for w in "${WRITERS[@]}"; do
  begin "$w: -o /dev/full is exit 2 naming the path"
  write "$w" /dev/full
  want_exit 2; want_err_has "cannot write '/dev/full': No space left on device"; end

  begin "$w: a new file appears whole, with the usual permissions, nothing else left"
  rm -rf new && mkdir new
  (umask 022 && write "$w" new/out && exit "$RC")
  RC=$?
  want_exit 0; [ -s new/out ] || why "no output"
  [ "$(stat -c %a new/out)" = 644 ] || why "mode $(stat -c %a new/out), not 644"
  no_temp_left new; end

  begin "$w: an existing file is replaced by rename, keeping its permissions"
  rm -rf old && mkdir old && printf 'old\n' >old/out && chmod 600 old/out
  inode=$(stat -c %i old/out)
  write "$w" old/out
  want_exit 0; [ "$(cat old/out)" = old ] && why "not replaced"
  [ "$(stat -c %i old/out)" = "$inode" ] && why "written in place, not renamed over"
  [ "$(stat -c %a old/out)" = 600 ] || why "mode $(stat -c %a old/out), not 600"
  no_temp_left old; end

  begin "$w: a full disk while writing leaves the old file and no temporary file"
  rm -rf full && mkdir full && printf 'old\n' >full/out
  # A file-size limit of 1 KiB makes the write of the temporary file fail (EFBIG) as a full disk
  # would; SIGXFSZ is ignored so that the error is seen, not the signal.
  (trap '' XFSZ && ulimit -f 1 && write "$w" full/out && exit "$RC")
  RC=$?
  want_exit 2; want_err_has "cannot write 'full/out': File too large"
  [ "$(cat full/out)" = old ] || why "the old file was changed"
  no_temp_left full; end

  begin "$w: through a symbolic link, the file it points to is written"
  rm -rf sl && mkdir -p sl/real && printf 'old\n' >sl/real/out && ln -s real/out sl/link
  write "$w" sl/link
  want_exit 0; [ -L sl/link ] || why "the link was replaced"
  [ "$(cat sl/real/out)" = old ] && why "the target was not written"
  no_temp_left sl; no_temp_left sl/real; end
done

begin "fmt -w: a full disk while writing leaves the file as it was"
{ printf 'team  a "A"\n'; for i in $(seq 1 200); do printf 'team  t%d "T"\n' "$i"; done; } >full_fmt.jny
cp full_fmt.jny full_fmt.orig
(trap '' XFSZ && ulimit -f 1 && jny fmt -w full_fmt.jny && exit "$RC")
RC=$?
want_exit 2; want_err_has "cannot write 'full_fmt.jny': File too large"
cmp -s full_fmt.jny full_fmt.orig || why "the file was changed"
no_temp_left .; end

begin "fmt -w: through a symbolic link, the file it points to is formatted"
mkdir -p fl && printf 'team  a "A"\n' >fl/real.jny && chmod 640 fl/real.jny && ln -s fl/real.jny fl_link.jny
jny fmt -w fl_link.jny
want_exit 0; [ -L fl_link.jny ] || why "the link was replaced"
[ "$(cat fl/real.jny)" = 'team a "A"' ] || why "the target was not formatted: $(cat fl/real.jny)"
[ "$(stat -c %a fl/real.jny)" = 640 ] || why "mode $(stat -c %a fl/real.jny), not 640"
end

# ---- a folder that cannot be written -----------------------------------------------------------
# As root every folder is writable, so the commands run as nobody there (setpriv, util-linux).
as_user() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  else
    "$@"
  fi
}
as_jny() { as_user "$JNY_REAL" "$@"; }
chmod 755 "$CLI_TMP"
chmod 644 model.jny
mkdir -p ro && printf 'team  a "A"\n' >ro/in.jny && chmod 644 ro/in.jny && chmod 555 ro
for w in "${WRITERS[@]}"; do
  begin "$w: a read-only folder is exit 2 naming the path"
  # jny as nobody: the function's "$JNY" is looked up when it runs
  (JNY_REAL=$JNY && JNY=as_jny && write "$w" ro/out && exit "$RC")
  RC=$?
  want_exit 2; want_err_has "cannot write 'ro/out': Permission denied"
  [ -e ro/out ] && why "ro/out was written"
  no_temp_left ro; end
done

begin "fmt -w: a read-only folder is exit 2 naming the file, which is left as it was"
as_user "$JNY" fmt -w ro/in.jny </dev/null >"$OUT" 2>"$ERR"
RC=$?
want_exit 2; want_err_has "cannot write 'ro/in.jny': Permission denied"
[ "$(cat ro/in.jny)" = 'team  a "A"' ] || why "the file was changed"
no_temp_left ro; end
chmod 755 ro

# ---- standard output ---------------------------------------------------------------------------
# A journey large enough that every command's output is far more than a pipe holds, so that the
# writer really meets the closed pipe.
awk 'BEGIN {
  print "journey \"Big\""
  for (s = 0; s < 10; s++) printf "stage s%d \"Stage %d\"\n", s, s
  for (i = 0; i < 600; i++) {
    printf "touchpoint t%d \"Touchpoint %d with a name long enough to fill lines\" {\n", i, i
    printf "  stage s%d\n  emotion %d\n", int(i / 60), i % 7 - 3
    if (i + 1 < 600) printf "  -> t%d rate 50%%\n", i + 1
    print "}"
  }
}' >big.jny
sed 's/^  stage/  stage  /' big.jny >big_messy.jny
printf 'team @ x\n' >>big_messy.jny
STDOUT_CMDS=(
  "check --format json big_messy.jny"
  "export big.jny"
  "query big.jny from_t_in_touchpoints_select_t.name,t.stage.name,t.emotion"
  "render big.jny --format svg -o -"
  "render big.jny --view map --format dot -o -"
  "fmt big.jny"
)
stdout_args() { # CMD: the words, with _ in a query standing for a space
  read -r -a args <<<"$1"
  [ "${args[0]}" = query ] && args[2]=${args[2]//_/ }
}
for c in "${STDOUT_CMDS[@]}"; do
  stdout_args "$c"
  begin "${args[0]}: a reader that stops early ends it quietly"
  "$JNY" "${args[@]}" </dev/null 2>"$ERR" | head -c 100 >/dev/null
  RC=${PIPESTATUS[0]}
  want_no_crash; want_err_empty
  [ "$RC" -le 1 ] || why "exit status $RC"
  end

  begin "${args[0]}: a closed standard output is exit 2"
  "$JNY" "${args[@]}" </dev/null >&- 2>"$ERR"
  RC=$?
  want_exit 2; want_err_has "cannot write to standard output"; end
done

# ---- out of memory at every allocation --------------------------------------------------------
old_kept() { # N: after a failing run, the old output as it was and no temporary file
  [ "$(cat old.out)" = old ] || why "N=$1: old.out changed"
  no_temp_left .
}
# sweep NAME STRIDE ARGS…: JNY_FAIL_ALLOC=N for N = 1, 1+STRIDE, … until a run succeeds, with
# 2 KiB arena blocks (about 90 hook calls for a check of model.jny, spread over every stage).
# Each failing run: exactly `jny: out of memory`, exit 2, no temporary file, and an existing
# output (old.out) untouched (oom_steps of lib.bash, with old_kept).
sweep() {
  local name=$1 stride=$2
  shift 2
  begin "$name"
  printf 'old\n' >old.out
  # check exits 1 on the model's warnings and errors
  JNY_ARENA_BLOCK=2048 OOM_STRIDE=$stride OOM_OK=1 OOM_CHECK=old_kept oom_steps "$@"
  [ "$OOM_N" -lt 15 ] && why "succeeded at N=$OOM_N: JNY_ARENA_BLOCK had no effect?"
  end
}
sweep "out of memory anywhere in check (parse, resolve, types, std.lint, text)" 1 \
  check model.jny
sweep "out of memory anywhere in check --format json" 4 check --format json model.jny
sweep "out of memory anywhere in render (flow view, SVG, to a file)" 4 \
  render model.jny --format svg -o old.out
sweep "out of memory anywhere in render (map view, DOT)" 4 render model.jny --view map --format dot
sweep "out of memory anywhere in export to a file" 4 export model.jny -o old.out
sweep "out of memory anywhere in an ad-hoc query to a file" 4 \
  query model.jny 'from t in touchpoints where t.emotion < 0 select t.name, count(t.pains) as n' \
  --format json -o old.out
sweep "out of memory anywhere in fmt" 1 fmt model.jny

finish
