// The live page at /_sim/ui: tenants, runs, the journal and a run's report, all from /_sim/ on this origin.
// The admin token (when the simulator has one) is kept in sessionStorage and sent as a Bearer header,
// never in a URL. Writes are sent as application/json (the control plane refuses anything else).
"use strict";

const TOKEN_KEY = "jasper-sim-admin-token";
const state = { next: null, filters: null, reportRun: null, operations: new Set() };

function headers(json) {
  const found = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) found.Authorization = "Bearer " + token;
  if (json) found["Content-Type"] = "application/json";
  return found;
}

function problem(message) {
  const node = document.getElementById("problem");
  node.textContent = message || "";
  node.hidden = !message;
}

async function call(path, options) {
  const init = Object.assign({ headers: headers(options && options.body !== undefined) }, options || {});
  if (init.body !== undefined && typeof init.body !== "string") init.body = JSON.stringify(init.body);
  const response = await fetch("/_sim/" + path, init);
  if (response.status === 401) {
    problem("The simulator needs its admin token: enter it above.");
    throw new Error("unauthorised");
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    problem(`${response.status} ${body.code || ""}: ${body.message || response.statusText}`);
    throw new Error(body.message || response.statusText);
  }
  problem("");
  return response;
}

async function json(path, options) {
  return (await call(path, options)).json();
}

function show(view) {
  for (const button of document.querySelectorAll("nav button")) button.classList.toggle("active", button.dataset.view === view);
  for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== "view-" + view;
  const load = { tenants: loadTenants, runs: loadRuns, journal: () => loadJournal(false), report: loadReportChoices }[view];
  load().catch(() => {});
}

async function loadTenants() {
  const tenants = (await json("tenants")).data;
  const view = document.getElementById("view-tenants");
  const rows = tenants.map((t) => [t.name, t.profile,
    el("button", { class: "action", type: "button", text: "start a run", onclick: () => startRun(t.name) })]);
  view.replaceChildren(el("h2", { text: "Tenants" }), table(["tenant", "profile", ""], rows, "tenants"));
  const select = document.querySelector("#journal-filters select[name=tenant]");
  select.replaceChildren(el("option", { value: "", text: "any" }), ...tenants.map((t) => el("option", { value: t.name, text: t.name })));
}

async function startRun(tenant) {
  const name = `dry run ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
  await json("runs", { method: "POST", body: { tenant, name } });
  show("runs");
}

async function loadRuns() {
  const runs = (await json("runs")).data;
  const view = document.getElementById("view-runs");
  const rows = runs.map((r) => [r.id, r.tenant, r.name, r.status, r.started_at, r.ended_at || "", r.entities_changed,
    el("span", {},
      el("button", { class: "action", type: "button", text: "report", onclick: () => openReport(r.id) }),
      r.status === "open" ? el("button", { class: "action", type: "button", text: "end", onclick: () => endRun(r.id) }) : null)]);
  view.replaceChildren(el("h2", { text: "Runs" }),
    runs.length ? table(["id", "tenant", "name", "status", "started", "ended", "entities changed", ""], rows, "runs")
      : el("p", { class: "muted", text: "No run yet: start one from Tenants (or POST /_sim/runs)." }));
}

async function endRun(id) {
  await json(`runs/${id}/end`, { method: "POST", body: {} });
  loadRuns().catch(() => {});
}

function filterQuery() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(document.getElementById("journal-filters"))) if (value) params.set(name, value);
  params.set("bodies", "false");
  return params;
}

async function loadJournal(more) {
  if (!more) {
    state.filters = filterQuery();
    state.next = null;
    document.getElementById("journal-rows").replaceChildren();
  }
  const params = new URLSearchParams(state.filters);
  if (more && state.next !== null) params.set("after", state.next);
  const page = await json("journal?" + params);
  const body = document.getElementById("journal-rows");
  for (const entry of page.data) {
    body.append(entryRow(entry));
    if (entry.operation && !state.operations.has(entry.operation)) {
      state.operations.add(entry.operation);
      document.getElementById("operations").append(el("option", { value: entry.operation }));
    }
  }
  state.next = page.next;
  document.getElementById("journal-more").hidden = page.next === null;
  document.getElementById("journal-status").textContent =
    `${body.children.length} entr${body.children.length === 1 ? "y" : "ies"} shown` + (page.dropped ? `; ${page.dropped} older dropped (byte budget)` : "");
}

function entryRow(entry) {
  const row = el("tr", { class: "entry", "data-seq": String(entry.seq), "data-testid": "entry" },
    ...[entry.seq, entry.time, entry.tenant || "", entry.method, entry.path + (entry.query ? "?" + entry.query : ""),
      entry.operation || "", entry.status, entry.code || "", entry.duration_ms].map((v) => el("td", { text: String(v) })));
  row.addEventListener("click", () => toggleEntry(row, entry.seq));
  return row;
}

async function toggleEntry(row, seq) {
  const open = row.nextElementSibling;
  if (open && open.classList.contains("entry-detail")) {
    open.remove();
    row.classList.remove("open-entry");
    return;
  }
  const entry = await json(`journal/${seq}`);
  const detail = el("tr", { class: "entry-detail", "data-testid": "entry-detail" }, el("td", { class: "detail", colspan: "9" },
    el("div", { class: "bodies" },
      el("div", {}, el("h5", { text: `request: ${entry.method} ${entry.path}${entry.query ? "?" + entry.query : ""}` }),
        el("pre", { "data-testid": "request-body", text: pretty(entry.request_body) })),
      el("div", {}, el("h5", { text: `response: ${entry.status}${entry.code ? " " + entry.code : ""}${entry.fault ? " (fault " + entry.fault + ")" : ""}` }),
        el("pre", { "data-testid": "response-body", text: pretty(entry.response_body) })))));
  row.classList.add("open-entry");
  row.after(detail);
}

async function loadReportChoices() {
  const runs = (await json("runs")).data;
  const select = document.getElementById("report-run");
  const current = state.reportRun || select.value;
  state.reportRun = null;
  select.replaceChildren(...runs.map((r) => el("option", { value: String(r.id), text: `${r.id} · ${r.tenant} · ${r.name} (${r.status})` })));
  if (current) select.value = current;
  if (select.value) await showReport(select.value);
  else document.getElementById("report").replaceChildren(el("p", { class: "muted", text: "No run yet." }));
}

function openReport(id) {
  state.reportRun = String(id);
  show("report");
}

async function showReport(id) {
  renderReport(document.getElementById("report"), await json(`report?run=${encodeURIComponent(id)}`));
}

async function downloadReport(event) {
  event.preventDefault();
  const id = document.getElementById("report-run").value;
  if (!id) return;
  const blob = await (await call(`report?run=${encodeURIComponent(id)}&format=html`)).blob();
  const link = el("a", { href: URL.createObjectURL(blob), download: `dry-run-${id}.html` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

document.getElementById("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
document.getElementById("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = document.getElementById("token").value.trim();
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
  show(document.querySelector("nav button.active").dataset.view);
});
for (const button of document.querySelectorAll("nav button")) button.addEventListener("click", () => show(button.dataset.view));
document.getElementById("journal-filters").addEventListener("submit", (event) => { event.preventDefault(); loadJournal(false).catch(() => {}); });
document.getElementById("journal-more").addEventListener("click", () => loadJournal(true).catch(() => {}));
document.getElementById("report-form").addEventListener("submit", (event) => { event.preventDefault(); showReport(document.getElementById("report-run").value).catch(() => {}); });
document.getElementById("report-html").addEventListener("click", (event) => { downloadReport(event).catch(() => {}); });
loadTenants().catch(() => {});
show("journal");
