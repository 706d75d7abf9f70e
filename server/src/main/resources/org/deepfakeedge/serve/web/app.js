// The page's behaviour: ask the service about its model, take a file, show the verdict, then
// the heatmap. ES module; everything it loads comes from this service.
import * as api from "./api.js";
import * as render from "./render.js";
import { operatingPoint, rocSvg } from "./roc.js";

const $ = (id) => document.getElementById(id);
const state = { service: null, file: null, url: null, isVideo: false, token: 0, explained: null };

function showError(text) {
  const e = $("error");
  e.textContent = text;
  e.hidden = !text;
}

function needKey(message) {
  $("key-section").hidden = false;
  $("key-status").textContent = message || "";
  $("service-line").textContent = "This service needs an API key.";
}

async function loadModel() {
  let answer;
  try {
    answer = await api.models();
  } catch (e) {
    if (e.status === 401) {
      needKey(api.hasKey() ? "The service refused this key." : "");
      return false;
    }
    $("service-line").textContent = api.describe(e);
    return false;
  }
  const m = answer.models[0];
  state.service = answer.service || {};
  render.modelCard(m);
  $("service-line").textContent =
    `Serving ${m.name} on ${m.runtime}` +
    (state.service.faces && state.service.faces !== "off" ? `, faces ${state.service.faces}` : "");
  const video = state.service.videos;
  $("file").accept = video ? "image/*,video/*" : "image/*";
  $("accept-hint").textContent =
    "JPEG, PNG, WebP, GIF, BMP or TIFF up to " + render.bytes(state.service.max_image_bytes) +
    (video ? "; or a video (MP4, WebM, MKV, MOV, AVI) up to " +
      render.bytes(state.service.max_video_bytes) : "") + ".";
  if (m.metrics_url && $("roc-figure").hidden) {
    loadRoc(m.metrics_url);
  }
  return true;
}

async function loadRoc(url) {
  try {
    const ev = await api.evaluation(url);
    if (!ev.roc_curve || !ev.roc_curve.fpr || ev.roc_curve.fpr.length < 2) {
      return;
    }
    const point = operatingPoint(ev.confusion);
    const text =
      `ROC curve on the ${ev.split || "test"} split (n = ${ev.n}): AUC ${Number(ev.roc_auc).toFixed(4)}` +
      (point ? `; the dot is the threshold ${Number(ev.threshold).toFixed(3)}: true positive rate ` +
        `${point.tpr.toFixed(3)}, false positive rate ${point.fpr.toFixed(3)}` : "");
    $("roc").replaceChildren(rocSvg(ev.roc_curve, point, text));
    $("roc-caption").textContent = text + ".";
    $("roc-figure").hidden = false;
  } catch (e) {
    // the card still says what the model is; the curve is a bonus
  }
}

function isVideo(file) {
  return file.type.startsWith("video/") || /\.(mp4|webm|mkv|mov|avi|m4v)$/i.test(file.name);
}

async function check(file) {
  showError("");
  const limit = isVideo(file) ? state.service?.max_video_bytes : state.service?.max_image_bytes;
  if (limit && file.size > limit) {
    showError(`The file is too large for this service: ${render.bytes(file.size)}, the limit is ` +
      `${render.bytes(limit)}.`);
    return;
  }
  const token = ++state.token;
  if (state.url) {
    URL.revokeObjectURL(state.url);
  }
  state.file = file;
  state.url = URL.createObjectURL(file);
  state.isVideo = isVideo(file);
  state.explained = null;
  // the result (with its live region) is shown while the service works, so that the verdict
  // replacing "Checking…" is announced
  $("result").hidden = false;
  render.pending(file.name);
  $("heatmap-status").textContent = "";
  let answer;
  try {
    answer = await api.detect(file);
  } catch (e) {
    if (token !== state.token) {
      return;
    }
    $("result").hidden = true;
    if (e.status === 401) {
      needKey("");
    }
    showError(api.describe(e));
    return;
  }
  if (token !== state.token) {
    return;
  }
  render.preview(file, state.url, state.isVideo);
  $("result").hidden = false;
  render.verdict(answer, file.name);
  $("heatmap-controls").hidden = state.isVideo;
  if (!state.isVideo) {
    const photo = $("photo");
    const boxes = () => render.faces(answer, photo.naturalWidth, photo.naturalHeight);
    if (photo.complete && photo.naturalWidth) {
      boxes();
    } else {
      photo.addEventListener("load", boxes, { once: true });
    }
    if ($("show-heatmap").checked) {
      explain(token);
    }
  }
  loadModel(); // the card's latency now includes this image
}

async function explain(token) {
  if (state.explained === token || !state.file || state.isVideo) {
    return;
  }
  state.explained = token;
  const status = $("heatmap-status");
  status.textContent = "Computing the heatmap (about 50 forward passes)…";
  let answer;
  try {
    answer = await api.explain(state.file);
  } catch (e) {
    if (token === state.token) {
      state.explained = null;
      status.textContent = "No heatmap: " + api.describe(e);
    }
    return;
  }
  if (token !== state.token) {
    return;
  }
  render.heatmaps(answer);
  render.showHeatmaps($("show-heatmap").checked);
  const n = answer.heatmaps.length;
  status.textContent =
    n === 0
      ? "No heatmap: no face was found, so nothing was scored."
      : `Heatmap shown (${answer.method}, ${answer.forward_passes} forward passes` +
        (answer.faces > 0 ? `, ${n} of ${answer.faces} faces` : "") +
        "): the brighter and more opaque (orange to pale yellow), the more hiding that region lowered the fake score.";
}

function wire() {
  const input = $("file");
  input.addEventListener("change", () => {
    if (input.files.length > 0) {
      check(input.files[0]);
    }
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("dragging");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files.length > 0) {
      check(e.dataTransfer.files[0]);
    }
  });
  $("show-heatmap").addEventListener("change", (e) => {
    render.showHeatmaps(e.target.checked);
    if (e.target.checked && state.file) {
      explain(state.token);
    }
  });
  $("key-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    api.setKey($("api-key").value.trim(), $("remember-key").checked);
    $("key-status").textContent = "Checking the key…";
    if (await loadModel()) {
      $("key-section").hidden = true;
      showError("");
    }
  });
}

wire();
api.restoreKey();
loadModel();
