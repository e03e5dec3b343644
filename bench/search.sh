#!/usr/bin/env bash
# Search index figures (issue 20, docs/search.md): for each corpus size, a full build
# from an empty output without the article cache (release binary), its wall and CPU
# time, the search index's own time (DOSSIER_SEARCH_TIMING prints it; the index runs
# on the cores beside the other index pages), the index's size on disk, then the bytes
# a one-word and a three-word query move (bench/search-bytes.mjs, Chromium).
#
#   bench/search.sh CORPUS_PREFIX [SIZES...]      (default sizes: 10000 100000)
#
# CORPUS_PREFIX as in bench/scaling.sh: Markdown corpora at PREFIX-N/md/seeds, made by
# `cargo run --release --example gen_corpus -- N PREFIX-N --format md`.
# Env: QUERIES (newline-separated; default below), KEEP=1 keeps the built sites, DOSSIER.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:?usage: $0 CORPUS_PREFIX [SIZES...]}
shift
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
QUERIES=${QUERIES:-$'tariff\nsemiconductors\ntariffs steel exports\nnorth korean missile'}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq time >/dev/null; }
# DOSSIER: a release binary already built (the default builds one).
if [ -z "${DOSSIER:-}" ]; then
  cargo build --release --quiet --bin dossier
  DOSSIER=$PWD/target/release/dossier
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-search.XXXXXX")
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "kept: $TMP" >&2 || rm -rf "$TMP"; }
trap cleanup EXIT

for n in "${SIZES[@]}"; do
  seeds=$PREFIX-$n/md/seeds
  [ -d "$seeds" ] || { echo "no corpus at $seeds (cargo run --release --example gen_corpus -- $n $PREFIX-$n --format md)" >&2; exit 1; }
  root=$TMP/root-$n
  mkdir -p "$root"
  ln -sfn "$(cd "$seeds" && pwd)" "$root/seeds"
  sync
  DOSSIER_SEARCH_TIMING=1 /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" \
    "$DOSSIER" build --root "$root" --out "$root/public" --quiet 2>"$TMP/err"
  read -r wall user sys rss <"$TMP/time"
  index=$(sed -n 's/^search index: \([0-9.]*\) s$/\1/p' "$TMP/err")
  echo "$n articles: build ${wall} s wall, ${user} s user, ${sys} s sys, peak ${rss} KB; search index ${index} s" \
    "($(awk -v i="$index" -v w="$wall" 'BEGIN { printf "%.1f", 100 * i / w }')% of the wall time)"
  for part in terms f filters; do
    printf '  search/%s: %s files, %s\n' "$part" "$(find "$root/public/search/$part" -type f | wc -l)" \
      "$(du -sh --apparent-size "$root/public/search/$part" | cut -f1)"
  done
  printf '  search/meta.json: %s bytes; whole site: %s\n' "$(stat -c %s "$root/public/search/meta.json")" \
    "$(du -sh --apparent-size "$root/public" | cut -f1)"
  mapfile -t qs <<<"$QUERIES"
  node bench/search-bytes.mjs "$root/public" "${qs[@]}" | sed 's/^/  /'
done
