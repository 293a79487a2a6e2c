#!/usr/bin/env bash
# The paper's tables, each in full, with ./dip bench quality, and their results.md copied to docs/quality/.
# Resumable: an image already in a table's results.csv with the same settings is not fitted again, so run it again
# after an interruption (or with a subset of tables) and it goes on where it stopped.
#   scripts/paper-tables.sh                 every table: denoise-s25 denoise-s50 sr4 sr8 inpaint
#   scripts/paper-tables.sh sr4 sr8         only these
# Environment: DATA (default ../shared/data/bench), OUT (default bench-out), and EXTRA, more options for every
# bench quality run (e.g. EXTRA="--threads 2").
set -euo pipefail
cd "$(dirname "$0")/.."
data="${DATA:-../shared/data/bench}"
out="${OUT:-bench-out}"
[[ -d "$data" ]] || { echo "paper-tables: the benchmark folder $data is missing (set DATA)" >&2; exit 3; }
tables=("$@")
(( ${#tables[@]} )) || tables=(denoise-s25 denoise-s50 sr4 sr8 inpaint)
mkdir -p docs/quality
for t in "${tables[@]}"; do
  case "$t" in
    denoise-s25) task=denoise; dir="$data/denoise/color25" ;;
    denoise-s50) task=denoise; dir="$data/denoise/color50" ;;
    sr4) task=sr4; dir="$data/sr/Set5/x4" ;;
    sr8) task=sr8; dir="$data/sr/Set5/x8" ;;
    inpaint) task=inpaint; dir="$data/inpaint/gray50" ;;
    *) echo "paper-tables: unknown table '$t' (denoise-s25, denoise-s50, sr4, sr8, inpaint)" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  ./dip bench quality --task "$task" --data "$dir" --out "$out/quality-$t" ${EXTRA:-}
  cp "$out/quality-$t/results.md" "docs/quality/$t.md"
done
