"""Group commit: the writes of one turn of the event loop share one commit of the state file, and share
its fate: all kept, or all undone and answered 503."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Coroutine, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import orjson
import pytest

from simulator.app import SimulatorApp, create_app
from simulator.config import DEMO_KEY, SimConfig, TenantConfig

CONFIG = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)])
T = TypeVar("T")
HEADERS = [(b"host", b"127.0.0.1"), (b"authorization", f"Bearer {DEMO_KEY}".encode())]


class CountingConnection:
    """The state file's connection, counting its commits and failing them on demand."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.commits = 0
        self.fail = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        if sql == "COMMIT":
            self.commits += 1
            if self.fail:
                raise sqlite3.OperationalError("disk I/O error")
        return self.connection.execute(sql, parameters)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[SimulatorApp]:
    app = create_app(CONFIG, state_file=tmp_path / "state.db")
    try:
        yield app
    finally:
        app.state.persistence.close()


def counting(app: SimulatorApp) -> CountingConnection:
    connection = app.state.persistence.connection = CountingConnection(app.state.persistence.connection)
    return connection


async def call(app: SimulatorApp, method: str, path: str, body: object = None) -> tuple[int, Any]:
    """One request through the ASGI app: its status and JSON body."""
    raw = orjson.dumps(body) if body is not None else b""
    extra = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())] if raw else []
    scope = {"type": "http", "http_version": "1.1", "method": method, "scheme": "http", "path": path,
             "raw_path": path.encode(), "root_path": "", "query_string": b"", "headers": HEADERS + extra,
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 50000)}  # fmt: skip
    answer: dict[str, Any] = {}

    async def receive() -> MutableMapping[str, Any]:
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message.get("body"):
            answer["body"] = orjson.loads(message["body"])

    await app(scope, receive, send)
    return answer["status"], answer.get("body")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` in a thread of its own: the main thread may hold another loop (playwright's sync API)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def products_at_once(app: SimulatorApp, count: int) -> list[tuple[int, Any]]:
    posts = [call(app, "POST", "/api/v1/products", {"name": f"P{n}", "sku": f"SKU-{n}"}) for n in range(count)]
    return list(await asyncio.gather(*posts))


def test_concurrent_writes_share_one_commit_and_are_kept(app: SimulatorApp, tmp_path: Path) -> None:
    connection = counting(app)

    answers = run(products_at_once(app, 5))

    assert [(status, body["sku"]) for status, body in answers] == [(201, f"SKU-{n}") for n in range(5)]
    assert connection.commits == 1
    app.state.persistence.close()
    again = create_app(CONFIG, state_file=tmp_path / "state.db")
    try:
        assert [product["sku"] for product in again.state.tenants.by_name["demo"].store.products.values()] == [
            f"SKU-{n}" for n in range(5)
        ]
    finally:
        again.state.persistence.close()


def test_failed_group_commit_undoes_every_write_of_the_group(app: SimulatorApp) -> None:
    connection = counting(app)
    connection.fail = True

    answers = run(products_at_once(app, 3))

    connection.fail = False
    assert [(status, body["code"]) for status, body in answers] == [(503, "state_write_failed")] * 3
    assert connection.commits == 1
    assert app.state.tenants.by_name["demo"].store.products == {}


def test_write_after_a_failed_group_commit_is_kept(app: SimulatorApp) -> None:
    connection = counting(app)
    connection.fail = True
    assert [status for status, _ in run(products_at_once(app, 2))] == [503, 503]
    connection.fail = False

    status, body = run(call(app, "POST", "/api/v1/products", {"name": "Kept", "sku": "KEPT"}))

    assert (status, body["id"]) == (201, 3)  # ids are never handed out again, even those of undone writes
    assert [product["sku"] for product in app.state.tenants.by_name["demo"].store.products.values()] == ["KEPT"]


def test_journal_entries_of_a_failed_commit_are_written_by_the_next(app: SimulatorApp, tmp_path: Path) -> None:
    # The reads' entries wait for a commit; the first one to come (a write's) fails, so they must go in the
    # next. Before, the failed commit took them from the buffer and they were lost to the file.
    connection = counting(app)

    async def calls() -> list[int]:
        statuses = [(await call(app, "GET", "/api/v1/products"))[0] for _ in range(3)]
        connection.fail = True
        statuses.append((await call(app, "POST", "/api/v1/products", {"name": "Lost", "sku": "LOST"}))[0])
        connection.fail = False
        statuses.append((await call(app, "POST", "/api/v1/products", {"name": "Kept", "sku": "KEPT"}))[0])
        return statuses

    assert run(calls()) == [200, 200, 200, 503, 201]
    assert connection.commits == 2
    app.state.persistence.close()
    again = create_app(CONFIG, state_file=tmp_path / "state.db")
    try:
        kept = [(entry.seq, entry.method, entry.status) for entry in again.state.journal]
    finally:
        again.state.persistence.close()
    assert kept == [(1, "GET", 200), (2, "GET", 200), (3, "GET", 200), (4, "POST", 503), (5, "POST", 201)]
