// Puts the service's answers on the page: verdict, score bar, picture with heatmaps and face
// boxes, model card. Text goes in through textContent only, never as HTML.

const $ = (id) => document.getElementById(id);

function node(tag, className, text) {
  const e = document.createElement(tag);
  if (className) {
    e.className = className;
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

const fmt = (v, digits = 3) => (v === null || v === undefined ? "–" : Number(v).toFixed(digits));

/** Human-readable bytes: 301,119 → "294.1 KiB". */
export function bytes(n) {
  if (n === null || n === undefined) {
    return "–";
  }
  const units = ["B", "KiB", "MiB", "GiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (u === 0 ? String(v) : v.toFixed(1)) + " " + units[u];
}

/** While the service judges `fileName`: no picture, no score yet. */
export function pending(fileName) {
  $("verdict").replaceChildren(node("p", "", "Checking " + fileName + "…"));
  $("stage").replaceChildren();
  $("stage-caption").textContent = "";
  bar(null, null, "none");
}

/** The verdict of /v1/detect: label, p_fake against the threshold, faces or frames. */
export function verdict(answer, fileName) {
  const box = $("verdict");
  box.replaceChildren();
  const label = answer.label === null ? "none" : answer.label;
  const title =
    answer.label === null ? "No face found: nothing was scored" : "Verdict: " + answer.label;
  box.appendChild(node("p", "label " + label, title));
  if (answer.p_fake !== null) {
    box.appendChild(
      node("p", "", `p_fake ${fmt(answer.p_fake)} · threshold ${fmt(answer.threshold)} · ` +
        (answer.p_fake >= answer.threshold ? "at or above the threshold" : "below the threshold")),
    );
  }
  const details = [];
  if (answer.kind === "video") {
    details.push(`${answer.frames} frames scored (${answer.aggregate})`);
  }
  if (answer.faces !== undefined) {
    details.push(answer.faces === 1 ? "1 face" : `${answer.faces} faces`);
  }
  details.push(fileName);
  if (answer.latency_ms !== undefined) {
    details.push(`${fmt(answer.latency_ms, 1)} ms in the service`);
  }
  box.appendChild(node("p", "muted", details.join(" · ")));
  bar(answer.p_fake, answer.threshold, label);
}

function bar(p, threshold, label) {
  const fill = $("bar-fill");
  fill.className = "bar-fill " + label;
  fill.style.width = p === null ? "0%" : (100 * p).toFixed(2) + "%";
  const mark = $("bar-mark");
  mark.hidden = threshold === null;
  if (threshold !== null) {
    mark.style.left = (100 * threshold).toFixed(2) + "%";
  }
  $("bar").setAttribute(
    "aria-label",
    p === null
      ? "no score yet" + (threshold === null ? "" : `; threshold ${fmt(threshold)}`)
      : `p_fake ${fmt(p)} on a scale from 0 to 1; the threshold mark is at ${fmt(threshold)}`,
  );
}

/** Shows the user's file: an image (with room for overlays) or a video. */
export function preview(file, url, isVideo) {
  const stage = $("stage");
  stage.replaceChildren();
  let media;
  if (isVideo) {
    media = node("video");
    media.controls = true;
    media.muted = true;
  } else {
    media = node("img", "photo");
    media.alt = "The image you chose: " + file.name;
    media.id = "photo";
  }
  media.src = url;
  stage.appendChild(media);
  $("stage-caption").textContent = file.name + " · " + bytes(file.size);
}

/** Places an element over the part [x, y, w, h] (image pixels) of a width × height image. */
function place(e, region, width, height) {
  e.style.left = (100 * region[0]) / width + "%";
  e.style.top = (100 * region[1]) / height + "%";
  e.style.width = (100 * region[2]) / width + "%";
  e.style.height = (100 * region[3]) / height + "%";
}

/** Face boxes of a /v1/detect answer, with each face's p_fake. */
export function faces(answer, width, height) {
  const stage = $("stage");
  stage.querySelectorAll(".face").forEach((e) => e.remove());
  for (const f of answer.face_boxes || []) {
    const b = node("div", "face");
    place(b, f.box, width, height);
    b.appendChild(node("span", "", "face p_fake " + fmt(f.p_fake, 2)));
    stage.appendChild(b);
  }
}

/** The heatmaps of a /v1/explain answer, each over its region of the picture. */
export function heatmaps(answer) {
  const stage = $("stage");
  stage.querySelectorAll(".heat").forEach((e) => e.remove());
  answer.heatmaps.forEach((m, i) => {
    const img = node("img", "heat");
    img.alt = "";
    img.id = "heatmap-" + i;
    img.src = m.png;
    place(img, m.region, answer.image.width, answer.image.height);
    stage.insertBefore(img, stage.querySelector(".face"));
  });
}

export function showHeatmaps(on) {
  $("stage").classList.toggle("no-heat", !on);
}

function row(card, term, value) {
  card.appendChild(node("dt", "", term));
  card.appendChild(node("dd", "", value));
}

/** The model card: name, lineage, accuracy, size, latency, from /v1/models. */
export function modelCard(m) {
  const card = $("model-card");
  card.replaceChildren();
  row(card, "Name", m.name);
  row(card, "Architecture", `${m.arch} (${m.kind}), ${m.image_size}×${m.image_size} px input`);
  const lineage = (m.history || []).map((h) => h.method).join(" → ");
  row(card, "Lineage", lineage || "–");
  const t = m.metrics;
  row(card, "Test accuracy", t && t.accuracy !== undefined ? fmt(t.accuracy, 4) : "not evaluated");
  if (t && t.roc_auc !== undefined) {
    row(card, "ROC-AUC · F1", `${fmt(t.roc_auc, 4)} · ${fmt(t.f1, 4)}` + (t.n ? ` (n = ${t.n})` : ""));
  }
  row(card, "Threshold", fmt(m.threshold, 4) + (m.temperature ? ` (calibrated, T ${fmt(m.temperature, 2)})` : ""));
  row(card, "Size on disk", bytes(m.size_bytes));
  row(card, "Parameters", Number(m.nonzero_params).toLocaleString("en") + " non-zero of " +
    Number(m.params).toLocaleString("en"));
  row(card, "Runtime", m.runtime);
  const l = m.latency;
  row(card, "Latency", l
    ? `${fmt(l.ms_per_image_p50, 2)} ms per image (p50), ${fmt(l.ms_per_image_p95, 2)} ms (p95), ` +
      `over the last ${l.batches} batches in this service`
    : "measured once the service has scored an image");
}
