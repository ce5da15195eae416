"""The journal and the dry runs in the state file: they survive a restart, and the file keeps a bounded journal."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient

from simulator import journal_file
from simulator.app import SimulatorApp, create_app
from simulator.cli import main
from simulator.config import DEMO_KEY, SimConfig, TenantConfig
from simulator.journal import Entry, raw_of
from simulator.journal_file import decode_batch, encode_batch
from tests.simulator import builders
from tests.simulator.conftest import SteppingClock, bearer

CONFIG = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)])


@contextmanager
def served(path: Path, config: SimConfig = CONFIG) -> Iterator[tuple[TestClient, TestClient, SimulatorApp]]:
    """An app on the state file: its API and control-plane clients; the file is released afterwards."""
    app = create_app(config, clock=SteppingClock(), state_file=path)
    try:
        with (
            TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as api,
            TestClient(app, base_url="http://testserver/_sim") as admin,
        ):
            yield api, admin, app
    finally:
        app.state.persistence.close()


def journal(admin: TestClient) -> list[dict[str, Any]]:
    page = admin.get("/journal", params={"limit": 1000}).json()
    return [{name: value for name, value in item.items() if name != "duration_ms"} for item in page["data"]]


def test_journal_and_runs_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with served(path) as (api, admin, _):
        product = builders.product(api, name="Before")
        admin.post("/runs", json={"tenant": "demo", "name": "ended"})
        api.put(f"/products/{product['id']}", json={"name": "During"})
        api.post("/products", json={"name": "no sku"})
        admin.post("/runs/1/end", json={})
        admin.post("/runs", json={"tenant": "demo", "name": "still open"})
        builders.product(api, sku="OPEN")
        api.get("/ping")
        entries, runs = journal(admin), admin.get("/runs").json()
        reports = [admin.get("/report", params={"run": run_id}).json() for run_id in (1, 2)]
    with served(path) as (api, admin, app):
        assert (journal(admin), admin.get("/runs").json()) == (entries, runs)
        assert [admin.get("/report", params={"run": run_id}).json() for run_id in (1, 2)] == reports
        assert app.state.runs in app.state.api.commit_listeners  # run 2 is still open: it goes on listening
        api.put(f"/products/{product['id']}", json={"name": "After restart"})
        assert journal(admin)[-1]["seq"] == entries[-1]["seq"] + 1
        assert list(app.state.runs.by_id[2].before) == [("products", 2), ("products", 1)]


def test_state_file_keeps_only_the_latest_journal_entries(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    config = CONFIG.replace(journal_retention=3)
    with served(path, config) as (api, _, _):
        for _ in range(6):
            api.get("/ping")
    with served(path, config) as (_, admin, _):
        assert [entry["seq"] for entry in journal(admin)] == [4, 5, 6]


def test_clearing_the_journal_clears_it_in_the_state_file(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with served(path) as (api, admin, _):
        api.get("/ping")
        api.get("/ping")
        assert admin.delete("/journal").status_code == 204
        api.get("/ping")
    with served(path) as (_, admin, _):
        assert [entry["seq"] for entry in journal(admin)] == [3]


@pytest.mark.parametrize(
    ("request_body", "response_body"),
    [(b"", b""), (b'{"a":\n1}', b"\xff\xfe not utf-8\n"), (b"\n\n", b'{"x": "</script>"}')],
)
def test_stored_entry_reads_back_as_it_was(request_body: bytes, response_body: bytes) -> None:
    entry = Entry(
        7,
        datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        "demo",
        "POST",
        "/api/v1/products",
        b"page=1&q=%C3%A9",
        "createProduct",
        request_body,
        422,
        response_body,
        0.00125,
        "status-500",
        "c48a01f49fd0f2cc",
    )
    other = entry._replace(seq=8, time=datetime(2026, 1, 2, 3, 4, 6, tzinfo=UTC), tenant=None, operation=None)
    first, last, heads, bodies = encode_batch([raw_of(entry), raw_of(other)])
    assert (first, last, list(decode_batch(heads, bodies))) == (7, 8, [entry, other])


def test_format_1_state_file_is_converted_with_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with served(path) as (api, admin, _):
        builders.product(api)
        api.post("/products", json={"name": "no sku"})
        api.get("/products", params={"page": 1})
        before = journal(admin)
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:  # as format 1 wrote it: a row an entry
        rows = [(entry.seq, entry.tenant, _format_1(entry)) for entry in _stored_entries(connection)]
        connection.execute("DROP TABLE journal")
        connection.execute("CREATE TABLE journal (seq INTEGER PRIMARY KEY, tenant TEXT, entry BLOB NOT NULL)")
        connection.executemany("INSERT INTO journal VALUES (?, ?, ?)", rows)
        connection.execute("PRAGMA user_version=1")
    with served(path) as (_, admin, _):
        assert journal(admin) == before
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        assert [entry.seq for entry in _stored_entries(connection)] == [entry["seq"] for entry in before]


def _stored_entries(connection: sqlite3.Connection) -> list[Entry]:
    rows = connection.execute("SELECT heads, bodies FROM journal ORDER BY first")
    return [entry for heads, bodies in rows for entry in decode_batch(heads, bodies)]


def _format_1(entry: Entry) -> bytes:
    head: list[object] = [entry.time.isoformat(), entry.method, entry.path, entry.query.decode("latin-1")]
    head += [entry.operation]
    head += [entry.status, entry.duration, entry.fault, entry.key, len(entry.request_body)]
    return orjson.dumps(head) + b"\n" + entry.request_body + entry.response_body


def test_report_from_a_state_file_equals_the_served_report(tmp_path: Path) -> None:
    path, out = tmp_path / "state.db", tmp_path / "report.json"
    with served(path) as (api, admin, _):
        admin.post("/runs", json={"tenant": "demo", "name": "offline"})
        builders.product(api)
        api.post("/products/1/inventory", json={"location": "Atlantis", "count_on_hand": 1})
        served_report = admin.get("/report", params={"run": 1}).json()
        assert main(["report", "--state", str(path), "--run", "1"]) == 2  # held by the running simulator
    assert main(["report", "--state", str(path), "--run", "1", "--format", "json", "--out", str(out)]) == 1
    offline = orjson.loads(out.read_bytes())
    assert {**offline, "generated_at": None} == {**served_report, "generated_at": None}


@pytest.mark.parametrize("argv", [["--run", "9"], ["--tenant", "nobody"]])
def test_report_from_a_state_file_without_that_scope_exits_2(tmp_path: Path, argv: list[str]) -> None:
    path = tmp_path / "state.db"
    with served(path) as (api, _, _):
        api.get("/ping")
    assert main(["report", "--state", str(path), *argv]) == 2


def test_report_from_a_file_that_is_not_a_state_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    assert main(["report", "--state", str(path)]) == 2
    assert main(["report", "--state", str(tmp_path / "missing.db")]) == 2


def _rows(path: Path) -> list[tuple[int, int, int]]:
    with closing(sqlite3.connect(path)) as connection:
        query = "SELECT first, last, length(heads) + length(bodies) FROM journal ORDER BY first"
        return [(first, last, size) for first, last, size in connection.execute(query)]


def test_state_file_keeps_the_journal_within_its_byte_budget(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    config = CONFIG.replace(journal_bytes=3000)
    with served(path, config) as (api, admin, _):
        for number in range(12):  # each write's commit takes the entries before it along, a row each
            builders.product(api, sku=f"SKU-{number}")
        kept = [entry["seq"] for entry in journal(admin)]
    rows = _rows(path)
    assert sum(size for _, _, size in rows[1:]) <= 3000 < sum(size for _, _, size in rows) + 3000
    assert rows[-1][1] == 12
    assert len(rows) < 12
    with served(path, config) as (_, admin, _):
        assert [entry["seq"] for entry in journal(admin)] == kept


def test_heavy_batch_is_written_in_rows_of_bounded_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_file, "ROW_BYTES", 100)
    path = tmp_path / "state.db"
    with served(path) as (api, admin, _):
        for _ in range(8):
            api.get("/products", params={"per_page": 100})  # over 100 bytes each: reads, flushed together
        before = journal(admin)
    rows = _rows(path)
    assert [(first, last) for first, last, _ in rows] == [(n, n) for n in range(1, 9)]
    with served(path) as (_, admin, _):
        assert journal(admin) == before
