"""Dry runs: named marks in the journal, with the tenant's state at the mark kept cheaply.

A run starts at the journal's current sequence number. While a run is open, `Runs` is one of the
router's commit listeners and keeps, for each entity a write changes, its value before the first change
in the run (copy on first write: nothing is copied for entities the run never touches, and no listener
runs while no run is open, so the write path costs nothing then). Ending a run keeps the final value of
each of those entities too, so its report stays the same whatever happens to the tenant afterwards.

With a state file, a `RunArchive` (simulator.journal_file) writes runs and before-images in the write's
own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from contracts import wire
from simulator.errors import ApiError, NotFound
from simulator.store import Changes, EntityKey, Record

if TYPE_CHECKING:
    from simulator.journal import Journal
    from simulator.routing import CommitListener, Exchange
    from simulator.tenants import Tenant, Tenants


class RunOpen(ApiError):  # noqa: N818 (named like the statuses in simulator.errors)
    """A tenant has an open run already: one run at a time per tenant."""

    status = 409
    default_code = "run_open"


class RunEnded(ApiError):  # noqa: N818
    """The run was ended already."""

    status = 409
    default_code = "run_ended"


@dataclass(slots=True)
class Run:
    """One dry run of one tenant."""

    id: int
    tenant: str
    profile: str  # the tenant's profile at the start (the report needs it after a tenant is gone)
    name: str
    started_at: datetime
    start_seq: int  # the journal's last sequence number when the run started: its calls come after
    ended_at: datetime | None = None
    end_seq: int | None = None  # the last sequence number of the run, once ended
    # (table, id) -> the entity before the run first changed it (None: the run created it)
    before: dict[EntityKey, Record | None] = field(default_factory=dict)
    # (table, id) -> the entity when the run ended (None: gone); empty while the run is open
    after: dict[EntityKey, Record | None] = field(default_factory=dict)

    @property
    def open(self) -> bool:
        return self.ended_at is None

    def describe(self) -> dict[str, Any]:
        """The run as the control plane shows it."""
        return {
            "id": self.id,
            "tenant": self.tenant,
            "profile": self.profile,
            "name": self.name,
            "status": "open" if self.open else "ended",
            "started_at": wire.format_timestamp(self.started_at),
            "ended_at": wire.format_timestamp(self.ended_at) if self.ended_at is not None else None,
            "start_seq": self.start_seq,
            "end_seq": self.end_seq,
            "entities_changed": len(self.before),
        }


class RunArchive(Protocol):
    """Where runs are kept besides memory (the state file)."""

    def save_run(self, run: Run) -> None: ...

    def save_before(self, run: Run, changes: list[tuple[EntityKey, Record | None]]) -> None: ...


class Runs:
    """Every run of this simulator, by id; the open ones by tenant name."""

    def __init__(self, tenants: Tenants, journal: Journal, listeners: list[CommitListener]) -> None:
        self._tenants = tenants
        self._journal = journal
        self._listeners = listeners  # the router's commit listeners
        self.by_id: dict[int, Run] = {}
        self.open_by_tenant: dict[str, Run] = {}
        self.archive: RunArchive | None = None

    def start(self, tenant: Tenant, name: str) -> Run:
        """Open a run of `tenant` (409 when it has one open)."""
        if tenant.name in self.open_by_tenant:
            open_id = self.open_by_tenant[tenant.name].id
            raise RunOpen(f"Tenant {tenant.name!r} has an open run ({open_id}); end it first.")
        store = tenant.store
        run_id = max(self.by_id, default=0) + 1
        run = Run(run_id, tenant.name, store.profile.value, name, store.clock(), self._journal.last_seq)
        if self.archive is not None:
            self.archive.save_run(run)
        self._add(run)
        return run

    def end(self, run: Run) -> Run:
        """End a run: its final entity values are kept and its journal range closes."""
        if not run.open:
            raise RunEnded(f"Run {run.id} was ended at {wire.format_timestamp(run.ended_at)}.")  # type: ignore[arg-type]
        tenant = self._tenants.by_name.get(run.tenant)
        if tenant is not None:
            run.after = {key: tenant.store.entity(*key) for key in run.before}
            run.ended_at = tenant.store.clock()
        else:  # the tenant was removed while the run was open: everything it held is gone
            run.after = dict.fromkeys(run.before)
            run.ended_at = self._tenants.clock()
        run.end_seq = self._journal.last_seq
        if self.archive is not None:
            self.archive.save_run(run)
        del self.open_by_tenant[run.tenant]
        self._listen()
        return run

    def get(self, run_id: int) -> Run:
        """The run with this id (404 when there is none)."""
        run = self.by_id.get(run_id)
        if run is None:
            raise NotFound(f"No run {run_id}.", code="unknown_run")
        return run

    def restore(self, run: Run) -> None:
        """Add a run kept in the state file (start-up)."""
        self._add(run)

    def _add(self, run: Run) -> None:
        self.by_id[run.id] = run
        if run.open:
            self.open_by_tenant[run.tenant] = run
        self._listen()

    def _listen(self) -> None:
        """Be a commit listener exactly while some run is open."""
        listeners = self._listeners
        if self.open_by_tenant and self not in listeners:
            listeners.append(self)
        elif not self.open_by_tenant and self in listeners:
            listeners.remove(self)

    def __call__(self, exchange: Exchange, changes: Changes) -> None:
        """Commit listener: remember each entity's value before the run first changed it."""
        tenant = exchange.tenant
        run = self.open_by_tenant.get(tenant.name) if tenant is not None else None
        if run is None:
            return
        before = run.before
        first = [(key, value) for key, value in changes.items() if key not in before]
        if not first:
            return
        if self.archive is not None:
            self.archive.save_before(run, first)  # may refuse (the write is then undone): before remembering
        before.update(first)
