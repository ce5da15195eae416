"""The page in headless Chromium: /_sim/ui live, and the HTML report as a file (tests/plugins/browser.py).

It loads with no console errors and nothing fetched off the machine; the counts it shows equal the JSON
report's; filtering the journal by operation works; an entry opens with its bodies. Screenshots go to
artefacts/ (not committed; the README's picture is one of them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.dry_run.conftest import KEYS, Served, demo_catalogue
from tests.plugins.browser import BrowserPage, artefact

TENANT = "shop"
SUMMARY = ("calls", "refused", "flagged", "created", "updated", "no_op", "deleted")


@pytest.fixture(scope="module")
def shop_run(served: Served) -> dict[str, Any]:
    """A small run on the "shop" tenant: creates, an update, a refusal, another profile's call; its report."""
    with (
        served.control() as control,
        httpx2.Client(
            base_url=served.api_url(), headers={"Authorization": f"Bearer {KEYS[TENANT]}"}, timeout=30.0
        ) as api,
    ):
        control.put("/state", json={"tenants": {TENANT: demo_catalogue()}})
        run_id = control.post("/runs", json={"tenant": TENANT, "name": "nightly sync"}).json()["id"]
        lamp = api.post("/products", json={"name": "Camp lamp", "sku": "LAMP-1"}).json()
        api.post("/products", json={"name": "Tent", "sku": "TENT-1"})
        api.put("/products/1", json={"description": "Now in blue."})
        api.post(f"/products/{lamp['id']}/inventory", json={"location": "Atlantis", "count_on_hand": 2})
        api.post(f"/products/{lamp['id']}/inventories", json={"location_id": 1, "quantity": 2})
        control.post(f"/runs/{run_id}/end", json={})
        report: dict[str, Any] = control.get("/report", params={"run": run_id}).json()
    return report


def shown(page: Any, name: str) -> str:
    text: str = page.get_by_test_id(f"summary-{name}").inner_text()
    return text


def expected(report: dict[str, Any], name: str) -> str:
    summary = report["summary"]
    return str(summary[name] if name in ("calls", "refused", "flagged") else summary["changes"][name])


def test_page_shows_the_runs_report_and_the_journal(
    served: Served, shop_run: dict[str, Any], browser_page: BrowserPage
) -> None:
    page = browser_page.page
    page.goto(f"{served.url}/_sim/ui")
    page.get_by_test_id("entry").first.wait_for()

    page.locator("nav button[data-view=report]").click()
    page.get_by_test_id("report-title").wait_for()
    page.locator("#report-run").select_option(str(shop_run["run"]["id"]))
    page.locator("#report-form button[type=submit]").click()
    page.get_by_test_id("report-title").filter(has_text="nightly sync").wait_for()
    assert {name: shown(page, name) for name in SUMMARY} == {name: expected(shop_run, name) for name in SUMMARY}
    assert shown(page, "catalogue") == f"{shop_run['summary']['catalogue_exercised']} / 42"
    assert page.get_by_test_id("refused-unknown_location").is_visible()
    page.screenshot(path=artefact("dry-run-report.png"), full_page=True)
    page.screenshot(path=artefact("dry-run-page.png"))  # the README's picture (docs/dry-run-page.png)

    page.locator("nav button[data-view=journal]").click()
    filters = page.locator("#journal-filters")
    filters.locator("select[name=tenant]").select_option(TENANT)
    filters.locator("input[name=operation]").fill("createProduct")
    filters.locator("button[type=submit]").click()
    page.wait_for_function("document.querySelectorAll('#journal-rows tr.entry').length === 2")
    operations = page.locator("#journal-rows tr.entry td:nth-child(6)").all_inner_texts()
    assert operations == ["createProduct", "createProduct"]

    page.locator("#journal-rows tr.entry").first.click()
    page.get_by_test_id("entry-detail").wait_for()
    request_body = page.get_by_test_id("request-body").inner_text()
    response_body = page.get_by_test_id("response-body").inner_text()
    assert ('"sku": "LAMP-1"' in request_body, '"id":' in response_body) == (True, True)
    page.screenshot(path=artefact("dry-run-journal.png"), full_page=True)
    assert browser_page.problems() == []


def test_html_report_file_opens_offline_with_the_same_counts(
    served: Served, shop_run: dict[str, Any], browser_page: BrowserPage, tmp_path: Path
) -> None:
    with served.control() as control:
        document = control.get("/report", params={"run": shop_run["run"]["id"], "format": "html"}).text
    path = tmp_path / "report.html"
    path.write_text(document)
    page = browser_page.page
    page.goto(path.as_uri())
    page.get_by_test_id("summary-calls").wait_for()
    assert {name: shown(page, name) for name in SUMMARY} == {name: expected(shop_run, name) for name in SUMMARY}
    assert page.get_by_test_id("verdict").inner_text() == "2 call(s) refused: exit code 1"
    assert browser_page.problems() == []
