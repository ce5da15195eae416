"""Render the endpoint catalogue (ENDPOINTS.md) in the seed document's structure, from the table."""

from __future__ import annotations

from contracts import OPERATIONS, catalogue_groups, wire
from contracts.op import CatalogueEntry, Op
from contracts.permissions import permission_for


def render() -> str:
    """The whole catalogue as markdown."""
    entries = [(entry, op) for op in OPERATIONS for entry in op.catalogue]
    pairs = {op.key for _, op in entries}
    lines = [
        "# Jasper PIM API endpoints",
        "",
        "Generated from the operation table in `contracts/` by `python -m contracts`; do not edit by hand.",
        "",
        "Every endpoint the iPaaS.com Jasper PIM connector calls, grouped by entity as in the iPaaS.com",
        "catalogue (`contracts/seed/jasper-pim-api-endpoints.txt`). When Jasper announces a deprecation,",
        '`jasper-sim impact "METHOD /path"` (or a path prefix, or `resource.field`) names what it affects.',
        "The connector writes outbound only; every call goes to the subscriber's own tenant.",
        "",
        f"- Base URL: `https://<tenant>{wire.HOST_SUFFIXES[0]}{wire.API_PREFIX}` (newer tenants) or "
        f"`https://<tenant>{wire.HOST_SUFFIXES[1]}{wire.API_PREFIX}` (older tenants).",
        f"- Every call sends `Authorization: {wire.AUTH_SCHEME} <API key>`; there is no token endpoint.",
        f"- {len(entries)} catalogue entries, {len(pairs)} distinct method and path pairs, all served by the "
        "simulator's `live` profile.",
        "- Provenance: **observed-live** (the connector calls it on live tenants), **documented** (the public",
        "  reference or Jasper's knowledge base), **assumed** (no public source; a labelled guess).",
        "- Where the live API and the reference differ, the reference's form is shown beside the live one; the",
        "  simulator's `documented` profile serves it.",
        "",
    ]
    for group in catalogue_groups.ORDER:
        rows = [(entry, op) for entry, op in entries if entry.group == group]
        lines += [
            f"## {group}",
            "",
            "| Entry | Method | Path | Purpose | Provenance | Operation | Permission | Reference's form |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += [_row(entry, op) for entry, op in rows]
        lines.append("")
    lines += _authorization() + _others()
    return "\n".join(lines)


def _row(entry: CatalogueEntry, op: Op) -> str:
    alternatives = [alt for alt in OPERATIONS if entry.name in alt.alternative_of]
    documented = "<br>".join(f"`{alt.method} {alt.path}`{_fields(alt)}" for alt in alternatives) or "same"
    return (
        f"| {entry.name} | {op.method} | `{op.path}`{_fields(op)} | {entry.purpose} | {op.provenance.value} "
        f"| `{op.id}`{_action(op)} | {_permission(op)} | {documented} |"
    )


def _fields(op: Op) -> str:
    if op.body is None:
        return ""
    return " (" + ", ".join(f"`{name}`" for name in op.body.model_fields) + ")"


def _permission(op: Op) -> str:
    permission = permission_for(op)
    return f"`{permission}`" if permission else "none"


def _action(op: Op) -> str:
    return f" (action `{op.action}`)" if op.action else ""


def _authorization() -> list[str]:
    return [
        "## Authorization",
        "",
        "There is no token exchange. The subscriber creates a long-lived API key in the Jasper UI",
        "(Settings > API Keys) and the connector sends it on every call as a Bearer token. A missing, malformed",
        "or revoked key answers 401.",
        "",
        'A key may hold only some permissions (the Permission column; iPaaS names "Product read/write" and',
        '"Product Inventory read/write"; the names here are assumed, `contracts/permissions.py`): `<area>:read`',
        "for GET, `<area>:write` otherwise. A call its key may not make answers 403 with Laravel's message",
        '"This action is unauthorized." and `permission` naming what it needed. `jasper-sim scopes` lists the',
        "permissions each write path of the connector needs.",
        "",
    ]


def _others() -> list[str]:
    lines = [
        "## Operations outside the catalogue",
        "",
        "Declared so that the simulator and the client are complete, but not in the connector's catalogue.",
        "",
        "| Method | Path | Operation | Permission | Profiles | Provenance | Why |",
        "|---|---|---|---|---|---|---|",
    ]
    for op in OPERATIONS:
        if op.catalogue:
            continue
        profiles = ", ".join(sorted(p.value for p in op.profiles))
        why = f"reference's form of {', '.join(op.alternative_of)}" if op.alternative_of else op.source
        cells = (op.method, f"`{op.path}`", f"`{op.id}`", _permission(op), profiles, op.provenance.value, why)
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines
