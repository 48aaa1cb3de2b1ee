#!/usr/bin/env bash
# The scan benchmark: generates the synthetic estate (10,000+ IaC files),
# builds palisade in release mode, then measures a parse-only pass, a full
# scan, and a full scan with the 20 Rego policies of bench/policies (wall
# time, files/s, MB/s, peak RSS) with /usr/bin/time.
#
#   FILES=N       estate size (default 10000)
#   BIN=path      use this binary; NO_BUILD=1 skips the release build
#   THREADS=N     passed as --threads (default: all cores)
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-10000}
EST=bench/estate
if [ ! -f "$EST/.files-$FILES" ]; then
  rm -rf "$EST"
  python3 bench/gen_estate.py "$EST" --files "$FILES"
  touch "$EST/.files-$FILES"
fi
[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p palisade-cli
BIN=${BIN:-target/release/palisade}
THREADS_ARG=()
[ -z "${THREADS:-}" ] || THREADS_ARG=(--threads "$THREADS")
BYTES=$(find "$EST/" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.json' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
NFILES=$(find "$EST/" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.json' \) | wc -l)
measure() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o /tmp/palisade-bench-rss "$@" >/tmp/palisade-bench-out 2>/tmp/palisade-bench-err || true
  t1=$(date +%s.%N)
  local secs rss
  secs=$(echo "$t1 - $t0" | bc -l)
  rss=$(tail -n1 /tmp/palisade-bench-rss)
  LAST_SECS=$secs
  printf '%-14s %6.2f s  %8.0f files/s  %7.1f MB/s  peak RSS %6.1f MB\n' "$label" "$secs" \
    "$(echo "$NFILES / $secs" | bc -l)" "$(echo "$BYTES / 1048576 / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
echo "estate: $NFILES files, $(echo "$BYTES / 1048576" | bc -l | xargs printf '%.1f') MB, $(nproc) cores, threads: ${THREADS:-all}"
measure "parse only" "$BIN" scan "$EST" --parse-only --no-progress --format json "${THREADS_ARG[@]}"
RESOURCES=$(grep -o '"resources":[0-9]*' /tmp/palisade-bench-out | cut -d: -f2)
PARSE=$LAST_SECS
measure "full scan" "$BIN" scan "$EST" --no-progress --format json "${THREADS_ARG[@]}"
FULL=$LAST_SECS
printf 'full / parse-only: %.2fx\n' "$(echo "$FULL / $PARSE" | bc -l)"
if [ -d bench/policies ]; then
  # One evaluation = one result rule (deny*/warn*/violation*) on one input
  # (a resource of the model); palisade skips packages whose rules all
  # require another input.type, so this is the work a naive engine does.
  RULES=$(for f in bench/policies/*.rego; do grep -oE '^(deny|warn|violation)[A-Za-z0-9_]*' "$f" | sort -u; done | wc -l)
  measure "with policies" "$BIN" scan "$EST" --no-progress --format json --policy bench/policies --all-namespaces "${THREADS_ARG[@]}"
  POL=$LAST_SECS
  EVALS=$((RESOURCES * RULES))
  printf 'policies: %d result rules x %d inputs = %d evaluations, %.0f evaluations/s (policy time over the full scan), with policies / full: %.2fx\n' \
    "$RULES" "$RESOURCES" "$EVALS" "$(echo "$EVALS / ($POL - $FULL)" | bc -l)" "$(echo "$POL / $FULL" | bc -l)"
fi
