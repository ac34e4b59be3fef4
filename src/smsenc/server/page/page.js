// The calculator page: sends the text to POST /smsenc/v1/segment and shows the answer.
// It counts nothing itself; every number comes from the server (smsenc). User text is
// only ever put into the page with textContent, never parsed as HTML.
"use strict";

const DEBOUNCE_MS = 250;
const ENDPOINT = "/smsenc/v1/segment";

const $ = (id) => document.getElementById(id);
const textBox = $("text");
const languageBox = $("languageCode");
const transliterationBox = $("transliteration");
const keyBox = $("apiKey");

let timer = null; // the debounce timer, while one runs
let inFlight = false; // at most one request at a time
let stale = false; // input changed while a request was in flight: send again after it

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function codePoints(text) {
  // U+XXXX for each code point (a lone surrogate included), so invisible characters
  // such as U+200D can be named.
  return Array.from(text, (c) => "U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")).join(" ");
}

function unitWord(unit, n) {
  return n === 1 ? unit : unit + "s";
}

function configurationLabel(configuration) {
  const words = [];
  if (configuration.language) {
    const lang = configuration.language;
    const tables = [];
    if (lang.lockingShift) tables.push("locking shift");
    if (lang.singleShift) tables.push("single shift");
    words.push("languageCode " + lang.languageCode + (tables.length ? " (" + tables.join(" + ") + ")" : " (no table needed)"));
  }
  if (configuration.transliteration) words.push("transliteration " + configuration.transliteration);
  return words.length ? words.join(", ") : "Plain text";
}

function showError(message) {
  $("error").textContent = message;
}

function errorMessage(status, body) {
  const exception = body && body.requestError && body.requestError.serviceException;
  if (!exception) return "The server answered " + status + ".";
  let message = "The server answered " + status + ": " + exception.text;
  const fields = exception.validationErrors || {};
  for (const field of Object.keys(fields)) {
    message += "\n" + field + ": " + fields[field].join("; ");
  }
  return message;
}

function renderSummary(data) {
  $("encoding").textContent = data.encoding;
  $("message-count").textContent = String(data.message_count);
  $("remaining").textContent = data.characters_remaining + " " + unitWord(data.unit, data.characters_remaining);
  $("units").textContent = data.units + " / " + data.capacity + " per part";
  const tables = [];
  if (data.locking_shift) tables.push(data.locking_shift + " locking shift");
  if (data.single_shift) tables.push(data.single_shift + " single shift");
  if (data.transliteration) tables.push("transliterated " + data.transliteration);
  $("tables").textContent = tables.length ? tables.join(", ") : "default";
}

function renderPreviews(data) {
  const body = $("previews").tBodies[0];
  body.replaceChildren();
  data.preview.previews.forEach((entry, i) => {
    const detail = data.preview_details[i];
    const row = element("tr", "preview-row");
    row.append(
      element("th", "config", configurationLabel(entry.configuration)),
      element("td", "encoding", detail.encoding),
      element("td", "count", String(entry.messageCount)),
      element("td", "remaining", String(entry.charactersRemaining)),
      element("td", "units", detail.units + " / " + detail.capacity),
    );
    row.cells[0].scope = "row";
    body.append(row);
  });
}

function renderForcing(data) {
  const list = $("forcing-list");
  list.replaceChildren();
  $("forcing").hidden = data.non_gsm.length === 0;
  $("forcing-count").textContent = String(data.non_gsm.length);
  data.non_gsm.forEach((use, i) => {
    const item = element("li", "forcing-item");
    const glyph = element("code", "char", use.char);
    glyph.dir = "auto";
    item.append(glyph, " " + codePoints(use.char) + " × " + use.count);
    const replacement = data.suggestions[i].replacement;
    if (replacement !== null) {
      item.append(" — GSM replacement: ");
      item.append(element("code", "suggestion", replacement));
    } else {
      item.append(" — no GSM replacement");
    }
    list.append(item);
  });
}

function runTitle(run, unit) {
  if (run.non_gsm) {
    const plural = run.costs.length === 1 ? run.costs[0] : 2;
    return codePoints(run.text) + ": forced UCS-2; " + run.costs.join(" + ") + " " + unitWord(unit, plural);
  }
  const cost = run.costs[0];
  return cost + " " + unitWord(unit, cost) + " per character";
}

function renderParts(data) {
  const list = $("parts");
  list.replaceChildren();
  $("legend-1").textContent = "1 " + data.unit + " per character";
  $("legend-2").textContent = "2 " + data.unit + "s per character (tinted, double underline)";
  data.part_runs.forEach((runs, i) => {
    if (i > 0) {
      const boundary = element("li", "boundary", "✂ part " + i + " ends, part " + (i + 1) + " starts");
      list.append(boundary);
    }
    const part = element("li", "part");
    const head = element("div", "part-head");
    head.append(
      element("span", "part-number", "Part " + (i + 1) + " of " + data.message_count),
      element("span", "part-units", data.part_units[i] + " / " + data.capacity + " " + unitWord(data.unit, 2)),
    );
    const text = element("p", "part-text");
    text.dir = "auto";
    for (const run of runs) {
      const span = element(run.non_gsm ? "mark" : "span", run.non_gsm ? "non-gsm" : "cost-" + run.costs[0], run.text);
      span.title = runTitle(run, data.unit);
      text.append(span);
    }
    part.append(head, text);
    list.append(part);
  });
}

function render(data) {
  showError("");
  renderSummary(data);
  renderPreviews(data);
  renderForcing(data);
  renderParts(data);
  $("result").hidden = false;
}

function currentRequest() {
  const body = { text: textBox.value };
  if (languageBox.value) body.languageCode = languageBox.value;
  if (transliterationBox.value) body.transliteration = transliterationBox.value;
  return body;
}

async function send() {
  inFlight = true;
  stale = false;
  const headers = { "Content-Type": "application/json" };
  if (keyBox.value) headers.Authorization = "App " + keyBox.value;
  let outcome;
  try {
    const response = await fetch(ENDPOINT, { method: "POST", headers, body: JSON.stringify(currentRequest()) });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      body = null;
    }
    outcome = response.ok && body ? { data: body } : { error: errorMessage(response.status, body) };
  } catch (error) {
    outcome = { error: "The server could not be reached: " + error.message };
  }
  inFlight = false;
  if (stale) {
    send(); // the input changed meanwhile: only the latest text is shown
    return;
  }
  if (outcome.data) render(outcome.data);
  else showError(outcome.error);
  document.body.dataset.busy = timer === null ? "false" : "true";
}

function schedule() {
  document.body.dataset.busy = "true";
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    if (inFlight) stale = true;
    else send();
  }, DEBOUNCE_MS);
}

async function loadOptions() {
  // The selectors offer exactly the enums of the service's own OpenAPI document.
  try {
    const response = await fetch("/openapi.json");
    const doc = await response.json();
    const properties = doc.components.schemas.SmsPreviewRequest.properties;
    for (const [box, name] of [[languageBox, "languageCode"], [transliterationBox, "transliteration"]]) {
      for (const value of properties[name].enum) {
        const option = element("option", "", value);
        option.value = value;
        box.append(option);
      }
    }
  } catch (error) {
    showError("Could not load the options from /openapi.json: " + error.message);
  }
}

for (const box of [textBox, keyBox]) box.addEventListener("input", schedule);
for (const box of [languageBox, transliterationBox]) box.addEventListener("change", schedule);
loadOptions().then(() => {
  document.body.dataset.ready = "true";
  schedule();
});
