#!/usr/bin/env bash
# Reproduces the results table of docs/transfer.md: a teacher trained on one fake family (task A,
# checkerboard) moves to another (task B, spectral, with less data) by every transfer method at the
# paper's levels, next to the same architectures trained from scratch on B with the same budget.
# Usage: scripts/transfer-study.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-transfer-out}"
de=bin/deepfake-edge
epochs=5
mkdir -p "$out"
[ -d "$out/task-a" ] || $de dataset synth --out "$out/task-a" --generator checkerboard --count 400 --image-size 64 --seed 1
[ -d "$out/task-b" ] || $de dataset synth --out "$out/task-b" --generator spectral --count 200 --image-size 64 --seed 2
A="$out/task-a"; B="$out/task-b"; M="$out/models"
[ -f "$M/teacher-a/model.json" ] || $de train --data "$A" --arch teacher --image-size 64 --epochs 6 --out "$M/teacher-a"
# the task-A teacher on task B, before any transfer
$de evaluate --model "$M/teacher-a" --data "$B" --json > "$out/teacher-a-on-b.json"
rows=()
$de train --data "$B" --arch teacher --image-size 64 --epochs $epochs --out "$M/scratch-teacher-b" --force
$de transfer --model "$M/teacher-a" --data "$B" --method finetune --epochs $epochs --out "$M/finetune" --force
$de transfer --model "$M/teacher-a" --data "$B" --method quantize-finetune --epochs $epochs --out "$M/quantize-finetune" --force
$de transfer --model "$M/teacher-a" --data "$B" --method factorize-finetune --rank 6 --epochs $epochs --out "$M/factorize-finetune" --force
rows+=("scratch teacher on B=$M/scratch-teacher-b" "finetune=$M/finetune" "quantize-finetune=$M/quantize-finetune" "factorize-finetune r6=$M/factorize-finetune")
for keep in 0.4 0.3 0.2 0.1; do
  pct=$(awk "BEGIN{print int($keep*100)}")
  $de transfer --model "$M/teacher-a" --data "$B" --method prune-finetune --keep $keep --epochs $epochs --out "$M/prune-finetune-$pct" --force
  $de transfer --model "$M/teacher-a" --data "$B" --method prune-adapter --keep $keep --epochs $epochs --out "$M/prune-adapter-$pct" --force
  $de transfer --model "$M/teacher-a" --data "$B" --method distill --student "student-$pct" --epochs $epochs --out "$M/distill-$pct" --force
  $de distill --teacher "$M/teacher-a" --student "student-$pct" --data "$A" --epochs 4 --out "$M/student-a-$pct" --force
  $de transfer --model "$M/student-a-$pct" --data "$B" --method distill-adapter --epochs $epochs --out "$M/distill-adapter-$pct" --force
  $de train --data "$B" --arch "student-$pct" --image-size 64 --epochs $epochs --out "$M/scratch-student-$pct" --force
  rows+=("prune-finetune $pct%=$M/prune-finetune-$pct" "prune-adapter $pct%=$M/prune-adapter-$pct" "distill $pct%=$M/distill-$pct" "distill-adapter $pct%=$M/distill-adapter-$pct" "scratch student-$pct on B=$M/scratch-student-$pct")
done
$de report "${rows[@]}" | tee "$out/report.md"
