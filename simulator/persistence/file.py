"""Opening a state file: one SQLite database (standard library `sqlite3`, WAL), held by one simulator.

A state file is recognised by its SQLite `application_id` and versioned by `user_version`. A file that
is not a state file (not SQLite, another application's database, a corrupt page) or of a newer format
is refused with one line naming it, before anything is written to it: the checks run on a read-only
connection first. The writer connection runs in `locking_mode=EXCLUSIVE`, so while one simulator holds
the file no other process can read or write it (SQLite's own lock, released by the kernel if the holder
dies, so a `kill -9` leaves no stale lock); a second simulator is refused with a message saying so.

Durability: `synchronous=NORMAL` in WAL mode. A commit is in the WAL before the answer is sent, so it
survives the process being killed at any moment; an operating-system crash or power loss may lose the
last commits (`synchronous=FULL` would fsync every write, an order of magnitude slower).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Final

APPLICATION_ID: Final = 0x4A53494D  # "JSIM"
# SQLite's own checkpoint inside a commit, as a backstop only: simulator.persistence checkpoints in a
# worker thread long before the WAL holds this many pages (about 40 MB)
AUTO_CHECKPOINT_PAGES: Final = 10_000
FORMAT_VERSION: Final = 2  # 2: the journal in batches (simulator.journal_file); 1 is converted on open

JOURNAL_SCHEMA: Final = (
    "CREATE TABLE journal (first INTEGER PRIMARY KEY, last INTEGER NOT NULL, heads BLOB NOT NULL, bodies BLOB NOT NULL)"
)
SCHEMA: Final = (
    # one row per tenant: its settings (TenantSettings as JSON), where it came from, and which
    # generation of its records is live (an import writes a new generation, then flips to it)
    """CREATE TABLE tenants (
        name TEXT PRIMARY KEY, settings BLOB NOT NULL, origin TEXT NOT NULL, gen INTEGER NOT NULL
    )""",
    # keys by SHA-256 digest; a revoked config-file key stays here as revoked, so a restart with the
    # same config does not bring it back
    """CREATE TABLE keys (
        digest BLOB PRIMARY KEY, tenant TEXT NOT NULL, permissions BLOB, origin TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
    )""",
    # every entity of every tenant, as TenantStore.entity gives it (JSON)
    """CREATE TABLE records (
        tenant TEXT NOT NULL, gen INTEGER NOT NULL, tbl TEXT NOT NULL, id INTEGER NOT NULL, body BLOB NOT NULL,
        PRIMARY KEY (tenant, gen, tbl, id)
    ) WITHOUT ROWID""",
    # the next id of each table, so that a restart never hands out an id again
    """CREATE TABLE sequences (
        tenant TEXT NOT NULL, gen INTEGER NOT NULL, tbl TEXT NOT NULL, next INTEGER NOT NULL,
        PRIMARY KEY (tenant, gen, tbl)
    ) WITHOUT ROWID""",
    # the request journal and dry runs (simulator.journal, simulator.runs): opaque batches of entries
    JOURNAL_SCHEMA,
    "CREATE TABLE runs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)",
    """CREATE TABLE run_entities (
        run INTEGER NOT NULL, tbl TEXT NOT NULL, id INTEGER NOT NULL, before BLOB,
        PRIMARY KEY (run, tbl, id)
    ) WITHOUT ROWID""",
)


class StateFileError(Exception):
    """The file cannot be used as a state file; the message is one line naming it."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


def open_state_file(path: Path) -> tuple[sqlite3.Connection, bool]:
    """The writer connection of a state file (created if missing) and whether it is new.

    Raises `StateFileError` for a file that is not a state file, is corrupt, is of a newer format, or is
    held by another running simulator; the file is then left as it was (the checks only read).
    """
    exists = path.exists() and path.stat().st_size > 0
    if path.exists() and not path.is_file():
        raise StateFileError(f"{path}: not a file")
    try:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise StateFileError(f"{path}: cannot open it ({error})") from None
    try:
        connection.execute("PRAGMA busy_timeout=0")
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        # the lock is taken here and kept (EXCLUSIVE locking mode); the checks below only read
        connection.execute("BEGIN EXCLUSIVE")
        if exists:
            _upgrade(connection, _check(path, connection))
        else:
            connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version={FORMAT_VERSION}")
            for statement in SCHEMA:
                connection.execute(statement)
        connection.execute("COMMIT")
        mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode != "wal":
            raise StateFileError(f"{path}: cannot switch it to WAL mode (journal mode is {mode})")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(f"PRAGMA wal_autocheckpoint={AUTO_CHECKPOINT_PAGES}")
    except sqlite3.OperationalError as error:
        connection.close()
        if "locked" in str(error):
            raise StateFileError(
                f"{path}: held by another running simulator (the file is locked); stop it first, or use its "
                "control plane (/_sim/state)"
            ) from None
        raise StateFileError(f"{path}: cannot use it as a state file ({error})") from None
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StateFileError(f"{path}: not a state file, or corrupt ({error})") from None
    except BaseException:
        connection.close()
        raise
    return connection, not exists


def _check(path: Path, connection: sqlite3.Connection) -> int:
    """Refuse a file that is not a state file of a format this version reads (reads only); its version."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise StateFileError(f"{path}: not a jasper-sim state file (SQLite application id {application_id:#x})")
    if version > FORMAT_VERSION:
        raise StateFileError(
            f"{path}: written by a newer jasper-sim (state file format {version}; this one reads up to "
            f"{FORMAT_VERSION})"
        )
    if version < 1:
        raise StateFileError(f"{path}: not a jasper-sim state file (format version {version})")
    result = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise StateFileError(f"{path}: corrupt ({result})")
    return int(version)


def _upgrade(connection: sqlite3.Connection, version: int) -> None:
    """Bring a checked file of an older format to this one, inside the opening transaction."""
    if version < 2:
        # the journal's layout is simulator.journal_file's; imported here only when a file needs it
        from simulator.journal_file import migrate_v1  # noqa: PLC0415

        migrate_v1(connection)
    connection.execute(f"PRAGMA user_version={FORMAT_VERSION}")
