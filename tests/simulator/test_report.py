"""The dry-run report (GET /_sim/report): what a run would have written, refused, flagged and exercised."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from simulator.config import DEMO_KEY
from tests.simulator import builders
from tests.simulator.builders import errors_of
from tests.simulator.conftest import ACME_KEY, DOCS_KEY, STAMP, SteppingClock
from tests.simulator.test_webhooks import BODY as WEBHOOK

LATER = "2026-03-04T05:06:08.890123Z"


def report(admin: TestClient, **params: Any) -> dict[str, Any]:
    response = admin.get("/report", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_report_of_a_run_lists_created_updated_no_op_and_deleted(
    admin: TestClient, client: TestClient, clock: SteppingClock
) -> None:
    kept = builders.product(client, sku="KEEP", name="Kept")
    renamed = builders.product(client, sku="OLD", name="Old name")
    hook = builders.created(client, "/webhooks", WEBHOOK)
    admin.post("/runs", json={"tenant": "demo", "name": "sync"})
    clock.now = clock.now.replace(second=8)
    client.put(f"/products/{renamed['id']}", json={"name": "New name"})
    client.put(f"/products/{kept['id']}", json={"name": "Kept"})
    cap = builders.product(client, sku="CAP", name="Cap")
    client.delete(f"/webhooks/{hook['id']}")
    admin.post("/runs/1/end", json={})
    body = report(admin, run=1)
    product_fields: dict[str, Any] = {
        "type": None,
        "description": None,
        "option_set_id": None,
        "categories": [],
        "attribute_values": {},
    }
    assert body["changes"] == {
        "products": {
            "created": [
                {
                    "id": cap["id"],
                    "values": {
                        "id": cap["id"],
                        "name": "Cap",
                        "sku": "CAP",
                        **product_fields,
                        "created_at": LATER,
                        "updated_at": LATER,
                    },
                }
            ],
            "updated": [
                {
                    "id": renamed["id"],
                    "values": {
                        "id": renamed["id"],
                        "name": "New name",
                        "sku": "OLD",
                        **product_fields,
                        "created_at": STAMP,
                        "updated_at": LATER,
                    },
                    "changes": {"name": {"before": "Old name", "after": "New name"}},
                }
            ],
            "no_op": [
                {
                    "id": kept["id"],
                    "values": {
                        "id": kept["id"],
                        "name": "Kept",
                        "sku": "KEEP",
                        **product_fields,
                        "created_at": STAMP,
                        "updated_at": LATER,
                    },
                }
            ],
            "deleted": [],
        },
        "webhooks": {
            "created": [],
            "updated": [],
            "no_op": [],
            "deleted": [
                {
                    "id": hook["id"],
                    "values": {"id": hook["id"], **WEBHOOK, "created_at": STAMP, "updated_at": LATER, "active": False},
                }
            ],
        },
    }
    assert body["summary"] == {
        "calls": 4,
        "refused": 0,
        "flagged": 0,
        "faulted": 0,
        "changes": {"created": 1, "updated": 1, "no_op": 1, "deleted": 1},
        "catalogue_exercised": 4,
        "catalogue_total": 42,
        "exit_code": 0,
    }
    assert (body["tenant"], body["profile"], body["since"], body["range"]) == (
        "demo",
        "live",
        None,
        {"after_seq": 3, "to_seq": 7, "complete": True},
    )


def test_report_of_an_ended_run_stays_as_it_was(admin: TestClient, client: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    product = builders.product(client, name="During")
    admin.post("/runs/1/end", json={})
    before = report(admin, run=1)
    client.put(f"/products/{product['id']}", json={"name": "After"})
    client.get("/ping")
    assert report(admin, run=1) == before


def test_report_of_an_open_run_covers_up_to_now(admin: TestClient, client: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    product = builders.product(client, name="First")
    client.put(f"/products/{product['id']}", json={"name": "Now"})
    body = report(admin, run=1)
    assert (body["run"]["status"], body["range"]["to_seq"], body["summary"]["changes"]["created"]) == ("open", 2, 1)
    assert body["changes"]["products"]["created"][0]["values"]["name"] == "Now"


def test_report_groups_refused_calls_by_code_with_the_first_body(admin: TestClient, client: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    builders.product(client, sku="A")
    client.post("/products", json={"name": "dup", "sku": "A"})
    client.post("/products", json={"name": "dup again", "sku": "A"})
    client.post("/products/1/inventory", json={"location": "Atlantis", "count_on_hand": 2})
    body = report(admin, tenant="demo")
    assert [(group["code"], group["count"], group["operations"]) for group in body["refused"]] == [
        ("duplicate_sku", 2, ["createProduct"]),
        ("unknown_location", 1, ["createProductInventory"]),
    ]
    first = body["refused"][0]["first"]
    assert (first["seq"], first["status"], first["request_body"]) == (2, 422, {"name": "dup", "sku": "A"})
    assert body["refused"][0]["message"] == first["response_body"]["message"]
    assert (body["summary"]["refused"], body["summary"]["exit_code"]) == (3, 1)
    assert body["calls"] == [
        {
            "operation": "createProduct",
            "method": "POST",
            "path": "/products",
            "calls": 3,
            "statuses": {"201": 1, "422": 2},
        },
        {
            "operation": "createProductInventory",
            "method": "POST",
            "path": "/products/{product_id}/inventory",
            "calls": 1,
            "statuses": {"422": 1},
        },
    ]


def test_report_flags_calls_another_profile_would_answer(
    admin: TestClient, client: TestClient, docs: TestClient
) -> None:
    builders.product(client)
    client.post("/products/1/inventories", json={"location_id": 1, "quantity": 1})
    client.post("/products", json={"name": "Kid", "sku": "KID", "parent_id": 1})
    client.put("/products/1/attributes/1", json={"value": "x"})
    assert report(admin, tenant="demo", since=0)["flagged"] == [
        {
            "reason": "route",
            "method": "POST",
            "path": "/products/{product_id}/inventories",
            "operation": None,
            "served_by": "documented",
            "served_by_operation": "createProductInventories",
            "field": None,
            "count": 1,
            "first_seq": 2,
        },
        {
            "reason": "field",
            "method": "POST",
            "path": "/products",
            "operation": "createProduct",
            "served_by": "documented",
            "served_by_operation": "createProductWithParent",
            "field": "parent_id",
            "count": 1,
            "first_seq": 3,
        },
        {
            "reason": "route",
            "method": "PUT",
            "path": "/products/{product_id}/attributes/{attribute_id}",
            "operation": None,
            "served_by": "documented",
            "served_by_operation": "updateProductAttribute",
            "field": None,
            "count": 1,
            "first_seq": 4,
        },
    ]
    builders.product(docs)
    docs.put("/products/1/attributes", json=[{"attribute_id": 1, "value": "x"}])
    flagged = report(admin, tenant="docs", since=0)["flagged"]
    assert [(item["reason"], item["served_by"], item["served_by_operation"]) for item in flagged] == [
        ("method", "live", "updateProductAttributes")
    ]


def test_report_catalogue_counts_a_documented_form_as_its_entry(admin: TestClient, docs: TestClient) -> None:
    builders.product(docs)
    docs.post("/products/1/inventories", json={"location_id": 1, "quantity": 1})
    catalogue = report(admin, tenant="docs", since=0)["catalogue"]
    exercised = {row["entry"]: row["calls"] for row in catalogue["exercised"]}
    # the documented POST /products (parent_id) stands in for the variant entry too (contracts/products.py)
    assert exercised == {"Create a Product": 1, "Create a Product Variant": 1, "Create a Product Inventory Record": 1}
    assert len(catalogue["not_exercised"]) == catalogue["total"] - 3 == 39


def test_report_since_has_no_changes_section(admin: TestClient, client: TestClient) -> None:
    client.get("/ping")
    builders.product(client)
    body = report(admin, tenant="demo", since=1)
    assert (body["run"], body["since"], body["changes"], body["summary"]["changes"]) == (None, 1, None, None)
    assert [row["operation"] for row in body["calls"]] == ["createProduct"]


def test_report_defaults_to_the_latest_run_else_the_whole_journal(admin: TestClient, client: TestClient) -> None:
    client.get("/ping")
    assert report(admin, tenant="demo")["range"] == {"after_seq": 0, "to_seq": 1, "complete": True}
    admin.post("/runs", json={"tenant": "demo"})
    admin.post("/runs/1/end", json={})
    admin.post("/runs", json={"tenant": "demo"})
    assert report(admin, tenant="demo")["run"]["id"] == 2


def test_report_says_when_the_journal_lost_part_of_the_range(admin: TestClient, client: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    client.get("/ping")
    admin.delete("/journal")
    client.get("/ping")
    body = report(admin, run=1)
    assert (body["range"]["complete"], body["summary"]["calls"]) == (False, 1)


def test_report_bad_scopes(admin: TestClient) -> None:
    admin.post("/runs", json={"tenant": "acme"})
    assert errors_of(admin.get("/report")) == {"status": 422, "code": "bad_report_scope", "fields": ["tenant"]}
    assert errors_of(admin.get("/report", params={"run": 1, "tenant": "demo"})) == {
        "status": 422,
        "code": "bad_report_scope",
        "fields": ["tenant"],
    }
    assert errors_of(admin.get("/report", params={"run": 1, "since": 2})) == {
        "status": 422,
        "code": "bad_report_scope",
        "fields": ["since"],
    }
    assert errors_of(admin.get("/report", params={"run": 5})) == {"status": 404, "code": "unknown_run", "fields": []}
    assert errors_of(admin.get("/report", params={"tenant": "nobody"})) == {
        "status": 404,
        "code": "unknown_tenant",
        "fields": [],
    }
    assert errors_of(admin.get("/report", params={"format": "pdf"})) == {
        "status": 422,
        "code": "validation_failed",
        "fields": ["format"],
    }


def test_report_never_holds_a_key(admin: TestClient, client: TestClient, acme: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    builders.product(client)
    client.post("/products", json={"name": "x"})
    hook = builders.created(client, "/webhooks", WEBHOOK)
    acme.get("/ping")
    for form in ("json", "text", "html"):
        text = admin.get("/report", params={"run": 1, "format": form}).text
        assert DEMO_KEY not in text
        assert ACME_KEY not in text
        assert DOCS_KEY not in text
        assert hook["signing_secret"] not in text
