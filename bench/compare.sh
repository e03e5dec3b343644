#!/usr/bin/env bash
# dossier vs Hugo on the same synthetic corpus (issue 6).
#
#   bench/compare.sh [N]        N articles (default 1000)
#
# 1. Installs hugo (Debian's) and GNU time when missing.
# 2. Generates N articles with examples/gen_corpus.rs (txt dumps, Markdown twins, Hugo
#    site) into $CORPUS_DIR (default: a temp dir; an existing corpus of N is reused).
# 3. Builds dossier (release) and, RUNS times (default 3) side by side: dossier on the
#    Markdown twins, dossier on the txt dumps, hugo on the same Markdown. Each build
#    starts from an empty output folder and, for dossier, without its article cache
#    (<root>/.dossier-cache), so every seed is cleaned and enriched.
# 4. Prints the median wall time, CPU time (user+sys) and peak RSS (/usr/bin/time -f
#    '%e %M %U %S'), output size (du -sb), HTML page count and the ratios dossier/hugo,
#    then every run's wall time (the machine is shared: look at the spread).
# 5. Incremental case: after a full dossier build of the txt corpus, add one new seed
#    and rebuild into the same output (RUNS times, median; the seed is removed and the
#    site rebuilt, untimed, between runs); also a rebuild with nothing changed.
#
# Env: CORPUS_DIR (reuse/keep the corpus), OUT_DIR (build outputs, default temp),
#      RUNS (default 3), SEED (default 1), KEEP=1 (keep temp dirs),
#      QUIET_WAIT (default 180): before each timed build, wait up to this many seconds
#      for the machine to be idle (other jobs under 10% CPU over a second); 0 = don't.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}

need_apt() {
  # apt-get update once, then install the named packages.
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}
command -v hugo >/dev/null || need_apt hugo
[ -x /usr/bin/time ] || need_apt time

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
TRASH=$TMP/trash
mkdir -p "$TRASH"
cleanup() { rm -rf "$TRASH"; [ "${KEEP:-0}" = 1 ] || rm -rf "$TMP"; }
trap cleanup EXIT
CORPUS=${CORPUS_DIR:-$TMP/corpus}
OUT=${OUT_DIR:-$TMP/out}
mkdir -p "$OUT"

echo "== building dossier and gen_corpus (release)" >&2
cargo build --release --quiet --bin dossier --example gen_corpus
DOSSIER=$PWD/target/release/dossier
GEN=$PWD/target/release/examples/gen_corpus

count() { find "$1" -maxdepth 1 -type f -name "*.$2" 2>/dev/null | wc -l; }
if [ "$(count "$CORPUS/txt/seeds" txt)" != "$N" ] || [ "$(count "$CORPUS/md/seeds" md)" != "$N" ]; then
  echo "== generating $N articles into $CORPUS" >&2
  rm -rf "$CORPUS"
  /usr/bin/time -f 'gen_corpus: %e s, %M KB peak' "$GEN" "$N" "$CORPUS" --seed "$SEED" --format both
else
  echo "== reusing the corpus in $CORPUS" >&2
fi

. bench/quiet.sh

# run NAME OUTDIR CMD...: one timed build into an empty OUTDIR; appends
# "wall rss cpu" to $TMP/NAME.
run() {
  local name=$1 out=$2
  shift 2
  # Move the previous output aside rather than deleting it now: ext4 is slow to
  # allocate inodes next to thousands it has just freed, and that would be timed.
  if [ -e "$out" ]; then mv "$out" "$TRASH/$name.$RANDOM$RANDOM"; fi
  case $name in dossier-*) rm -rf "$CORPUS/${name#dossier-}/.dossier-cache" ;; esac
  wait_quiet 180
  /usr/bin/time -f '%e %M %U %S' -o "$TMP/time.$name" "$@" >"$TMP/log.$name" 2>&1 || {
    echo "$name failed:" >&2
    cat "$TMP/log.$name" >&2
    exit 1
  }
  tail -n 1 "$TMP/time.$name" | awk '{print $1, $2, $3 + $4}' >>"$TMP/$name"
}

: >"$TMP/dossier-md"
: >"$TMP/dossier-txt"
: >"$TMP/hugo"
for r in $(seq 1 "$RUNS"); do
  echo "== run $r/$RUNS" >&2
  run dossier-md "$OUT/dossier-md" "$DOSSIER" build --root "$CORPUS/md" --out "$OUT/dossier-md" --quiet
  run dossier-txt "$OUT/dossier-txt" "$DOSSIER" build --root "$CORPUS/txt" --out "$OUT/dossier-txt" --quiet
  run hugo "$OUT/hugo" hugo --source "$CORPUS/hugo" --destination "$OUT/hugo" --quiet
done

# Incremental: the dossier-txt output above is a full build; add one seed, rebuild.
NEW=$TMP/new
: >"$TMP/incr-add"
: >"$TMP/incr-noop"
"$GEN" 1 "$NEW" --seed "$SEED" --format txt --first "$N" 2>/dev/null
NEWSEED=$(ls "$NEW/txt/seeds")
for r in $(seq 1 "$RUNS"); do
  cp "$NEW/txt/seeds/$NEWSEED" "$CORPUS/txt/seeds/"
  wait_quiet 180
  /usr/bin/time -f '%e %M' -o "$TMP/time.incr" "$DOSSIER" build --root "$CORPUS/txt" --out "$OUT/dossier-txt" --quiet
  tail -n 1 "$TMP/time.incr" >>"$TMP/incr-add"
  wait_quiet 180
  /usr/bin/time -f '%e %M' -o "$TMP/time.incr" "$DOSSIER" build --root "$CORPUS/txt" --out "$OUT/dossier-txt" --quiet
  tail -n 1 "$TMP/time.incr" >>"$TMP/incr-noop"
  rm "$CORPUS/txt/seeds/$NEWSEED"
  "$DOSSIER" build --root "$CORPUS/txt" --out "$OUT/dossier-txt" --quiet
done

# median FILE COLUMN
median() { cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
size() { du -sb "$1" | cut -f1; }
pages() { find "$1" -name '*.html' | wc -l; }

H_T=$(median "$TMP/hugo" 1)
H_M=$(median "$TMP/hugo" 2)
H_S=$(size "$OUT/hugo")
echo
echo "corpus: $N articles; seeds txt $(du -sb "$CORPUS/txt/seeds" | cut -f1) B, md $(du -sb "$CORPUS/md/seeds" | cut -f1) B; $(nproc) cores; median of $RUNS runs; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hugo: $(hugo version | cut -d' ' -f1-2)"
H_C=$(median "$TMP/hugo" 3)
printf '%-12s %7s %7s %11s %10s %6s %9s %8s %8s %9s\n' \
  build wall_s cpu_s peak_RSS_MB output_MB pages time/hugo cpu/hugo mem/hugo size/hugo
for name in dossier-md dossier-txt hugo; do
  t=$(median "$TMP/$name" 1)
  m=$(median "$TMP/$name" 2)
  c=$(median "$TMP/$name" 3)
  s=$(size "$OUT/$name")
  awk -v n="$name" -v t="$t" -v m="$m" -v c="$c" -v s="$s" -v p="$(pages "$OUT/$name")" \
    -v ht="$H_T" -v hm="$H_M" -v hc="$H_C" -v hs="$H_S" 'BEGIN {
      printf "%-12s %7.2f %7.2f %11.1f %10.2f %6d %9.2f %8.2f %8.2f %9.2f\n",
        n, t, c, m / 1024, s / 1e6, p, (ht > 0 ? t / ht : 0), (hc > 0 ? c / hc : 0), m / hm, s / hs }'
done
for name in dossier-md dossier-txt hugo; do
  echo "  $name wall times: $(cut -d' ' -f1 "$TMP/$name" | tr '\n' ' ')"
done
printf 'dossier-txt incremental (one seed added to %d): %.2f s, %.1f MB peak\n' \
  "$N" "$(median "$TMP/incr-add" 1)" "$(echo "$(median "$TMP/incr-add" 2)" | awk '{print $1/1024}')"
printf 'dossier-txt rebuild with nothing changed: %.2f s\n' "$(median "$TMP/incr-noop" 1)"
