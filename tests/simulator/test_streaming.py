"""A request body as a server streams it: in several ASGI messages, or cut off by the client going away.

Starlette's TestClient hands the app a whole body in one message, so these tests call the app as a
server would, with their own `receive`.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.config import DEMO_KEY

Message = dict[str, Any]


def _post_products(messages: list[Message]) -> tuple[list[Message], Any]:
    """Run one POST /api/v1/products with the given `receive` messages; the messages sent, and the app."""
    app = create_app()
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/v1/products", "raw_path": b"/api/v1/products", "root_path": "", "query_string": b"",
        "headers": [
            (b"host", b"testserver"), (b"authorization", f"Bearer {DEMO_KEY}".encode()),
            (b"content-type", b"application/json"),
        ],
        "server": ("testserver", 80), "client": ("127.0.0.1", 5000),
    }  # fmt: skip
    pending = list(messages)
    sent: list[Message] = []

    async def receive() -> Message:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    handler: Callable[[Any, Any, Any], Coroutine[Any, Any, None]] = app
    # in a thread of its own: the test's thread may already run an event loop (left by another test)
    runner = threading.Thread(target=lambda: asyncio.run(handler(scope, receive, send)))
    runner.start()
    runner.join()
    return sent, app


def _status_and_body(sent: list[Message]) -> tuple[int, bytes]:
    return sent[0]["status"], b"".join(message.get("body", b"") for message in sent[1:])


def test_create_product_body_in_several_messages_is_read_whole() -> None:
    sent, app = _post_products(
        [
            {"type": "http.request", "body": b'{"name": "Mug", ', "more_body": True},
            {"type": "http.request", "body": b"", "more_body": True},
            {"type": "http.request", "body": b'"sku": "MUG-1"}', "more_body": False},
        ]
    )
    status, body = _status_and_body(sent)
    with TestClient(app, headers={"Authorization": f"Bearer {DEMO_KEY}"}) as client:
        stored = client.get("/api/v1/products/1").json()
    assert (status, json.loads(body), stored["name"], stored["sku"]) == (201, stored, "Mug", "MUG-1")


def test_create_product_client_gone_mid_body_gets_no_answer_and_changes_nothing() -> None:
    sent, app = _post_products(
        [
            {"type": "http.request", "body": b'{"name": "Mug", "sku": "MUG-1"}', "more_body": True},
            {"type": "http.disconnect"},
        ]
    )
    assert (sent, dict(app.state.tenants.by_name["demo"].store.products)) == ([], {})
