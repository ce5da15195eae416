"""The simulator's handlers, one module per resource, named as in contracts/.

Importing this package imports every resource module, which registers each handler with `@handles`;
`HANDLERS` maps every operation id to its one handler.
"""

from __future__ import annotations

from simulator.resources import (
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
from simulator.resources.registry import HANDLERS, Existing, Handler, PageSlice, Result, handles

RESOURCE_MODULES = (
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

__all__ = ["HANDLERS", "RESOURCE_MODULES", "Existing", "Handler", "PageSlice", "Result", "handles"]
