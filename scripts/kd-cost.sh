#!/usr/bin/env bash
# Distillation cost: student-10 trained alone vs distilled with mirror teacher views (the teacher on
# ONNX Runtime, the default, and on DJL) and exact views, 4 and 10 epochs, one after the other
# (docs/training.md, "Distillation's cost").
# Example, after `bin/deepfake-edge demo`: scripts/kd-cost.sh demo-out/data/a demo-out/teachers/a /tmp/kd
set -u
D=${1:?usage: kd-cost.sh DATA TEACHER OUT}; T=${2:?teacher artifact}; O=${3:?output folder}; mkdir -p "$O"
B="$(cd "$(dirname "$0")/.." && pwd)/bin/deepfake-edge"
for ep in 4 10; do
  for run in alone mirror-onnx mirror-djl exact-onnx; do
    s=$(date +%s.%N)
    if [ $run = alone ]; then
      $B train --arch student-10 --image-size 64 --data $D --epochs $ep --out $O/$run-$ep --json > $O/$run-$ep.json 2>/dev/null
    else
      $B distill --teacher $T --student student-10 --data $D --epochs $ep --teacher-views ${run%-*} \
        --teacher-runtime ${run#*-} --out $O/$run-$ep --json > $O/$run-$ep.json 2>/dev/null
    fi
    e=$(date +%s.%N)
    python3 - "$O/$run-$ep" "$run" "$ep" "$s" "$e" <<'PY'
import json,sys
d,run,ep,s,e=sys.argv[1:]
m=json.load(open(d+'/metrics.json'))
def find(o,k):
    if isinstance(o,dict):
        if k in o: return o[k]
        for v in o.values():
            r=find(v,k)
            if r is not None: return r
    return None
print(f"{run:11} ep={ep:>2} wall={float(e)-float(s):6.1f}s train={find(m,'train_seconds')} acc={find(m,'accuracy')} auc={find(m,'roc_auc')}")
PY
  done
done
