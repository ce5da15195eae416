"""Shared set-up of the schemathesis contract tests: the committed OpenAPI document of a profile, bound
in-process to a simulator whose one tenant serves that profile, with every default check on.

What JSON Schema cannot say is stated in contracts/state_rules.py, per operation, with its reason
(`STATE_RULES`): some schema-valid requests are invalid against the tenant's state or across fields (a
taken sku, an unknown category id, ends_at before starts_at), and the contract answers them 422. For
exactly those operations `positive_data_acceptance` also accepts 422 (contracts/schemathesis_config.py,
also the committed schemathesis.toml), and the extra check `state_rule_rejection` keeps that widening
narrow: a 422 to a schema-valid request must blame only the fields the rule names, and the contract's
own body model must accept the body (so the 422 is not a schema/model disagreement).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import schemathesis
from pydantic import ValidationError
from schemathesis.checks import CheckContext, CheckFunction
from starlette.applications import Starlette

from contracts import BY_ID, schemathesis_config, wire
from contracts.op import Profile
from contracts.state_rules import STATE_RULES
from simulator.app import create_app
from simulator.config import DEMO_HOST, DEMO_KEY, SimConfig, TenantConfig
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
SEED: Final = schemathesis_config.SEED
FIXED_NOW: Final = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)


def tenant_config(profile: Profile) -> SimConfig:
    """The demo tenant (DEMO_KEY, both demo hosts, default reference data) serving `profile`."""
    return SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY, profile)])


def schema_config(
    max_examples: int, stateful_paths: str | None = None, *, coverage: bool = True
) -> schemathesis.Config:
    """The contract's schemathesis settings (contracts/schemathesis_config.py, the same the committed
    schemathesis.toml holds), with `stateful_paths` (a path regex) limiting the stateful phase to the
    links among those operations, and the coverage phase off when `coverage` is false."""
    settings = schemathesis_config.settings(max_examples)
    if not coverage:
        settings["phases"]["coverage"] = {"enabled": False}
    if stateful_paths is not None:
        settings["operations"].append(
            {"exclude-path-regex": stateful_paths, "phases": {"stateful": {"enabled": False}}}
        )
    return schemathesis.Config.from_dict(settings)


class DemoKeyAuth:
    """Bearer DEMO_KEY on every generated request (schema-scoped, so stateful runs get it too)."""

    def get(self, case: AnyCase, context: schemathesis.AuthContext) -> str:
        return DEMO_KEY

    def set(self, case: AnyCase, data: str, context: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = f"{wire.AUTH_SCHEME} {data}"


def load_schema(
    profile: Profile, *, max_examples: int, stateful_paths: str | None = None, coverage: bool = True
) -> tuple[schemathesis.BaseSchema, Starlette]:
    """The committed document of `profile`, bound in-process to a fresh simulator serving it."""
    config = schema_config(max_examples, stateful_paths, coverage=coverage)
    schema = schemathesis.openapi.from_path(DOCUMENTS[profile], config=config)
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
