"""The report read straight from a state file (`jasper-sim report --state FILE`), with no simulator running.

The file is only read (`query_only`): its tenants' live records, its journal and its runs are loaded into
memory and the same model (simulator.report.model) is built from them. A simulator that is running holds
the file with an exclusive lock; then the report says so and `--url` is the way.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import orjson

from simulator.config import TenantSettings
from simulator.journal import Journal
from simulator.journal_file import restore
from simulator.persistence.file import APPLICATION_ID
from simulator.report import model
from simulator.runs import Runs
from simulator.store import SequentialIds, utc_now
from simulator.tenants import Tenants


class StateFileUnreadableError(Exception):
    """The file cannot be read as a state file now; the message says why."""


def build(path: Path, *, tenant: str | None, run_id: int | None, since: int | None) -> dict[str, Any]:
    """The report of a state file (StateFileUnreadableError when it cannot be read; simulator.errors.ApiError
    for a scope it does not have, as the control plane would answer)."""
    if not path.is_file():
        raise StateFileUnreadableError(f"{path}: no such file")
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA query_only=ON")
        connection.execute("PRAGMA busy_timeout=0")
        try:
            if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise StateFileUnreadableError(f"{path}: not a jasper-sim state file")
            tenants = _tenants(connection)
            journal = Journal(tenants, budget=sys.maxsize)
            runs = Runs(tenants, journal, [])
            restore(connection, journal, runs)
        except sqlite3.OperationalError as error:
            if "locked" in str(error):
                raise StateFileUnreadableError(
                    f"{path}: held by a running simulator; ask it instead (jasper-sim report --url ...)"
                ) from None
            raise StateFileUnreadableError(f"{path}: cannot read it ({error})") from None
        except sqlite3.DatabaseError as error:
            raise StateFileUnreadableError(f"{path}: not a state file, or corrupt ({error})") from None
    finally:
        connection.close()
    return model.build(journal, runs, tenants, tenant=tenant, run_id=run_id, since=since)


def _tenants(connection: sqlite3.Connection) -> Tenants:
    """Every tenant of the file with its live records (what `entity` needs; no keys, no indexes)."""
    tenants = Tenants(None, clock=utc_now, id_factory=SequentialIds)
    for name, settings_json, gen in connection.execute("SELECT name, settings, gen FROM tenants"):
        settings = TenantSettings.validate_json(settings_json)
        store = tenants.new_store(settings)
        rows = connection.execute("SELECT tbl, id, body FROM records WHERE tenant = ? AND gen = ?", (name, gen))
        for table, record_id, body in rows:
            store.put_entity(table, orjson.loads(body), record_id)
        tenants.add(settings, {}, store)
    return tenants
