#!/usr/bin/env bash
# Reproduces the results table of docs/compression.md: every compression method at the paper's
# levels, applied to a teacher trained 8 epochs on 600 built-in images per class (64 px, mixed
# generators; made first if BASE has none — deterministic, so the table's models are rebuilt exactly).
# Usage: scripts/compression-study.sh [BASE] [STUDY_OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-runs/m64}"
out="${2:-$base/compression}"
data="$base/data"
teacher="$base/teacher"
de=bin/deepfake-edge
[ -f "$data/dataset.json" ] || $de dataset synth --out "$data" --image-size 64 --count 600 --seed 42
[ -f "$teacher/metrics.json" ] || $de train --data "$data" --arch teacher --image-size 64 --epochs 8 --out "$teacher"
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
