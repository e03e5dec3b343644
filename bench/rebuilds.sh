#!/usr/bin/env bash
# Time rebuilds after one seed is added, and with nothing changed, for one or more
# dossier binaries, interleaved round by round so that a shared machine's drift
# touches them alike.
#
#   bench/rebuilds.sh SEEDS NEW_SEED [RUNS] BINARY...
#
# SEEDS: a seeds folder (e.g. /work/corpus-10000/txt/seeds); each binary gets its
# own copy of it under a temporary folder, built once untimed. NEW_SEED: the file
# added each round (e.g. from `gen_corpus 1 DIR --first N`). Prints one line per
# timed build: binary, case, wall s, user s, system s, peak RSS KB.
set -euo pipefail
SEEDS=$1 NEW=$2
shift 2
RUNS=5
if [[ ${1:-} =~ ^[0-9]+$ ]]; then RUNS=$1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 SEEDS NEW_SEED [RUNS] BINARY..." >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-rebuilds.XXXXXX")
NAME=$(basename "$NEW")
n=0
for bin in "$@"; do
  n=$((n + 1))
  mkdir -p "$WORK/$n"
  cp -r "$SEEDS" "$WORK/$n/seeds"
  "$bin" build --root "$WORK/$n" --out "$WORK/$n/public" --quiet
done
for r in $(seq 1 "$RUNS"); do
  n=0
  for bin in "$@"; do
    n=$((n + 1))
    root=$WORK/$n
    cp "$NEW" "$root/seeds/"
    /usr/bin/time -f "$bin added %e %U %S %M" "$bin" build --root "$root" --out "$root/public" --quiet
    /usr/bin/time -f "$bin unchanged %e %U %S %M" "$bin" build --root "$root" --out "$root/public" --quiet
    rm "$root/seeds/$NAME"
    "$bin" build --root "$root" --out "$root/public" --quiet
  done
done 2>&1
rm -rf "$WORK"
