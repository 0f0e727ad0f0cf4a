#!/usr/bin/env bash
# Search benchmark: N generated letters -> ingest -> build -> index (Bleve)
# and Pagefind, then query latencies. Everything goes under $WORK (default
# /tmp/exhibits-bench-N); run it alone on the machine, once per size.
#
#   bench/search/run.sh 10000
#   PAGEFIND=0 bench/search/run.sh 100000     # skip the Pagefind comparison
#   SITE=DIR bench/search/run.sh              # an ingested (and built) site
#                                             # instead of N generated letters
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
WORK=${WORK:-/tmp/exhibits-bench-$N}
SITE=${SITE:-$WORK/site}
mkdir -p "$WORK"
go build -o "$WORK/exhibits" ./cmd/exhibits
go build -o "$WORK/search-bench" ./bench/search

if [ ! -d "$SITE/content/letters" ]; then
  "$WORK/exhibits" gen -n "$N" "$WORK/gen"
  mkdir -p "$SITE"
  "$WORK/exhibits" ingest -site "$SITE" "$WORK/gen"
fi

# Bleve: a full rebuild, one incremental update, then the queries.
/usr/bin/time -f "index: %e s wall, %U s user, %S s sys, max RSS %M kB" \
  "$WORK/search-bench" -n 0 -site "$SITE" -runs 200 | tee "$WORK/bleve.txt"

if [ "${PAGEFIND:-1}" = 1 ]; then
  [ -f "$SITE/public/index.html" ] || "$WORK/exhibits" build -site "$SITE"
  [ -x /tmp/pagefind/node_modules/.bin/pagefind ] || (mkdir -p /tmp/pagefind && cd /tmp/pagefind && npm install --silent pagefind)
  # The letters' pages: what the Bleve index holds (term and list pages
  # would only repeat their names). Its index goes beside the site, not
  # into the served public/.
  rm -rf "$WORK/pagefind"
  /usr/bin/time -f "pagefind: %e s wall, %U s user, %S s sys, max RSS %M kB" \
    /tmp/pagefind/node_modules/.bin/pagefind --site "$SITE/public" --glob "letters/*/index.html" \
    --output-path "$WORK/pagefind" 2>&1 | tail -5 | tee "$WORK/pagefind.txt"
  du -sh "$WORK/pagefind" | tee -a "$WORK/pagefind.txt"
  find "$WORK/pagefind" -type f | wc -l | sed 's/$/ files/' | tee -a "$WORK/pagefind.txt"
fi
