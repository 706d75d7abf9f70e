#!/usr/bin/env bash
# "INT8 never loses": for every zoo model at 64 and 224 px, exports fp32 and INT8 (measured layer
# fallback on, calibrated on built-in synthetic images), then benchmarks both in one interleaved
# `bench --compare` run (batch 1, THREADS threads) and prints a markdown table: fp32 vs INT8 p50/p95,
# the ratio, sizes, and the layers the export kept in fp32 with its reasons.
# Models get random-ish weights from two training batches: speed does not depend on training.
# Usage: scripts/int8-check.sh [OUT] [THREADS] [ITERATIONS]      (default: runs/int8-check 2 100)
# Speed is noisy on a shared machine: the load average is printed with every row; re-run if > 1.5.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/int8-check}"
threads="${2:-2}"
iterations="${3:-100}"
archs="${ARCHS:-teacher student-40 student-30 student-20 student-10}"
sizes="${SIZES:-64 224}"
de=bin/deepfake-edge
mkdir -p "$out"
load() { cut -d' ' -f1 /proc/loadavg; }
for s in $sizes; do
  data="$out/data-$s"
  [ -d "$data" ] || $de dataset synth --out "$data" --image-size "$s" --count 40 >&2
  for a in $archs; do
    m="$out/$a-$s"
    if [ ! -f "$m/model.json" ]; then
      $de train --data "$data" --arch "$a" --image-size "$s" --epochs 1 --max-batches 2 --batch-size 8 \
          --threads "$threads" --out "$m" --force --json > "$m.train.json"
    fi
    $de export --model "$m" --out "$m.onnx" --json > "$m.export.json"
    $de export --model "$m" --int8 --calibration "$data" --calibration-count 32 --threads "$threads" \
        --out "$m-int8.onnx" --json > "$m-int8.export.json"
    before=$(load)
    $de bench --model "$m.onnx" --compare "$m-int8.onnx" --batch 1 --threads "$threads" \
        --warmup 10 --iterations "$iterations" --json > "$m.bench.json"
    echo "$before $(load)" > "$m.load"
    echo "done $a $s (load $(cat "$m.load"))" >&2
  done
done
echo "| model | px | fp32 p50 ms | fp32 p95 ms | INT8 p50 ms | INT8 p95 ms | INT8/fp32 | fp32 size | INT8 size | export's whole-model check (INT8 vs fp32 ms, candidate) | layers kept fp32 (why) | load before/after |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
for s in $sizes; do
  for a in $archs; do
    m="$out/$a-$s"
    jq -r --arg a "$a" --arg s "$s" --arg load "$(cat "$m.load")" --slurpfile x "$m-int8.export.json" '
      .results as $r | ($r[0]) as $f | ($r[1]) as $q | $x[0] as $e |
      def ms: if . >= 10 then (.*10|round/10|tostring) else (.*1000|round/1000|tostring) end;
      def mib: if . >= 1048576 then ((./1048576*100|round/100|tostring) + " MiB") else ((./1024*10|round/10|tostring) + " KiB") end;
      ($e.layers | map(select(.precision == "fp32") | "\(.layer) (\(.reason | sub(" input channel\\(s\\): ORT.s INT8 kernel is 3–7× slower than fp32"; "") ))") | join("; ")) as $kept |
      ($e.timing | if . == null then "off" else "\(.int8_ms|ms) vs \(.fp32_ms|ms), \(.chosen)" end) as $chk |
      "| \($a) | \($s) | \($f.p50_ms|ms) | \($f.p95_ms|ms) | \($q.p50_ms|ms) | \($q.p95_ms|ms) | \(($q.p50_ms/$f.p50_ms*100|round/100)) | \($f.model_bytes|mib) | \($q.model_bytes|mib) | \($chk) | \(if $kept == "" then "none" else $kept end) | \($load) |"
    ' "$m.bench.json"
  done
done
