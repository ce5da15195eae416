"""A tenant's reference data the API cannot create (../shared/DESIGN.md §3), as a simulated tenant seeds it.

Inventory locations (the live API names one in `location`; KB-LOC) and product relation types (KB-REL;
one of them "variant") are tenant data. These are the defaults of every simulated tenant
(simulator/config.py builds its configuration from them); the schemathesis configuration draws request
values from them (contracts/state_rules.py), so a generated inventory row or relation can name a real one.
"""

from __future__ import annotations

from typing import Final

# (id, name)
DEFAULT_LOCATIONS: Final = ((1, "Main Warehouse"), (2, "NYC"), (3, "Toronto"))
VARIANT_SLUG: Final = "variant"
# (id, name, slug)
DEFAULT_RELATION_TYPES: Final = (
    (1, "Variant", VARIANT_SLUG),
    (2, "Related", "related"),
    (3, "Up-sell", "up-sell"),
    (4, "Cross-sell", "cross-sell"),
    (5, "Accessory", "accessory"),
)
