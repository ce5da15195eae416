"""What every write path works with: `Sync` (client, external ids, tenant reference data, trace).

`Trace` labels each call with the write path that made it (contracts/write_paths.py names them), so a
rehearsal can say where a run broke and the tests can check the operations each write path really
calls against the contract's `write_paths` links. A call belongs to the innermost labelled step: the
product upsert's price step is `product.prices`, while the gridded write path labels the calls it makes
itself (its children, their inventory) `gridded`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

import httpx2

from client.external_ids import CollectionType, ExternalIdStore
from client.jasper import OPERATION_EXTENSION, JasperClient

# assumed: relation types are tenant reference data the API we use cannot list (KB-REL;
# contracts/product_relations.py), so their ids come from configuration. These defaults are the ids a
# simulated tenant seeds (simulator/config.py DEFAULT_RELATION_TYPES; a test keeps them in step).
DEFAULT_RELATION_TYPES: Final = MappingProxyType(
    {"variant": 1, "related": 2, "up-sell": 3, "cross-sell": 4, "accessory": 5}
)
VARIANT: Final = "variant"


class WritePathError(Exception):
    """A write path cannot do what its input asks (the input, not the tenant, is at fault)."""


class MissingReference(WritePathError):  # noqa: N818 - named for what is missing, like the client's errors
    """The input points at an iPaaS record that has no Jasper id yet (e.g. a category's parent)."""

    def __init__(self, message: str, *, collection: CollectionType, ipaas_ids: tuple[str, ...]) -> None:
        super().__init__(message)
        self.collection = collection
        self.ipaas_ids = ipaas_ids


@dataclass(frozen=True, slots=True)
class TracedCall:
    """One request a write path sent: which write path, which operation, and where."""

    write_path: str  # "" when no step was running
    operation: str
    method: str
    path: str


class Trace:
    """The write path running now, and (once `watch`ing a client) every call each one sent."""

    def __init__(self) -> None:
        self._steps: list[str] = []
        self.calls: list[TracedCall] = []

    @property
    def current(self) -> str:
        """The innermost running write path ("" outside any)."""
        return self._steps[-1] if self._steps else ""

    @contextmanager
    def step(self, write_path: str) -> Iterator[None]:
        """Label the calls made inside the block with `write_path`."""
        self._steps.append(write_path)
        try:
            yield
        finally:
            self._steps.pop()

    def watch(self, http: httpx2.Client) -> None:
        """Record every JasperClient request `http` sends from now on (once, however often called)."""
        hooks = http.event_hooks
        if self._record not in hooks["request"]:
            http.event_hooks = {"request": [*hooks["request"], self._record], "response": hooks["response"]}

    def operations(self, write_path: str | None = None) -> list[str]:
        """The operationIds sent, in order; only those of one write path when it is given."""
        return [call.operation for call in self.calls if write_path is None or call.write_path == write_path]

    def _record(self, request: httpx2.Request) -> None:
        operation = request.extensions.get(OPERATION_EXTENSION)
        if isinstance(operation, str):
            self.calls.append(TracedCall(self.current, operation, request.method, request.url.path))


@dataclass
class Sync:
    """One sync job's tools: the tenant's client, the external-id store, and the tenant's relation types.

    `relation_types` maps relation type slugs ("variant", "up-sell", ...) to the tenant's ids.
    """

    jasper: JasperClient
    ids: ExternalIdStore
    relation_types: Mapping[str, int] = field(default_factory=lambda: DEFAULT_RELATION_TYPES)
    trace: Trace = field(default_factory=Trace)

    @classmethod
    def traced(
        cls, jasper: JasperClient, ids: ExternalIdStore, relation_types: Mapping[str, int] = DEFAULT_RELATION_TYPES
    ) -> Sync:
        """A Sync whose trace records every call its client sends."""
        sync = cls(jasper, ids, relation_types)
        sync.trace.watch(jasper.http)
        return sync

    def step(self, write_path: str) -> AbstractContextManager[None]:
        """Label the calls made inside the block with `write_path` (see `Trace.step`)."""
        return self.trace.step(write_path)

    def relation_type(self, slug: str) -> int:
        """The tenant's id of a relation type; `WritePathError` when it is not configured."""
        found = self.relation_types.get(slug)
        if found is None:
            known = ", ".join(sorted(self.relation_types))
            raise WritePathError(f"relation type {slug!r} is not configured for this tenant (known: {known})")
        return found
