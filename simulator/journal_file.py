"""The journal and the dry runs in the state file (`--state`): the tables `journal`, `runs`, `run_entities`.

simulator.persistence owns the file and its transactions; this module only stages rows and loads them.
- Journal entries are buffered as recorded and written by one deferred callback inside the next commit
  (the next write's, a run's start or end, the state file's flush at most a second later, or the one at
  shutdown), so recording stays a list append and a read pays no commit; a process killed with entries
  still buffered loses those (at most the last second's reads).
  The file keeps the latest `retention` entries.
- A run is written when it starts and when it ends, each committed at once; the before-images a write
  adds to an open run join that write's own transaction (Runs is a commit listener), so a write in the
  file always has its run's before-image there too.
Entries are stored raw: a JSON head, a newline, then the request body and the answer as they were.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson

from simulator.journal import Entry, Journal, Raw, entry_of
from simulator.runs import Run, Runs
from simulator.store import EntityKey, Record

if TYPE_CHECKING:
    from simulator.persistence import Persistence

DEFAULT_RETENTION = 100_000  # journal entries kept in the state file (config `journal_retention`)


def encode(entry: Entry) -> bytes:
    """An entry as stored: its fields as a JSON array, a newline, the request body, the answer."""
    head = [
        entry.time.isoformat(),
        entry.method,
        entry.path,
        entry.query.decode("latin-1"),
        entry.operation,
        entry.status,
        entry.duration,
        entry.fault,
        entry.key,
        len(entry.request_body),
    ]
    return orjson.dumps(head) + b"\n" + entry.request_body + entry.response_body


def decode(seq: int, tenant: str | None, blob: bytes) -> Entry:
    """An entry from its stored form (orjson never writes a raw newline, so the first one ends the head)."""
    head, _, bodies = bytes(blob).partition(b"\n")
    time, method, path, query, operation, status, duration, fault, key, request_size = orjson.loads(head)
    return Entry(
        seq,
        datetime.fromisoformat(time),
        tenant,
        method,
        path,
        query.encode("latin-1"),
        operation,
        bodies[:request_size],
        status,
        bodies[request_size:],
        duration,
        fault,
        key,
    )


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


class DryRunFile:
    """The `Archive` of the journal and the `RunArchive` of the runs, on a state file."""

    def __init__(self, persistence: Persistence, retention: int = DEFAULT_RETENTION) -> None:
        self._persistence = persistence
        self.retention = retention
        self._buffer: list[Raw] = []

    # --- the journal --------------------------------------------------------------------------------

    def keep(self, raw: Raw) -> None:
        """Buffer an entry; the first of a batch asks for a flush inside the next commit."""
        if not self._buffer:
            self._persistence.defer(self._flush)
        self._buffer.append(raw)

    def _flush(self, connection: sqlite3.Connection) -> None:
        buffered, self._buffer = self._buffer, []
        if not buffered:
            return
        entries = [entry_of(raw) for raw in buffered]
        connection.executemany(
            "INSERT OR REPLACE INTO journal VALUES (?, ?, ?)",
            [(entry.seq, entry.tenant, encode(entry)) for entry in entries],
        )
        connection.execute("DELETE FROM journal WHERE seq <= ?", (entries[-1].seq - self.retention,))

    def clear(self) -> None:
        """Forget the journal in the file too (buffered entries included)."""
        self._buffer.clear()
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
        restore(connection, journal, runs)
        journal.archive = self
        runs.archive = self


def restore(connection: sqlite3.Connection, journal: Journal, runs: Runs) -> None:
    """Load the journal and the runs of a state file (also used read-only by `jasper-sim report --state`)."""
    journal.restore(_entries(connection))
    before: dict[int, dict[EntityKey, Record | None]] = {}
    for run_id, table, record_id, image in connection.execute("SELECT run, tbl, id, before FROM run_entities"):
        before.setdefault(run_id, {})[(table, record_id)] = orjson.loads(image) if image is not None else None
    for run_id, body in connection.execute("SELECT id, body FROM runs ORDER BY id"):
        run = run_from(body, before.get(run_id, {}))
        runs.restore(run)
        journal.last_seq = max(journal.last_seq, run.start_seq, run.end_seq or 0)


def _entries(connection: sqlite3.Connection) -> Iterator[Entry]:
    for seq, tenant, blob in connection.execute("SELECT seq, tenant, entry FROM journal ORDER BY seq"):
        yield decode(seq, tenant, blob)
