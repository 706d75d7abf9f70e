// The service's HTTP API as the page uses it: the key, the calls, and what each error means.

let apiKey = null;
const STORE = "deepfake-edge.api-key";

/** Loads a key kept in this tab's session storage, if the user asked for that. */
export function restoreKey() {
  try {
    apiKey = sessionStorage.getItem(STORE);
  } catch (e) {
    apiKey = null; // storage disabled: memory only
  }
  return apiKey !== null;
}

/** True when a key is set (typed, or restored from this tab). */
export function hasKey() {
  return apiKey !== null && apiKey !== "";
}

/** Uses `key` from now on; keeps it in session storage only when `remember`. */
export function setKey(key, remember) {
  apiKey = key;
  try {
    if (remember) {
      sessionStorage.setItem(STORE, key);
    } else {
      sessionStorage.removeItem(STORE);
    }
  } catch (e) {
    // storage disabled: the key stays in memory
  }
}

/** An error answer of the service: its status, its one-line message, Retry-After. */
export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

async function call(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (apiKey) {
    headers.set("X-API-Key", apiKey);
  }
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    throw new ApiError(0, "could not reach the service (" + e.message + ")", null);
  }
  if (!response.ok) {
    let message = response.statusText;
    try {
      const body = await response.json();
      if (body && body.error) {
        message = body.error;
      }
    } catch (e) {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, message, response.headers.get("Retry-After"));
  }
  return response.json();
}

/** GET /v1/models: {models: [...], service: {...}}. */
export function models() {
  return call("/v1/models", { headers: { Accept: "application/json" } });
}

/** GET a model's full test evaluation (ROC points included). */
export function evaluation(url) {
  return call(url, { headers: { Accept: "application/json" } });
}

function upload(path, file) {
  const form = new FormData();
  form.append("image", file, file.name || "upload");
  return call(path, { method: "POST", body: form, headers: { Accept: "application/json" } });
}

/** POST /v1/detect with one file part: the verdict. */
export function detect(file) {
  return upload("/v1/detect", file);
}

/** POST /v1/explain with one file part, asking for JSON: the heatmaps as data URLs. */
export function explain(file) {
  return upload("/v1/explain", file);
}

/** What to tell the user about an error answer. */
export function describe(error) {
  const m = error.message;
  switch (error.status) {
    case 0:
      return "The service cannot be reached: " + m + ".";
    case 400:
      return "The service could not read this file as an image or a video: " + m;
    case 401:
      return "This service needs an API key: enter it in the API key box, then try again.";
    case 404:
      return "Not available on this service: " + m;
    case 413:
      return "The file is too large for this service: " + m;
    case 415:
      return "The service does not take this kind of file: " + m;
    case 422:
      return "Nothing to explain: " + m;
    case 429:
      return (
        "The service is busy right now: " + m + ". Try again in " + (error.retryAfter || "1") +
        " s."
      );
    case 503:
      return "The service is unavailable (stopping or overloaded): " + m;
    default:
      return "The service answered " + error.status + ": " + m;
  }
}
