"""The dry-run report as JSON: the one model that the text and HTML forms render (README "Dry runs").

A report covers one tenant's calls in a range of the journal: a run's (from its start to its end, or to
now while it is open), or every call after a sequence number. Its sections: calls by operation and
status; what the run would have written (runs only: the before-images make the difference); refused
calls grouped by error code; calls another profile would answer otherwise; the seed catalogue entries
exercised and not. `summary.exit_code` is the CI gate: 1 when any call was refused, else 0.
The shape is stable: a change that removes or renames a member bumps `REPORT_VERSION`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contracts import wire
from contracts.op import Profile
from simulator.errors import NotFound, Unprocessable
from simulator.journal import Entry, Journal, decode
from simulator.report import changes as change_section
from simulator.report import coverage
from simulator.runs import Run, Runs
from simulator.store import EntityKey, Record
from simulator.tenants import Tenants

REPORT_VERSION = 1


def build(
    journal: Journal,
    runs: Runs,
    tenants: Tenants,
    *,
    tenant: str | None = None,
    run_id: int | None = None,
    since: int | None = None,
) -> dict[str, Any]:
    """The report of a run (`run_id`), of the calls after `since`, or by default of the tenant's latest run
    (its whole journal when it has none). `tenant` may be left out when the simulator has one tenant."""
    if run_id is not None and since is not None:
        raise Unprocessable("since", "Give a run or a sequence number, not both.", code="bad_report_scope")
    run = runs.get(run_id) if run_id is not None else None
    if run is not None and tenant is not None and tenant != run.tenant:
        raise Unprocessable("tenant", f"Run {run.id} is of tenant {run.tenant!r}.", code="bad_report_scope")
    name = run.tenant if run is not None else _tenant_name(tenants, tenant)
    if run is None and since is None:
        run = max((r for r in runs.by_id.values() if r.tenant == name), key=lambda r: r.id, default=None)
    first = run.start_seq if run is not None else since or 0
    last = run.end_seq if run is not None and run.end_seq is not None else journal.last_seq
    entries = [entry for entry in journal.after(first) if entry.seq <= last and entry.tenant == name]
    oldest = journal.oldest_seq
    profile = Profile(run.profile) if run is not None else tenants.by_name[name].store.profile
    now = tenants.by_name[name].store.clock() if name in tenants.by_name else tenants.clock()
    written = change_section.summarise(run.before, _current(run, tenants)) if run is not None else None
    refused = _refused(entries)
    flagged = coverage.flagged(entries, profile)
    catalogue = coverage.catalogue(entries)
    return {
        "report_version": REPORT_VERSION,
        "generated_at": wire.format_timestamp(now),
        "tenant": name,
        "profile": profile.value,
        "run": run.describe() if run is not None else None,
        "since": None if run is not None else first,
        "range": {
            "after_seq": first,
            "to_seq": last,
            # the journal dropped entries of this range (byte budget, or cleared): the counts are a lower bound
            "complete": last <= first or (oldest is not None and oldest <= first + 1),
        },
        "summary": {
            "calls": len(entries),
            "refused": sum(group["count"] for group in refused),
            "flagged": sum(group["count"] for group in flagged),
            "faulted": sum(1 for entry in entries if entry.fault is not None),
            "changes": change_section.counts(written) if written is not None else None,
            "catalogue_exercised": len(catalogue["exercised"]),
            "catalogue_total": catalogue["total"],
            "exit_code": 1 if refused else 0,
        },
        "calls": _calls(entries),
        "changes": written,
        "refused": refused,
        "flagged": flagged,
        "catalogue": catalogue,
    }


def _tenant_name(tenants: Tenants, name: str | None) -> str:
    if name is not None:
        if name not in tenants.by_name:
            raise NotFound(f"No tenant named {name!r}.", code="unknown_tenant")
        return name
    names = list(tenants.by_name)
    if len(names) != 1:
        raise Unprocessable("tenant", "This simulator has several tenants: name one.", code="bad_report_scope")
    return names[0]


def _current(run: Run, tenants: Tenants) -> change_section.Current:
    """Each entity's value at the run's end (kept then), or now while it is open."""
    if not run.open:
        return run.after.get
    tenant = tenants.by_name.get(run.tenant)

    def now(key: EntityKey) -> Record | None:
        return tenant.store.entity(*key) if tenant is not None else None

    return now


def _calls(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Calls per operation (or per unmatched method and path), with how many answered each status."""
    rows: dict[tuple[str | None, str, str], dict[str, Any]] = {}
    for entry in entries:
        key = (entry.operation, entry.method, coverage.template(entry))
        row = rows.get(key)
        if row is None:
            rows[key] = row = {"operation": key[0], "method": key[1], "path": key[2], "calls": 0, "statuses": {}}
        row["calls"] += 1
        status = str(entry.status)
        row["statuses"][status] = row["statuses"].get(status, 0) + 1
    return list(rows.values())


def _refused(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Calls answered 4xx or 5xx, grouped by error code, each group with its first call in full."""
    groups: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.status < 400:
            continue
        code = entry.code or f"http_{entry.status}"
        group = groups.get(code)
        if group is None:
            body = decode(entry.response_body)
            groups[code] = group = {
                "code": code,
                "count": 0,
                "message": body.get("message") if isinstance(body, dict) else body,
                "operations": [],
                "first": {
                    "seq": entry.seq,
                    "method": entry.method,
                    "path": coverage.api_path(entry.path),
                    "operation": entry.operation,
                    "status": entry.status,
                    "fault": entry.fault,
                    "request_body": decode(entry.request_body),
                    "response_body": body,
                },
            }
        group["count"] += 1
        if entry.operation is not None and entry.operation not in group["operations"]:
            group["operations"].append(entry.operation)
    return list(groups.values())


def exit_code(report: dict[str, Any]) -> int:
    """The CI gate of a report: 1 when any call was refused, else 0."""
    code: int = report["summary"]["exit_code"]
    return code
