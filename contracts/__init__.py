"""The Jasper PIM v1 API, declared once: the operation table and its models.

`OPERATIONS` lists every `Op` of every resource module. The simulator builds its routes from it, the
client calls through it, and `python -m contracts` derives the OpenAPI documents and ENDPOINTS.md.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from contracts import (
    attribute_sets,
    attributes,
    categories,
    option_sets,
    option_values,
    options,
    ping,
    product_attributes,
    product_categories,
    product_inventory,
    product_prices,
    product_relations,
    products,
    webhooks,
)
from contracts.op import BOTH, CatalogueEntry, Op, Profile, Provenance, normalise_path

RESOURCE_MODULES: Final = (
    products,
    product_categories,
    product_prices,
    categories,
    product_attributes,
    product_inventory,
    product_relations,
    attributes,
    attribute_sets,
    options,
    option_sets,
    option_values,
    webhooks,
    ping,
)
OPERATIONS: Final[tuple[Op, ...]] = tuple(op for module in RESOURCE_MODULES for op in module.OPS)
BY_ID: Final = MappingProxyType({op.id: op for op in OPERATIONS})


def ops_for(profile: Profile) -> tuple[Op, ...]:
    """The operations a tenant of this profile serves."""
    return tuple(op for op in OPERATIONS if profile in op.profiles)


def find(method: str, path: str, profile: Profile | None = None) -> Op | None:
    """The operation for a method and a path (any placeholder spelling, or concrete ids)."""
    wanted = normalise_path(path)
    for op in OPERATIONS:
        if op.method != method.upper() or (profile is not None and profile not in op.profiles):
            continue
        if op.key[1] == wanted or matches_concrete(op.key[1], wanted):
            return op
    return None


def matches_concrete(template: str, path: str) -> bool:
    """True when a normalised template such as `/products/{}` matches a concrete path `/products/42`."""
    left, right = template.split("/"), path.split("/")
    return len(left) == len(right) and all(
        a == b or (a == "{}" and b.isdigit()) for a, b in zip(left, right, strict=True)
    )


__all__ = [
    "BOTH",
    "BY_ID",
    "OPERATIONS",
    "RESOURCE_MODULES",
    "CatalogueEntry",
    "Op",
    "Profile",
    "Provenance",
    "find",
    "matches_concrete",
    "normalise_path",
    "ops_for",
]
