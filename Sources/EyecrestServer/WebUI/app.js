// eyecrest's search page. Everything the server returns (file text, headings, filenames,
// metadata) is untrusted: it reaches the page only through textContent, input values and
// URLSearchParams, never as HTML. The page is served with a CSP that forbids inline
// script and eval, so this file is the only script.
"use strict";

const TOKEN_KEY = "eyecrest.token";
const PER_PAGE = 10;
const DEBOUNCE_MS = 200;

const $ = (id) => document.getElementById(id);
const ui = {
  form: $("search-form"), dataset: $("dataset"), query: $("query"), status: $("status"),
  results: $("results"), pager: $("pager"), previous: $("previous-page"), next: $("next-page"), pageLabel: $("page-label"),
  fileView: $("file-view"), fileTitle: $("file-title"), fileLines: $("file-lines"), back: $("back"),
  anchorLink: $("anchor-link"), apiLink: $("api-link"),
  tokenPanel: $("token-panel"), tokenForm: $("token-form"), token: $("token"), tokenMessage: $("token-message"),
  tokenForget: $("token-forget"), tokenToggle: $("token-toggle"),
};

// The page's state; the address bar mirrors it (see stateToURL), the token excepted.
const state = { dataset: "", query: "", page: 0, exact: false, file: null };
let searchTimer = 0;
let searchSequence = 0;
let pagerWanted = false;

/** An API failure: the server's `{error, code}` when it sent one. */
class APIFailure extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setStatus(text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle("error", isError);
}

// --- the API ---------------------------------------------------------------------------

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, String(value));
  }
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  let response;
  try {
    response = await fetch(url, { headers, cache: "no-store", referrerPolicy: "no-referrer" });
  } catch (error) {
    throw new APIFailure(0, "network", "The server did not answer: is eyecrest still running?");
  }
  let body = null;
  try { body = await response.json(); } catch (error) { body = null; }
  if (!response.ok) {
    const message = body && typeof body.error === "string" ? body.error : "HTTP " + response.status;
    throw new APIFailure(response.status, body && body.code, message);
  }
  return body;
}

const datasetPath = (id) => "/v1/datasets/" + encodeURIComponent(id);
const filePath = (id, filename) => datasetPath(id) + "/files/" + filename.split("/").map(encodeURIComponent).join("/");

/** A 401 opens the token panel with the server's reason; any other failure is shown. */
function showFailure(error) {
  if (error instanceof APIFailure && error.status === 401) {
    const hadToken = Boolean(sessionStorage.getItem(TOKEN_KEY));
    ui.tokenMessage.textContent = (hadToken ? "The server refused this token: " : "Enter a token to search. ") + error.message;
    ui.tokenPanel.hidden = false;
    ui.tokenToggle.hidden = false;
    setStatus("Authentication needed.", true);
    ui.token.focus();
    return;
  }
  setStatus(error.message || String(error), true);
}

// --- the address bar -------------------------------------------------------------------

function stateToURL() {
  const params = new URLSearchParams();
  if (state.dataset) params.set("dataset", state.dataset);
  if (state.query) params.set("q", state.query);
  if (state.page > 0) params.set("page", String(state.page));
  if (state.exact) params.set("exact", "1");
  if (state.file) {
    params.set("file", state.file.filename);
    if (state.file.slug !== undefined) params.set("section", state.file.slug);
    params.set("start", String(state.file.start));
    params.set("end", String(state.file.end));
  }
  const query = params.toString();
  return "/" + (query ? "?" + query : "");
}

function stateFromURL() {
  const params = new URLSearchParams(window.location.search);
  state.dataset = params.get("dataset") || "";
  state.query = params.get("q") || "";
  state.page = Math.max(0, parseInt(params.get("page") || "0", 10) || 0);
  state.exact = params.get("exact") === "1";
  const filename = params.get("file");
  state.file = filename ? {
    filename,
    slug: params.get("section") ?? undefined,
    start: parseInt(params.get("start") || "0", 10) || 0,
    end: parseInt(params.get("end") || "0", 10) || 0,
  } : null;
}

function remember(push) {
  const url = stateToURL();
  if (url === window.location.pathname + window.location.search) return;
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

// --- datasets --------------------------------------------------------------------------

async function loadDatasets() {
  const body = await api("/v1/datasets");
  const names = (body && Array.isArray(body.datasets) ? body.datasets : []).map((d) => String(d.datasetId)).sort();
  ui.dataset.replaceChildren(...names.map((name) => {
    const option = element("option", "", name);
    option.value = name;
    return option;
  }));
  if (state.dataset && !names.includes(state.dataset)) {
    const option = element("option", "", state.dataset + " (not found)");
    option.value = state.dataset;
    ui.dataset.prepend(option);
  }
  if (!state.dataset && names.length > 0) state.dataset = names[0];
  ui.dataset.value = state.dataset;
  if (names.length === 0) setStatus("No datasets yet. Push a folder of markdown: eyecrest push ./docs --dataset docs");
  return names;
}

// --- search ----------------------------------------------------------------------------

function scheduleSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { state.page = 0; runSearch(false); }, DEBOUNCE_MS);
}

/** Searches for the state's query; a new search closes the open file unless `keepFile` (a shared link to one). */
async function runSearch(push, keepFile = false) {
  const sequence = ++searchSequence;
  if (!keepFile) state.file = null;
  closeFileView();
  remember(push);
  if (!state.dataset || !state.query.trim()) {
    ui.results.replaceChildren();
    pagerWanted = false;
    ui.pager.hidden = true;
    if (state.dataset) setStatus("Type to search " + state.dataset + ".");
    return;
  }
  setStatus("Searching…");
  try {
    const body = await api(datasetPath(state.dataset) + "/search",
      { query: state.query, page: state.page, perPage: PER_PAGE, typoTolerance: state.exact ? "false" : undefined });
    if (sequence !== searchSequence) return; // a newer search started meanwhile
    renderResults(body);
  } catch (error) {
    if (sequence !== searchSequence) return;
    ui.results.replaceChildren();
    ui.pager.hidden = true;
    showFailure(error);
  }
}

function renderResults(body) {
  const hits = Array.isArray(body.results) ? body.results : [];
  const terms = Array.isArray(body.terms) ? body.terms : [];
  ui.results.replaceChildren(...hits.map(renderHit));
  if (hits.length === 0) {
    setStatus(terms.length === 0
      ? "Nothing searchable is left in this query: it holds only operators (-, NOT, OR, *) or punctuation. Add a word."
      : "No results for " + terms.join(" ") + " in " + state.dataset + ".");
  } else {
    const first = state.page * PER_PAGE + 1;
    let text = "Results " + first + "–" + (first + hits.length - 1) + " in " + state.dataset;
    if (body.relaxed) text += " (some match only some of the words: " + terms.join(", ") + ")";
    setStatus(text + ".");
  }
  showCorrections(Array.isArray(body.corrections) ? body.corrections : []);
  pagerWanted = hits.length > 0 && (state.page > 0 || Boolean(body.hasNextPage));
  ui.pager.hidden = !pagerWanted;
  ui.previous.disabled = state.page === 0;
  ui.next.disabled = !body.hasNextPage;
  ui.pageLabel.textContent = "Page " + (state.page + 1);
}

/**
 * Says which words also matched their likely spellings (`dyanmic` → dynamic), with a
 * button to search exactly as typed; after that, a button to allow the corrections again.
 */
function showCorrections(corrections) {
  if (corrections.length === 0 && !state.exact) return;
  const note = element("span", "corrections");
  const toggle = element("button", "quiet", state.exact ? "Also match likely misspellings" : "Search exactly as typed");
  toggle.type = "button";
  toggle.id = "exact-toggle";
  toggle.addEventListener("click", () => { state.exact = !state.exact; state.page = 0; runSearch(true); });
  if (state.exact) {
    note.append(" Searched exactly as typed. ", toggle);
  } else {
    const words = corrections.map((c) => String(c.word) + " → " + (Array.isArray(c.terms) ? c.terms.map(String).join(", ") : ""));
    note.append(" Also matched " + words.join("; ") + ". ", toggle);
  }
  ui.status.append(note);
}

function renderHit(hit) {
  const item = element("li", "hit");
  item.dataset.filename = String(hit.filename);
  item.dataset.sectionSlug = String(hit.sectionSlug);
  item.dataset.startLine = String(hit.startLine);
  const link = element("a");
  const target = { filename: String(hit.filename), slug: String(hit.sectionSlug), start: hit.startLine, end: hit.endLine };
  link.href = urlForFile(target);
  link.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return; // a new tab
    event.preventDefault();
    openFile(target, true);
  });
  const path = Array.isArray(hit.headingPath) && hit.headingPath.length > 0 ? hit.headingPath.join(" › ") : String(hit.title || hit.filename);
  link.append(element("div", "hit-path", path));
  link.append(element("div", "hit-location", hit.filename + ":" + hit.startLine + (hit.sectionSlug ? "#" + hit.sectionSlug : "")));
  link.append(highlightedSnippet(String(hit.snippet || ""), Array.isArray(hit.highlights) ? hit.highlights : []));
  if (Array.isArray(hit.matchedTerms) && hit.matchedTerms.length > 0) {
    link.append(element("p", "terms", "matched: " + hit.matchedTerms.join(", ")));
  }
  if (hit.metadata && typeof hit.metadata === "object") {
    const entries = Object.entries(hit.metadata).slice(0, 4).map(([key, value]) => key + ": " + (typeof value === "string" ? value : JSON.stringify(value)));
    if (entries.length > 0) link.append(element("p", "meta", entries.join(" · ")));
  }
  item.append(link);
  return item;
}

/** The snippet as text nodes, with `<mark>` around each `[start, end)` (UTF-16 offsets, as JS strings count). */
function highlightedSnippet(snippet, highlights) {
  const block = element("p", "snippet");
  let cursor = 0;
  const ranges = highlights
    .filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start < h.end && h.end <= snippet.length)
    .sort((a, b) => a.start - b.start);
  for (const range of ranges) {
    if (range.start < cursor) continue;
    block.append(document.createTextNode(snippet.slice(cursor, range.start)));
    block.append(element("mark", "", snippet.slice(range.start, range.end)));
    cursor = range.end;
  }
  block.append(document.createTextNode(snippet.slice(cursor)));
  return block;
}

function urlForFile(target) {
  const saved = state.file;
  state.file = target;
  const url = stateToURL();
  state.file = saved;
  return url;
}

// --- one file --------------------------------------------------------------------------

async function openFile(target, push) {
  state.file = target;
  remember(push);
  ui.results.hidden = true;
  ui.pager.hidden = true;
  ui.fileView.hidden = false;
  ui.fileTitle.textContent = target.filename;
  ui.fileLines.replaceChildren();
  const anchor = target.slug ? target.filename + "#" + target.slug : target.filename;
  ui.anchorLink.value = anchor;
  const apiURL = new URL(filePath(state.dataset, target.filename), window.location.origin);
  if (target.start > 0) apiURL.searchParams.set("start", String(target.start));
  if (target.end > 0) apiURL.searchParams.set("end", String(target.end));
  ui.apiLink.value = apiURL.href;
  setStatus("Loading " + target.filename + "…");
  try {
    const file = await api(filePath(state.dataset, target.filename));
    if (state.file !== target) return;
    renderFile(String(file.content || ""), target);
    setStatus(target.filename + (target.start > 0 ? ", lines " + target.start + "–" + target.end : "") + ".");
  } catch (error) {
    showFailure(error);
  }
}

function renderFile(content, target) {
  const lines = content.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  let firstInSection = null;
  ui.fileLines.replaceChildren(...lines.map((text, index) => {
    const number = index + 1;
    const line = element("li", "line");
    line.dataset.line = String(number);
    line.append(element("span", "line-number", String(number)));
    line.append(element("span", "line-text", text.endsWith("\r") ? text.slice(0, -1) : text));
    if (number >= target.start && number <= target.end) {
      line.classList.add("in-section");
      if (!firstInSection) firstInSection = line;
    }
    return line;
  }));
  if (firstInSection) firstInSection.scrollIntoView({ block: "center" });
  ui.back.focus({ preventScroll: true });
}

function closeFileView() {
  ui.fileView.hidden = true;
  ui.results.hidden = false;
}

function backToResults() {
  const slug = state.file && state.file.slug;
  const filename = state.file && state.file.filename;
  state.file = null;
  closeFileView();
  remember(false);
  if (ui.results.children.length === 0) { runSearch(false); return; }
  ui.pager.hidden = !pagerWanted;
  const hits = [...ui.results.querySelectorAll(".hit")];
  const previous = hits.find((hit) => hit.dataset.filename === filename && hit.dataset.sectionSlug === slug);
  (previous ? previous.querySelector("a") : ui.query).focus();
  setStatus("");
}

// --- keyboard --------------------------------------------------------------------------

function hitLinks() { return [...ui.results.querySelectorAll(".hit > a")]; }

function onKeyDown(event) {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
  if (event.key === "/" && !typing) {
    event.preventDefault();
    if (!ui.fileView.hidden) backToResults();
    ui.query.focus();
    ui.query.select();
    return;
  }
  if (event.key === "Escape" && !ui.fileView.hidden) {
    event.preventDefault();
    backToResults();
    return;
  }
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  if (!ui.fileView.hidden || (typing && target !== ui.query)) return;
  const links = hitLinks();
  if (links.length === 0) return;
  event.preventDefault();
  const index = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown") {
    links[Math.min(index + 1, links.length - 1)].focus();
  } else if (index <= 0) {
    ui.query.focus();
  } else {
    links[index - 1].focus();
  }
}

// --- token -----------------------------------------------------------------------------

function onTokenSubmit(event) {
  event.preventDefault();
  const token = ui.token.value.trim();
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  ui.token.value = "";
  ui.tokenPanel.hidden = true;
  start();
}

function onTokenForget() {
  sessionStorage.removeItem(TOKEN_KEY);
  ui.token.value = "";
  ui.tokenMessage.textContent = "Token forgotten.";
}

// --- start -----------------------------------------------------------------------------

async function start() {
  stateFromURL();
  ui.query.value = state.query;
  try {
    await loadDatasets();
  } catch (error) {
    showFailure(error);
    return;
  }
  if (state.file && state.dataset) {
    const file = state.file;
    if (state.query) runSearch(false, true).then(() => openFile(file, false));
    else openFile(file, false);
  } else {
    runSearch(false);
  }
}

ui.form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(searchTimer); state.page = 0; runSearch(false); });
ui.query.addEventListener("input", () => { state.query = ui.query.value; state.exact = false; scheduleSearch(); });
ui.dataset.addEventListener("change", () => { state.dataset = ui.dataset.value; state.page = 0; runSearch(true); });
ui.previous.addEventListener("click", () => { state.page = Math.max(0, state.page - 1); runSearch(true); });
ui.next.addEventListener("click", () => { state.page += 1; runSearch(true); });
ui.back.addEventListener("click", backToResults);
ui.tokenForm.addEventListener("submit", onTokenSubmit);
ui.tokenForget.addEventListener("click", onTokenForget);
ui.tokenToggle.addEventListener("click", () => { ui.tokenPanel.hidden = !ui.tokenPanel.hidden; if (!ui.tokenPanel.hidden) ui.token.focus(); });
for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", () => {
    const field = $(button.dataset.copy);
    field.select();
    if (navigator.clipboard) navigator.clipboard.writeText(field.value).catch(() => {});
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy"; }, 1200);
  });
}
document.addEventListener("keydown", onKeyDown);
window.addEventListener("popstate", start);
start();
