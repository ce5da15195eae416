"""schemathesis, stateful: scenarios that follow the documents' links (each create feeds the operations
its id fills), with every default check, use_after_free and ensure_resource_availability included.

Stateless fuzzing almost never hits an existing id (tooling.md §8.4), so this run is what reaches the
handlers' success paths. One state machine per resource family and profile: schemathesis lets one
source feed at most a couple of later steps, so a machine over all 40 links spreads a bounded budget
too thin (in one 150-scenario run GET /products/{id} was never reached). Each run counts
(method, path, status) and asserts that the family's linked operations succeeded: a broken link, a
create that stops answering 201, or an auth provider that stops applying fails the test.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, Final

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, seed, settings
from schemathesis.generation.stateful.state_machine import APIStateMachine

from contracts.op import Profile
from tests.budget import budget
from tests.contract.schemathesis_support import DOCUMENTS, EXTRA_CHECKS, SEED, AnyCase, load_schema, reset_tenants

Key = tuple[str, str, int]  # (method, path template, status)
Seen = Counter[Key]

SCENARIOS: Final = settings(
    database=None,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# Paths of each family (every linked operation is in exactly one), its number of scenarios, and the
# linked operations that must succeed in every run, for both profiles unless a profile is named.
FAMILIES: Final[dict[str, str]] = {
    "products": r"^/products",
    "categories-attributes": r"^/(categories|attributes|attribute_sets)",
    "options": r"^/option",
    "webhooks": r"^/webhooks",
}
BUDGETS: Final[dict[str, tuple[int, int]]] = {  # (scenarios, steps per scenario); tests/budget.py deepens them
    "products": (budget(25, 150), 16),
    "categories-attributes": (budget(16, 100), 10),
    "options": (budget(16, 100), 10),
    "webhooks": (budget(12, 60), 10),
}
_PRODUCT_SUCCESSES: Final[list[Key]] = [
    ("GET", "/products/{product_id}", 200),
    ("PUT", "/products/{product_id}", 200),
    ("GET", "/products/{product_id}/prices", 200),
    ("POST", "/products/{product_id}/prices", 201),
    ("PUT", "/products/{product_id}/prices/{price_id}", 200),
    ("GET", "/products/{product_id}/attributes", 200),
]
MUST_SUCCEED: Final[dict[tuple[Profile, str], list[Key]]] = {
    (Profile.LIVE, "products"): [
        *_PRODUCT_SUCCESSES,
        ("POST", "/products/{product_id}/inventory", 201),
        ("PUT", "/products/{product_id}/inventory/{inventory_id}", 200),
    ],
    (Profile.DOCUMENTED, "products"): [
        *_PRODUCT_SUCCESSES,
        ("POST", "/products/{product_id}/child", 201),
        ("POST", "/products/{product_id}/inventories", 201),
        ("PUT", "/products/{product_id}/inventories/{inventory_id}", 200),
    ],
    **{
        (profile, family): successes
        for profile in Profile
        for family, successes in {
            "categories-attributes": [
                ("GET", "/categories/{category_id}", 200),
                ("PUT", "/categories/{category_id}", 200),
                ("GET", "/attributes/{attribute_id}", 200),
                ("PUT", "/attributes/{attribute_id}", 200),
                ("GET", "/attribute_sets/{attribute_set_id}", 200),
                ("PUT", "/attribute_sets/{attribute_set_id}", 200),
            ],
            "options": [
                ("GET", "/options/{option_id}", 200),
                ("PUT", "/options/{option_id}", 200),
                ("POST", "/options/{option_id}/values", 201),
                ("PUT", "/options/{option_id}/values/{value_id}", 200),
                ("GET", "/option_sets/{option_set_id}", 200),
                ("GET", "/option_sets/{option_set_id}/options", 200),
            ],
            "webhooks": [
                ("GET", "/webhooks/{webhook_id}", 200),
                ("PUT", "/webhooks/{webhook_id}", 200),
                ("DELETE", "/webhooks/{webhook_id}", 204),
            ],
        }.items()
    },
}


def link_machine(profile: Profile, family: str, seen: Seen) -> type[APIStateMachine]:
    """The state machine of one family's links for `profile`, on a tenant emptied before every scenario."""
    schema, app = load_schema(profile, max_examples=BUDGETS[family][0], stateful_paths=FAMILIES[family])
    base: type[APIStateMachine] = schema.as_state_machine()

    class Workflow(base):  # type: ignore[valid-type,misc]
        def setup(self) -> None:
            # Each scenario starts from an empty tenant: ids restart, no sku or name is taken.
            reset_tenants(app)

        def after_call(self, response: schemathesis.Response, case: AnyCase) -> None:
            super().after_call(response, case)  # records the step for the stateful checks
            seen[(case.method.upper(), case.path, response.status_code)] += 1

        def validate_response(
            self,
            response: schemathesis.Response,
            case: AnyCase,
            additional_checks: list[Any] | None = None,
            **kwargs: Any,
        ) -> None:
            checks = [*(additional_checks or []), *EXTRA_CHECKS]
            super().validate_response(response, case, additional_checks=checks, **kwargs)

    # A fixed seed: Hypothesis draws the same scenarios on every run. (schemathesis still tosses a
    # true-random coin per link parameter; it only decides whether a step explores a random id instead.)
    seeded: type[APIStateMachine] = seed(SEED)(Workflow)
    return seeded


@pytest.mark.parametrize(("profile", "family"), list(MUST_SUCCEED), ids=str)
def test_stateful_links_are_followed_and_conform(profile: Profile, family: str) -> None:
    seen: Seen = Counter()
    scenarios, steps = BUDGETS[family]
    link_machine(profile, family, seen).run(
        settings=settings(SCENARIOS, max_examples=scenarios, stateful_step_count=steps)
    )
    missing = [key for key in MUST_SUCCEED[profile, family] if seen[key] == 0]
    assert missing == [], f"linked operations never succeeded: {missing}; seen: {sorted(seen.items())}"


def _family(path: str) -> list[str]:
    return [family for family, pattern in FAMILIES.items() if re.match(pattern, path)]


@pytest.mark.parametrize("profile", list(Profile), ids=str)
def test_every_link_stays_inside_one_family(profile: Profile) -> None:
    # A link between two families would never be followed by the runs above.
    document = json.loads(DOCUMENTS[profile].read_text())
    operations = [(path, op) for path, item in document["paths"].items() for op in item.values() if "responses" in op]
    path_of = {op["operationId"]: path for path, op in operations}
    crossing = [
        (source, link["operationId"])
        for source, operation in operations
        for response in operation["responses"].values()
        for link in response.get("links", {}).values()
        if len(_family(source)) != 1 or _family(source) != _family(path_of[link["operationId"]])
    ]
    assert crossing == []
