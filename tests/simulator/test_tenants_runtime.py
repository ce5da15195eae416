"""Tenants and keys made at run time (`/_sim/tenants`), in memory and kept by a state file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.config import DEMO_KEY, SimConfig
from tests.simulator.builders import errors_of

JSON = {"Content-Type": "application/json"}


@pytest.fixture
def control() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url="http://testserver") as client:
        yield client


def _api(control: TestClient, key: str, method: str, path: str, **kwargs: Any) -> Any:
    return control.request(method, f"/api/v1{path}", headers={"Authorization": f"Bearer {key}"}, **kwargs)


def test_create_tenant_generates_a_key_shown_once_and_lists_only_its_fingerprint(control: TestClient) -> None:
    response = control.post("/_sim/tenants", json={"name": "acme"})
    assert response.status_code == 201
    created = response.json()
    (shown,) = created["keys"]
    assert len(shown["key"]) >= 40
    assert created["base_url"] == "http://testserver/api/v1"
    assert (created["name"], created["profile"], created["hosts"]) == ("acme", "live", [])
    assert [location["name"] for location in created["locations"]] == ["Main Warehouse", "NYC", "Toronto"]
    assert _api(control, shown["key"], "GET", "/products").json()["data"] == []
    listed = control.get("/_sim/tenants/acme").json()
    assert listed["keys"] == [{"fingerprint": shown["fingerprint"], "permissions": None, "origin": "runtime"}]
    assert shown["key"] not in control.get("/_sim/tenants").text


def test_create_tenant_with_given_keys_hosts_and_profile(control: TestClient) -> None:
    body = {"name": "docs2", "profile": "documented", "hosts": ["docs2.pim.jasperpim.com"], "keys": ["docs2-key"]}
    assert control.post("/_sim/tenants", json=body).status_code == 201
    by_host = control.get(
        "/api/v1/products", headers={"Host": "docs2.pim.jasperpim.com", "Authorization": "Bearer docs2-key"}
    )
    assert by_host.status_code == 200
    other_profile = _api(
        control, "docs2-key", "POST", "/products/1/inventory", json={"location": "NYC", "count_on_hand": 1}
    )
    assert errors_of(other_profile) == {"status": 404, "code": "other_profile", "fields": []}
    assert [tenant["name"] for tenant in control.get("/_sim/tenants").json()["data"]] == ["demo", "docs2"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "demo"}, "name"),
        ({"name": "acme", "hosts": ["demo.pim.jasperpim.com"]}, "hosts"),
        ({"name": "acme", "keys": [DEMO_KEY]}, "keys"),
        ({"name": "acme", "keys": ["same", "same"]}, "keys"),
        ({"name": "acme", "relation_types": [{"id": 1, "name": "Related", "slug": "related"}]}, "body"),
        ({"name": "Not A Name"}, "name"),
        ({"name": "acme", "colour": "blue"}, "colour"),
    ],
)
def test_create_tenant_breaking_a_config_rule_answers_422_naming_the_field(
    control: TestClient, body: dict[str, Any], field: str
) -> None:
    before = control.get("/_sim/tenants").json()
    response = control.post("/_sim/tenants", json=body)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    assert control.get("/_sim/tenants").json() == before


def test_added_key_works_and_a_revoked_key_answers_401(control: TestClient) -> None:
    added = control.post("/_sim/tenants/demo/keys", json={}).json()
    assert _api(control, added["key"], "GET", "/ping").status_code == 200
    demo_print = next(
        k["fingerprint"] for k in control.get("/_sim/tenants/demo").json()["keys"] if k["origin"] == "config"
    )
    assert control.delete(f"/_sim/tenants/demo/keys/{demo_print}").status_code == 204
    assert errors_of(_api(control, DEMO_KEY, "GET", "/ping")) == {
        "status": 401,
        "code": "unauthenticated",
        "fields": [],
    }
    assert _api(control, added["key"], "GET", "/ping").status_code == 200
    assert errors_of(control.delete(f"/_sim/tenants/demo/keys/{demo_print}")) == {
        "status": 404,
        "code": "unknown_key",
        "fields": [],
    }


def test_add_key_given_twice_answers_422(control: TestClient) -> None:
    assert control.post("/_sim/tenants/demo/keys", json={"key": "second-key"}).status_code == 201
    assert errors_of(control.post("/_sim/tenants/demo/keys", json={"key": "second-key"})) == {
        "status": 422,
        "code": "tenant_conflict",
        "fields": ["keys"],
    }


def test_delete_tenant_forgets_its_keys_and_data(control: TestClient) -> None:
    key = control.post("/_sim/tenants", json={"name": "acme"}).json()["keys"][0]["key"]
    assert _api(control, key, "POST", "/categories", json={"name": "Gone"}).status_code == 201
    assert control.delete("/_sim/tenants/acme").status_code == 204
    assert errors_of(_api(control, key, "GET", "/categories")) == {
        "status": 401,
        "code": "unauthenticated",
        "fields": [],
    }
    assert errors_of(control.get("/_sim/tenants/acme")) == {"status": 404, "code": "unknown_tenant", "fields": []}
    assert control.post("/_sim/tenants", json={"name": "acme"}).status_code == 201


def test_runtime_tenants_and_key_changes_survive_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with TestClient(create_app(state_file=state), base_url="http://testserver") as control:
        created = control.post(
            "/_sim/tenants", json={"name": "acme", "keys": [{"key": "acme-key", "permissions": None}]}
        )
        assert created.status_code == 201
        assert _api(control, "acme-key", "POST", "/categories", json={"name": "Kept"}).status_code == 201
        extra = control.post("/_sim/tenants/demo/keys", json={}).json()["key"]
        demo_print = control.get("/_sim/tenants/demo").json()["keys"][0]["fingerprint"]
        assert control.delete(f"/_sim/tenants/demo/keys/{demo_print}").status_code == 204
        listed = control.get("/_sim/tenants").json()
    with TestClient(create_app(SimConfig.default(), state_file=state), base_url="http://testserver") as control:
        assert control.get("/_sim/tenants").json() == listed  # the config's demo-key stays revoked
        assert [c["name"] for c in _api(control, "acme-key", "GET", "/categories").json()["data"]] == ["Kept"]
        assert _api(control, extra, "GET", "/ping").status_code == 200
        assert _api(control, DEMO_KEY, "GET", "/ping").status_code == 401
        assert control.app.state.notes == [  # type: ignore[attr-defined]
            f"tenant demo: key {demo_print} of the config file was revoked; it stays"
        ]


def test_create_tenant_with_an_unknown_field_says_so_as_the_api_does(control: TestClient) -> None:
    response = control.post("/_sim/tenants", json={"name": "acme", "colour": "blue"})
    assert response.json()["errors"] == {"colour": ["Extra inputs are not permitted"]}
