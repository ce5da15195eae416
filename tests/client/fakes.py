"""Test doubles for the client tests: a scripted tenant behind httpx2.MockTransport, and a fake clock."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2

from client import JasperClient, RetryPolicy

BASE_URL = "https://acme.pim.jasperpim.com/api/v1"
API_KEY = "jpk_7Hq2xV9mZt4LbR8sWc3N"  # long and distinctive, so a leak is easy to find
EPOCH = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

MakeJasper = Callable[..., JasperClient]  # the `make_jasper` fixture
Answer = httpx2.Response | Exception | Callable[[httpx2.Request], httpx2.Response]


def page(
    items: list[dict[str, Any]], *, number: int = 1, last: int = 1, per_page: int = 15, total: int = 0
) -> dict[str, Any]:
    """A list envelope as the contract declares it (contracts/wire.py: Page)."""
    return {
        "data": items,
        "links": {"first": None, "last": None, "prev": None, "next": None},
        "meta": {"current_page": number, "last_page": last, "per_page": per_page, "total": total or len(items)},
    }


class FakeTenant:
    """Answers each request with the next scripted answer (a response, an exception to raise, or a
    function of the request) and records every request it saw."""

    def __init__(self) -> None:
        self.requests: list[httpx2.Request] = []
        self._answers: deque[Answer] = deque()

    def answer(self, *answers: Answer) -> None:
        """Queue answers, used in order."""
        self._answers.extend(answers)

    def json(self, status: int, body: Any, **headers: str) -> None:
        """Queue one JSON answer."""
        self.answer(httpx2.Response(status, json=body, headers=headers))

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if not self._answers:
            raise AssertionError(f"unscripted request {request.method} {request.url}")
        answer = self._answers.popleft()
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx2.Response):
            return answer
        return answer(request)

    @property
    def calls(self) -> list[tuple[str, str]]:
        """(method, path?query) of every request, in order."""
        return [(r.method, r.url.raw_path.decode()) for r in self.requests]


@dataclass
class FakeTime:
    """A clock that only moves when the client sleeps (or a test advances it)."""

    monotonic: float = 0.0
    wall: datetime = EPOCH
    jitter: float = 0.5  # what random() answers
    slept: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self.monotonic += seconds
        self.wall += timedelta(seconds=seconds)

    def policy(self, **overrides: Any) -> RetryPolicy:
        """A retry policy on this fake time."""
        return RetryPolicy(
            sleep=self.sleep,
            random=lambda: self.jitter,
            clock=lambda: self.monotonic,
            now=lambda: self.wall,
            **overrides,
        )


def mock_jasper(
    tenant: FakeTenant, *, retry: RetryPolicy, base_url: str = BASE_URL, api_key: str = API_KEY
) -> JasperClient:
    """A JasperClient whose HTTP goes to `tenant`."""
    http = httpx2.Client(transport=httpx2.MockTransport(tenant.handle))
    return JasperClient(base_url, api_key, http, retry=retry)
