"""What JSON Schema cannot say: schema-valid requests the contract answers 422, per operation, with why.

Some requests are valid by the schema yet invalid against the tenant's state or across fields (a taken
sku, an unknown category id, ends_at before starts_at); the contract answers them 422 naming the field.
Property-based tools that send schema-valid data must be told, or they report each rule as a failure.
`STATE_RULES` is the one list: the in-process schemathesis tests (tests/contract/schemathesis_support.py)
widen their positive-data check with it and check each 422 blames only the rule's fields, and the
committed `schemathesis.toml` (contracts/schemathesis_config.py) widens the CLI's check the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from contracts import reference_data
from contracts.op import Profile


@dataclass(frozen=True, slots=True)
class StateRule:
    """A contract rule JSON Schema cannot express: a schema-valid request may get 422 on `fields`
    (on `documented_fields` too when the tenant serves the documented profile)."""

    fields: frozenset[str]
    reason: str
    documented_fields: frozenset[str] = frozenset()

    def allows(self, profile: str) -> frozenset[str]:
        """The fields a 422 may name for a document of `profile` (its `x-profile`)."""
        return self.fields | self.documented_fields if profile == Profile.DOCUMENTED else self.fields


def _rule(reason: str, *fields: str, documented: tuple[str, ...] = ()) -> StateRule:
    return StateRule(frozenset(fields), reason, frozenset(documented))


_SKU = "sku is unique per tenant (a taken sku answers 422 on sku)"
_OPTION_SET = "option_set_id must name an option set of the tenant"
_VARIANT = "variants are one level deep and have one parent (assumed rule, product_relations)"
_LOCATION = "must name a location of the tenant, one row per location (IPAAS-INV; Op notes)"
_VALUE = "the value must fit the attribute's stored type and choices"
STATE_RULES: Final[dict[str, StateRule]] = {
    "createProduct": _rule(f"{_SKU}; {_OPTION_SET}", "sku", "option_set_id"),
    "createProductWithParent": _rule(
        f"{_SKU}; {_OPTION_SET}; parent_id must name a product; {_VARIANT}", "sku", "option_set_id", "parent_id"
    ),
    "createChildProduct": _rule(f"{_SKU}; {_OPTION_SET}; {_VARIANT}", "sku", "option_set_id", "product_id"),
    "updateProduct": _rule(f"{_SKU}; {_OPTION_SET}", "sku", "option_set_id"),
    "assignProductCategory": _rule("an unknown category answers 422 (Op notes)", "category_id"),
    "createProductPrice": _rule("ends_at must not precede starts_at, a cross-field rule (KB-PRICE)", "ends_at"),
    "updateProductPrice": _rule("the stored row's period, merged with the change, must stay ordered", "ends_at"),
    "createCategory": _rule("an unknown parent_id answers 422 (Op notes)", "parent_id"),
    "updateCategory": _rule("an unknown parent, or one inside the category's own subtree, answers 422", "parent_id"),
    "createProductAttribute": _rule(
        f"the attribute must exist and the product have no value for it yet; {_VALUE}", "attribute_id", "value"
    ),
    "updateProductAttributes": _rule(f"the attribute must exist; {_VALUE}", "attribute_id", "value"),
    "updateProductAttribute": _rule(_VALUE, "value"),
    "createProductInventory": _rule(f"location {_LOCATION}", "location"),
    "updateProductInventory": _rule(f"location {_LOCATION}", "location"),
    "createProductInventories": _rule(f"location_id {_LOCATION}", "location_id"),
    "updateProductInventories": _rule(f"location_id {_LOCATION}", "location_id"),
    "createProductRelation": _rule(
        f"a product cannot relate to itself; {_VARIANT}; documented profile: the variant relation type answers "
        "422 on relation_type_id (variants are made with parent fields or /child there; Op notes)",
        "product_id",
        "related_product_id",
        documented=("relation_type_id",),
    ),
    "createAttribute": _rule("an attribute name is unique in the tenant (reference: must be unique)", "name"),
    "updateAttribute": _rule("an attribute name is unique in the tenant (reference: must be unique)", "name"),
    "addAttributeSetAttribute": _rule("an unknown attribute answers 422 (Op notes)", "attribute_id"),
    "addOptionSetOption": _rule("an unknown option answers 422 (Op notes)", "option_id"),
    # the simulator's own safety rule, not Jasper's: callbacks go to loopback or configured hosts only
    # (simulator/webhooks/callbacks.py)
    "createWebhook": _rule("callback_url must name a host the simulator may call", "callback_url"),
    "updateWebhook": _rule("callback_url must name a host the simulator may call", "callback_url"),
}
# The tenant's reference data (locations, relation types) cannot be created through the API; without
# these values a generated inventory row or relation would never name a real one. (operation, parameter,
# dictionary), drawn half of the time.
REFERENCE_DATA: Final = (
    ("createProductInventory", "body.location", "location-names"),
    ("updateProductInventory", "body.location", "location-names"),
    ("createProductInventories", "body.location_id", "location-ids"),
    ("updateProductInventories", "body.location_id", "location-ids"),
    ("createProductRelation", "path.relation_type_id", "relation-type-ids"),
    # a simulator calls back only to loopback by default, so without these no generated webhook is made
    ("createWebhook", "body.callback_url", "callback-urls"),
    ("updateWebhook", "body.callback_url", "callback-urls"),
)
DICTIONARIES: Final[dict[str, list[str] | list[int]]] = {
    "location-names": [name for _, name in reference_data.DEFAULT_LOCATIONS],
    "location-ids": [id_ for id_, _ in reference_data.DEFAULT_LOCATIONS],
    "relation-type-ids": [id_ for id_, _, _ in reference_data.DEFAULT_RELATION_TYPES],
    "callback-urls": ["http://127.0.0.1:9/hook", "http://localhost:9/jasper?entity=product"],
}
