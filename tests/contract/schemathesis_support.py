"""Shared set-up of the schemathesis contract tests: the committed OpenAPI document of a profile, bound
in-process to a simulator whose one tenant serves that profile, with every default check on.

What JSON Schema cannot say is stated here, per operation, with its reason (`STATE_RULES`): some
schema-valid requests are invalid against the tenant's state or across fields (a taken sku, an unknown
category id, ends_at before starts_at), and the contract answers them 422. For exactly those operations
`positive_data_acceptance` also accepts 422, and the extra check `state_rule_rejection` keeps that
widening narrow: a 422 to a schema-valid request must blame only the fields the rule names, and the
contract's own body model must accept the body (so the 422 is not a schema/model disagreement).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import schemathesis
from pydantic import ValidationError
from schemathesis.checks import CheckContext, CheckFunction
from starlette.applications import Starlette

from contracts import BY_ID, wire
from contracts.op import Profile
from simulator.app import create_app
from simulator.config import DEFAULT_LOCATIONS, DEFAULT_RELATION_TYPES, DEMO_HOST, DEMO_KEY, SimConfig, TenantConfig
from simulator.tenants import Tenants

AnyCase = schemathesis.Case[Any]

ROOT: Final = Path(__file__).resolve().parents[2]
DOCUMENTS: Final = {
    Profile.LIVE: ROOT / "contracts" / "openapi.json",
    Profile.DOCUMENTED: ROOT / "contracts" / "openapi.documented.json",
}
# The tenant is chosen by its Host header, as on a real Jasper host (DESIGN.md §5).
BASE_URL: Final = f"http://{DEMO_HOST}{wire.API_PREFIX}"
# A fixed seed and no example database: every run sends the same requests.
SEED: Final = 20261126
FIXED_NOW: Final = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)
# schemathesis' default expected statuses of positive_data_acceptance; STATE_RULES operations add 422.
_POSITIVE_STATUSES: Final = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


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
    # the simulator calls back only to loopback (simulator.webhooks.callbacks), so a webhook is made at all
    ("createWebhook", "body.callback_url", "callback-urls"),
    ("updateWebhook", "body.callback_url", "callback-urls"),
)


def tenant_config(profile: Profile) -> SimConfig:
    """The demo tenant (DEMO_KEY, both demo hosts, default reference data) serving `profile`."""
    return SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY, profile)])


def schema_config(max_examples: int, stateful_paths: str | None = None) -> schemathesis.Config:
    """Every default check on; reproducible generation; 422 widened only where STATE_RULES says why.

    `stateful_paths` (a path regex) limits the stateful phase to the links among those operations.
    """
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": max_examples, "database": "none"},
            # Constant analysis reads the simulator's source for literals: off, so that generated data
            # does not change whenever a handler's text does (tooling.md §2.2).
            "analysis": {"constants": {"enabled": False}},
            # Stateful runs follow the links the documents declare. Dependency inference adds some 300
            # guessed transitions (list -> item, item -> every id-taking operation) that dilute a bounded
            # budget: in one 150-scenario run GET /products/{id} was never called.
            "phases": {"stateful": {"inference": {"algorithms": []}}},
            "dictionaries": {
                "location-names": {"values": [location.name for location in DEFAULT_LOCATIONS]},
                "location-ids": {"values": [location.id for location in DEFAULT_LOCATIONS]},
                "relation-type-ids": {"values": [relation.id for relation in DEFAULT_RELATION_TYPES]},
                "callback-urls": {"values": ["http://127.0.0.1:9/hook", "http://localhost:9/jasper?entity=product"]},
            },
            "operations": _operation_configs(stateful_paths),
        }
    )


def _operation_configs(stateful_paths: str | None) -> list[dict[str, Any]]:
    """The `[[operations]]` entries: reference data and the widened 422 (one entry per operation)."""
    by_operation: dict[str, dict[str, Any]] = {}
    for operation_id, parameter, dictionary in REFERENCE_DATA:
        entry = by_operation.setdefault(operation_id, {"include-operation-id": operation_id})
        entry["parameters"] = {parameter: {"dictionary": dictionary, "probability": 0.5}}
    for operation_id in STATE_RULES:
        entry = by_operation.setdefault(operation_id, {"include-operation-id": operation_id})
        entry["checks"] = {"positive_data_acceptance": {"expected-statuses": [*_POSITIVE_STATUSES, "422"]}}
    entries = list(by_operation.values())
    if stateful_paths is not None:
        entries.append({"exclude-path-regex": stateful_paths, "phases": {"stateful": {"enabled": False}}})
    return entries


class DemoKeyAuth:
    """Bearer DEMO_KEY on every generated request (schema-scoped, so stateful runs get it too)."""

    def get(self, case: AnyCase, context: schemathesis.AuthContext) -> str:
        return DEMO_KEY

    def set(self, case: AnyCase, data: str, context: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = f"{wire.AUTH_SCHEME} {data}"


def load_schema(
    profile: Profile, *, max_examples: int, stateful_paths: str | None = None
) -> tuple[schemathesis.BaseSchema, Starlette]:
    """The committed document of `profile`, bound in-process to a fresh simulator serving it."""
    schema = schemathesis.openapi.from_path(DOCUMENTS[profile], config=schema_config(max_examples, stateful_paths))
    app = create_app(tenant_config(profile), clock=lambda: FIXED_NOW)
    schema.app = app
    schema.config.update(base_url=BASE_URL)
    schema.auth()(DemoKeyAuth)
    return schema, app


def reset_tenants(app: Starlette) -> None:
    """Empty every tenant of `app` and restart its ids."""
    tenants: Tenants = app.state.tenants
    for tenant in tenants:
        tenants.reset(tenant)


def state_rule_rejection(ctx: CheckContext, response: schemathesis.Response, case: AnyCase) -> bool | None:
    """A 422 to a schema-valid request is allowed only as STATE_RULES says: on the rule's fields, and
    for a body the contract's own model accepts."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != wire.UNPROCESSABLE:
        return None
    operation_id = str(case.operation.definition.raw.get("operationId", ""))
    rule = STATE_RULES.get(operation_id)
    if rule is None:
        return None  # positive_data_acceptance fails a 422 here by itself
    allowed = rule.allows(str(case.operation.schema.raw_schema.get("x-profile")))
    blamed = set(response.json().get("errors", {}))
    assert blamed, f"{operation_id}: a schema-valid request got 422 without naming a field"
    assert blamed <= allowed, (
        f"{operation_id}: a schema-valid request got 422 on {sorted(blamed - allowed)}, which no state "
        f"rule covers (allowed: {sorted(allowed)})"
    )
    model = BY_ID[operation_id].body
    sent = response.request.body
    if model is not None and isinstance(sent, bytes | str) and sent:
        try:
            model.model_validate_json(sent)
        except ValidationError as error:
            raise AssertionError(
                f"{operation_id}: the contract's body model rejects a schema-valid body: {error.errors()}"
            ) from None
    return None


EXTRA_CHECKS: Final[list[CheckFunction]] = [state_rule_rejection]
