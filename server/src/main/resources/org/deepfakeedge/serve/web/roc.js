// The ROC curve as inline SVG, drawn from the points the service copies from metrics.json.

const NS = "http://www.w3.org/2000/svg";
const SIZE = 300; // plot side in SVG units
const PAD = { left: 60, top: 12, right: 14, bottom: 42 };

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

const x = (fpr) => PAD.left + fpr * SIZE;
const y = (tpr) => PAD.top + (1 - tpr) * SIZE;

/**
 * Returns an <svg> of the curve: axes with ticks, the chance diagonal, the curve, and the
 * operating point at the model's threshold (from the confusion matrix) when known.
 *
 * @param curve {fpr: [...], tpr: [...]}
 * @param point {fpr, tpr} at the threshold, or null
 * @param label the accessible description
 */
export function rocSvg(curve, point, label) {
  const w = PAD.left + SIZE + PAD.right;
  const h = PAD.top + SIZE + PAD.bottom;
  const svg = el("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-labelledby": "roc-t" });
  svg.appendChild(el("title", { id: "roc-t" }, label));
  svg.appendChild(el("rect", { x: PAD.left, y: PAD.top, width: SIZE, height: SIZE, fill: "#fff",
    stroke: "#1a1a1a" }));
  for (let i = 0; i <= 4; i++) {
    const v = i / 4;
    svg.appendChild(el("line", { x1: x(v), y1: y(0), x2: x(v), y2: y(1), stroke: "#d9d9d9" }));
    svg.appendChild(el("line", { x1: x(0), y1: y(v), x2: x(1), y2: y(v), stroke: "#d9d9d9" }));
    svg.appendChild(el("text", { x: x(v), y: y(0) + 16, "text-anchor": "middle",
      "font-size": 12, fill: "#1a1a1a" }, v.toFixed(2)));
    svg.appendChild(el("text", { x: x(0) - 6, y: y(v) + 4, "text-anchor": "end",
      "font-size": 12, fill: "#1a1a1a" }, v.toFixed(2)));
  }
  svg.appendChild(el("text", { x: x(0.5), y: h - 6, "text-anchor": "middle", "font-size": 13,
    fill: "#1a1a1a" }, "false positive rate"));
  svg.appendChild(el("text", { x: 14, y: y(0.5), "text-anchor": "middle", "font-size": 13,
    fill: "#1a1a1a", transform: `rotate(-90 14 ${y(0.5)})` }, "true positive rate"));
  svg.appendChild(el("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: "#6b6b6b",
    "stroke-dasharray": "5 5" }));
  const points = curve.fpr.map((f, i) => `${x(f).toFixed(1)},${y(curve.tpr[i]).toFixed(1)}`);
  svg.appendChild(el("polyline", { points: points.join(" "), fill: "none", stroke: "#1747b8",
    "stroke-width": 2.5, class: "roc-curve" }));
  if (point) {
    svg.appendChild(el("circle", { cx: x(point.fpr), cy: y(point.tpr), r: 6, fill: "#a51d16",
      stroke: "#fff", "stroke-width": 2, class: "roc-point" }));
  }
  return svg;
}

/** The operating point {fpr, tpr} from a confusion matrix {tp, fp, tn, fn}, or null. */
export function operatingPoint(confusion) {
  if (!confusion) {
    return null;
  }
  const { tp, fp, tn, fn } = confusion;
  if (tp + fn === 0 || fp + tn === 0) {
    return null;
  }
  return { fpr: fp / (fp + tn), tpr: tp / (tp + fn) };
}
