"""Observers: code that sees every request a `JasperClient` sends, and its answer, without changing them.

An observer is any object with `on_request(operation, request)` and `on_response(operation, response)`
(`operation` is the contract's operationId). While `observing(observer)` is active, every JasperClient
calls it for each attempt it sends (retries included), whichever client built the request and whatever
`httpx2.Client` carries it, so a test can check the traffic of clients it never sees being built (inside
a write path, say). `client.contract_check.ContractRecorder` is one: it validates the traffic against the
committed OpenAPI documents (the pytest plugin's consumer verification).

The active observers are a context variable: they apply to the code running in the context that
entered `observing` (a thread started inside it sees none, as with any `contextvars` value, unless it
runs in a copy of that context, as `asyncio.to_thread` and anyio's threads do).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final, Protocol

import httpx2


class Observer(Protocol):
    """Sees each request a JasperClient sends and each answer it gets (it must not consume or change them)."""

    def on_request(self, operation: str, request: httpx2.Request) -> None:
        """Called just before `request` is sent."""

    def on_response(self, operation: str, response: httpx2.Response) -> None:
        """Called with the answer (its body read) to a request this observer saw."""


_ACTIVE: Final[ContextVar[tuple[Observer, ...]]] = ContextVar("jasper_client_observers", default=())


@contextmanager
def observing(observer: Observer) -> Iterator[Observer]:
    """Call `observer` for every request any JasperClient sends inside the block."""
    token = _ACTIVE.set((*_ACTIVE.get(), observer))
    try:
        yield observer
    finally:
        _ACTIVE.reset(token)


def active() -> tuple[Observer, ...]:
    """The observers of the current context, outermost first."""
    return _ACTIVE.get()
