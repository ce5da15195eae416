"""The request journal: every API call with its bodies, in a ring bounded by a byte budget.

The dry-run record (../shared/DESIGN.md §9, "one record of what happened"). `record` is on the hot path
of every request, so it only builds one tuple of what the router already holds (the raw request and
answer bytes, never decoded or copied) and appends it; decoding happens when the journal is read
(`describe`). The oldest entries are dropped once the entries' bytes pass the budget, and the journal
counts how many were. Never the `Authorization` header or a key: a key's fingerprint at most.

With a state file, each entry is also handed to an `Archive` (simulator.journal_file), which writes it
inside the next commit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from time import perf_counter
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import orjson

from contracts import wire
from simulator.clock import SimClock

if TYPE_CHECKING:
    from simulator.routing import Exchange
    from simulator.tenants import Tenants

DEFAULT_BUDGET = 64 * 1024 * 1024  # bytes of bodies and paths kept in memory (config `journal_bytes`)
# What an entry costs beyond its bodies and path: the tuple, its datetime, float and small ints.
ENTRY_OVERHEAD = 256


class Entry(NamedTuple):
    """One API call as recorded: raw bytes, decoded only by `describe`."""

    seq: int
    time: datetime  # the simulator's clock when the answer was ready
    tenant: str | None  # None: no tenant could be told (unknown key and host)
    method: str
    path: str
    query: bytes
    operation: str | None  # None: no route of the tenant's profile matched
    request_body: bytes
    status: int
    response_body: bytes
    duration: float  # seconds from arrival to the answer
    fault: str | None  # the fault rule applied, if any
    key: str | None  # the fingerprint of the key used, once authenticated

    @property
    def size(self) -> int:
        """What the entry counts against the byte budget."""
        return len(self.request_body) + len(self.response_body) + len(self.path) + len(self.query) + ENTRY_OVERHEAD

    @property
    def code(self) -> str | None:
        """The error code of the answer (`code` of the error body), None for a success."""
        if self.status < 400:
            return None
        body = decode(self.response_body)
        code = body.get("code") if isinstance(body, dict) else None
        return code if isinstance(code, str) else None


# An entry as recorded, a plain tuple: (seq, stamp, tenant, method, path, query, operation, buffer, status,
# start, duration, fault, key, request length, response length); `stamp` is the simulator's clock as POSIX
# seconds (`SimClock.stamp`: a datetime per call cost a third of `record`), and the bodies are bytes of
# `buffer` from `start`. Two measured choices keep `record` cheap (bench/journal_cost.py): a tuple, not an Entry (a
# NamedTuple's Python-level __new__ cost more than the rest of `record`), and the bodies copied into a
# shared 1 MiB buffer rather than kept as they came: keeping each answer's own bytes object scattered
# them through the heap, so every request touched fresh memory (a page fault per request, measured);
# filled in order, a buffer takes a page fault per 4 KiB of bodies. An answer the render cache keeps
# (`exchange.kept`: GET /products/{id}) is not copied: the entry's buffer is that bytes object itself, which
# nothing changes, so reading one product again and again adds no body bytes to memory. `entry_of` turns
# one into an Entry.
Raw = tuple[Any, ...]
_BUFFER = 1024 * 1024
_OWN_BUFFER = _BUFFER // 4  # bodies larger than this get a buffer of their own


def _size(raw: Raw) -> int:
    """`Entry.size` of a raw entry."""
    size: int = raw[13] + raw[14] + len(raw[4]) + len(raw[5]) + ENTRY_OVERHEAD
    return size


def entry_of(raw: Raw) -> Entry:
    """The Entry of a raw entry (its bodies copied out of the buffer)."""
    seq, stamp, tenant, method, path, query, operation, buffer, status, start, duration, fault, key, lr, ls = raw
    mid = start + lr
    request_body, response_body = bytes(buffer[start:mid]), bytes(buffer[mid : mid + ls])
    time = datetime.fromtimestamp(stamp, UTC)
    return Entry(
        seq, time, tenant, method, path, query, operation, request_body, status, response_body, duration, fault, key
    )


def raw_of(entry: Entry) -> Raw:
    """A raw entry of an Entry (entries restored from the state file: their bodies are one buffer)."""
    buffer = entry.request_body + entry.response_body
    head = (entry.seq, entry.time.timestamp(), *entry[2:7])
    return (*head, buffer, entry.status, 0, *entry[10:], len(entry.request_body), len(entry.response_body))


class Archive(Protocol):
    """Where entries go besides memory (the state file)."""

    def keep(self, raw: Raw) -> None:
        """Keep one entry as recorded (a `Raw` tuple: `entry_of` reads it)."""
        ...

    def clear(self) -> None: ...


class Journal:
    """The API calls of every tenant, oldest first, within `budget` bytes (0: record nothing)."""

    def __init__(self, tenants: Tenants, budget: int = DEFAULT_BUDGET) -> None:
        self._tenants = tenants
        self.budget = budget
        self._entries: deque[Raw] = deque()
        self._bytes = 0
        self.dropped = 0  # entries dropped for the budget (or cleared) since start
        self.last_seq = 0  # the sequence number of the latest entry (0 before the first)
        self.archive: Archive | None = None
        self._buffer = bytearray(0)
        self._used = 0  # bytes of `_buffer` filled

    def record(self, exchange: Exchange, status: int, payload: bytes) -> None:
        """Remember one call; the oldest entries go when the budget is passed."""
        tenant, route, grant, scope = exchange.tenant, exchange.route, exchange.grant, exchange.scope
        body, path, query = exchange.request_body, scope["path"], scope["query_string"]
        lr, ls = len(body), len(payload)
        buffer: bytes | bytearray
        if exchange.kept and not lr:  # the render cache's own bytes: referenced, not copied (never changed)
            buffer, start = payload, 0
        elif lr + ls <= _OWN_BUFFER:
            start = self._used
            if start + lr + ls > len(self._buffer):
                self._buffer = bytearray(_BUFFER)
                start = 0
            buffer = self._buffer
            mid = start + lr
            buffer[start:mid] = body  # same-length slice assignment: a copy, no resize
            buffer[mid : mid + ls] = payload
            self._used = mid + ls
        else:
            buffer, start = body + payload, 0
        self.last_seq = seq = self.last_seq + 1
        # the simulator's one clock, read each time (it can be frozen or moved at run time), as POSIX seconds
        clock = self._tenants.clock
        raw = (
            seq,
            clock.stamp() if type(clock) is SimClock else clock().timestamp(),
            tenant.config.name if tenant is not None else None,
            scope["method"],
            path,
            query,
            route.op.id if route is not None else None,
            buffer,
            status,
            start,
            perf_counter() - exchange.started,
            exchange.fault,
            grant.fingerprint if grant is not None else None,
            lr,
            ls,
        )
        self._entries.append(raw)
        self._bytes += lr + ls + len(path) + len(query) + ENTRY_OVERHEAD
        if self.archive is not None:
            self.archive.keep(raw)
        if self._bytes > self.budget:
            self._trim()

    def _trim(self) -> None:
        """Drop the oldest entries down to 15/16 of the budget: in bursts, not one per call once full.

        Dropping one entry per call kept the oldest and newest memory both in use on every request; a
        served simulator's journal cost ~25% more CPU per GET once full (bench/RESULTS.md, issue 8's
        within-10% target). A burst every few thousand calls frees together what was allocated together.
        """
        entries, floor = self._entries, self.budget - self.budget // 16
        while entries and self._bytes > floor:
            self._bytes -= _size(entries.popleft())
            self.dropped += 1

    def restore(self, entries: Iterable[Entry]) -> None:
        """Load entries kept in the state file (oldest first) at start-up."""
        for entry in entries:
            self._entries.append(raw_of(entry))
            self._bytes += entry.size
            self.last_seq = max(self.last_seq, entry.seq)
        self._trim()

    def clear(self) -> None:
        """Forget every entry (the sequence goes on)."""
        if self.archive is not None:
            self.archive.clear()
        self.dropped += len(self._entries)
        self._entries.clear()
        self._bytes = 0

    @property
    def held_bytes(self) -> int:
        """What the entries held now count against the budget."""
        return self._bytes

    @property
    def oldest_seq(self) -> int | None:
        """The sequence number of the oldest entry held, None when empty."""
        return int(self._entries[0][0]) if self._entries else None

    def __len__(self) -> int:
        return len(self._entries)

    def after(self, seq: int) -> list[Entry]:
        """The entries with a sequence number above `seq`, oldest first (a copy: safe while requests run)."""
        entries = list(self._entries)
        return [entry_of(raw) for raw in entries[bisect_right(entries, seq, key=_seq) :]]

    def get(self, seq: int) -> Entry | None:
        """The entry with this sequence number, if it is still held."""
        entries = list(self._entries)
        index = bisect_right(entries, seq, key=_seq) - 1
        return entry_of(entries[index]) if index >= 0 and entries[index][0] == seq else None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.after(0))


class _NotRecording:
    """The router's journal when the journal is off (`journal_bytes` 0): nothing at all happens per call."""

    def record(self, exchange: Exchange, status: int, payload: bytes) -> None:
        """Record nothing."""


NOT_RECORDING = _NotRecording()


def _seq(raw: Raw) -> int:
    seq: int = raw[0]
    return seq


def decode(raw: bytes) -> Any:
    """A body as JSON when it is JSON, else as text; None when empty."""
    if not raw:
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return raw.decode("utf-8", errors="replace")


def describe(entry: Entry, *, bodies: bool = True) -> dict[str, Any]:
    """An entry as the control plane shows it (bodies decoded)."""
    described: dict[str, Any] = {
        "seq": entry.seq,
        "time": wire.format_timestamp(entry.time),
        "tenant": entry.tenant,
        "method": entry.method,
        "path": entry.path,
        "query": entry.query.decode("latin-1"),
        "operation": entry.operation,
        "status": entry.status,
        "code": entry.code,
        "duration_ms": round(entry.duration * 1000, 3),
        "fault": entry.fault,
        "key": entry.key,
    }
    if bodies:
        described["request_body"] = decode(entry.request_body)
        described["response_body"] = decode(entry.response_body)
    return described
