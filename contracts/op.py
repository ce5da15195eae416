"""The `Op` declaration: one entry of the operation table, and what it records.

Every operation the simulator serves, the client calls and the OpenAPI document describes is one `Op`
in a `contracts/<resource>.py` module. Provenance is a first-class value: each Op and each model field
says whether it was observed on the live API, read in the public reference, or assumed by us.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel


class Provenance(StrEnum):
    """Where a fact comes from. Ordered from strongest to weakest evidence."""

    OBSERVED_LIVE = "observed-live"  # the iPaaS connector calls it against live tenants
    DOCUMENTED = "documented"  # the public reference or Jasper's knowledge base states it
    ASSUMED = "assumed"  # nothing public says it; our labelled guess


class Profile(StrEnum):
    """What a simulated tenant serves (../shared/DESIGN.md §4)."""

    LIVE = "live"  # what the running Jasper API accepts today, quirks included
    DOCUMENTED = "documented"  # what the public reference describes instead


BOTH = frozenset({Profile.LIVE, Profile.DOCUMENTED})
LIVE_ONLY = frozenset({Profile.LIVE})
DOCUMENTED_ONLY = frozenset({Profile.DOCUMENTED})

_PLACEHOLDER = re.compile(r"\{[^}/]*\}")


def normalise_path(path: str) -> str:
    """Lower-case a path and blank its placeholders: `/products/{ProductId}` -> `/products/{}`."""
    return _PLACEHOLDER.sub("{}", path.strip().rstrip("/") or "/").lower()


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One entry of the seed catalogue (../shared/seed/jasper-pim-api-endpoints.txt), spelled as there."""

    name: str
    group: str
    path: str  # the seed's own spelling, placeholders included
    purpose: str


@dataclass(frozen=True, slots=True)
class ModelRef:
    """A model named by its module and class name, imported on first use.

    The operation table refers to its models this way so that building it, and so the simulator's route
    table, imports no pydantic (issue 11: `jasper-sim serve` starts in about the time of a bare app).
    """

    module: str
    name: str

    def resolve(self) -> type[BaseModel]:
        model: type[BaseModel] = getattr(import_module(self.module), self.name)
        return model


def models_module(module: str) -> str:
    """Where a contract module's pydantic models live: `contracts.x` -> `contracts.models.x`."""
    return "contracts.models." + module.rpartition(".")[2]


def lazy_models(module: str, names: tuple[str, ...]) -> Callable[[str], Any]:
    """A module `__getattr__` (PEP 562) that takes `names` from `models_module(module)` on first use."""
    models = models_module(module)
    known = frozenset(names)

    def get(name: str) -> Any:
        if name not in known:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        return getattr(import_module(models), name)

    return get


@dataclass(frozen=True, slots=True)
class Op:
    """One operation of the Jasper API as this project declares it."""

    id: str  # operationId, also the client method's key
    method: str
    path: str  # relative to <host>/api/v1, placeholders snake_case
    summary: str
    resource: str  # the resource key used by impact queries (`inventory`, `webhook`, ...)
    provenance: Provenance
    source: str  # short source note for the provenance
    profiles: frozenset[Profile] = BOTH
    body_ref: ModelRef | None = None
    query_ref: ModelRef | None = None
    response_ref: ModelRef | None = None  # the item model; `many` wraps it in the list envelope
    many: bool = False
    status: int = 200
    extra_statuses: tuple[int, ...] = ()  # further success statuses (e.g. 200 for "already exists")
    errors: tuple[int, ...] = ()  # error statuses beyond the ones every operation has
    creates: str | None = None  # the path parameter a created object's `id` fills in later calls
    catalogue: tuple[CatalogueEntry, ...] = ()
    action: str | None = None  # the connector's action name, where the seed gives one
    write_paths: tuple[str, ...] = ()
    alternative_of: tuple[str, ...] = ()  # catalogue entry names this documented form stands in for
    notes: str = ""

    @property
    def body(self) -> type[BaseModel] | None:
        """The request body's model (imported on first use)."""
        return self.body_ref.resolve() if self.body_ref is not None else None

    @property
    def query(self) -> type[BaseModel] | None:
        """The query string's model (imported on first use)."""
        return self.query_ref.resolve() if self.query_ref is not None else None

    @property
    def response(self) -> type[BaseModel] | None:
        """The answer's item model (imported on first use)."""
        return self.response_ref.resolve() if self.response_ref is not None else None

    @property
    def path_params(self) -> tuple[str, ...]:
        return tuple(p[1:-1] for p in _PLACEHOLDER.findall(self.path))

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, normalise_path(self.path))

    @property
    def used_live(self) -> bool:
        """True when the connector depends on this operation against live tenants today."""
        return Profile.LIVE in self.profiles and bool(self.catalogue or self.write_paths)

    def url_path(self, **params: Any) -> str:
        """The path with its placeholders filled in (values are str()-ed)."""
        return self.path.format(**params)
