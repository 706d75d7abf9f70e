#!/usr/bin/env bash
# Spark job against single-machine scan on the same files, one after the other on an otherwise idle
# machine (each run its own JVM, a fresh output each time, faces off):
#   1. deepfake-edge scan --threads 2 --workers 2            (JSON Lines)
#   2. deepfake-edge spark scan --master local[2]            (Parquet)
#   3. deepfake-edge spark scan --master local[1]            (Parquet)
#   4. scripts/SparkScoresDiff.java: max |delta p_fake| between 1 and 2, file by file
# Job seconds: scan's own "in X s" (JVM and model start excluded) and the Spark job's summary
# "seconds" (session start excluded); wall and peak RSS of the whole process from /usr/bin/time -v.
# Writes OUT_DIR/spark-bench.md and OUT_DIR/spark-bench.json.
#   scripts/spark-bench.sh INPUT_DIR MODEL OUT_DIR
# Quick check: bin/deepfake-edge dataset synth --out /tmp/sb-in --count 50 && scripts/spark-bench.sh /tmp/sb-in M.onnx /tmp/sb
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: scripts/spark-bench.sh INPUT_DIR MODEL OUT_DIR"
input="$(cd "${1:?$usage}" && pwd)" model="$(realpath "${2:?$usage}")" out="${3:?$usage}"
[ -e "$out" ] && { echo "spark-bench: $out exists; give a new OUT_DIR" >&2; exit 2; }
mkdir -p "$out" && out="$(cd "$out" && pwd)"
"$root/bin/deepfake-edge" --version > /dev/null              # builds the CLI jar when stale
"$root/bin/deepfake-edge-spark" --help > /dev/null            # builds the Spark jar when stale
timed() { local name="$1"; shift; echo "spark-bench: $name" >&2; /usr/bin/time -v -o "$out/$name.time" "$@" 2> "$out/$name.log"; }
timed scan "$root/bin/deepfake-edge" scan --model "$model" --threads 2 --workers 2 --faces off \
    --out "$out/scan.jsonl" "$input"
for n in 2 1; do
  timed "local$n" "$root/bin/deepfake-edge-spark" scan --master "local[$n]" --model "$model" \
      --input "file://$input" --output "file://$out/local$n" --faces off
done
opens="$(sed -n 's/^opens="\(.*\)/\1/p;/^ --add-opens/p;/^ -Djdk/p' "$root/bin/deepfake-edge-spark" | tr -d '"')"
# shellcheck disable=SC2086
java $opens -cp "$root/spark/target/deepfake-edge-spark.jar:$root/spark/target/lib/*:$root/spark/target/lib-spark/*" \
    "$root/scripts/SparkScoresDiff.java" "file://$out/local2" "$out/scan.jsonl" > "$out/diff.json" 2> "$out/diff.log"
python3 - "$out" "$input" "$model" <<'PY'
import json, os, re, sys
out, inp, model = sys.argv[1:]
def timefile(name):
    t = open(os.path.join(out, name + ".time")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024 / 1024
    return secs, rss
rows = []
log = open(os.path.join(out, "scan.log")).read()
m = re.search(r"scanned (\d+) files .* in ([\d.]+) s", log)
wall, rss = timefile("scan")
rows.append({"run": "scan --threads 2 --workers 2", "files": int(m.group(1)), "job_seconds": float(m.group(2)),
             "wall_seconds": wall, "peak_rss_gib": rss})
for n in (2, 1):
    s = json.load(open(os.path.join(out, f"local{n}", "_scan-summary.json")))
    wall, rss = timefile(f"local{n}")
    rows.append({"run": f"spark scan --master local[{n}]", "files": s["scored"], "job_seconds": s["seconds"],
                 "wall_seconds": wall, "peak_rss_gib": rss})
diff = json.load(open(os.path.join(out, "diff.json")))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
res = {"input": inp, "model": model, "cpu": cpu, "cpus": os.cpu_count(), "faces": "off", "runs": rows, "scores": diff,
       "ratios": {"local2_over_scan_job": rows[0]["job_seconds"] / rows[1]["job_seconds"],
                  "local2_over_scan_wall": rows[0]["wall_seconds"] / rows[1]["wall_seconds"],
                  "local2_over_local1_job": rows[2]["job_seconds"] / rows[1]["job_seconds"],
                  "local2_over_local1_wall": rows[2]["wall_seconds"] / rows[1]["wall_seconds"]}}
json.dump(res, open(os.path.join(out, "spark-bench.json"), "w"), indent=2)
md = [f"Input {inp}, model {model}, faces off; {cpu}, {os.cpu_count()} CPUs.", "",
      "| run | files | job s | files/s (job) | wall s | peak RSS |", "|---|---|---|---|---|---|"]
for r in rows:
    md.append(f"| `{r['run']}` | {r['files']} | {r['job_seconds']:.1f} | {r['files'] / r['job_seconds']:.0f} |"
              f" {r['wall_seconds']:.1f} | {r['peak_rss_gib']:.2f} GiB |")
q = res["ratios"]
md += ["", f"Throughput local[2] / scan: {q['local2_over_scan_job']:.2f}x (job), {q['local2_over_scan_wall']:.2f}x (wall);"
       f" local[2] / local[1]: {q['local2_over_local1_job']:.2f}x (job), {q['local2_over_local1_wall']:.2f}x (wall).",
       f"Scores: {diff['joined']} files in both, p_fake on one side only {diff['p_fake_on_one_side_only']},"
       f" max |delta p_fake| {diff['max_abs_delta_p_fake']}."]
open(os.path.join(out, "spark-bench.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
PY
