"""The journal and the dry runs in the state file (`--state`): the tables `journal`, `runs`, `run_entities`.

simulator.persistence owns the file and its transactions; this module only stages rows and loads them.
- Journal entries are buffered as recorded and written by one deferred callback inside the next commit
  (the next write's, a run's start or end, the state file's flush at most a second later, or the one at
  shutdown), so recording stays a list append and a read pays no commit; a process killed with entries
  still buffered loses those (at most the last second's reads).
- One row holds a whole flushed batch (format 2): the entries' fields as one JSON array and their bodies
  as one blob, so a batch costs one `orjson.dumps`, one join and one insert. Format 1 stored a row per
  entry, and that per-entry work (encoding, inserting, the B-tree) cost a served `--state` simulator about
  a quarter of its GET throughput (bench/RESULTS.md, issue 7's target): a speed target needs this layout.
  Format 1 files are converted when opened for writing (`migrate_v1`) and still read as they are
  (`jasper-sim report --state` only reads).
  The file keeps the latest `retention` entries, in whole batches (so up to one batch more).
- A run is written when it starts and when it ends, each committed at once; the before-images a write
  adds to an open run join that write's own transaction (Runs is a commit listener), so a write in the
  file always has its run's before-image there too.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import orjson

from simulator.journal import Entry, Journal, Raw, raw_of
from simulator.persistence.file import JOURNAL_SCHEMA
from simulator.runs import Run, Runs
from simulator.store import EntityKey, Record

if TYPE_CHECKING:
    from simulator.persistence import Persistence

DEFAULT_RETENTION = 100_000  # journal entries kept in the state file (config `journal_retention`)
_MIGRATION_BATCH = 1000  # entries per row when a format 1 journal is converted
ROW_BYTES = 4 << 20  # bodies per journal row, about (a row holds whole entries)


def encode_batch(raws: list[Raw]) -> tuple[int, int, bytes, bytes]:
    """A batch of recorded entries as stored: its first and last sequence numbers, heads, bodies.

    `heads` holds one array per entry (seq, time, tenant, method, path, query, operation, status, duration,
    fault, key, request size, response size); each entry's request body and answer follow each other in
    `bodies`.
    """
    heads = []
    bodies: list[memoryview] = []
    for seq, stamp, tenant, method, path, query, operation, buffer, status, start, duration, fault, key, lr, ls in raws:
        query_text = query.decode("latin-1")
        time = datetime.fromtimestamp(stamp, UTC)  # the file keeps the time as text (format 2)
        heads.append((seq, time, tenant, method, path, query_text, operation, status, duration, fault, key, lr, ls))
        bodies.append(memoryview(buffer)[start : start + lr + ls])
    return raws[0][0], raws[-1][0], orjson.dumps(heads), b"".join(bodies)


def decode_batch(heads: bytes, bodies: bytes) -> Iterator[Entry]:
    """The entries of a stored batch, oldest first."""
    offset = 0
    for seq, time, tenant, method, path, query, operation, status, duration, fault, key, lr, ls in orjson.loads(heads):
        mid = offset + lr
        head = (seq, time, tenant, method, path, query, operation)
        yield _entry(head, bodies[offset:mid], status, bodies[mid : mid + ls], duration, fault, key)
        offset = mid + ls


def decode_v1(seq: int, tenant: str | None, blob: bytes) -> Entry:
    """An entry of a format 1 file: a JSON array of its fields, a newline, the request body, the answer
    (orjson never writes a raw newline, so the first one ends the head)."""
    head, _, bodies = bytes(blob).partition(b"\n")
    time, method, path, query, operation, status, duration, fault, key, request_size = orjson.loads(head)
    fields = (seq, time, tenant, method, path, query, operation)
    return _entry(fields, bodies[:request_size], status, bodies[request_size:], duration, fault, key)


def _entry(head: tuple[Any, ...], request: bytes, status: int, answer: bytes, *rest: Any) -> Entry:
    """An Entry from a stored head (seq, time text, tenant, method, path, query text, operation) and the
    rest of its fields, as both file formats keep them."""
    seq, time, tenant, method, path, query, operation = head
    when = datetime.fromisoformat(time)
    return Entry(seq, when, tenant, method, path, query.encode("latin-1"), operation, request, status, answer, *rest)


def migrate_v1(connection: sqlite3.Connection) -> None:
    """Convert a format 1 journal table to batches, inside the caller's transaction."""
    entries = [decode_v1(*row) for row in connection.execute("SELECT seq, tenant, entry FROM journal ORDER BY seq")]
    connection.execute("DROP TABLE journal")
    connection.execute(JOURNAL_SCHEMA)
    for first in range(0, len(entries), _MIGRATION_BATCH):
        batch = [raw_of(entry) for entry in entries[first : first + _MIGRATION_BATCH]]
        connection.execute("INSERT INTO journal VALUES (?, ?, ?, ?)", encode_batch(batch))


def _run_body(run: Run) -> bytes:
    return orjson.dumps(
        {
            "id": run.id,
            "tenant": run.tenant,
            "profile": run.profile,
            "name": run.name,
            "started_at": run.started_at.isoformat(),
            "ended_at": run.ended_at.isoformat() if run.ended_at is not None else None,
            "start_seq": run.start_seq,
            "end_seq": run.end_seq,
            "after": [[table, record_id, entity] for (table, record_id), entity in run.after.items()],
        }
    )


def run_from(body: bytes, before: dict[EntityKey, Record | None]) -> Run:
    """A run from its stored body and before-images."""
    data: dict[str, Any] = orjson.loads(body)
    ended = data["ended_at"]
    return Run(
        data["id"],
        data["tenant"],
        data["profile"],
        data["name"],
        datetime.fromisoformat(data["started_at"]),
        data["start_seq"],
        datetime.fromisoformat(ended) if ended is not None else None,
        data["end_seq"],
        before,
        {(table, record_id): entity for table, record_id, entity in data["after"]},
    )


@dataclass
class _Flushed:
    """What one flush took and changed, to put back if its commit fails (`DryRunFile._unflush`)."""

    entries: list[Raw]
    bytes: int  # the file's rows' bytes before it
    appended: int = 0  # rows it added
    dropped: list[tuple[int, int, int]] = field(default_factory=list)  # rows it deleted, oldest first


class DryRunFile:
    """The `Archive` of the journal and the `RunArchive` of the runs, on a state file.

    The file keeps the latest `retention` entries within `budget` bytes (the in-memory journal's budget,
    `journal_bytes`: what a restart can load back), in whole rows.
    """

    def __init__(self, persistence: Persistence, retention: int = DEFAULT_RETENTION, budget: int = 1 << 62) -> None:
        self._persistence = persistence
        self.retention = retention
        self.budget = budget
        self._buffer: list[Raw] = []
        self._buffered = 0  # bytes of bodies buffered
        self._rows: deque[tuple[int, int, int]] = deque()  # the file's rows: first, last, bytes
        self._bytes = 0  # bytes of the file's rows

    # --- the journal --------------------------------------------------------------------------------

    def keep(self, raw: Raw) -> None:
        """Buffer an entry; the first of a batch asks for a flush inside the next commit.

        Past `ROW_BYTES` of bodies the flush is asked for at once, so that a heavy read load (100-item
        pages) writes many small rows, each a short pause, rather than one row of a second's bodies,
        which stopped the event loop for over a second (bench/RESULTS.md, wrk's 2 s timeouts).
        """
        if not self._buffer:
            self._persistence.defer(self._flush)
        self._buffer.append(raw)
        self._buffered += raw[13] + raw[14]
        if self._buffered > ROW_BYTES:
            self._persistence.commit_soon()

    def _flush(self, connection: sqlite3.Connection) -> None:
        buffered, self._buffer, self._buffered = self._buffer, [], 0
        if not buffered:  # cleared since it was asked for
            return
        undo = _Flushed(buffered, self._bytes)
        self._persistence.on_rollback(lambda: self._unflush(undo))
        start = size = 0
        for index, raw in enumerate(buffered):  # rows of at most about ROW_BYTES of bodies
            size += raw[13] + raw[14]
            if size > ROW_BYTES or index == len(buffered) - 1:
                self._insert(connection, buffered[start : index + 1])
                undo.appended += 1
                start, size = index + 1, 0
        self._drop_old(connection, undo.dropped)

    def _unflush(self, undo: _Flushed) -> None:
        """The commit that carried `undo.entries` failed: take back its rows, keep the entries for the next.

        Entries recorded since then follow them. While commits keep failing (a full disk), the oldest
        waiting entries go once their bodies pass the byte budget, as the in-memory journal's do.
        """
        for _ in range(undo.appended):
            self._rows.pop()
        self._rows.extendleft(reversed(undo.dropped))
        self._bytes = undo.bytes
        if not self._buffer:
            self._persistence.defer(self._flush)
        self._buffer[:0] = undo.entries
        self._buffered += sum(raw[13] + raw[14] for raw in undo.entries)
        while len(self._buffer) > 1 and self._buffered > self.budget:
            dropped = self._buffer.pop(0)
            self._buffered -= dropped[13] + dropped[14]

    def _insert(self, connection: sqlite3.Connection, raws: list[Raw]) -> None:
        first, last, heads, bodies = encode_batch(raws)
        connection.execute("INSERT OR REPLACE INTO journal VALUES (?, ?, ?, ?)", (first, last, heads, bodies))
        size = len(heads) + len(bodies)
        self._rows.append((first, last, size))
        self._bytes += size
        self._persistence.written += size

    def _drop_old(self, connection: sqlite3.Connection, dropped: list[tuple[int, int, int]]) -> None:
        """Delete the oldest rows beyond the retention or the byte budget (the newest row always stays);
        the rows dropped are added to `dropped`, oldest first."""
        rows, cutoff = self._rows, self._rows[-1][1] - self.retention
        while len(rows) > 1 and (rows[0][1] <= cutoff or self._bytes > self.budget):
            dropped.append(rows.popleft())
            self._bytes -= dropped[-1][2]
        if dropped:
            connection.execute("DELETE FROM journal WHERE first <= ?", (dropped[-1][0],))

    def clear(self) -> None:
        """Forget the journal in the file too (buffered entries included)."""
        self._buffer.clear()
        self._buffered = 0
        self._rows.clear()
        self._bytes = 0
        self._persistence.stage("DELETE FROM journal")
        self._persistence.commit()

    # --- runs ---------------------------------------------------------------------------------------

    def save_run(self, run: Run) -> None:
        """Write a run (started or ended) and commit."""
        self._persistence.stage("INSERT OR REPLACE INTO runs VALUES (?, ?)", (run.id, _run_body(run)))
        self._persistence.commit()

    def save_before(self, run: Run, changes: list[tuple[EntityKey, Record | None]]) -> None:
        """Stage the before-images a write adds to a run, inside that write's transaction."""
        self._persistence.stage_many(
            "INSERT OR IGNORE INTO run_entities VALUES (?, ?, ?, ?)",
            [
                (run.id, table, record_id, orjson.dumps(before) if before is not None else None)
                for (table, record_id), before in changes
            ],
        )

    # --- start-up -----------------------------------------------------------------------------------

    def load(self, journal: Journal, runs: Runs) -> None:
        """Put the file's journal entries and runs back in memory (before serving)."""
        connection = self._persistence.connection
        restore(connection, journal, runs, retention=self.retention)
        for first, last, size in connection.execute(
            "SELECT first, last, length(heads) + length(bodies) FROM journal ORDER BY first"
        ):
            self._rows.append((first, last, size))
            self._bytes += size
        journal.archive = self
        runs.archive = self


def restore(connection: sqlite3.Connection, journal: Journal, runs: Runs, retention: int | None = None) -> None:
    """Load the journal and the runs of a state file (also used read-only by `jasper-sim report --state`).

    `retention`: only the latest that many entries (the file keeps whole batches, so it may hold a few more).
    """
    entries = _entries(connection)
    if retention is not None:
        newest = connection.execute("SELECT max(last) FROM journal").fetchone()[0] or 0
        entries = (entry for entry in entries if entry.seq > newest - retention)
    journal.restore(entries)
    before: dict[int, dict[EntityKey, Record | None]] = {}
    for run_id, table, record_id, image in connection.execute("SELECT run, tbl, id, before FROM run_entities"):
        before.setdefault(run_id, {})[(table, record_id)] = orjson.loads(image) if image is not None else None
    for run_id, body in connection.execute("SELECT id, body FROM runs ORDER BY id"):
        run = run_from(body, before.get(run_id, {}))
        runs.restore(run)
        journal.last_seq = max(journal.last_seq, run.start_seq, run.end_seq or 0)


def _entries(connection: sqlite3.Connection) -> Iterator[Entry]:
    if connection.execute("PRAGMA user_version").fetchone()[0] == 1:  # read as it is (report --state only reads)
        for seq, tenant, blob in connection.execute("SELECT seq, tenant, entry FROM journal ORDER BY seq"):
            yield decode_v1(seq, tenant, blob)
        return
    for heads, bodies in connection.execute("SELECT heads, bodies FROM journal ORDER BY first"):
        yield from decode_batch(heads, bodies)
