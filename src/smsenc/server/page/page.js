// The calculator page: sends the text to POST /smsenc/v1/segment and shows the answer.
// It counts no characters itself: every count comes from the server (smsenc), and the
// page only multiplies and adds those for its sentence on room left. User text is
// only ever put into the page with textContent, never parsed as HTML.
//
// What the page shows always belongs to what is in the boxes. An answer is shown only
// if the request it answers equals the current inputs (text, options and key), and it
// is shown whole: summary, culprit list and marks in the text all come from that one
// answer. From the moment an input changes until the answer for it arrives, the result
// (and any error) on screen is marked stale; an error hides the previous result.
"use strict";

const DEBOUNCE_MS = 250;
const ENDPOINT = "/smsenc/v1/segment";
const NAMED = 8; // characters a preview row or a script line names before "and N more"
const GROUP_OVER = 5; // distinct characters of one script past which they read as one line
const UNGROUPED = new Set(["Common", "Inherited", "Other"]); // no writing system: one line each

const $ = (id) => document.getElementById(id);
const textBox = $("text");
const languageBox = $("languageCode");
const transliterationBox = $("transliteration");
const keyBox = $("apiKey");

let timer = null; // the debounce timer, while one runs
let inFlight = false; // at most one request at a time
let shown = null; // the inputs the result or error on screen answers (see inputs())
let shownOk = false; // whether that is a result (true) or an error (false)

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function codePoint(char) {
  return "U+" + char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
}

function codePoints(text) {
  // U+XXXX for each code point (a lone surrogate included), so invisible characters
  // such as U+200D can be named.
  return Array.from(text, codePoint).join(" ");
}

function visible(char) {
  // A letter, digit, punctuation or symbol as itself; anything else (spaces, joiners,
  // marks, lone surrogates) by its code point, so that it can be seen.
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? char : codePoint(char);
}

function plural(n, word) {
  return n + " " + (n === 1 ? word : word + "s");
}

function namedList(chars) {
  const named = chars.slice(0, NAMED).map(visible).join(" ");
  return chars.length > NAMED ? named + " and " + (chars.length - NAMED) + " more" : named;
}

function wordList(words) {
  return words.length === 1 ? words[0] : words.slice(0, -1).join(", ") + " and " + words.at(-1);
}

function room(count, capacity) {
  // What the parts hold together: "160" for one part, "2 × 153 = 306" for several.
  return count === 1 ? String(capacity) : count + " × " + capacity + " = " + count * capacity;
}

function usage(data) {
  // "164 septets used of 2 × 153 = 306; 142 left in the last part.": the used units
  // and the room left add up to the parts' room, including the unit a part leaves
  // empty when a character of two units would not fit in it (TS 23.038 §6.2.1.1: an
  // escape and its character stay together; a UTF-16 surrogate pair too).
  const count = data.message_count;
  let sentence = plural(data.units, data.unit) + " used of " + room(count, data.capacity) + "; ";
  sentence += data.characters_remaining + " left" + (count > 1 ? " in the last part" : "");
  const short = [];
  let unused = 0;
  data.part_units.slice(0, -1).forEach((units, i) => {
    if (units < data.capacity) {
      short.push(String(i + 1));
      unused += data.capacity - units;
    }
  });
  if (short.length) {
    sentence += " and " + unused + " unused at the end of " + (short.length === 1 ? "part " : "parts ");
    sentence += wordList(short) + ": a character of 2 " + data.unit + "s is never split between parts";
  }
  return sentence + ".";
}

function configurationLabel(configuration, detail) {
  const words = [];
  if (configuration.language) {
    const lang = configuration.language;
    let label = "languageCode " + lang.languageCode;
    if (detail.encoding === "UCS2") {
      label += ": the text stays UCS-2 because of " + namedList(detail.non_gsm_chars);
    } else {
      const tables = [];
      if (lang.lockingShift) tables.push("locking shift");
      if (lang.singleShift) tables.push("single shift");
      label += tables.length ? " (" + tables.join(" + ") + ")" : " (no table needed)";
    }
    words.push(label);
  }
  if (configuration.transliteration) words.push("transliteration " + configuration.transliteration);
  return words.length ? words.join("; ") : "Plain text";
}

function inputs() {
  // The request the boxes ask for, and its signature: what an answer must match.
  const body = { text: textBox.value };
  if (languageBox.value) body.languageCode = languageBox.value;
  if (transliterationBox.value) body.transliteration = transliterationBox.value;
  return { body, key: keyBox.value, signature: JSON.stringify([body, keyBox.value]) };
}

function markFreshness() {
  // Called whenever an input or the state of the requests changes.
  const stale = shown !== inputs().signature;
  for (const id of ["result", "error"]) {
    $(id).dataset.stale = String(stale);
    $(id).setAttribute("aria-busy", String(stale));
  }
  let status = "";
  if (stale) status = shown === null ? "Working it out…" : "Updating for the text as it is now…";
  $("status").textContent = status;
  document.body.dataset.busy = String(timer !== null || inFlight || stale);
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

function showError(message) {
  // The previous result belongs to other inputs: it goes.
  $("result").hidden = true;
  $("error").textContent = message;
}

function renderSummary(data, request) {
  $("encoding").textContent = data.encoding;
  $("message-count").textContent = String(data.message_count);
  $("remaining").textContent = plural(data.characters_remaining, data.unit) + (data.message_count > 1 ? " in the last part" : "");
  $("usage").textContent = usage(data);
  const tables = [];
  if (data.locking_shift) tables.push(data.locking_shift + " locking shift");
  if (data.single_shift) tables.push(data.single_shift + " single shift");
  if (data.encoding === "UCS2") {
    // UCS-2 uses no GSM table; with a language code asked for, say that it did not help.
    tables.push(request.languageCode ? "none: the text stays UCS-2" : "none (UCS-2)");
  } else if (tables.length === 0) {
    tables.push("default");
  }
  if (data.transliteration) tables.push("transliterated " + data.transliteration);
  $("tables").textContent = tables.join(", ");
}

function renderPreviews(data) {
  const body = $("previews").tBodies[0];
  body.replaceChildren();
  data.preview.previews.forEach((entry, i) => {
    const detail = data.preview_details[i];
    const row = element("tr", "preview-row");
    row.append(
      element("th", "config", configurationLabel(entry.configuration, detail)),
      element("td", "encoding", detail.encoding),
      element("td", "count", String(entry.messageCount)),
      element("td", "remaining", String(entry.charactersRemaining)),
      element("td", "units", detail.units + " of " + room(entry.messageCount, detail.capacity)),
    );
    row.cells[0].scope = "row";
    body.append(row);
  });
}

function scriptName(script) {
  // The Unicode property value name, as words: "Canadian_Aboriginal" -> "Canadian Aboriginal".
  return script.replaceAll("_", " ");
}

function groupedScripts(data) {
  // The scripts whose characters are read as one line: more than GROUP_OVER distinct
  // characters of one writing system. Common (punctuation, symbols, emoji), Inherited
  // (combining marks) and Other (historic scripts, several at once) name no writing
  // system, so their characters keep a line each, suggestion and all.
  const grouped = new Map();
  for (const group of data.non_gsm_by_script) {
    if (group.distinct > GROUP_OVER && !UNGROUPED.has(group.script)) {
      for (const char of group.chars) grouped.set(char, group);
    }
  }
  return grouped;
}

function forcingItem(use, suggestion) {
  // One character that forced UCS-2: the character, its code points, how often, and the
  // library's suggestion (a GSM replacement, "" to remove the character, or null when
  // it has none) with the parts the message would take with it made.
  const item = element("li", "forcing-item");
  const glyph = element("code", "char", use.char);
  glyph.dir = "auto";
  item.append(glyph, " " + codePoints(use.char) + " × " + use.count);
  if (suggestion.replacement === null) {
    item.append(" — no GSM replacement");
  } else if (suggestion.replacement === "") {
    item.append(" — GSM replacement: ", element("strong", "suggestion remove", "remove"));
    item.append("; " + plural(suggestion.parts_if_replaced, "part") + " if removed");
  } else {
    item.append(" — GSM replacement: ", element("code", "suggestion", suggestion.replacement));
    item.append("; " + plural(suggestion.parts_if_replaced, "part") + " if replaced");
  }
  return item;
}

function scriptItem(group, open) {
  // One line for a script ("Cyrillic: 43 characters, 12 distinct: П р и ..."), its
  // characters' own lines inside, shown when it is expanded.
  const item = element("li", "forcing-script");
  item.dataset.script = group.script;
  const details = element("details");
  details.open = open;
  const summary = element("summary", "script-summary");
  summary.append(
    element("span", "script-name", scriptName(group.script)),
    ": " + plural(group.count, "character") + ", " + group.distinct + " distinct: ",
  );
  const sample = element("span", "script-sample", namedList(Array.from(group.chars)));
  sample.dir = "auto";
  summary.append(sample);
  details.append(summary, element("ul", "script-chars"));
  item.append(details);
  return item;
}

function renderForcing(data, request) {
  const list = $("forcing-list");
  // A script line the reader expanded stays expanded as the text changes under it.
  const expanded = new Set(
    Array.from(list.querySelectorAll(".forcing-script > details[open]"), (d) => d.parentNode.dataset.script),
  );
  list.replaceChildren();
  $("forcing").hidden = data.non_gsm.length === 0;
  $("forcing-why").textContent = request.languageCode
    ? "Characters that keep the text in UCS-2 even with languageCode " + request.languageCode
    : "Characters that forced UCS-2";
  $("forcing-count").textContent = String(data.non_gsm.length);
  // In order of first appearance: a grouped script's line stands where its first
  // character does, and holds the lines of all its characters.
  const grouped = groupedScripts(data);
  const scriptLists = new Map();
  let replaceable = 0;
  data.non_gsm.forEach((use, i) => {
    const suggestion = data.suggestions[i];
    if (suggestion.replacement !== null) replaceable += 1;
    const item = forcingItem(use, suggestion);
    const group = grouped.get(use.char);
    if (group === undefined) {
      list.append(item);
      return;
    }
    if (!scriptLists.has(group.script)) {
      const line = scriptItem(group, expanded.has(group.script));
      list.append(line);
      scriptLists.set(group.script, line.querySelector(".script-chars"));
    }
    scriptLists.get(group.script).append(item);
  });
  const all = data.parts_if_all_replaced;
  $("all-replaced").hidden = replaceable === 0;
  $("all-replaced").textContent = all === data.message_count
    ? "With every replacement made: still " + plural(all, "part") + "."
    : "With every replacement made: " + plural(all, "part") + " instead of " + data.message_count + ".";
}

function runTitle(run, unit) {
  if (run.non_gsm) {
    const units = run.costs.length === 1 ? run.costs[0] : 2;
    return codePoints(run.text) + ": forced UCS-2; " + run.costs.join(" + ") + " " + (units === 1 ? unit : unit + "s");
  }
  return plural(run.costs[0], unit) + " per character";
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
      element("span", "part-units", data.part_units[i] + " of " + plural(data.capacity, data.unit)),
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

function render(data, request) {
  // One answer, drawn whole and at once.
  $("error").textContent = "";
  renderSummary(data, request);
  renderPreviews(data);
  renderForcing(data, request);
  renderParts(data);
  $("result").hidden = false;
}

async function send() {
  const sent = inputs();
  inFlight = true;
  markFreshness();
  const headers = { "Content-Type": "application/json" };
  if (sent.key) headers.Authorization = "App " + sent.key;
  let outcome;
  try {
    const response = await fetch(ENDPOINT, { method: "POST", headers, body: JSON.stringify(sent.body) });
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
  if (sent.signature === inputs().signature) {
    if (outcome.data) render(outcome.data, sent.body);
    else showError(outcome.error);
    shown = sent.signature;
    shownOk = Boolean(outcome.data);
  } else if (timer === null) {
    send(); // the inputs changed meanwhile and have waited long enough: ask for them
    return;
  }
  // Otherwise the answer is dropped: it is for inputs no longer in the boxes, and
  // the debounce timer running will ask for the current ones.
  markFreshness();
}

function fire() {
  timer = null;
  if (!inFlight && !(shownOk && shown === inputs().signature)) send();
  else markFreshness(); // in flight: send() asks again once its answer is in
}

function schedule() {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(fire, DEBOUNCE_MS);
  markFreshness();
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

// A select fires "input" before "change": listening to "input" on every box marks the
// result stale at the first event that changes the inputs ("change" stays for old browsers).
for (const box of [textBox, keyBox, languageBox, transliterationBox]) box.addEventListener("input", schedule);
for (const box of [languageBox, transliterationBox]) box.addEventListener("change", schedule);
markFreshness();
loadOptions().then(() => {
  document.body.dataset.ready = "true";
  // The example message in the box (or what was typed meanwhile), answered at once.
  if (timer !== null) clearTimeout(timer);
  fire();
});
