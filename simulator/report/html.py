"""The dry-run report as one self-contained HTML file: the page's own report view with the JSON inside.

The style sheet and report.js of the live page (simulator/ui/) are inlined and the report's JSON sits in a
`<script type="application/json">` element, so the file opens anywhere, offline, and fetches nothing (its
Content-Security-Policy forbids any request).
"""

from __future__ import annotations

from html import escape
from typing import Any

import orjson

from simulator.ui import read

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _script_safe(raw: bytes) -> str:
    """JSON that cannot end its <script> element early (`</script>`, `<!--`)."""
    return raw.decode().replace("<", "\\u003c")


def render(report: dict[str, Any]) -> str:
    """The report as an HTML document."""
    title = f"Dry-run report: tenant {report['tenant']}"
    if report["run"] is not None:
        title += f", run {report['run']['id']} ({report['run']['name']})"
    data = _script_safe(orjson.dumps(report))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
{read("style.css").decode()}
</style>
</head>
<body>
<main id="report"></main>
<script type="application/json" id="report-data">{data}</script>
<script>
{read("report.js").decode()}
renderReport(document.getElementById("report"), JSON.parse(document.getElementById("report-data").textContent));
</script>
</body>
</html>
"""
