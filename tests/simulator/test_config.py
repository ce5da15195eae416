"""Tenant configuration: defaults, the JSON file, and the rules that keep tenants distinguishable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from contracts.op import Profile
from simulator.config import DEMO_HOST, DEMO_KEY, Location, RelationType, SimConfig, TenantConfig


def test_default_config_is_the_demo_tenant() -> None:
    config = SimConfig.default()
    assert config.dump() == {
        "tenants": [
            {
                "name": "demo",
                "hosts": [DEMO_HOST, "demo.oci-1.jasperpim.com"],
                "keys": [DEMO_KEY],
                "profile": Profile.LIVE,
                "locations": [
                    {"id": 1, "name": "Main Warehouse"},
                    {"id": 2, "name": "NYC"},
                    {"id": 3, "name": "Toronto"},
                ],
                "relation_types": [
                    {"id": 1, "name": "Variant", "slug": "variant"},
                    {"id": 2, "name": "Related", "slug": "related"},
                    {"id": 3, "name": "Up-sell", "slug": "up-sell"},
                    {"id": 4, "name": "Cross-sell", "slug": "cross-sell"},
                    {"id": 5, "name": "Accessory", "slug": "accessory"},
                ],
                "rate_limit": None,
            }
        ],
        "admin_token": None,
        "max_body_bytes": 1024 * 1024,
        "max_control_body_bytes": 256 * 1024 * 1024,
        "journal_bytes": 64 * 1024 * 1024,
        "journal_retention": 100_000,
        "webhooks": {"callback_hosts": [], "timeout_seconds": 10.0, "deliver": True},
    }


def test_from_file_reads_json_with_defaults_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "tenants.json"
    path.write_text(
        json.dumps(
            {
                "tenants": [
                    {"name": "acme", "hosts": ["ACME.pim.jasperpim.com"], "keys": ["k1"], "profile": "documented"},
                    {"name": "globex", "keys": ["k2"], "locations": [{"id": 7, "name": "Depot"}]},
                ],
                "admin_token": "t",
            }
        )
    )
    config = SimConfig.from_file(path)
    acme, globex = config.tenants
    assert (acme.hosts, acme.profile, acme.locations[0]) == (
        ["acme.pim.jasperpim.com"],
        Profile.DOCUMENTED,
        Location(id=1, name="Main Warehouse"),
    )
    assert (globex.hosts, globex.locations, globex.relation_types[0]) == (
        [],
        [Location(id=7, name="Depot")],
        RelationType(id=1, name="Variant", slug="variant"),
    )
    assert config.tenant("globex") is globex


@pytest.mark.parametrize(
    "tenants",
    [
        [{"name": "a", "keys": ["k"]}, {"name": "b", "keys": ["k"]}],
        [{"name": "a", "keys": ["k1"], "hosts": ["h"]}, {"name": "b", "keys": ["k2"], "hosts": ["h"]}],
        [{"name": "a", "keys": ["k1"]}, {"name": "a", "keys": ["k2"]}],
        [{"name": "a", "keys": ["k"], "relation_types": [{"id": 1, "name": "Related", "slug": "related"}]}],
        [{"name": "a", "keys": ["k"], "locations": [{"id": 1, "name": "X"}, {"id": 2, "name": "X"}]}],
        [{"name": "a", "keys": []}],
        [{"name": "a", "keys": ["has space"]}],
        [{"name": "Not A Name", "keys": ["k"]}],
        [],
    ],
    ids=[
        "shared-key",
        "shared-host",
        "same-name",
        "no-variant-type",
        "duplicate-location",
        "no-key",
        "key-with-space",
        "bad-name",
        "no-tenant",
    ],
)
def test_config_that_cannot_tell_tenants_apart_is_rejected(tenants: list[dict[str, Any]]) -> None:
    with pytest.raises(ValidationError):
        SimConfig.validate({"tenants": tenants})


def test_named_tenant_has_both_host_patterns() -> None:
    tenant = TenantConfig.named("acme", "key", Profile.DOCUMENTED)
    assert (tenant.hosts, tenant.keys, tenant.profile) == (
        ["acme.pim.jasperpim.com", "acme.oci-1.jasperpim.com"],
        ["key"],
        Profile.DOCUMENTED,
    )


def test_readme_configuration_example_is_a_valid_config() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme.split("### Configuration file", 1)[1]
    example = section.split("```json\n", 1)[1].split("```", 1)[0]

    config = SimConfig.validate_json(example)

    assert [tenant.name for tenant in config.tenants] == ["acme", "acme-next"]
    assert config.webhooks.deliver is True
