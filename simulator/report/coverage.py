"""Two questions a dry run answers about the contract: which calls the live API would answer otherwise, and
which seed catalogue entries the run exercised.

Another profile's call (DESIGN.md §4): the router answers a route only the other profile serves 404
`other_profile`, a method only the other profile serves on this path 405 with `served_by`, and a body
field only the other profile's form of the operation takes 422 on that field (IPAAS-EP: `parent_id` on
POST /products is the reference's form). Each is flagged with the profile that would serve it.
Catalogue entries are contracts/ENDPOINTS.md's (the seed's 42); a documented-profile operation that
stands in for an entry (`Op.alternative_of`) exercises it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from contracts import BY_ID, OPERATIONS, find, wire
from contracts.op import Profile
from simulator.journal import Entry, decode

_PROFILES = frozenset(profile.value for profile in Profile)


@cache
def foreign_fields(profile: Profile) -> dict[str, dict[str, tuple[str, str]]]:
    """Operation id -> body field only another profile's form takes -> (that profile, its operation id)."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for op in OPERATIONS:
        if profile not in op.profiles:
            continue
        own = set(op.body.model_fields) if op.body is not None else set()
        for other in OPERATIONS:
            if other.key != op.key or profile in other.profiles or other.body is None:
                continue
            served_by = "/".join(sorted(p.value for p in other.profiles))
            for name in set(other.body.model_fields) - own:
                found.setdefault(op.id, {})[name] = (served_by, other.id)
    return found


def api_path(path: str) -> str:
    """A journalled path below the API prefix."""
    return path[len(wire.API_PREFIX) :] if path.startswith(wire.API_PREFIX) else path


def flag(entry: Entry, profile: Profile) -> list[dict[str, Any]]:
    """Why the live API (or the other profile) would answer this call otherwise; empty when it would not."""
    if entry.status not in (404, 405, 422):
        return []
    body = decode(entry.response_body)
    if not isinstance(body, dict):
        return []
    served_by = body.get("served_by")
    if entry.status in (404, 405) and isinstance(served_by, str):
        other = find(entry.method, api_path(entry.path), Profile(served_by)) if served_by in _PROFILES else None
        reason = "route" if entry.status == 404 else "method"
        return [_flag(entry, reason, served_by, other.id if other is not None else None, None)]
    errors = body.get("errors")
    fields = foreign_fields(profile).get(entry.operation or "", {})
    if entry.status != 422 or not isinstance(errors, dict) or not fields:
        return []
    return [_flag(entry, "field", fields[name][0], fields[name][1], name) for name in errors if name in fields]


def _flag(entry: Entry, reason: str, served_by: str, operation: str | None, field: str | None) -> dict[str, Any]:
    return {
        "reason": reason,
        "method": entry.method,
        "path": api_path(entry.path),
        "operation": entry.operation,
        "served_by": served_by,
        "served_by_operation": operation,
        "field": field,
    }


def flagged(entries: Iterable[Entry], profile: Profile) -> list[dict[str, Any]]:
    """The flagged calls, grouped by what is flagged (same reason, call and field), in order of first seen."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for entry in entries:
        for item in flag(entry, profile):
            other = BY_ID.get(item["served_by_operation"] or "")
            path = other.path if item["reason"] == "route" and other is not None else template(entry)
            key = (item["reason"], item["method"], path, item["field"])
            group = groups.get(key)
            if group is None:
                groups[key] = group = {**item, "path": path, "count": 0, "first_seq": entry.seq}
            group["count"] += 1
    return list(groups.values())


def template(entry: Entry) -> str:
    """The contract path of the entry's operation, or its own path below the API prefix when none matched."""
    op = BY_ID.get(entry.operation) if entry.operation is not None else None
    return op.path if op is not None else api_path(entry.path)


def catalogue(entries: Sequence[Entry]) -> dict[str, Any]:
    """Per seed catalogue entry, the operations that serve it and how often the run called them."""
    calls: dict[str, int] = {}
    for entry in entries:
        if entry.operation is not None:
            calls[entry.operation] = calls.get(entry.operation, 0) + 1
    rows: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        for item in op.catalogue:
            row = rows.setdefault(item.name, {"entry": item.name, "group": item.group, "operations": []})
            row["operations"].append(op.id)
    for op in OPERATIONS:
        for name in op.alternative_of:
            rows[name]["operations"].append(op.id)
    exercised: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    for row in rows.values():
        row["calls"] = sum(calls.get(op_id, 0) for op_id in row["operations"])
        (exercised if row["calls"] else missed).append(row)
    return {"total": len(rows), "exercised": exercised, "not_exercised": missed}
