"""When and how long to wait before sending a request again.

Only idempotent methods are retried (GET, PUT, DELETE): a POST that timed out may have created its
object already, and Jasper documents no idempotency key (VZ-CONV), so a blind retry could create it
twice. The write paths recover a lost create by looking the object up instead.

Retried: 408, 429 and 5xx answers, and transport failures (refused or dropped connections, timeouts).
A `Retry-After` header (seconds or an HTTP date) is honoured; otherwise the wait grows exponentially
with full jitter. Both the number of attempts and the total time are bounded. Jasper documents no rate
limit and no 429 (reference §2.8), so these defaults are ours (assumed), sized for a sync job.

The sleep, the random source and the clocks are injectable, so tests take no wall time.
"""

from __future__ import annotations

import logging
import random as random_module
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final

import httpx2

RETRYABLE_METHODS: Final = frozenset({"GET", "PUT", "DELETE"})
RETRYABLE_STATUSES: Final = frozenset({408, 429})  # plus every 5xx

log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounds and backoff of retries; `RetryPolicy.disabled()` sends every request once."""

    max_attempts: int = 4  # first try included
    backoff: float = 0.5  # ceiling of the first wait, seconds; doubles each retry
    max_backoff: float = 8.0  # ceiling of any computed wait
    max_elapsed: float = 60.0  # no retry starts once this much time has passed since the first try
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    random: Callable[[], float] = field(default=random_module.random, repr=False)  # uniform in [0, 1)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    now: Callable[[], datetime] = field(default=_utc_now, repr=False)  # for HTTP-date Retry-After

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """A policy that never retries."""
        return cls(max_attempts=1)

    def retries(self, method: str) -> bool:
        """True when requests of this method may be sent again."""
        return self.max_attempts > 1 and method.upper() in RETRYABLE_METHODS

    def backoff_delay(self, attempt: int) -> float:
        """Full-jitter exponential wait after failed attempt number `attempt` (1-based)."""
        ceiling = min(self.max_backoff, self.backoff * 2.0 ** (attempt - 1))
        return self.random() * ceiling

    def retry_after(self, response: httpx2.Response) -> float | None:
        """The wait a `Retry-After` header asks for, in seconds (never negative), or None."""
        value = response.headers.get("retry-after", "").strip()
        if not value:
            return None
        if value.isdigit():
            return float(value)
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max(0.0, (moment - self.now()).total_seconds())

    def send(self, method: str, send_once: Callable[[], httpx2.Response]) -> httpx2.Response:
        """Send with retries; returns the last answer, or raises the last transport error."""
        started = self.clock()
        attempt = 1
        while True:
            try:
                response = send_once()
            except httpx2.TransportError as exc:
                wait = self._wait(method, attempt, started, None)
                if wait is None:
                    raise
                log.debug("retrying %s after %.2fs: %s", method, wait, type(exc).__name__)
            else:
                if not _retryable_status(response.status_code):
                    return response
                wait = self._wait(method, attempt, started, response)
                if wait is None:
                    return response
                log.debug("retrying %s after %.2fs: status %d", method, wait, response.status_code)
            self.sleep(wait)
            attempt += 1

    def _wait(self, method: str, attempt: int, started: float, response: httpx2.Response | None) -> float | None:
        """How long to wait before the next attempt, or None to give up."""
        if not self.retries(method) or attempt >= self.max_attempts:
            return None
        asked = self.retry_after(response) if response is not None else None
        wait = asked if asked is not None else self.backoff_delay(attempt)
        if self.clock() - started + wait > self.max_elapsed:
            return None
        return wait


def _retryable_status(status: int) -> bool:
    return status in RETRYABLE_STATUSES or 500 <= status <= 599
