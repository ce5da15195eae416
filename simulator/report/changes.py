"""What a run would have written: per table, the objects created, updated (or updated to no effect), deleted.

From each entity's value before the run first changed it and its value now (or when the run ended):
- created: absent before, present now; every field is shown;
- deleted: present before, absent now (a webhook DELETE deactivates: `active` false counts as deleted,
  KB-WH "Webhook_DEACTIVATE"); its last values are shown;
- updated: present both times with at least one field changed (`updated_at` aside): the fields that
  changed, each with its value before and after;
- no-op: written (so present in the run's before-images) but equal apart from `updated_at`.
A webhook's signing secret is left out: only the create answer shows it (KB-WH), and a report is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from simulator.store import TABLES, EntityKey, Record

IGNORED = frozenset({"updated_at"})  # bumped by every write, so not a change of its own
HIDDEN = frozenset({"signing_secret"})
KINDS = ("created", "updated", "no_op", "deleted")

Current = Callable[[EntityKey], "Record | None"]


def summarise(before: Mapping[EntityKey, Record | None], current: Current) -> dict[str, dict[str, list[Any]]]:
    """Per table (in the store's table order, only tables with something), the objects of each kind."""
    found: dict[str, dict[str, list[Any]]] = {}
    for key in sorted(before, key=_order):
        table, record_id = key
        kind, item = _classify(record_id, before[key], current(key))
        if kind is not None:
            found.setdefault(table, {name: [] for name in KINDS})[kind].append(item)
    return found


def counts(changes: Mapping[str, Mapping[str, list[Any]]]) -> dict[str, int]:
    """How many objects of each kind, over every table."""
    return {kind: sum(len(by_kind[kind]) for by_kind in changes.values()) for kind in KINDS}


def _order(key: EntityKey) -> tuple[int, int]:
    table, record_id = key
    return (TABLES.index(table) if table in TABLES else len(TABLES), record_id)


def _exists(entity: Record | None) -> bool:
    return entity is not None and entity.get("active", True) is not False


def _visible(entity: Record) -> Record:
    return {name: value for name, value in entity.items() if name not in HIDDEN}


def _classify(record_id: int, before: Record | None, after: Record | None) -> tuple[str | None, dict[str, Any]]:
    was, now = _exists(before), _exists(after)
    if not was and now:
        assert after is not None
        return "created", {"id": record_id, "values": _visible(after)}
    if was and not now:
        assert before is not None
        return "deleted", {"id": record_id, "values": _visible(after if after is not None else before)}
    if not was:
        return None, {}  # created and removed within the run, or inactive throughout: nothing would be written
    assert before is not None and after is not None
    old, new = _visible(before), _visible(after)
    diff = {
        name: {"before": old.get(name), "after": new.get(name)}
        for name in [*old, *(name for name in new if name not in old)]
        if name not in IGNORED and old.get(name) != new.get(name)
    }
    if not diff:
        return "no_op", {"id": record_id, "values": new}
    return "updated", {"id": record_id, "values": new, "changes": diff}
