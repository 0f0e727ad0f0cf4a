#!/usr/bin/env bash
# Site build benchmark: `exhibits build` on N generated letters, and in the
# same run a bare Hugo build (bench/site/bare: minimal templates, Hugo's
# default outputs) of the same pages. Reports wall time and peak memory.
#
#   bench/site/run.sh [N ...]        default N: 10000
#   METRICS=1 bench/site/run.sh N    also print Hugo's --templateMetrics for our
#                                    templates (one more build)
#   SETTLE=S bench/site/run.sh N     wait S seconds (default 300) before each
#                                    build for the file system to settle
#   STOCK=1 bench/site/run.sh N      also build bare without the two scaling
#                                    settings of bare/hugo.toml (slow: its time
#                                    grows with letters x terms)
#
# Work goes to $BENCH_OUT (default /tmp/exhibits-bench-site); generated
# letters and ingested sites are kept there and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
out=${BENCH_OUT:-/tmp/exhibits-bench-site}
mkdir -p "$out"
[ $# -gt 0 ] || set -- 10000

echo "building binaries" >&2
go build -o "$out/exhibits" ./cmd/exhibits
go build -o "$out/hugo" github.com/gohugoio/hugo

# measure NAME CMD...: run CMD under /usr/bin/time -v, print a result line.
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" >"$out/$name.out" 2>"$out/$name.time" || { cat "$out/$name.time" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/$name.time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time")
  local user sys
  user=$(sed -n 's/.*User time (seconds): //p' "$out/$name.time")
  sys=$(sed -n 's/.*System time (seconds): //p' "$out/$name.time")
  printf '%-28s wall %9s  cpu %7.1fs  peak %6.0f MiB\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)"
}

for n in "$@"; do
  raw=$out/raw-$n
  site=$out/site-$n
  bare=$out/bare-$n
  if [ ! -f "$raw/.done" ]; then
    rm -rf "$raw"
    "$out/exhibits" gen -n "$n" "$raw" >&2
    touch "$raw/.done"
  fi
  if [ ! -f "$site/.ingested" ]; then
    rm -rf "$site"
    "$out/exhibits" ingest -site "$site" "$raw" >&2
    touch "$site/.ingested"
  fi
  letters=$(find "$site/content/letters" -name index.md | wc -l)
  echo "== $n filings, $letters letters ($(du -sh "$site/content" | cut -f1) of content)"

  rm -rf "$bare"
  mkdir -p "$bare"
  cp -r bench/site/bare/. "$bare/"
  cat >>"$bare/hugo.toml" <<TOML

[[module.mounts]]
source = "$site/content"
target = "content"
TOML

  rm -rf "$site/public" "$bare/public"
  # For some minutes after a large tree is deleted, ext4 skips the freed
  # inodes when it allocates new ones (recently_deleted() in a kernel
  # profile), and a build that starts at once spends two to four times the
  # system time creating its files. Let the file system settle before each
  # build, so that neither pays for an earlier run's output.
  settle() { sync; sleep "${SETTLE:-300}"; }
  settle
  measure "exhibits-build-$n" "$out/exhibits" build -site "$site"
  settle
  measure "bare-hugo-$n" "$out/hugo" --source "$bare" --destination "$bare/public" --quiet
  if [ -n "${STOCK:-}" ]; then
    stock=$out/stock-$n
    rm -rf "$stock"
    cp -r "$bare" "$stock"
    rm -rf "$stock/public"
    sed -i '/^# -- scaling fixes/,/^\[\[module.mounts\]\]/{/^\[\[module.mounts\]\]/!d}' "$stock/hugo.toml"
    measure "stock-hugo-$n" "$out/hugo" --source "$stock" --destination "$stock/public" --quiet
    rm -rf "$stock"
  fi
  du -sh "$site/public" "$bare/public" | sed 's/^/  output /'
  find "$site/public" -type f | wc -l | sed 's/^/  files (exhibits): /'
  find "$bare/public" -type f | wc -l | sed 's/^/  files (bare):     /'
  if [ -n "${METRICS:-}" ]; then
    # Our build again, through the hugo binary, with the defaults that
    # `exhibits build` left in the site's state directory.
    "$out/hugo" --source "$site" --config "$site/.exhibits/defaults.toml" \
      --themesDir "$site/.exhibits" --theme defaults --destination "$out/metrics-$n" \
      --templateMetrics --templateMetricsHints | sed -n '/Template Metrics/,/^$/p;/cumulative/,/^ *$/p' | head -40
    rm -rf "$out/metrics-$n"
  fi
done
