#!/usr/bin/env bash
# Scan throughput with 1 and 2 workers, decoding alone and the whole scan, on images and videos,
# in one run on an otherwise idle machine (each measurement is its own process; the figures are the
# scan's own seconds from its summary line, JVM and model start excluded):
#   - IMAGES (500) square JPEGs of SIZE (1024: 1.05 megapixels) from the built-in generator, written by
#     the JDK's JPEG writer at quality JPEG_QUALITY (90), see scripts/ScanBenchImages.java;
#   - VIDEOS (6) built-in videos (dataset synth-videos) of VIDEO_FRAMES (240: 10 s at 24 fps) frames of
#     VIDEO_SIZE (512) px, H.264; the scan samples its default 32 frames of each.
# For each workers W in 1 2: scan --threads W --workers W, with --decode-only (the same ImageDecoder and
# VideoReader as the scan, no faces, no model) and without (faces FACES, default auto).
# Writes OUT_DIR/scan-bench.md (a table) and OUT_DIR/scan-bench.json; inputs are kept for a rerun.
#   scripts/scan-bench.sh OUT_DIR MODEL
# A quick check that it runs: IMAGES=4 SIZE=256 VIDEOS=2 VIDEO_FRAMES=24 VIDEO_SIZE=128 scripts/scan-bench.sh /tmp/sb runs/teacher
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: scripts/scan-bench.sh OUT_DIR MODEL}"
model="${2:?usage: scripts/scan-bench.sh OUT_DIR MODEL}"
images="${IMAGES:-500}" size="${SIZE:-1024}" quality="${JPEG_QUALITY:-90}"
videos="${VIDEOS:-6}" frames="${VIDEO_FRAMES:-240}" vsize="${VIDEO_SIZE:-512}" faces="${FACES:-auto}"
cli="$root/bin/deepfake-edge"
mkdir -p "$out"
"$cli" --version > /dev/null # builds the jar when missing or stale
jpegs="$out/jpegs-$images-$size-q$quality"
clips="$out/videos-$videos-$frames-$vsize"
if [ ! -d "$jpegs" ]; then
  java -cp "$root/cli/target/deepfake-edge.jar:$root/cli/target/lib/*" "$root/scripts/ScanBenchImages.java" \
      "$jpegs.partial" "$images" "$size" "$quality"
  mv "$jpegs.partial" "$jpegs"
fi
[ -d "$clips" ] || "$cli" dataset synth-videos --out "$clips" --count "$videos" --frames "$frames" --size "$vsize" > /dev/null
for w in 1 2; do
  for input in images videos; do
    dir="$jpegs"; [ "$input" = videos ] && dir="$clips"
    for mode in decode scan; do
      flag=""; [ "$mode" = decode ] && flag="--decode-only"
      echo "scan-bench: $input, $mode, $w worker(s)" >&2
      "$cli" scan --model "$model" --threads "$w" --workers "$w" --faces "$faces" $flag "$dir" \
          > /dev/null 2> "$out/$input-$mode-w$w.log"
    done
  done
done
python3 - "$out" "$images" "$size" "$quality" "$videos" "$frames" "$vsize" "$faces" "$model" <<'PY'
import json, re, sys, os, platform
out, images, size, quality, videos, frames, vsize, faces, model = sys.argv[1:]
line = re.compile(r"scanned (\d+) files .* in ([\d.]+) s, ([\d.]+) files/s, (\d+) frames read \(([\d.]+) frames/s\)")
rows = []
for w in (1, 2):
    for inp in ("images", "videos"):
        for mode in ("decode", "scan"):
            log = open(os.path.join(out, f"{inp}-{mode}-w{w}.log")).read()
            m = line.search(log)
            if not m:
                sys.exit(f"no summary line in {inp}-{mode}-w{w}.log:\n{log}")
            files, secs, fps, fr, frps = m.groups()
            rows.append({"input": inp, "mode": mode, "workers": w, "threads": w, "files": int(files),
                         "seconds": float(secs), "files_per_s": float(fps), "frames": int(fr),
                         "frames_per_s": float(frps)})
result = {"images": {"count": int(images), "size": int(size), "jpeg_quality": int(quality)},
          "videos": {"count": int(videos), "frames": int(frames), "size": int(vsize), "codec": "h264",
                     "sampled_frames": 32},
          "faces": faces, "model": model, "cpus": os.cpu_count(), "machine": platform.processor() or platform.machine(),
          "runs": rows}
json.dump(result, open(os.path.join(out, "scan-bench.json"), "w"), indent=2)
md = [f"Images: {images} JPEGs {size}x{size} (quality {quality}); videos: {videos} x {frames} frames {vsize}x{vsize} H.264,"
      f" 32 sampled; faces {faces}; model {model}; {os.cpu_count()} CPUs.", "",
      "| input | mode | workers x threads | files | s | images/s or videos/min | frames/s |", "|---|---|---|---|---|---|---|"]
for r in rows:
    rate = f"{r['files_per_s']:.1f} images/s" if r["input"] == "images" else f"{r['files_per_s'] * 60:.1f} videos/min"
    md.append(f"| {r['input']} | {r['mode']} | {r['workers']} x 1 | {r['files']} | {r['seconds']:.1f} | {rate} | {r['frames_per_s']:.1f} |")
open(os.path.join(out, "scan-bench.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
PY
