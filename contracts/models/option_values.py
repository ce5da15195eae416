"""The pydantic models of `contracts.option_values`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import Name, RequestModel, Stamped, prov
from contracts.option_values import _SHAPE, A


class OptionValueWrite(RequestModel):
    """An option value's fields."""

    name: Name = prov(A, _SHAPE, "The value's label, e.g. L.")


class OptionValueUpdate(RequestModel):
    """Changes to an option value; fields left out stay as they are."""

    name: Name = prov(A, _SHAPE, "The value's label.", default=None)


class OptionValue(Stamped):
    """An option value as the tenant returns it."""

    option_id: int = prov(A, "values belong to one option", "The option.")
    name: str = prov(A, _SHAPE, "The value's label.")
