"""The pydantic models of `contracts.option_sets`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import Name, RequestModel, Stamped, prov
from contracts.models.wire import Id
from contracts.option_sets import _SHAPE, A


class OptionSetWrite(RequestModel):
    """An option set's fields."""

    name: Name = prov(A, _SHAPE, "Set name, e.g. Size/Color.")


class OptionSetUpdate(RequestModel):
    """Changes to an option set; fields left out stay as they are."""

    name: Name = prov(A, _SHAPE, "Set name.", default=None)


class OptionSetMember(RequestModel):
    """The option to add to the set."""

    option_id: Id = prov(A, "IPAAS-EP: adds an existing option; key assumed", "An existing option.")


class OptionSet(Stamped):
    """An option set with its member options."""

    name: str = prov(A, _SHAPE, "Set name.")
    options: list[int] = prov(A, _SHAPE, "Ids of the member options, in the order added.", default_factory=list)
