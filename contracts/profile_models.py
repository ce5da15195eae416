"""Which models a tenant of each profile can send or return.

A model bound directly (as a body or a response) only to operations of other profiles is not the
profile's: a live tenant never embeds the documented inventory row in a product, although `Product`
types its rows as either (the client reads both). The OpenAPI document of a profile declares only its
own models (contracts/openapi.py), and impact's field queries follow the same rule.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

from pydantic import BaseModel

from contracts import OPERATIONS, RESOURCE_MODULES
from contracts.op import Profile, models_module


def declared_models(module: ModuleType) -> list[type[BaseModel]]:
    """The pydantic models a contract module declares itself (not those it imports), which live in its
    models module (contracts/models/__init__.py)."""
    models = import_module(models_module(module.__name__))
    return [
        value
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == models.__name__
    ]


@cache
def active_models(profile: Profile) -> frozenset[type[BaseModel]]:
    """Every model of the contract modules but those bound directly only to other profiles' operations."""
    direct: dict[type[BaseModel], set[Profile]] = {}
    for op in OPERATIONS:
        for model in (op.body, op.response):
            if model is not None:
                direct.setdefault(model, set()).update(op.profiles)
    every = {model for module in RESOURCE_MODULES for model in declared_models(module)}
    return frozenset(model for model in every if profile in direct.get(model, {profile}))


def foreign_models(profile: Profile) -> frozenset[type[BaseModel]]:
    """The models of the contract modules a tenant of `profile` never sends or returns."""
    every = {model for module in RESOURCE_MODULES for model in declared_models(module)}
    return frozenset(every - active_models(profile))
