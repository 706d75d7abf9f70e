#!/usr/bin/env bash
# Accuracy at equal epochs (docs/training.md, "At 3, 6 and 10 epochs"): student-10 trained alone by
# PyTorch's reference of our recipe and by deepfake-edge, distilled from a teacher, and the teacher
# pruned to 10% and fine-tuned, each for 3, 6 and 10 epochs with the tool's defaults.
# Every row is the validation accuracy (at p 0.5) of the epoch with the best validation AUC, the
# epoch `train` keeps; the last epoch's accuracy follows in brackets.
# Usage: scripts/recipe-epochs.sh [BASE] [TEACHER_EPOCHS] [SEED]
#   BASE (default runs/m64) holds data/ (made if missing: 600 built-in images per class, 64 px,
#   seed 42) and gets teacher-eN/ and recipe-eN/ for the outputs. SEED (default 42) seeds the
#   students' and the pruned teachers' training, ours and PyTorch's; another seed writes to
#   recipe-eN-sSEED/ and reuses the teacher. Needs python3-torch.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-runs/m64}"
te="${2:-20}"
data="$base/data"
teacher="$base/teacher-e$te"
seed="${3:-42}"
out="$base/recipe-e$te"
[ "$seed" = 42 ] || out="$out-s$seed"
de=bin/deepfake-edge
[ -f "$data/dataset.json" ] || $de dataset synth --out "$data" --image-size 64 --count 600 --seed 42
[ -f "$teacher/metrics.json" ] || $de train --data "$data" --arch teacher --image-size 64 --epochs "$te" --out "$teacher" > "$teacher.log" 2>&1
mkdir -p "$out"
for ep in 3 6 10; do
  "${PYTHON:-/usr/bin/python3}" scripts/pytorch_train_reference.py --data "$data" --arch student-10 --epochs "$ep" --validate --lr 1e-3 --seed "$seed" > "$out/pytorch-$ep.jsonl"
  [ -f "$out/alone-$ep/metrics.json" ] || $de train --arch student-10 --image-size 64 --data "$data" --epochs "$ep" --seed "$seed" --out "$out/alone-$ep" --force > "$out/alone-$ep.log" 2>&1
  [ -f "$out/distill-$ep/metrics.json" ] || $de distill --teacher "$teacher" --student student-10 --data "$data" --epochs "$ep" --seed "$seed" --out "$out/distill-$ep" --force > "$out/distill-$ep.log" 2>&1
  [ -f "$out/prune-$ep/metrics.json" ] || $de prune --model "$teacher" --keep 0.1 --data "$data" --fine-tune-epochs "$ep" --seed "$seed" --out "$out/prune-$ep" --force > "$out/prune-$ep.log" 2>&1
done
python3 - "$out" "$teacher" <<'PY'
import json, sys
out, teacher = sys.argv[1:]

def kept(epochs):
    best = max(epochs, key=lambda e: e["val_auc"])
    return f"{best['val_accuracy']:.3f} ({epochs[-1]['val_accuracy']:.3f})"

def ours(d):
    return kept(json.load(open(f"{out}/{d}/metrics.json"))["training"]["epochs"])

t = json.load(open(f"{teacher}/metrics.json"))["training"]["epochs"]
print(f"teacher {teacher}: {len(t)} epochs, kept validation accuracy {kept(t)}")
print("| epochs | PyTorch student-10 alone | ours student-10 alone | ours distilled | ours teacher pruned to 10%, fine-tuned |")
print("|---|---|---|---|---|")
for ep in (3, 6, 10):
    py = [json.loads(l) for l in open(f"{out}/pytorch-{ep}.jsonl") if '"epoch"' in l]
    print(f"| {ep} | {kept(py)} | {ours(f'alone-{ep}')} | {ours(f'distill-{ep}')} | {ours(f'prune-{ep}')} |")
PY
