"""The pydantic models of `contracts.options`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from contracts.base import Name, RequestModel, Stamped, prov
from contracts.options import _SHAPE, A


class OptionWrite(RequestModel):
    """An option's fields."""

    name: Name = prov(A, _SHAPE, "Option name, e.g. Size.")


class OptionUpdate(RequestModel):
    """Changes to an option; fields left out stay as they are."""

    name: Name = prov(A, _SHAPE, "Option name.", default=None)


class Option(Stamped):
    """An option as the tenant returns it."""

    name: str = prov(A, _SHAPE, "Option name.")
