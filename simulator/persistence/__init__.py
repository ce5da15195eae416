"""The state file: every tenant kept in SQLite, with the in-memory store as the working copy.

../shared/DESIGN.md §9, "one write path for state": handlers only ever touch the in-memory store. A
successful API write's changes (`TenantStore.pending`) reach `Persistence` as a commit listener, which
notes the changed entities; the router then waits (`settle`) for the commit that writes their values as
they are at that moment, with the id sequences, and only then sends the answer. So every write answered
2xx is in the file, and a write that fails to commit is undone in memory and answered 503. A refused
write never reaches the file. Control-plane writes (reset, seed, import, tenants, keys) are committed
before they answer too.

Group commit: the writes of one turn of the event loop share one commit, run by a callback the first of
them schedules. A commit (a WAL append, and every thousand pages a checkpoint with its fsyncs) cost more
than the rest of a POST together, and a served `--state` simulator reached 0.21x a bare app's POST
throughput with a commit per write (bench/RESULTS.md; issue 7 asks for 0.4x): a speed target needs this.
What it costs: a write is visible in memory from its own turn while its commit is at the end of it, so a
read in the same turn can see a write that a failing commit (a full disk) then undoes with 503.

Start-up (`Persistence.load`) rebuilds every tenant from the file: settings, keys, records, id
sequences; `TenantStore.rebuild_indexes` recomputes what is derived. The config file (or the default
demo tenant) still applies: its tenants are added when the file lacks them and their settings and keys
replace the stored ones, while keys added at run time stay and revoked keys stay revoked.

Large imports do not block the API: the new records are written as a new *generation* of the tenant's
rows in small transactions, and one short transaction flips the tenant to it (`replace_tenant_async`).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from time import monotonic
from typing import Any

import orjson

from simulator.config import TenantConfig, TenantSettings
from simulator.persistence.file import AUTO_CHECKPOINT_PAGES, StateFileError, open_state_file
from simulator.store import TABLES, Changes, EntityKey, TenantStore
from simulator.tenants import KeyGrant, Tenant, Tenants

__all__ = ["FLUSH_SECONDS", "Persistence", "StateFileError", "StateWriteError"]

_LOG = logging.getLogger("simulator")

_CHUNK = 2000  # rows per transaction when a large import is written without blocking the API
# Checkpoints (copying the WAL back into the file, with an fsync of each) run in a worker thread,
# `checkpoint`, called every `FLUSH_SECONDS` by the served app: the connection releases the GIL
# meanwhile, and the API goes on answering. Run by SQLite's own auto-checkpoint inside a commit (every
# 1000 pages by default), each one stopped the event loop for its fsyncs: a served `--state` simulator
# lost about a tenth of its GET throughput that way (issue 7's target). SQLite's auto-checkpoint stays
# as a backstop (simulator.persistence.file.AUTO_CHECKPOINT_PAGES).
FLUSH_SECONDS = 1.0  # how often deferred rows alone are committed (a kill -9 loses at most this much of them)
# a checkpoint as soon as this much journal has been committed since the last one, besides the one every
# FLUSH_SECONDS: under a heavy read load (100-item pages) the WAL would otherwise grow past SQLite's
# backstop and checkpoint inside a commit, on the event loop
CHECKPOINT_BYTES = 16 << 20


class StateWriteError(Exception):
    """A write could not be committed to the state file (it has been undone in memory)."""


class Persistence:
    """One open state file, held by this simulator until `close`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection, self.new = open_state_file(path)
        self._deferred: list[Callable[[sqlite3.Connection], None]] = []
        self._on_rollback: list[Callable[[], None]] = []  # what deferred callbacks undo if their commit fails
        # entities changed by writes not yet committed, per tenant, and those writes (waiting in `settle`)
        self._touched: dict[str, tuple[Tenant, set[EntityKey]]] = {}
        self._members: dict[Any, asyncio.Future[None] | None] = {}
        self._checkpointing = False  # a checkpoint runs in a worker thread (`checkpoint`)
        self._connection_lock = threading.Lock()  # held by that thread's statement, and by commits
        self._checkpoint_task: asyncio.Task[None] | None = None
        self._committed_since_checkpoint = True
        self.written = 0  # bytes of journal rows committed since the last checkpoint (simulator.journal_file)
        self._flush_scheduled = False  # `commit_soon` asked for a commit this turn
        self._flush_waits = False  # ... and it waits for the checkpoint in progress
        self._flushed = monotonic()
        self._gens: dict[str, int] = {}  # each tenant's live generation, as the file says
        self.created: list[str] = []  # tenants `load` added (not restored from the file)
        self.closed = False

    # --- transactions -------------------------------------------------------------------------

    def stage(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement inside the current write's transaction (begun if none is open)."""
        self._begin()
        self.connection.execute(sql, params)

    def stage_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """`stage` for many rows of one statement."""
        self._begin()
        self.connection.executemany(sql, rows)

    def defer(self, callback: Callable[[sqlite3.Connection], None]) -> None:
        """Run `callback` inside the next commit (buffered rows, such as journal entries of reads)."""
        self._deferred.append(callback)

    def on_rollback(self, callback: Callable[[], None]) -> None:
        """Call `callback` if the commit now running fails (a deferred callback puts back what it took)."""
        self._on_rollback.append(callback)

    def commit(self, *, flush: bool = False) -> None:
        """Commit what is staged, with what is deferred and the writes waiting; nothing happens when nothing is.

        Deferred rows alone (the journal entries of reads) are committed at most every `FLUSH_SECONDS`
        (or with `flush=True`), so a read does not pay a commit of its own; a write's commit takes them along.
        A failure undoes the waiting writes in memory (newest first) and raises; their `settle` raises too.
        """
        connection = self.connection
        idle = not connection.in_transaction and not self._touched
        if idle and (not self._deferred or (not flush and monotonic() - self._flushed < FLUSH_SECONDS)):
            return
        try:
            with self._connection_lock:  # not while a checkpoint's statement runs: SQLite refuses a COMMIT then
                self._begin()
                self._write_touched()
                deferred, self._deferred = self._deferred, []
                for callback in deferred:
                    callback(connection)
                connection.execute("COMMIT")
            self._on_rollback.clear()
            self._flushed = monotonic()
            self._committed_since_checkpoint = True
        except BaseException as error:
            self.rollback()
            undo, self._on_rollback = self._on_rollback, []
            for put_back in reversed(undo):
                put_back()
            self._settle(error)
            raise
        self._settle(None)

    def _settle(self, error: BaseException | None) -> None:
        """Answer the writes that waited for this commit; undo them (newest first) if it failed."""
        members, self._members = self._members, {}
        if error is not None:
            self._touched.clear()
            for exchange in reversed(members):
                if exchange.changes:
                    exchange.tenant.store.undo(exchange.changes)
                    exchange.changes = None  # undone: listeners that deferred work (webhook deliveries) drop it
        for future in members.values():
            if future is None or future.done():  # not waited for yet, or its request was cancelled
                continue
            if error is None:
                future.set_result(None)
            else:
                future.set_exception(StateWriteError(str(error)))

    def rollback(self) -> None:
        """Forget what is staged."""
        with self._connection_lock:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")

    def _begin(self) -> None:
        if not self.connection.in_transaction:
            self.connection.execute("BEGIN")

    def close(self) -> None:
        """Commit anything deferred and release the file (again: nothing)."""
        if self.closed:
            return
        try:
            self.commit(flush=True)
        finally:
            self.closed = True
            self.connection.close()

    # --- API writes ---------------------------------------------------------------------------

    def __call__(self, exchange: Any, changes: Changes) -> None:
        """Commit listener: note a write's changed entities; the next commit writes them.

        The first write of a turn of the event loop schedules that commit. Persistence is the first commit
        listener, so the commit runs before what later listeners schedule (webhook deliveries stage their
        messages only for writes the file kept).
        """
        tenant: Tenant = exchange.tenant
        touched = self._touched.get(tenant.name)
        if touched is None:
            touched = self._touched[tenant.name] = (tenant, set())
        touched[1].update(changes)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # outside an event loop: the caller commits (`commit`)
            return
        if not self._members:
            loop.call_soon(self._commit_group)
        self._members[exchange] = None

    async def settle(self, exchange: Any) -> None:
        """Return once the write of `exchange` is committed; `StateWriteError` if it could not be (then it
        and the writes committed with it are undone in memory)."""
        if exchange not in self._members:  # a commit took it already, or failed and undid it
            if exchange.changes is None:
                raise StateWriteError("the commit that held this write failed")
            return
        future = self._members[exchange] = asyncio.get_running_loop().create_future()
        await future

    def _commit_group(self) -> None:
        if self._members:  # else committed already (a control-plane commit took the group along)
            self._commit_logged()  # waits for a checkpoint in progress, if any: its writes are answered after

    def commit_soon(self) -> None:
        """Commit what is deferred at the end of this turn of the event loop (a journal row is full)."""
        if self._flush_scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # outside an event loop: the next commit takes it along
            return
        self._flush_scheduled = True
        loop.call_soon(self._flush_soon)

    def _flush_soon(self) -> None:
        self._flush_scheduled = False
        if self._checkpointing:  # journal rows can wait for the checkpoint; it calls again when done
            self._flush_waits = True
        else:
            self._commit_logged()

    def _commit_logged(self) -> None:
        try:
            self.commit(flush=True)
        except Exception:  # writes that waited are answered 503 (simulator.routing)
            _LOG.exception("cannot commit to the state file %s", self.path)
        if self.written >= CHECKPOINT_BYTES and not self._checkpointing and not self.closed:
            self._checkpoint_task = asyncio.get_running_loop().create_task(self.checkpoint())

    async def checkpoint(self) -> None:
        """Copy what the WAL holds into the file, in a worker thread (journal rows arriving meanwhile wait)."""
        if self._checkpointing or self._committed_since_checkpoint is False or self.closed:
            return
        self._checkpointing = True
        try:
            written = self.written
            await asyncio.to_thread(self._checkpoint_now)
            self._committed_since_checkpoint = False
            self.written -= written
        finally:
            self._checkpointing = False
            if self._flush_waits:
                self._flush_waits = False
                self._flush_soon()

    def _checkpoint_now(self) -> None:
        # the pragma answers a row: read to the end, its statement is finished before the lock goes
        with self._connection_lock:
            self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _write_touched(self) -> None:
        """Stage the current value of every entity the waiting writes changed, and the id sequences."""
        touched, self._touched = self._touched, {}
        for name, (tenant, keys) in touched.items():
            gen = self._gens.get(name)
            if gen is None:  # the tenant was deleted since
                continue
            store = tenant.store
            self.connection.executemany(
                "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)",
                [
                    (name, gen, table, record_id, orjson.dumps(store.entity(table, record_id)))
                    for table, record_id in keys
                ],
            )
            self.connection.executemany(
                "INSERT OR REPLACE INTO sequences VALUES (?, ?, ?, ?)",
                [(name, gen, table, store.ids.peek(table)) for table in {table for table, _ in keys}],
            )

    def _generation(self, name: str) -> int:
        gen = self._gens.get(name)
        if gen is None:
            raise StateFileError(f"{self.path}: no tenant {name!r} in the file")
        return gen

    # --- tenants and keys ---------------------------------------------------------------------

    def save_tenant(self, tenant: Tenant, origin: str) -> None:
        """Stage a tenant's settings and keys (a new tenant starts at generation 1)."""
        self.stage(
            "INSERT INTO tenants VALUES (?, ?, ?, 1) ON CONFLICT(name) DO UPDATE SET settings = excluded.settings",
            (tenant.name, tenant.config.dump_json(), origin),
        )
        self._gens.setdefault(tenant.name, 1)
        self.stage("DELETE FROM keys WHERE tenant = ? AND revoked = 0", (tenant.name,))
        self.stage_many(
            "INSERT OR REPLACE INTO keys VALUES (?, ?, ?, ?, 0)",
            [(digest, tenant.name, _permissions(grant), grant.origin) for digest, grant in tenant.keys.items()],
        )

    def revoke_key(self, tenant: Tenant, digest: bytes) -> None:
        """Stage a key's revocation (kept, so that a config file listing it cannot bring it back)."""
        self.stage("UPDATE keys SET revoked = 1 WHERE digest = ?", (digest,))

    def delete_tenant(self, name: str) -> None:
        """Stage the removal of a tenant and everything it holds."""
        for table in ("tenants", "keys", "records", "sequences"):
            column = "name" if table == "tenants" else "tenant"
            self.stage(f"DELETE FROM {table} WHERE {column} = ?", (name,))
        self._gens.pop(name, None)

    def replace_tenant(self, name: str, store: TenantStore) -> None:
        """Stage a tenant's whole records from `store` (a reset, a seed or a small import)."""
        self.stage("DELETE FROM records WHERE tenant = ?", (name,))
        self.stage("DELETE FROM sequences WHERE tenant = ?", (name,))
        self.stage("UPDATE tenants SET gen = 1 WHERE name = ?", (name,))
        self._gens[name] = 1
        self.stage_many("INSERT INTO records VALUES (?, 1, ?, ?, ?)", _rows(store, name))
        self.stage_many("INSERT INTO sequences VALUES (?, 1, ?, ?)", _sequences(store, name))

    async def replace_tenant_async(self, name: str, store: TenantStore, swap: Callable[[], None]) -> None:
        """Write `store` as the tenant's new generation in small transactions, then flip to it and `swap`.

        Between chunks the event loop serves other requests. The flip (and `swap`, which puts the new
        store in place in memory) happens in one step, so file and memory change together. A crash before
        the flip leaves the old generation live; `load` removes the unfinished one.
        """
        new = self._generation(name) + 1
        rows = _rows(store, name, new)
        # No checkpoint while the rows go in, one at the end: a checkpoint fsyncs the WAL and the file, and
        # one every thousand pages made a 100k-product import (about 45 MB) wait about a second for
        # fsyncs alone (issue 11's 2 s target for the import).
        self.connection.execute("PRAGMA wal_autocheckpoint=0")
        try:
            while True:
                chunk = [row for _, row in zip(range(_CHUNK), rows, strict=False)]
                if not chunk:
                    break
                self.stage_many("INSERT INTO records VALUES (?, ?, ?, ?, ?)", chunk)
                self.commit()
                await asyncio.sleep(0)
            self.stage_many("INSERT INTO sequences VALUES (?, ?, ?, ?)", _sequences(store, name, new))
            self.stage("UPDATE tenants SET gen = ? WHERE name = ?", (new, name))
            self._gens[name] = new
            swap()
            self.commit()
            await self.drop_old_generations(name, new)
        finally:
            self.connection.execute(f"PRAGMA wal_autocheckpoint={AUTO_CHECKPOINT_PAGES}")
        await self.checkpoint()

    async def drop_old_generations(self, name: str, live: int) -> None:
        """Delete a tenant's rows of every generation but `live`, a chunk at a time."""
        while True:
            self.stage(
                "DELETE FROM records WHERE (tenant, gen, tbl, id) IN "
                "(SELECT tenant, gen, tbl, id FROM records WHERE tenant = ? AND gen != ? LIMIT ?)",
                (name, live, _CHUNK),
            )
            deleted = self.connection.execute("SELECT changes()").fetchone()[0]
            self.stage("DELETE FROM sequences WHERE tenant = ? AND gen != ?", (name, live))
            self.commit()
            if deleted < _CHUNK:
                return
            await asyncio.sleep(0)

    # --- start-up -----------------------------------------------------------------------------

    def load(self, tenants: Tenants, configured: Sequence[TenantConfig], *, write: bool = True) -> list[str]:
        """Restore every tenant of the file into `tenants` and add the configured ones; answers notes.

        `write=False` only reads (an offline export): configured tenants the file lacks are not added.
        """
        notes: list[str] = []
        stored = {
            name: (TenantSettings.validate_json(settings), origin, gen)
            for name, settings, origin, gen in self.connection.execute(
                "SELECT name, settings, origin, gen FROM tenants"
            )
        }
        keys = self._stored_keys()
        revoked = {digest for digest, (_, _, is_revoked) in keys.items() if is_revoked}
        by_config = {tenant.name: tenant for tenant in configured}
        added = [name for name in by_config if name not in stored] if write else []
        for name in [*stored, *added]:
            config = by_config.get(name)
            grants: dict[bytes, KeyGrant] = {}
            if config is not None:
                for digest, grant in (KeyGrant.of(spec, "config") for spec in config.key_specs):
                    if digest in revoked:
                        notes.append(f"tenant {name}: key {grant.fingerprint} of the config file was revoked; it stays")
                    else:
                        grants[digest] = grant
            for digest, (owner, grant, is_revoked) in keys.items():
                if owner == name and grant.origin == "runtime" and not is_revoked:
                    grants[digest] = grant
            settings = config.settings if config is not None else stored[name][0]
            store = tenants.new_store(settings)
            if name in stored:
                self._gens[name] = stored[name][2]
                self._load_records(store, name, stored[name][2])
            try:
                tenant = tenants.add(settings, grants, store)
            except ValueError as error:
                raise StateFileError(f"{self.path}: tenant {name}: {error}") from None
            if not write:
                continue
            origin = "config" if config is not None else stored[name][1]
            self.save_tenant(tenant, origin)
            if name not in stored:
                self.created.append(name)
                self.replace_tenant(name, tenant.store)
        if not write:
            return notes
        self.commit()
        for name, (_, _, gen) in stored.items():
            self.connection.execute("DELETE FROM records WHERE tenant = ? AND gen != ?", (name, gen))
        return notes

    def _stored_keys(self) -> dict[bytes, tuple[str, KeyGrant, bool]]:
        found: dict[bytes, tuple[str, KeyGrant, bool]] = {}
        for digest, tenant, permissions, origin, revoked in self.connection.execute("SELECT * FROM keys"):
            allowed = frozenset(orjson.loads(permissions)) if permissions is not None else None
            found[bytes(digest)] = (tenant, KeyGrant(bytes(digest).hex()[:16], allowed, origin), bool(revoked))
        return found

    def _load_records(self, store: TenantStore, name: str, gen: int) -> None:
        rows = self.connection.execute(
            "SELECT tbl, id, body FROM records WHERE tenant = ? AND gen = ? ORDER BY tbl, id", (name, gen)
        )
        for table, record_id, body in rows:
            store.put_entity(table, orjson.loads(body), record_id)
        for table, next_id in self.connection.execute(
            "SELECT tbl, next FROM sequences WHERE tenant = ? AND gen = ?", (name, gen)
        ):
            store.ids.reserve(table, next_id - 1)
        check_references(store, name)
        store.rebuild_indexes()


def check_references(store: TenantStore, name: str) -> None:
    """Refuse stored records that point at reference data the tenant's settings no longer have."""
    for row in store.inventory.values():
        if row["location_id"] not in store.locations_by_id:
            raise StateFileError(
                f"tenant {name}: inventory row {row['id']} is at location {row['location_id']}, which the "
                "tenant's settings no longer have"
            )
    for relation in store.relations.values():
        if relation["relation_type_id"] not in store.relation_types:
            raise StateFileError(
                f"tenant {name}: relation {relation['id']} has relation type {relation['relation_type_id']}, "
                "which the tenant's settings no longer have"
            )


def _permissions(grant: KeyGrant) -> bytes | None:
    return orjson.dumps(sorted(grant.permissions)) if grant.permissions is not None else None


def _rows(store: TenantStore, name: str, gen: int | None = None) -> Iterator[tuple[Any, ...]]:
    for table in TABLES:
        ids = list(getattr(store, table))
        if table == "webhooks":
            ids += list(store.deactivated_webhooks)
        for record_id in ids:
            body = orjson.dumps(store.entity(table, record_id))
            yield (name, table, record_id, body) if gen is None else (name, gen, table, record_id, body)


def _sequences(store: TenantStore, name: str, gen: int | None = None) -> list[tuple[Any, ...]]:
    return [
        (name, table, store.ids.peek(table)) if gen is None else (name, gen, table, store.ids.peek(table))
        for table in TABLES
    ]
