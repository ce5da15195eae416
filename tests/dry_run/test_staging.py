"""A staging subscription's dry run, end to end, as a user runs it.

A served simulator (`jasper-sim serve --state`), the demo catalogue imported as the tenant's snapshot, a run
started, the connector's write paths run against the simulator by URL (as a staging subscription whose
API Url points there), the run ended, and `jasper-sim report` asked for the JSON report. The report lists
exactly the objects the write paths created and updated, checked against their external-id store (and,
for price rows, which have no external id, against the tenant's own listing); the deliberately refused
write (stock at a location the tenant does not have) is under `refused` with its body; exit code 1.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from client import JasperClient, errors
from client.external_ids import CollectionType, InMemoryExternalIds
from client.write_paths import (
    CategoryInput,
    CategoryRef,
    InventoryInput,
    PriceInput,
    ProductInput,
    Sync,
    WebhookInput,
    upsert_categories,
    upsert_product,
    upsert_webhook,
)
from tests.dry_run.conftest import JASPER_SIM, KEYS, Served, demo_catalogue

TENANT = "staging"
TABLE_OF = {
    CollectionType.PRODUCT: "products",
    CollectionType.PRODUCT_CATEGORY: "categories",
    CollectionType.PRODUCT_INVENTORY: "inventory",
    CollectionType.WEBHOOK: "webhooks",
}
CATEGORIES = [
    CategoryInput(id="C1", name="Apparel", description="Clothes, shoes and hats."),  # in the snapshot: linked, updated
    CategoryInput(id="C2", name="Outdoor"),
    CategoryInput(id="C3", name="Tents", parent_id="C2"),
]
TENT = ProductInput(
    id="P1",
    sku="TENT-2P",
    name="Two-person tent",
    categories=[CategoryRef(id="C3")],
    prices=[PriceInput(sell_price=199.0, cost=80.0)],
    inventory=[InventoryInput(id="P1|1", location="Main Warehouse", count_on_hand=5)],
)
LAMP = ProductInput(  # its stock is at a location the tenant does not have: refused
    id="P2",
    sku="LAMP-1",
    name="Camp lamp",
    inventory=[InventoryInput(id="P2|1", location="Atlantis", count_on_hand=2)],
)
HOOK = WebhookInput(id="W1", name="Products", callback_url="http://127.0.0.1:9/jasper", entity_type="product")


def ids(report: dict[str, Any], kind: str) -> dict[str, set[int]]:
    """Per table, the ids of one kind of change in the report."""
    return {table: {item["id"] for item in kinds[kind]} for table, kinds in report["changes"].items() if kinds[kind]}


def test_staging_dry_run_reports_exactly_what_the_write_paths_wrote(served: Served, tmp_path: Path) -> None:
    snapshot = demo_catalogue()
    with served.control() as control:
        assert control.put("/state", json={"tenants": {TENANT: snapshot}}).status_code == 200
        run = control.post("/runs", json={"tenant": TENANT, "name": "staging sync"})
        assert run.status_code == 201
        run_id = run.json()["id"]

        external_ids = InMemoryExternalIds()
        with JasperClient(served.api_url(), KEYS[TENANT]) as jasper:
            sync = Sync(jasper, external_ids)
            upsert_categories(sync, CATEGORIES)
            tent = upsert_product(sync, TENT)
            with pytest.raises(errors.Unprocessable):
                upsert_product(sync, LAMP)
            upsert_webhook(sync, HOOK)
            tent_prices = {price.id for price in jasper.product_prices.list(tent.id).data}
        assert control.post(f"/runs/{run_id}/end", json={}).status_code == 200

    out = tmp_path / "report.json"
    finished = subprocess.run(
        [str(JASPER_SIM), "report", "--url", served.url, "--run", str(run_id), "--format", "json", "--out", str(out)],
        capture_output=True,
        check=False,
    )
    assert (finished.returncode, finished.stderr) == (1, b"")
    report = orjson.loads(out.read_bytes())
    held = subprocess.run([str(JASPER_SIM), "report", "--state", str(served.state)], capture_output=True, check=False)
    assert held.returncode == 2  # the running simulator holds its state file: --url is the way

    imported = {table: {row["id"] for row in snapshot[table]} for table in TABLE_OF.values()}
    linked: dict[str, set[int]] = {}
    for (collection, _), jasper_id in external_ids.snapshot().items():
        linked.setdefault(TABLE_OF[collection], set()).add(jasper_id)
    created = {table: found - imported[table] for table, found in linked.items() if found - imported[table]}
    created["prices"] = tent_prices
    updated = {table: found & imported[table] for table, found in linked.items() if found & imported[table]}
    assert ids(report, "created") == created
    assert (
        ids(report, "updated") == updated == {"categories": {external_ids.get(CollectionType.PRODUCT_CATEGORY, "C1")}}
    )
    assert (ids(report, "no_op"), ids(report, "deleted")) == ({}, {})
    apparel = report["changes"]["categories"]["updated"][0]
    assert apparel["changes"] == {"description": {"before": "Clothing.", "after": "Clothes, shoes and hats."}}

    assert [(group["code"], group["count"]) for group in report["refused"]] == [("unknown_location", 1)]
    first = report["refused"][0]["first"]
    lamp = external_ids.get(CollectionType.PRODUCT, "P2")
    assert (first["method"], first["path"], first["status"]) == ("POST", f"/products/{lamp}/inventory", 422)
    assert first["request_body"] == {"location": "Atlantis", "count_on_hand": 2}
    assert (report["summary"]["exit_code"], report["flagged"], report["range"]["complete"]) == (1, [], True)
    assert report["summary"]["calls"] == sum(row["calls"] for row in report["calls"])
