"""`/_sim/docs` in headless Chromium: it loads cleanly, lists every operation, and shows provenance.

The page is served by the plugin's `jasper_server` (a real HTTP server on loopback) and driven through
tests/plugins/browser.py. A screenshot of each run goes to artefacts/ (not committed).
"""

from __future__ import annotations

import json
import re
from typing import Any

from client.pytest_plugin import ServedSimulator
from contracts.documents import DOCUMENTS
from contracts.op import Profile
from contracts.wire import format_ping_time
from tests.plugins.browser import BrowserPage, artefact
from tests.plugins.tenants import SIM_NOW

PAGE_TIMEOUT_MS = 30_000  # a bound on a broken page, never a timing assertion


def _document(profile: Profile) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DOCUMENTS[profile].read_text("utf-8"))
    return document


def _operations(profile: Profile) -> list[str]:
    """Every operation of the document as Swagger UI lists it: the paths', then the webhooks' by name."""
    document = _document(profile)
    sections = (*document["paths"].items(), *document.get("webhooks", {}).items())
    return sorted(f"{method.upper()} {path}" for path, item in sections for method in item)


def _shown_operations(browser_page: BrowserPage) -> list[str]:
    blocks = browser_page.page.locator(".opblock")
    methods = blocks.locator(".opblock-summary-method").all_inner_texts()
    paths = blocks.locator(".opblock-summary-path").evaluate_all("nodes => nodes.map(n => n.dataset.path)")
    return sorted(f"{method} {path}" for method, path in zip(methods, paths, strict=True))


def _open(browser_page: BrowserPage, url: str, title: str, screenshot: str) -> list[str]:
    """Open the page, wait for its title and operations, keep a screenshot; the operations it shows."""
    page = browser_page.page
    page.goto(url)
    page.get_by_role("heading", name=re.compile(re.escape(title))).wait_for(timeout=PAGE_TIMEOUT_MS)
    page.locator(".opblock").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    page.screenshot(path=artefact(screenshot))
    return _shown_operations(browser_page)


def test_docs_page_lists_every_live_operation_and_shows_field_provenance(
    jasper_server: ServedSimulator, browser_page: BrowserPage
) -> None:
    page = browser_page.page
    shown = _open(browser_page, f"{jasper_server.admin_url}/docs", "Jasper PIM v1 API (live profile)", "docs-live.png")

    schema = page.locator("article.json-schema-2020-12").filter(
        has=page.locator(".json-schema-2020-12__title", has_text=re.compile(r"^InventoryCreate$"))
    )
    schema.locator(".json-schema-2020-12-expand-deep-button").first.click()
    field = schema.locator("li.json-schema-2020-12-property").filter(
        has=page.locator(".json-schema-2020-12__title", has_text=re.compile(r"^location$"))
    )
    extensions = field.locator(".json-schema-2020-12-keyword--extension-keywords").first
    extensions.wait_for(timeout=PAGE_TIMEOUT_MS)
    schema.screenshot(path=artefact("docs-live-provenance.png"))
    names = extensions.locator(".json-schema-2020-12-json-viewer__name").all_inner_texts()
    values = extensions.locator(".json-schema-2020-12-json-viewer__value").all_inner_texts()

    declared = _document(Profile.LIVE)["components"]["schemas"]["InventoryCreate"]["properties"]["location"]
    assert shown == _operations(Profile.LIVE)
    assert dict(zip(names, values, strict=True)) == {
        "x-provenance": json.dumps(declared["x-provenance"]),
        "x-source": json.dumps(declared["x-source"]),
    }
    assert browser_page.problems() == []


def test_docs_page_documented_profile_try_it_out_reaches_this_simulator(
    jasper_server: ServedSimulator, browser_page: BrowserPage
) -> None:
    page = browser_page.page
    url, title = f"{jasper_server.admin_url}/docs?profile=documented", "Jasper PIM v1 API (documented profile)"
    shown = _open(browser_page, url, title, "docs-documented.png")

    page.locator(".auth-wrapper button.authorize").click()
    dialog = page.locator(".dialog-ux")
    dialog.locator("input").fill(jasper_server.api_keys["docs"])
    dialog.locator("button.authorize").click()
    dialog.locator("button.btn-done").click()
    ping = page.locator("#operations-ping-ping")
    ping.locator(".opblock-summary").click()
    ping.get_by_role("button", name="Try it out").click()
    ping.get_by_role("button", name="Execute").click()
    answer = ping.locator(".live-responses-table .response").first
    answer.wait_for(timeout=PAGE_TIMEOUT_MS)
    ping.screenshot(path=artefact("docs-try-it-out.png"))

    assert shown == _operations(Profile.DOCUMENTED)
    assert ping.locator(".request-url pre").inner_text() == f"{jasper_server.base_url}/ping"
    assert answer.locator(".response-col_status").inner_text() == "200"
    assert json.loads(answer.locator(".response-col_description .microlight").first.inner_text()) == {
        "time": format_ping_time(SIM_NOW)
    }
    assert browser_page.problems() == []
