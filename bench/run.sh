#!/usr/bin/env bash
# The scan benchmark: generates the synthetic estate (10,000+ IaC files),
# builds palisade in release mode, then measures a full scan and a
# parse-only pass (wall time, files/s, MB/s, peak RSS) with /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-10000}
EST=bench/estate
if [ ! -f "$EST/.files-$FILES" ]; then
  rm -rf "$EST"
  python3 bench/gen_estate.py "$EST" --files "$FILES"
  touch "$EST/.files-$FILES"
fi
cargo build --release -q -p palisade-cli
BIN=target/release/palisade
BYTES=$(find "$EST" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.json' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
NFILES=$(find "$EST" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.json' \) | wc -l)
measure() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o /tmp/palisade-bench-rss "$@" >/dev/null 2>/tmp/palisade-bench-err || true
  t1=$(date +%s.%N)
  local secs rss
  secs=$(echo "$t1 - $t0" | bc -l)
  rss=$(tail -n1 /tmp/palisade-bench-rss)
  printf '%-12s %6.2f s  %8.0f files/s  %7.1f MB/s  peak RSS %6.1f MB\n' "$label" "$secs" \
    "$(echo "$NFILES / $secs" | bc -l)" "$(echo "$BYTES / 1048576 / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
echo "estate: $NFILES files, $(echo "$BYTES / 1048576" | bc -l | xargs printf '%.1f') MB, $(nproc) cores"
measure "parse only" "$BIN" scan "$EST" --parse-only --no-progress --format json
measure "full scan" "$BIN" scan "$EST" --no-progress --format json
