"""Key permissions: the areas a Jasper API key may read or write, and the one each operation needs.

assumed, all of it, decided here once: Jasper publishes neither its permission names nor which call
needs which. The only public hint is iPaaS's wording that the connector's key needs "Product
read/write", "Product Inventory read/write" and "Product Category read/write" (IPAAS-PROD, IPAAS-INV;
../shared/reference/jasper-api-reference.md §2.2, ipaas-jasper-integration.md §2.4), and Jasper is a
Laravel app, whose failed authorization answers 403 "This action is unauthorized.". So: one area per
contract resource (`Op.resource`), named after it; `<area>:read` for GET, `<area>:write` for every
other method. The connection check (`GET /ping`) needs no permission: it only proves the key is valid.
When a real tenant shows other names or another split, change `AREAS` (and nothing else).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from contracts.op import Op, lazy_models

READ: Final = "read"
WRITE: Final = "write"

# Op.resource -> area (None: the operation needs no permission). assumed, see the module docstring.
AREAS: Final = MappingProxyType(
    {
        "product": "product",
        "product_category": "product_category",
        "price": "product_price",
        "category": "category",
        "product_attribute": "product_attribute",
        "inventory": "product_inventory",  # iPaaS's "Product Inventory read/write" (IPAAS-INV)
        "relation": "product_relation",
        "attribute": "attribute",
        "attribute_set": "attribute_set",
        "option": "option",
        "option_set": "option_set",
        "option_value": "option_value",
        "webhook": "webhook",
        "ping": None,
    }
)

# Every permission a key may be given, in a stable order: each area's read, then its write.
PERMISSIONS: Final[tuple[str, ...]] = tuple(
    f"{area}:{access}" for area in dict.fromkeys(a for a in AREAS.values() if a) for access in (READ, WRITE)
)
_KNOWN: Final = frozenset(PERMISSIONS)


def permission_for(op: Op) -> str | None:
    """The permission a key needs to call `op` (None: any valid key may)."""
    area = AREAS[op.resource]
    if area is None:
        return None
    return f"{area}:{READ if op.method == 'GET' else WRITE}"


def unknown_permissions(names: list[str]) -> list[str]:
    """The names in `names` that are not permissions (empty when all are)."""
    return [name for name in names if name not in _KNOWN]


# The models: contracts/models/permissions.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.permissions import ForbiddenBody as ForbiddenBody
else:
    __getattr__ = lazy_models(
        __name__,
        ("ForbiddenBody",),
    )
