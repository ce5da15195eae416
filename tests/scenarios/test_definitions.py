"""Scenarios of the connection check, categories, attribute definitions and webhooks, read back by tag."""

from __future__ import annotations

import re

from client.scenarios import FORGOTTEN
from client.write_paths import Sync
from contracts import write_paths as wp
from tests.scenarios.conftest import RunScenario

# documented (reference, Ping): Unix `date` style, e.g. "Tue Feb 7 19:05:03 UTC 2017"
UNIX_DATE = re.compile(r"[A-Z][a-z]{2} [A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}")


def test_connection_scenario_pings_every_phase(run_scenario: RunScenario, sync: Sync) -> None:
    phases = run_scenario(wp.CONNECTION)

    assert [[call.operation for call in phase.calls] for phase in phases] == [["ping"]] * 4
    assert UNIX_DATE.fullmatch(sync.jasper.ping().time)


def test_category_scenario_holds_the_changed_tree_once(run_scenario: RunScenario, sync: Sync, tag: str) -> None:
    phases = run_scenario(wp.CATEGORY)

    mine = [c for c in sync.jasper.categories.iterate() if c.name.endswith(f" {tag}")]
    names = {c.id: c.name.removesuffix(f" {tag}") for c in mine}
    assert sorted((names[c.id], names.get(c.parent_id or 0), c.visible, c.description) for c in mine) == [
        ("Apparel", None, True, "Clothing."),
        ("Outerwear", "Apparel", False, "Coats and jackets."),
        ("Shirts", "Apparel", True, None),
        ("T-Shirts", "Shirts", True, None),
    ]
    assert [call.operation for call in phases[-1].calls] == ["listCategories"]  # forgotten ids: found by name


def test_attribute_definitions_scenario_holds_the_changed_definitions_once(
    run_scenario: RunScenario, sync: Sync, tag: str
) -> None:
    run_scenario(wp.ATTRIBUTE_DEFINITIONS)

    mine = {a.id: a for a in sync.jasper.attributes.iterate() if a.name.endswith(f" {tag}")}
    assert sorted((a.name, a.type.value, a.note, a.values) for a in mine.values()) == [
        (f"Fit {tag}", "selectbox", None, ["Slim", "Regular", "Relaxed"]),
        (f"Material {tag}", "text", "Main fabric.", []),
        (f"Season {tag}", "multiselect", None, ["Spring", "Summer", "Autumn", "Winter"]),
    ]
    sets = [s for s in sync.jasper.attribute_sets.iterate() if s.name.endswith(f" {tag}")]
    assert [(s.name, [mine[member].name for member in s.attributes]) for s in sets] == [
        (f"Apparel details {tag}", [f"Material {tag}", f"Fit {tag}", f"Season {tag}"])
    ]


def test_webhooks_scenario_keeps_the_updated_one_and_deactivates_the_other(
    run_scenario: RunScenario, sync: Sync, tag: str
) -> None:
    phases = run_scenario(wp.WEBHOOKS)

    mine = [w for w in sync.jasper.webhooks.iterate() if f"/{tag}/" in w.callback_url]
    assert [w.model_dump(exclude={"id", "created_at", "updated_at"}, mode="json") for w in mine] == [
        {
            "name": f"Product changes {tag}",
            "callback_url": f"http://127.0.0.1:9/jasper/{tag}/product-changes",
            "entity_type": "product",
            "include_entity_data": True,
            "headers": {"X-Sync-Tag": tag},
            "retry_policy": "linear",
            "minimum_retry_interval": 300,
            "retry_limit": 3,
        }
    ]
    assert [call.operation for phase in phases if phase.phase == FORGOTTEN for call in phase.calls] == ["listWebhooks"]
