"""Deprecation impact: "Jasper deprecates X: what of ours breaks?", answered from the operation table.

A query is one of:
- `METHOD /path` — one operation; any placeholder spelling (`{id}`, `{Id}`, `{ProductId}`) matches;
- `/path/prefix` — every operation under that path;
- `resource.field` — every operation that sends or reads that field of that resource
  (e.g. `inventory.count_on_hand`).
A base URL or `[Base URL]` in front of the path is ignored. A query that matches nothing while
something in the contract is close to it (contracts/near_misses.py) is refused with "did you mean".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel

from contracts import OPERATIONS, RESOURCE_MODULES, matches_concrete
from contracts.near_misses import closest, near_operations, near_prefixes, singular
from contracts.op import Op, Profile, normalise_path
from contracts.profile_models import active_models, declared_models
from contracts.write_paths import WRITE_PATHS

METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
_SEGMENT = re.compile(r"^(?:[A-Za-z0-9_.\-]+|\{[^{}/]*\})$")
_PREFIX = re.compile(r"^(?:\[base url\]|https?://[^/]+)?(?:/api/v1)?(?=/|$)", re.IGNORECASE)
_FIELD = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")


class QueryError(ValueError):
    """A query that cannot be parsed, names nothing the contract knows, or is close to something it does."""


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    method: str | None = None
    path: str | None = None
    resource: str | None = None
    field: str | None = None

    @property
    def kind(self) -> str:
        if self.field is not None:
            return "field"
        return "operation" if self.method is not None else "prefix"


@dataclass(slots=True)
class Impact:
    query: Query
    matched: list[Op] = field(default_factory=list)
    directions: dict[str, str] = field(default_factory=dict)  # op id -> "sends", "reads" or "sends, reads"
    live_hits: set[str] = field(default_factory=set)  # field queries: ops that touch the field on the live profile

    @property
    def affected(self) -> list[Op]:
        """Matched operations the connector depends on against live tenants."""
        return [op for op in self.matched if op.used_live and (self.query.field is None or op.id in self.live_hits)]

    @property
    def exit_code(self) -> int:
        return 1 if self.affected else 0


def parse(text: str) -> Query:
    """Read a query; raises QueryError with a message saying what is expected."""
    raw = " ".join(re.sub(r"\[base url\]", "", text, flags=re.IGNORECASE).split())
    if not raw:
        raise QueryError("empty query: expected 'METHOD /path', '/path/prefix' or 'resource.field'")
    if match := _FIELD.match(raw):
        return Query(raw, resource=match[1], field=match[2])
    parts = raw.split(" ")
    if len(parts) == 2:
        method = parts[0].upper()
        if method not in METHODS:
            raise QueryError(
                f"unknown HTTP method {parts[0]!r} in {raw!r}; expected one of {', '.join(sorted(METHODS))}"
            )
        return Query(raw, method=method, path=_path(parts[1], raw))
    if len(parts) == 1 and _strip_base(parts[0]).startswith("/"):
        return Query(raw, path=_path(parts[0], raw))
    raise QueryError(
        f"cannot parse {raw!r}: expected 'METHOD /path' (e.g. 'PUT /products/{{id}}/attributes'), "
        "a path prefix (e.g. '/products') or 'resource.field' (e.g. 'inventory.count_on_hand')"
    )


def _strip_base(text: str) -> str:
    match = _PREFIX.match(text)
    return text[match.end() :] if match else text


def _path(text: str, raw: str) -> str:
    path = _strip_base(text).split("?", 1)[0]
    path = path.rstrip("/") or ("/" if path.startswith("/") else path)
    segments = [s for s in path.split("/")[1:] if s]
    if not path.startswith("/") or not all(_SEGMENT.match(s) for s in segments):
        raise QueryError(f"cannot parse the path in {raw!r}: segments must be names or {{placeholders}}")
    return path


def analyse(query: Query) -> Impact:
    """Which operations a query touches."""
    impact = Impact(query)
    if query.field is not None:
        _analyse_field(query, impact)
        return impact
    wanted = normalise_path(query.path or "/")
    for op in OPERATIONS:
        here = op.key[1]
        if query.method is not None:
            if op.method == query.method and (here == wanted or matches_concrete(here, wanted)):
                impact.matched.append(op)
        elif wanted in ("/", here) or here.startswith(wanted + "/"):
            impact.matched.append(op)
    if not impact.matched:
        near = near_operations(query.method, query.path or "/") if query.method else near_prefixes(query.path or "/")
        if near:
            raise QueryError(f"nothing in the contract matches {query.text!r}; did you mean {_either(near)}?")
    return impact


def _either(names: list[str]) -> str:
    return " or ".join(repr(name) for name in names)


def _did_you_mean(wanted: str, known: list[str]) -> str:
    near = closest(wanted, known)
    return f"did you mean {_either(near)}? " if near else ""


def _analyse_field(query: Query, impact: Impact) -> None:
    owners = _owned_models(query.resource or "")
    if not owners:
        known = sorted({op.resource for op in OPERATIONS})
        hint = _did_you_mean(query.resource or "", known)
        raise QueryError(f"unknown resource {query.resource!r}; {hint}known: {', '.join(known)}")
    holders = {model for model in owners if query.field in model.model_fields}
    if not holders:
        fields = sorted({name for model in owners for name in model.model_fields})
        hint = _did_you_mean(query.field or "", fields)
        raise QueryError(
            f"resource {query.resource!r} has no field {query.field!r}; {hint}its fields: {', '.join(fields)}"
        )
    active_by_profile = {profile: active_models(profile) for profile in Profile}
    for op in OPERATIONS:
        directions: set[str] = set()
        for profile in op.profiles:
            active = active_by_profile[profile]
            here = set()
            if op.body is not None and _reaches(op.body, holders, active):
                here.add("sends")
            if op.response is not None and _reaches(op.response, holders, active):
                here.add("reads")
            if here and profile is Profile.LIVE:
                impact.live_hits.add(op.id)
            directions |= here
        if directions:
            impact.matched.append(op)
            impact.directions[op.id] = ", ".join(sorted(directions, reverse=True))


def _owned_models(resource: str) -> set[type[BaseModel]]:
    """Models declared in the modules whose operations belong to the resource."""
    wanted = {resource, singular(resource)}
    wanted |= {f"product_{name}" for name in tuple(wanted)}
    models: set[type[BaseModel]] = set()
    for module in RESOURCE_MODULES:
        if not any(op.resource in wanted for op in module.OPS):
            continue
        models.update(declared_models(module))
    return models


def _reaches(
    model: type[BaseModel],
    targets: set[type[BaseModel]],
    active: frozenset[type[BaseModel]],
    seen: frozenset[type] = frozenset(),
) -> bool:
    if model not in active or model in seen:
        return False
    if model in targets:
        return True
    return any(
        _reaches(inner, targets, active, seen | {model})
        for info in model.model_fields.values()
        for inner in _models_in(info.annotation)
    )


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def report(impact: Impact) -> str:
    """A readable answer: affected operations, catalogue entries, write paths, actions."""
    query = impact.query
    lines = [f"Query: {query.text}  ({query.kind})"]
    if not impact.matched:
        lines.append("No operation in the contract matches: nothing the connector uses is affected.")
        return "\n".join(lines) + "\n"
    affected, others = impact.affected, [op for op in impact.matched if not op.used_live]
    if affected:
        lines.append(f"AFFECTED: {len(affected)} operation(s) the connector uses against live tenants.")
    else:
        lines.append("Not used live: nothing the connector uses against live tenants is affected.")
    for title, ops in (("Used live", affected), ("Not used live", others)):
        if ops:
            lines += ["", f"{title}:"] + [line for op in ops for line in _describe(op, impact)]
    paths = sorted({wp for op in affected for wp in op.write_paths})
    if paths:
        lines += ["", "Write paths affected:"] + [f"  {name}: {WRITE_PATHS[name]}" for name in paths]
    return "\n".join(lines) + "\n"


def _describe(op: Op, impact: Impact) -> list[str]:
    profiles = "+".join(sorted(p.value for p in op.profiles))
    head = f"  {op.method} {op.path}  {op.id}  [{op.provenance.value}; profiles {profiles}]"
    if op.id in impact.directions:
        head += f"  ({impact.directions[op.id]} the field)"
    lines = [head]
    lines += [f"    catalogue: {e.name} ({e.group})" for e in op.catalogue]
    if op.action:
        lines.append(f"    connector action: {op.action}")
    if op.write_paths:
        lines.append(f"    write paths: {', '.join(op.write_paths)}")
    if op.alternative_of:
        lines.append(f"    documented form of: {', '.join(op.alternative_of)} (not what the connector calls)")
    return lines
