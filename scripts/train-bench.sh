#!/usr/bin/env bash
# Training speed, deepfake-edge against PyTorch eager (Debian's python3-torch) on the same image files,
# one after the other on an otherwise idle machine: teacher and student-10 at 64 px (batch 32, 3,000
# images) and the teacher at 224 px (batch 16, 320 images). Two epochs each: the first decodes every
# file, the second reads decoded images from memory (both tools cache them).
# PyTorch runs twice: as a user starts it, and with the same glibc heap settings deepfake-edge applies
# to itself (MALLOC_MMAP_MAX_=0, MALLOC_TRIM_THRESHOLD_), so that the comparison is of the training
# loops, not of the allocators.
#   scripts/train-bench.sh OUT_DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: scripts/train-bench.sh OUT_DIR}"
mkdir -p "$out"
cli="$root/bin/deepfake-edge"
py=/usr/bin/python3
ref="$root/scripts/pytorch_train_reference.py"
[ -d "$out/data64" ] || "$cli" dataset synth --out "$out/data64" --image-size 64 --count 1500 --val-fraction 0 --test-fraction 0
[ -d "$out/data224" ] || "$cli" dataset synth --out "$out/data224" --image-size 224 --count 160 --val-fraction 0 --test-fraction 0
run() { # name size batch arch
  local data="$out/data$2"
  "$cli" bench --train --arch "$4" --image-size "$2" --batch "$3" --data "$data" --epochs 2 --json > "$out/$1.ours.json"
  "$py" "$ref" --data "$data" --arch "$4" --image-size "$2" --batch "$3" --epochs 2 > "$out/$1.pytorch.jsonl"
  MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647 "$py" "$ref" --data "$data" --arch "$4" --image-size "$2" \
      --batch "$3" --epochs 2 > "$out/$1.pytorch-heap.jsonl"
}
run teacher64 64 32 teacher
run student10-64 64 32 student-10
run teacher224 224 16 teacher
"$py" - "$out" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
print("| run | epoch | deepfake-edge img/s | PyTorch img/s | ratio | PyTorch, same heap settings, img/s | ratio |")
print("|---|---|---|---|---|---|---|")
for name in ("teacher64", "student10-64", "teacher224"):
    ours = json.load(open(os.path.join(out, name + ".ours.json")))
    pt = [json.loads(l) for l in open(os.path.join(out, name + ".pytorch.jsonl"))][1:]
    ph = [json.loads(l) for l in open(os.path.join(out, name + ".pytorch-heap.jsonl"))][1:]
    for e, a, b in zip(ours["epochs"], pt, ph):
        o = e["images_per_s"]
        print(f"| {name} | {e['epoch']} | {o:.1f} | {a['images_per_s']:.1f} | {o / a['images_per_s']:.2f}x "
              f"| {b['images_per_s']:.1f} | {o / b['images_per_s']:.2f}x |")
PY
