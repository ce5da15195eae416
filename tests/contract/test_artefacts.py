"""The generated artefacts are committed, fresh and valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from contracts import __main__ as generator
from contracts import endpoints, openapi
from contracts.op import Profile

CONTRACTS = Path(generator.__file__).parent


@pytest.mark.parametrize("profile", list(Profile))
def test_openapi_committed_equals_fresh_generation(profile: Profile) -> None:
    name = "openapi.json" if profile is Profile.LIVE else "openapi.documented.json"
    committed = json.loads((CONTRACTS / name).read_text("utf-8"))
    assert committed == json.loads(json.dumps(openapi.build(profile)))


@pytest.mark.parametrize("name", ["openapi.json", "openapi.documented.json"])
def test_openapi_passes_spec_validator(name: str) -> None:
    validate(json.loads((CONTRACTS / name).read_text("utf-8")))


def test_endpoints_md_is_fresh() -> None:
    assert (CONTRACTS / "ENDPOINTS.md").read_text("utf-8") == endpoints.render()


def test_check_flag_reports_nothing_stale() -> None:
    assert generator.stale() == []


def test_every_operation_has_bearer_security_and_error_responses() -> None:
    for profile in Profile:
        document = openapi.build(profile)
        for path, methods in document["paths"].items():
            for method, operation in methods.items():
                assert operation["security"] == [{"bearerAuth": []}], (method, path)
                assert "401" in operation["responses"], (method, path)
                assert operation["x-provenance"] in {"observed-live", "documented", "assumed"}


def test_creates_link_to_the_operations_their_id_feeds() -> None:
    document = openapi.build(Profile.LIVE)
    links = document["paths"]["/products"]["post"]["responses"]["201"]["links"]
    assert links["getProduct"]["parameters"] == {"product_id": "$response.body#/id"}
    price_links = document["paths"]["/products/{product_id}/prices"]["post"]["responses"]["201"]["links"]
    assert price_links["updateProductPrice"]["parameters"] == {
        "product_id": "$request.path.product_id",
        "price_id": "$response.body#/id",
    }


def _keys(node: object) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {key for value in node.values() for key in _keys(value)}
    if isinstance(node, list):
        return {key for item in node for key in _keys(item)}
    return set()


@pytest.mark.parametrize("profile", list(Profile))
def test_bounds_render_as_json_schema_keywords(profile: Profile) -> None:
    # pydantic writes constraints placed after a BeforeValidator as raw `ge`/`le`, which JSON Schema ignores.
    assert not _keys(openapi.build(profile)) & {"ge", "le", "gt", "lt"}
