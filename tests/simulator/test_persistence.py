"""The state file: what it keeps, what it refuses, and that a refused or failed write changes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator import demo
from simulator.app import create_app
from simulator.config import DEMO_KEY, Location, SimConfig, TenantConfig
from simulator.control.common import SMALL_STORE
from simulator.persistence import StateFileError
from simulator.persistence.file import APPLICATION_ID
from tests.simulator.builders import errors_of

KEY = {"Authorization": f"Bearer {DEMO_KEY}"}


def _open(state: Path, config: SimConfig | None = None) -> TestClient:
    return TestClient(create_app(config, state_file=state), base_url="http://testserver")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.sqlite"


@pytest.fixture
def served(state: Path) -> Iterator[TestClient]:
    with _open(state) as client:
        yield client


def _export(client: TestClient) -> dict[str, Any]:
    exported: dict[str, Any] = client.get("/_sim/state").json()
    return exported


def test_restart_restores_every_answer_and_ids_continue(state: Path) -> None:
    with _open(state) as client:
        assert client.post("/_sim/seed", json={"seed": "demo"}).status_code == 200
        assert client.put("/api/v1/products/1", json={"description": "Changed."}, headers=KEY).status_code == 200
        hook = {"name": "H", "callback_url": "http://127.0.0.1:9/h", "entity_type": "product",
                "include_entity_data": True, "headers": {"X-A": "1"}, "retry_policy": "linear",
                "minimum_retry_interval": 60, "retry_limit": 3}  # fmt: skip
        webhook = client.post("/api/v1/webhooks", json=hook, headers=KEY).json()
        assert client.delete(f"/api/v1/webhooks/{webhook['id']}", headers=KEY).status_code == 204
        before = _export(client)
        answers = [client.get(f"/api/v1/products/{i}", headers=KEY).json() for i in range(1, 8)]
    with _open(state) as client:
        assert _export(client) == before
        assert [client.get(f"/api/v1/products/{i}", headers=KEY).json() for i in range(1, 8)] == answers
        product = client.post("/api/v1/products", json={"name": "New", "sku": "NEW-1"}, headers=KEY).json()
        assert product["id"] == 8
        again = client.post("/api/v1/webhooks", json=hook, headers=KEY).json()
        assert again["id"] == webhook["id"] + 1  # a deactivated webhook's id is never handed out again


def test_refused_write_changes_neither_memory_nor_file(state: Path) -> None:
    with _open(state) as client:
        client.post("/_sim/seed", json={})
        before = _export(client)
        taken = client.post("/api/v1/products", json={"name": "Dup", "sku": "MUG-CLASSIC"}, headers=KEY)
        assert errors_of(taken) == {"status": 422, "code": "duplicate_sku", "fields": ["sku"]}
        assert _export(client) == before
    with _open(state) as client:
        assert _export(client) == before
        assert client.post("/api/v1/products", json={"name": "Next", "sku": "N"}, headers=KEY).json()["id"] == 8


def test_write_the_file_cannot_take_answers_503_and_is_undone(served: TestClient) -> None:
    before = _export(served)

    async def broken(exchange: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    served.app.state.api.committer = broken  # type: ignore[attr-defined]
    answer = served.post("/api/v1/categories", json={"name": "Lost"}, headers=KEY)
    assert errors_of(answer) == {"status": 503, "code": "state_write_failed", "fields": []}
    assert _export(served) == before


def test_control_plane_writes_are_kept(state: Path) -> None:
    with _open(state) as client:
        client.post("/_sim/seed", json={})
        seeded = _export(client)
        assert client.post("/_sim/reset", json={}).status_code == 200
    with _open(state) as client:
        assert _export(client)["tenants"]["demo"]["products"] == []
        assert client.put("/_sim/state", json=seeded).status_code == 200
    with _open(state) as client:
        assert _export(client) == seeded


def test_large_import_is_written_in_chunks_and_kept(state: Path) -> None:
    rows = SMALL_STORE + 500
    products = [
        {"id": i, "name": f"P{i}", "sku": f"SKU-{i}", "type": None, "description": None, "option_set_id": None,
         "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-01T00:00:00.000000Z"}
        for i in range(1, rows + 1)
    ]  # fmt: skip
    with _open(state) as client:
        assert client.put("/_sim/state", json={"tenants": {"demo": {"products": products}}}).status_code == 200
        page = client.get("/api/v1/products", params={"page": 2, "per_page": 250}, headers=KEY).json()
    with _open(state) as client:
        assert client.get("/api/v1/products", params={"page": 2, "per_page": 250}, headers=KEY).json() == page
        assert client.post("/api/v1/products", json={"name": "N", "sku": "N"}, headers=KEY).json()["id"] == rows + 1
    with sqlite3.connect(state) as raw:
        assert raw.execute("SELECT count(*), count(DISTINCT gen) FROM records").fetchone() == (rows + 1, 1)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"just some notes\n" * 100, "not a state file, or corrupt (file is not a database)"),
        (None, "not a jasper-sim state file (SQLite application id 0x0)"),
        ("newer", "written by a newer jasper-sim (state file format 99; this one reads up to 2)"),
    ],
)
def test_file_that_is_not_a_state_file_is_refused_and_left_untouched(
    state: Path, content: bytes | str | None, reason: str
) -> None:
    if isinstance(content, bytes):
        state.write_bytes(content)
    else:
        with sqlite3.connect(state) as other:
            other.execute("CREATE TABLE notes (text TEXT)")
            if content == "newer":
                other.execute(f"PRAGMA application_id={APPLICATION_ID}")
                other.execute("PRAGMA user_version=99")
        other.close()
    before = state.read_bytes()
    with pytest.raises(StateFileError) as refused:
        create_app(state_file=state)
    assert str(refused.value) == f"{state}: {reason}"
    assert state.read_bytes() == before


def test_corrupt_state_file_is_refused(state: Path) -> None:
    with _open(state) as client:
        products = [{"name": f"P{i}", "sku": f"S{i}"} for i in range(300)]
        for body in products:
            client.post("/api/v1/products", json=body, headers=KEY)
    data = bytearray(state.read_bytes())
    data[4096 * 2 : 4096 * 2 + 400] = b"\xff" * 400
    state.write_bytes(bytes(data))
    with pytest.raises(StateFileError, match=r"corrupt"):
        create_app(state_file=state)


def test_state_file_held_by_another_simulator_is_refused(served: TestClient, state: Path) -> None:
    with pytest.raises(StateFileError) as refused:
        create_app(state_file=state)
    assert str(refused.value) == (
        f"{state}: held by another running simulator (the file is locked); stop it first, or use its control "
        "plane (/_sim/state)"
    )


def test_config_that_drops_a_location_in_use_is_refused_at_start(state: Path) -> None:
    with _open(state) as client:
        client.post("/_sim/seed", json={})  # the demo catalogue has stock in Main Warehouse and NYC
    narrow = TenantConfig.named("demo", DEMO_KEY).replace(locations=[Location(id=1, name="Main Warehouse")])
    with pytest.raises(StateFileError, match=r"inventory row \d+ is at location 2"):
        create_app(SimConfig(tenants=[narrow]), state_file=state)


def test_seeded_store_and_the_file_agree(state: Path) -> None:
    with _open(state) as client:
        tenant = client.app.state.tenants.by_name["demo"]  # type: ignore[attr-defined]
        store = client.app.state.tenants.new_store(tenant.config)  # type: ignore[attr-defined]
        demo.seed(store)
        assert client.post("/_sim/seed", json={}).status_code == 200
        assert tenant.store.size() == store.size()
