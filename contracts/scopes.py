"""The scope review: which permissions the connector's API key needs, from the operation table.

For every write path (contracts/write_paths.py), or the ones named, the operations it calls (the Ops
whose `write_paths` link it; tests/contract/test_write_path_links.py keeps the links exact) and the
permission each needs (contracts/permissions.py), then the union. `jasper-sim scopes` prints it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from contracts import OPERATIONS
from contracts.op import Op
from contracts.permissions import PERMISSIONS, permission_for
from contracts.write_paths import WRITE_PATHS

NO_PERMISSION = "(none)"


@dataclass(frozen=True, slots=True)
class WritePathScope:
    """One write path: the operations it calls, each with the permission it needs (None: none)."""

    write_path: str
    operations: tuple[tuple[Op, str | None], ...]

    @property
    def permissions(self) -> tuple[str, ...]:
        """The permissions this write path needs, in `PERMISSIONS` order."""
        return _ordered(permission for _, permission in self.operations)


@dataclass(frozen=True, slots=True)
class ScopeReview:
    """The review of some write paths and the union of what they need."""

    write_paths: tuple[WritePathScope, ...]

    @property
    def permissions(self) -> tuple[str, ...]:
        """Every permission any of the write paths needs: what the connector's key must hold."""
        return _ordered(p for scope in self.write_paths for p in scope.permissions)

    def needing(self, permission: str) -> list[str]:
        """The write paths that need `permission`."""
        return [scope.write_path for scope in self.write_paths if permission in scope.permissions]


def review(write_paths: Iterable[str] | None = None) -> ScopeReview:
    """The scope review of every write path, or of those named (ValueError for a name there is none of)."""
    chosen = list(WRITE_PATHS) if write_paths is None else list(dict.fromkeys(write_paths))
    unknown = [name for name in chosen if name not in WRITE_PATHS]
    if unknown:
        raise ValueError(f"no write path {', '.join(unknown)}; known: {', '.join(WRITE_PATHS)}")
    return ScopeReview(
        tuple(
            WritePathScope(name, tuple((op, permission_for(op)) for op in OPERATIONS if name in op.write_paths))
            for name in chosen
        )
    )


def as_text(result: ScopeReview) -> str:
    """Per write path its operations and their permissions, then the union one per line."""
    width = max((len(op.id) for scope in result.write_paths for op, _ in scope.operations), default=0)
    lines = ["Permissions each write path's calls need (names assumed: contracts/permissions.py)", ""]
    for scope in result.write_paths:
        lines.append(scope.write_path)
        for op, permission in scope.operations:
            lines.append(f"  {permission or NO_PERMISSION:<26}{op.id:<{width}}  {op.method} {op.path}")
    if result.permissions:
        lines += ["", f"The key needs these {len(result.permissions)} permissions:", *result.permissions]
    else:
        lines += ["", "The key needs no permission: any valid key will do."]
    return "\n".join(lines) + "\n"


def as_json(result: ScopeReview) -> dict[str, Any]:
    """The review for tools: per write path its operations and permissions, and the union."""
    return {
        "write_paths": {
            scope.write_path: {
                "operations": [
                    {"operation": op.id, "method": op.method, "path": op.path, "permission": permission}
                    for op, permission in scope.operations
                ],
                "permissions": list(scope.permissions),
            }
            for scope in result.write_paths
        },
        "permissions": list(result.permissions),
    }


def _ordered(permissions: Iterable[str | None]) -> tuple[str, ...]:
    wanted = {p for p in permissions if p is not None}
    return tuple(p for p in PERMISSIONS if p in wanted)
