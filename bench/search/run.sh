#!/usr/bin/env bash
# Search benchmark: N generated letters -> ingest -> build -> index (Bleve)
# and Pagefind, then query latencies. Everything goes under $WORK (default
# /tmp/exhibits-bench-N); run it alone on the machine, once per size.
#
#   bench/search/run.sh 10000
#   PAGEFIND=0 bench/search/run.sh 100000     # skip the Pagefind comparison
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
WORK=${WORK:-/tmp/exhibits-bench-$N}
mkdir -p "$WORK"
go build -o "$WORK/exhibits" ./cmd/exhibits
go build -o "$WORK/search-bench" ./bench/search

if [ ! -d "$WORK/site/content/letters" ]; then
  "$WORK/exhibits" gen -n "$N" "$WORK/gen"
  mkdir -p "$WORK/site"
  "$WORK/exhibits" ingest -site "$WORK/site" "$WORK/gen"
fi

# Bleve: a full rebuild, one incremental update, then the queries.
/usr/bin/time -f "index: %e s wall, %U s user, %S s sys, max RSS %M kB" \
  "$WORK/search-bench" -n 0 -site "$WORK/site" -runs 200 | tee "$WORK/bleve.txt"

if [ "${PAGEFIND:-1}" = 1 ]; then
  [ -f "$WORK/site/public/index.html" ] || "$WORK/exhibits" build -site "$WORK/site"
  [ -x /tmp/pagefind/node_modules/.bin/pagefind ] || (mkdir -p /tmp/pagefind && cd /tmp/pagefind && npm install --silent pagefind)
  rm -rf "$WORK/site/public/pagefind"
  /usr/bin/time -f "pagefind: %e s wall, %U s user, %S s sys, max RSS %M kB" \
    /tmp/pagefind/node_modules/.bin/pagefind --site "$WORK/site/public" 2>&1 | tail -5 | tee "$WORK/pagefind.txt"
  du -sh "$WORK/site/public/pagefind" | tee -a "$WORK/pagefind.txt"
fi
