#!/usr/bin/env bash
# How dossier's full build grows with the corpus (issue 6: "time grows no faster than
# linearly from 1,000 to 10,000 to 100,000").
#
#   bench/scaling.sh CORPUS_PREFIX [SIZES...]
#
# CORPUS_PREFIX: corpora made by `gen_corpus N PREFIX-N --format md` (or both), e.g.
# /work/corpus for /work/corpus-1000, /work/corpus-10000, ... SIZES default to
# "1000 10000 100000". Each size is built RUNS times (default 3; 1 for 100,000 and up,
# a build that takes minutes) with the release binary, round-robin over the sizes so a
# shared machine's drift touches them alike, from an empty output folder and without
# the article cache (every seed cleaned). Outputs are moved aside, not deleted, before a
# build (ext4 is slow to allocate inodes beside thousands it has just freed) and removed
# at the end; before each build, `sync` and a 6 s pause (untimed): ext4 skips inodes
# freed in the last 5 s, or 300 s while their inode table is unwritten, checking each
# one it passes, so deletions by earlier runs (of this or another benchmark) otherwise
# land in the system time of whichever build comes next. Prints, per size, the median wall and CPU (user + sys) seconds, peak RSS,
# the same per article, and the ratio to the size before.
#
# Env: RUNS, QUIET_WAIT (as in bench/compare.sh; default 60), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:?usage: $0 CORPUS_PREFIX [SIZES...]}
shift
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
RUNS=${RUNS:-3}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq time >/dev/null; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-scaling.XXXXXX")
mkdir -p "$TMP/trash"
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$TMP"; }
trap cleanup EXIT
cargo build --release --quiet --bin dossier
DOSSIER=$PWD/target/release/dossier

. bench/quiet.sh

for n in "${SIZES[@]}"; do
  seeds=$PREFIX-$n/md/seeds
  [ -d "$seeds" ] || { echo "no corpus at $seeds (cargo run --release --example gen_corpus -- $n $PREFIX-$n --format md)" >&2; exit 1; }
  # A root of its own (the cache lives in the root), the corpus's seeds linked in.
  mkdir -p "$TMP/root-$n"
  ln -sfn "$(cd "$seeds" && pwd)" "$TMP/root-$n/seeds"
  : >"$TMP/times-$n"
done

for r in $(seq 1 "$RUNS"); do
  for n in "${SIZES[@]}"; do
    [ "$r" -gt 1 ] && [ "$n" -ge 100000 ] && continue
    root=$TMP/root-$n
    [ -e "$root/public" ] && mv "$root/public" "$TMP/trash/public-$n-$r"
    rm -rf "$root/.dossier-cache"
    sync
    sleep 6
    wait_quiet 60
    /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$DOSSIER" build --root "$root" --out "$root/public" --quiet
    tail -n 1 "$TMP/time" >>"$TMP/times-$n"
    echo "  $n articles, run $r: $(tail -n 1 "$TMP/time") (wall s, user s, sys s, peak KB)" >&2
  done
done

echo "articles  wall_s  cpu_s  peak_MB  wall_ms/article  cpu_ms/article  wall x  cpu x"
prev_wall="" prev_cpu="" prev_n=""
for n in "${SIZES[@]}"; do
  read -r wall cpu rss < <(awk '{print $1, $2 + $3, $4}' "$TMP/times-$n" | sort -n | awk '{a[NR]=$0} END {print a[int((NR + 1) / 2)]}')
  ratio_wall="-" ratio_cpu="-"
  if [ -n "$prev_wall" ]; then
    ratio_wall=$(awk -v a="$wall" -v b="$prev_wall" 'BEGIN {printf "%.1f", a / b}')
    ratio_cpu=$(awk -v a="$cpu" -v b="$prev_cpu" 'BEGIN {printf "%.1f", a / b}')
  fi
  awk -v n="$n" -v w="$wall" -v c="$cpu" -v m="$rss" -v rw="$ratio_wall" -v rc="$ratio_cpu" \
    'BEGIN {printf "%8d  %6.2f  %5.2f  %7.0f  %15.3f  %14.3f  %6s  %5s\n", n, w, c, m / 1024, 1000 * w / n, 1000 * c / n, rw, rc}'
  prev_wall=$wall prev_cpu=$cpu prev_n=$n
done
rm -rf "$TMP/trash"
