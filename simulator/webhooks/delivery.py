"""The webhook sender: queued by committed writes, sent by a background task, retried on the simulator's clock.

Never on the request path (../shared/DESIGN.md §9): the commit listener only builds the messages a write
fires; they are staged for the task once the write is committed (a write the state file could not keep
is undone, and its messages are dropped). Each attempt is a POST with the subscription's headers and a
Standard Webhooks signature (contracts/webhook_deliveries.py), through httpx2's async client with the
config's timeout; the answer's body is never read. A failed attempt is retried per the subscription's
policy, as it stands at that time, when the simulator's clock reaches the retry: a running clock gets
there by itself, a frozen one when `/_sim/clock/advance` moves it (which waits for the attempts that
came due). A deactivated subscription, a removed tenant or a replaced store (reset, import) ends the
retries. Queued messages live in memory only: a restart forgets them.

`GET /_sim/deliveries` lists the last 1000 attempts: time (simulator clock), URL, status or error,
duration, attempt number, next attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
from collections import deque
from datetime import UTC, datetime, timedelta
from time import perf_counter
from typing import TYPE_CHECKING, Any, Final

import standardwebhooks

from contracts import webhook_deliveries as wire_form
from contracts import wire
from contracts.webhooks import RetryPolicy
from simulator.clock import SimClock
from simulator.config import WebhookSettings
from simulator.routing import Exchange
from simulator.store import Changes, Record
from simulator.tenants import Tenants
from simulator.webhooks.events import Message, messages_for

if TYPE_CHECKING:
    import httpx2

RECORD_SIZE: Final = 1000
MAX_QUEUED: Final = 10_000  # messages waiting (first attempts and retries); beyond, new ones are recorded unsent
USER_AGENT: Final = "jasper-pim-sim-webhooks/0.1"
_OWN_HEADERS: Final = frozenset({"content-type", "user-agent", *wire_form.SIGNATURE_HEADERS})
_LOG = logging.getLogger("simulator")


class Deliveries:
    """Every queued message, the task that sends them, and the record of attempts."""

    def __init__(self, tenants: Tenants, clock: SimClock, settings: WebhookSettings) -> None:
        self._tenants = tenants
        self._clock = clock
        self._timeout = settings.timeout_seconds
        self._deliver = settings.deliver
        self._staged: deque[list[Message]] = deque()  # what committed writes fired, not yet queued
        self._queue: list[tuple[datetime, int, Message]] = []  # a heap by due time, then arrival
        self._arrivals = itertools.count()
        self._attempt_ids = itertools.count(1)
        self.attempts: deque[dict[str, Any]] = deque(maxlen=RECORD_SIZE)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._users = 0  # lifespans running
        self._http: httpx2.AsyncClient | None = None
        clock.listeners.append(self._poke)

    # --- the commit listener ------------------------------------------------------------------

    def __call__(self, exchange: Exchange, changes: Changes) -> None:
        """Stage the messages a committed write fires; they are sent once it is answered."""
        tenant = exchange.tenant
        if tenant is None or not tenant.store.webhooks:
            return
        messages = messages_for(tenant.name, tenant.store, changes, self._clock())
        if not messages:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # called outside a request: nothing can undo the write any more
            self._stage(exchange, messages)
            return
        # Runs once the writing request yields, so after the state file kept (or refused) the write: the
        # state file, the first commit listener, scheduled its commit before this (simulator.persistence).
        loop.call_soon(self._stage, exchange, messages)

    def _stage(self, exchange: Exchange, messages: list[Message]) -> None:
        if exchange.changes is not None:  # None: the write was undone (simulator.routing)
            self._staged.append(messages)
            self._poke()

    # --- the background task ------------------------------------------------------------------
    # One task sends, in the event loop of the lifespan that started it. Served, there is one loop; in
    # process every `with TestClient(app)` runs the lifespan in a loop of its own, so the task may have
    # to move: when its loop's lifespan ends while another is still on, the next poke starts it there.

    async def start(self) -> None:
        """Start sending in the background (the app's lifespan calls this)."""
        self._users += 1
        if self._task is None:
            self._start_task()

    async def stop(self) -> None:
        """Stop sending (when the last lifespan ends, or the one whose loop runs the task)."""
        self._users -= 1
        task = self._task
        if task is None or (self._users > 0 and self._loop is not asyncio.get_running_loop()):
            return
        self._task = None
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        http, self._http, self._loop = self._http, None, None
        if http is not None:
            await http.aclose()

    def _start_task(self) -> None:
        self._bind()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="webhook-deliveries")

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            await self._run_due()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._seconds_to_next())

    def _seconds_to_next(self) -> float | None:
        """Real seconds until the next retry comes due; None when only a clock change can bring it."""
        if self._staged:
            return 0.0
        if not self._queue or self._clock.frozen_at is not None:
            return None
        return max(0.0, (self._queue[0][0] - self._clock()).total_seconds())

    def _poke(self) -> None:
        """Wake the task (from any thread), or start it here if its lifespan ended while another is on."""
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        loop = self._loop
        if self._task is None and self._users > 0 and running is not None:
            self._start_task()
        elif loop is not None and loop is running:
            self._wake.set()
        elif loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    def _bind(self) -> None:
        """Use fresh asyncio primitives in a new event loop."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop = loop
            self._wake = asyncio.Event()
            self._lock = asyncio.Lock()
            self._http = None

    # --- sending --------------------------------------------------------------------------------

    async def run_due(self) -> int:
        """Make every attempt that is due now (what writes staged first); answers how many were made.

        The attempts are made by the sending task's event loop when there is one (in process, the caller
        may be in another)."""
        loop = self._loop
        if self._task is not None and loop is not None and loop is not asyncio.get_running_loop():
            return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self._run_due(), loop))
        return await self._run_due()

    async def _run_due(self) -> int:
        self._bind()
        async with self._lock:
            now = self._clock()
            while self._staged:
                for message in self._staged.popleft():
                    if len(self._queue) < MAX_QUEUED:
                        heapq.heappush(self._queue, (now, next(self._arrivals), message))
                    else:
                        hook = message.store.webhooks.get(message.webhook_id)
                        url = hook["callback_url"] if hook is not None else None
                        self.attempts.append(self._record(message, url, now, f"not sent: {MAX_QUEUED} messages wait"))
            made = 0
            while self._queue and self._queue[0][0] <= self._clock():
                _, _, message = heapq.heappop(self._queue)
                made += await self._attempt(message)
            return made

    async def _attempt(self, message: Message) -> int:
        tenant = self._tenants.by_name.get(message.tenant)
        hook = message.store.webhooks.get(message.webhook_id)
        if tenant is None or tenant.store is not message.store or hook is None:
            return 0  # the tenant or its store is gone, or the subscription was deactivated: nothing more
        at = self._clock()
        record = self._record(message, hook["callback_url"], at)
        if not self._deliver:
            record["error"] = "not sent: webhooks.deliver is false (a dry run)"
        elif not message.store.callbacks.allows(hook["callback_url"]):
            record["error"] = "the callback host is not allowed (webhooks.callback_hosts)"
        else:
            try:
                await self._send(hook, message, record)
            except Exception as error:  # one message that cannot be sent must not stop the sender for all
                _LOG.exception("webhook %s: cannot send message %s", message.webhook_id, message.id)
                record["error"] = f"not sent: {type(error).__name__}: {error}"
            status = record["status"]
            if status is None or not 200 <= status < 300:
                self._schedule_retry(hook, message, at, record)
        self.attempts.append(record)
        return 1

    def _record(self, message: Message, url: str | None, at: datetime, error: str | None = None) -> dict[str, Any]:
        return {
            "id": next(self._attempt_ids),
            "tenant": message.tenant,
            "webhook": message.webhook_id,
            "message": message.id,
            "type": message.type,
            "attempt": message.attempt,
            "url": url,
            "at": wire.format_timestamp(at),
            "status": None,
            "error": error,
            "duration_ms": 0.0,
            "next_attempt_at": None,
        }

    async def _send(self, hook: Record, message: Message, record: dict[str, Any]) -> None:
        secret = message.store.webhook_secrets.get(message.webhook_id, "")
        try:
            headers = _headers(hook, message, secret)
        except (ValueError, standardwebhooks.webhooks.EmptyWebhookSecretError) as error:
            record["error"] = f"cannot sign with the stored secret: {error}"
            return
        import httpx2  # noqa: PLC0415 (imported at the first delivery: a simulator that sends none starts sooner)

        if self._http is None:
            self._http = httpx2.AsyncClient(timeout=self._timeout, follow_redirects=False)
        started = perf_counter()
        try:
            async with self._http.stream(
                wire_form.METHOD, hook["callback_url"], content=message.body, headers=headers
            ) as response:
                record["status"] = response.status_code
        except httpx2.HTTPError as error:
            record["error"] = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        record["duration_ms"] = round((perf_counter() - started) * 1000, 3)

    def _schedule_retry(self, hook: Record, message: Message, at: datetime, record: dict[str, Any]) -> None:
        policy = RetryPolicy(hook["retry_policy"])
        wait = wire_form.next_retry(policy, hook["minimum_retry_interval"], hook["retry_limit"], message.attempt)
        if wait is None:
            return
        due = at + timedelta(seconds=wait)
        message.attempt += 1
        heapq.heappush(self._queue, (due, next(self._arrivals), message))
        record["next_attempt_at"] = wire.format_timestamp(due)

    # --- the record -----------------------------------------------------------------------------

    def describe(self, tenant: str | None = None, webhook: int | None = None) -> list[dict[str, Any]]:
        """The recorded attempts, oldest first, of one tenant and webhook when given."""
        return [
            attempt
            for attempt in self.attempts
            if (tenant is None or attempt["tenant"] == tenant) and (webhook is None or attempt["webhook"] == webhook)
        ]

    def clear(self) -> None:
        """Forget every attempt and every queued message."""
        self.attempts.clear()
        self._queue.clear()
        self._staged.clear()


def _headers(hook: Record, message: Message, secret: str) -> dict[bytes, bytes]:
    """The subscription's headers, then the delivery's own (which a subscription header cannot replace)."""
    sent = datetime.now(UTC)  # real time: the receiver checks it against its own clock (replay window)
    signature = standardwebhooks.Webhook(secret).sign(message.id, sent, message.body.decode())
    # Header values go out in wire_form.HEADER_ENCODING (assumed there); as `str`, httpx2 would encode them
    # as ASCII and fail on the first other character (names are tokens: ASCII). A value HTTP cannot carry is
    # refused by the HTTP library (CR, LF, NUL) and recorded as the attempt's error.
    headers = {name: value for name, value in hook["headers"].items() if name.lower() not in _OWN_HEADERS}
    headers.update(
        {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            wire_form.ID_HEADER: message.id,
            wire_form.TIMESTAMP_HEADER: str(int(sent.timestamp())),
            wire_form.SIGNATURE_HEADER: signature,
        }
    )
    encoding = wire_form.HEADER_ENCODING
    return {name.encode(encoding): value.encode(encoding) for name, value in headers.items()}
