"""A profile's document declares only its own shapes: other profiles' models are cut out of its schemas.

`Product.inventory` is typed `list[InventoryRecord | InventoryRow]` so that the client reads a tenant of
either profile, but a live tenant never returns the documented row (and the reverse). Left in, the
live document would accept a documented row where the live API sends its own, and code generators
would type every row as either. Here each union loses the members foreign to the profile
(contracts/profile_models.py), and schemas no longer referenced are dropped.
"""

from __future__ import annotations

from typing import Any

from contracts.op import Profile
from contracts.profile_models import foreign_models

REF_PREFIX = "#/components/schemas/"


def narrow(schemas: dict[str, Any], profile: Profile, roots: Any) -> dict[str, Any]:
    """`schemas` without the members of unions that name models foreign to `profile`, keeping only the
    schemas `roots` (the rest of the document) still reaches."""
    foreign = {REF_PREFIX + model.__name__ for model in foreign_models(profile)}
    narrowed = {name: _cut(schema, foreign) for name, schema in schemas.items()}
    reached: set[str] = set()
    pending = _refs(roots)
    while pending:
        name = pending.pop()
        if name not in reached and name in narrowed:
            reached.add(name)
            pending |= _refs(narrowed[name])
    return {name: schema for name, schema in narrowed.items() if name in reached}


def _cut(node: Any, foreign: set[str]) -> Any:
    if isinstance(node, list):
        return [_cut(item, foreign) for item in node]
    if not isinstance(node, dict):
        return node
    cut = {key: _cut(value, foreign) for key, value in node.items()}
    members = cut.get("anyOf")
    if isinstance(members, list) and any(member.get("$ref") in foreign for member in members):
        kept = [member for member in members if member.get("$ref") not in foreign]
        del cut["anyOf"]
        if len(kept) == 1:
            cut = {**kept[0], **cut}  # the one shape left, with the field's own keywords
        else:
            cut["anyOf"] = kept
    return cut


def _refs(node: Any) -> set[str]:
    """Names of the component schemas `node` refers to directly."""
    if isinstance(node, list):
        return {name for item in node for name in _refs(item)}
    if not isinstance(node, dict):
        return set()
    found = {name for value in node.values() for name in _refs(value)}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(REF_PREFIX):
        found.add(ref.removeprefix(REF_PREFIX))
    return found
