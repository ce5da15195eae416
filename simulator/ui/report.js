// The dry-run report view, rendered from the report's JSON (simulator/report/model.py). Used by the live
// page (/_sim/ui) and inlined into the self-contained HTML report (simulator/report/html.py).
// Every value is set as text, never as HTML: bodies come from whoever called the API.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function pretty(value) {
  return value === null || value === undefined ? "(none)" : JSON.stringify(value, null, 2);
}

function table(headings, rows, testid) {
  const head = el("tr", {}, ...headings.map((h) => el("th", { text: h })));
  const body = rows.map((cells) => el("tr", {}, ...cells.map((c) => (c instanceof Node ? el("td", {}, c) : el("td", { text: String(c) })))));
  return el("table", testid ? { "data-testid": testid } : {}, el("thead", {}, head), el("tbody", {}, ...body));
}

function card(label, value, name, tone) {
  return el("div", { class: "card" + (tone ? " " + tone : "") },
    el("div", { class: "card-value", "data-testid": "summary-" + name, text: String(value) }),
    el("div", { class: "card-label", text: label }));
}

function renderReport(container, report) {
  container.replaceChildren();
  const s = report.summary;
  const run = report.run;
  const title = run
    ? `Dry run ${run.id} “${run.name}” — tenant ${report.tenant} (${report.profile})`
    : `Calls of tenant ${report.tenant} (${report.profile}) after entry ${report.since}`;
  const when = run ? `started ${run.started_at}, ${run.status === "open" ? "open (reports up to now)" : "ended " + run.ended_at}` : `generated ${report.generated_at}`;
  container.append(el("h2", { "data-testid": "report-title", text: title }), el("p", { class: "muted", text: when }));
  if (!report.range.complete) {
    container.append(el("p", { class: "warning", text: "The journal no longer holds every call of this range: counts are a lower bound." }));
  }
  const ch = s.changes || { created: "–", updated: "–", no_op: "–", deleted: "–" };
  container.append(el("div", { class: "cards" },
    card("calls", s.calls, "calls"),
    card("refused", s.refused, "refused", s.refused ? "bad" : "good"),
    card("other profile", s.flagged, "flagged", s.flagged ? "warn" : ""),
    card("created", ch.created, "created"),
    card("updated", ch.updated, "updated"),
    card("no-op updates", ch.no_op, "no_op"),
    card("deleted", ch.deleted, "deleted"),
    card("catalogue entries", `${s.catalogue_exercised} / ${s.catalogue_total}`, "catalogue")));
  container.append(el("p", { class: s.exit_code ? "verdict bad" : "verdict good", "data-testid": "verdict",
    text: s.exit_code ? `${s.refused} call(s) refused: exit code 1` : "No call refused: exit code 0" }));

  container.append(el("h3", { text: "Calls by operation and status" }),
    table(["operation", "method", "path", "calls", "statuses"], report.calls.map((r) => [
      r.operation || "(no operation)", r.method, r.path, r.calls,
      Object.entries(r.statuses).map(([k, v]) => `${k} ×${v}`).join(", ")]), "calls"));

  container.append(el("h3", { text: "What the run would have written" }));
  if (report.changes === null) {
    container.append(el("p", { class: "muted", text: "Only a run knows the state at its start: start one to see created, updated and deleted objects." }));
  } else if (Object.keys(report.changes).length === 0) {
    container.append(el("p", { text: "Nothing." }));
  } else {
    for (const [tableName, kinds] of Object.entries(report.changes)) {
      const section = el("section", { class: "changes", "data-testid": "changes-" + tableName }, el("h4", { text: tableName }));
      for (const kind of ["created", "updated", "no_op", "deleted"]) {
        for (const item of kinds[kind]) {
          const label = item.values.name || item.values.sku || item.values.location || "";
          const summary = el("summary", {}, el("span", { class: "tag " + kind, text: kind.replace("_", "-") }),
            ` ${tableName} ${item.id}` + (label ? ` · ${label}` : ""));
          const detail = kind === "updated"
            ? table(["field", "before", "after"], Object.entries(item.changes).map(([f, d]) => [f, pretty(d.before), pretty(d.after)]))
            : el("pre", { text: pretty(item.values) });
          section.append(el("details", {}, summary, detail));
        }
      }
      container.append(section);
    }
  }

  container.append(el("h3", { text: "Refused calls, by error code" }));
  if (report.refused.length === 0) container.append(el("p", { text: "None." }));
  for (const group of report.refused) {
    const first = group.first;
    container.append(el("section", { class: "refused", "data-testid": "refused-" + group.code },
      el("h4", {}, el("span", { class: "tag bad", text: group.code }), ` ×${group.count} — ${first.status} ${first.method} ${first.path}`),
      el("p", { text: String(group.message) }),
      el("div", { class: "bodies" },
        el("div", {}, el("h5", { text: "first request body" }), el("pre", { text: pretty(first.request_body) })),
        el("div", {}, el("h5", { text: "answer" }), el("pre", { text: pretty(first.response_body) })))));
  }

  container.append(el("h3", { text: "Calls another profile would answer otherwise" }));
  if (report.flagged.length === 0) container.append(el("p", { text: "None." }));
  else container.append(table(["what", "call", "served by", "count"], report.flagged.map((f) => [
    f.reason === "field" ? `field ${f.field}` : f.reason, `${f.method} ${f.path}`,
    `${f.served_by}${f.served_by_operation ? " (" + f.served_by_operation + ")" : ""}`, f.count]), "flagged"));

  const cat = report.catalogue;
  container.append(el("h3", { text: `Seed catalogue: ${cat.exercised.length} of ${cat.total} entries exercised` }),
    el("div", { class: "bodies" },
      el("div", {}, el("h5", { text: "exercised" }), el("ul", { "data-testid": "catalogue-exercised" },
        ...cat.exercised.map((r) => el("li", { text: `${r.entry} (${r.calls})` })))),
      el("div", {}, el("h5", { text: "not exercised" }), el("ul", { "data-testid": "catalogue-missed" },
        ...cat.not_exercised.map((r) => el("li", { text: r.entry }))))));
}
