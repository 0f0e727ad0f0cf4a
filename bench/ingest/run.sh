#!/usr/bin/env bash
# Ingest throughput: generate N letters (default 10,000, every input shape)
# with `exhibits gen`, ingest them into a fresh site, and report letters/s,
# MB/s of input and peak memory; then time two re-runs (nothing to write):
# one that finds every input in ingest's cache, one with the cache removed.
#
# usage: bench/ingest/run.sh [-n N] [-j JOBS] [OUT]     (OUT default /tmp/exhibits-bench-ingest)
# Everything is written under OUT; the report is OUT/report.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=10000
jobs=0
while getopts "n:j:" opt; do
  case $opt in
    n) n=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) echo "usage: $0 [-n N] [-j JOBS] [OUT]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
out=${1:-/tmp/exhibits-bench-ingest}
mkdir -p "$out"

bin=$out/exhibits
go build -o "$bin" ./cmd/exhibits

in=$out/in-$n
if [ ! -f "$in/labels.jsonl" ]; then
  rm -rf "$in"
  "$bin" gen -n "$n" "$in"
fi
files=$(find "$in" -type f \( -name '*.txt' -o -name '*.htm' -o -name '*.html' -o -name '*.gz' \) | wc -l)
bytes=$(find "$in" -type f \( -name '*.txt' -o -name '*.htm' -o -name '*.html' -o -name '*.gz' \) -printf '%s\n' | awk '{s+=$1} END {print s}')

# One timed run: prints "letters wall_seconds cpu_seconds peak_kib".
measure() {
  local log=$1; shift
  /usr/bin/time -v "$bin" ingest -j "$jobs" -site "$out/site" "$in" >"$log" 2>"$log.time"
  local letters secs cpu rss
  letters=$(awk '/ written, / {print $1 + $3; exit}' "$log")
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log.time")
  cpu=$(awk -F': ' '/(User|System) time/ {s += $2} END {print s}' "$log.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
  echo "$letters $secs $cpu $rss"
}

report() { # name letters wall cpu rss
  awk -v name="$1" -v l="$2" -v s="$3" -v c="$4" -v r="$5" -v b="$bytes" -v ncpu="$(nproc)" 'BEGIN {
    printf "%s: %.1f s wall, %.0f letters/s, %.1f MB/s, peak RSS %.0f MiB; %.1f s CPU = %.2f ms/letter, %.0f letters/s projected on %d idle cores\n",
      name, s, l / s, b / 1e6 / s, r / 1024, c, c * 1000 / l, l / c * ncpu, ncpu }'
}

rm -rf "$out/site"
read -r letters secs cpu rss < <(measure "$out/first.log")
read -r letters2 secs2 cpu2 rss2 < <(measure "$out/rerun.log")
rm -f "$out/site/.exhibits/ingest-cache"
read -r letters3 secs3 cpu3 rss3 < <(measure "$out/rerun-nocache.log")

{
  echo "exhibits ingest benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, -j $jobs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "input: $files files, $letters letters, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB ($in)"
  report "first run" "$letters" "$secs" "$cpu" "$rss"
  report "re-run, inputs unchanged (cache)" "$letters2" "$secs2" "$cpu2" "$rss2"
  report "re-run, cache removed (every input read, nothing written)" "$letters3" "$secs3" "$cpu3" "$rss3"
  echo "summary lines: $(cat "$out/first.log") | $(cat "$out/rerun.log") | $(cat "$out/rerun-nocache.log")"
  echo "(wall-clock figures depend on what else runs; the CPU figures do not: on a shared machine read those)"
} | tee "$out/report.txt"
