#!/usr/bin/env bash
# Reproduces the results table of docs/compression.md: every compression method at the paper's
# levels, applied to the demo's teacher on the demo's built-in data.
# Usage: scripts/compression-study.sh [DEMO_OUT] [STUDY_OUT]   (run `bin/deepfake-edge demo` first)
set -euo pipefail
cd "$(dirname "$0")/.."
demo="${1:-demo-out}"
out="${2:-$demo/compression}"
data="$demo/data"
teacher="$demo/models/teacher"
de=bin/deepfake-edge
mkdir -p "$out"
rows=("teacher=$teacher")
for keep in 0.4 0.3 0.2 0.1; do
  pct=$(awk "BEGIN{print int($keep*100)}")
  $de prune --model "$teacher" --keep "$keep" --data "$data" --out "$out/prune-$pct" --force --json > "$out/prune-$pct.json"
  $de prune --model "$teacher" --keep "$keep" --data "$data" --fine-tune-epochs 2 --out "$out/prune-ft-$pct" --force --json > "$out/prune-ft-$pct.json"
  $de prune --model "$teacher" --keep "$keep" --structured --data "$data" --fine-tune-epochs 2 --out "$out/structured-ft-$pct" --force --json > "$out/structured-ft-$pct.json"
  $de distill --teacher "$teacher" --student "student-$pct" --data "$data" --epochs 8 --out "$out/distill-$pct" --force --json > "$out/distill-$pct.json"
  rows+=("prune-$pct=$out/prune-$pct" "prune+ft-$pct=$out/prune-ft-$pct" "structured+ft-$pct=$out/structured-ft-$pct" "distill-$pct=$out/distill-$pct")
done
$de quantize --model "$teacher" --mode dynamic-linear --data "$data" --out "$out/quantize" --force --json > "$out/quantize.json"
$de factorize --model "$teacher" --rank 6 --data "$data" --out "$out/factorize-r6" --force --json > "$out/factorize-r6.json"
$de factorize --model "$teacher" --rank 6 --data "$data" --fine-tune-epochs 2 --out "$out/factorize-r6-ft" --force --json > "$out/factorize-r6-ft.json"
$de factorize --model "$teacher" --energy 0.9 --data "$data" --out "$out/factorize-e90" --force --json > "$out/factorize-e90.json"
rows+=("quantize-dynamic=$out/quantize" "lowrank-r6=$out/factorize-r6" "lowrank-r6+ft=$out/factorize-r6-ft" "lowrank-e0.9=$out/factorize-e90")
$de report "${rows[@]}" | tee "$out/report.md"
