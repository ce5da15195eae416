"""`client.snapshot`: a tenant read through the production client, imported into a fresh tenant, answers alike."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from client import JasperClient, RetryPolicy, cli
from client.snapshot import Progress, take
from contracts import ops_for
from contracts.op import Profile
from contracts.wire import API_PREFIX
from simulator import demo
from simulator.app import create_app
from simulator.config import DEFAULT_LOCATIONS, DEFAULT_RELATION_TYPES, Location, SimConfig, TenantConfig, tenant_hosts
from tests.simulator.served import serve

KEY = "snap-key"


def _app(profile: Profile) -> Any:
    return create_app(SimConfig(tenants=[TenantConfig.named("snap", KEY, profile)]))


def _every_list(http: TestClient, profile: Profile) -> dict[str, Any]:
    """Every list operation of the profile, on every id it can take (ids come from the lists)."""
    headers = {"Authorization": f"Bearer {KEY}"}
    answers: dict[str, Any] = {}
    ids = {"product_id": [1, 2, 3, 4, 5, 6, 7], "option_id": [1, 2], "option_set_id": [1]}
    for op in ops_for(profile):
        if op.method != "GET" or not op.many:
            continue
        (param, *_) = op.path_params or ("",)
        for value in ids.get(param, [None]):
            path = op.url_path(**{param: value}) if value is not None else op.path
            answers[path] = http.get(f"{API_PREFIX}{path}", params={"per_page": 250}, headers=headers).json()
    return answers


@pytest.mark.parametrize("profile", list(Profile))
def test_snapshot_imported_into_a_fresh_tenant_answers_every_list_alike(profile: Profile) -> None:
    source = _app(profile)
    demo.seed(source.state.tenants.by_name["snap"].store)
    host = tenant_hosts("snap")[0]
    out = io.StringIO()
    with TestClient(source, base_url=f"http://{host}") as http:
        jasper = JasperClient(f"http://{host}{API_PREFIX}", KEY, http, retry=RetryPolicy.disabled())
        snap = take(jasper, locations=DEFAULT_LOCATIONS, relation_types=DEFAULT_RELATION_TYPES, progress=Progress(out))
        expected = _every_list(http, profile)
    target = _app(profile)
    with TestClient(target, base_url=f"http://{host}") as http:
        assert http.put("/_sim/state", json=snap.document("snap")).status_code == 200
        assert _every_list(http, profile) == expected
    assert snap.counts["products"] == 7
    assert out.getvalue().splitlines()[-1].startswith("snapshot: categories 5, attributes 5, attribute sets 1, ")
    assert snap.unread == [
        "webhook signing secrets (1 webhooks): the API shows a secret only when it creates the webhook; each got a "
        "new one",
        "deactivated webhooks: the API does not list them",
    ]


def test_snapshot_names_inventory_rows_at_locations_it_was_not_told_about() -> None:
    source = _app(Profile.LIVE)
    demo.seed(source.state.tenants.by_name["snap"].store)
    host = tenant_hosts("snap")[0]
    with TestClient(source, base_url=f"http://{host}") as http:
        jasper = JasperClient(f"http://{host}{API_PREFIX}", KEY, http, retry=RetryPolicy.disabled())
        only_main = [Location(id=1, name="Main Warehouse")]
        snap = take(
            jasper, locations=only_main, relation_types=DEFAULT_RELATION_TYPES, progress=Progress(io.StringIO())
        )
    assert {row["location_id"] for row in snap.state["inventory"]} == {1}
    left_out = [line for line in snap.unread if line.startswith("inventory row")]
    assert left_out
    assert {line.split("location ")[1] for line in left_out} <= {
        "'NYC' is not among the given locations; left out",
        "'Toronto' is not among the given locations; left out",
    }


def test_snapshot_sends_only_get_requests() -> None:
    source = _app(Profile.LIVE)
    demo.seed(source.state.tenants.by_name["snap"].store)
    host = tenant_hosts("snap")[0]
    methods: list[str] = []
    with TestClient(source, base_url=f"http://{host}") as http:
        http.event_hooks["request"].append(lambda request: methods.append(request.method))
        jasper = JasperClient(f"http://{host}{API_PREFIX}", KEY, http, retry=RetryPolicy.disabled())
        take(
            jasper, locations=DEFAULT_LOCATIONS, relation_types=DEFAULT_RELATION_TYPES, progress=Progress(io.StringIO())
        )
    assert set(methods) == {"GET"}
    assert len(methods) > 20


def test_snapshot_command_against_a_served_tenant_writes_the_import_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = serve(["--seed", "demo"])
    try:
        out = tmp_path / "snap.json"
        argv = ["snapshot", "--base-url", f"{server.origin}/api/v1", "--api-key", "demo-key", "--out", str(out)]
        assert cli.main([*argv, "--locations", "1=Main Warehouse,2=NYC,3=Toronto"]) == 0
        document = json.loads(out.read_text())
        assert list(document["tenants"]) == ["demo"]
        assert len(document["tenants"]["demo"]["products"]) == 7
        err = capsys.readouterr().err
        assert f"snapshot: wrote {out} (tenant demo)" in err
        assert "snapshot: not read: deactivated webhooks: the API does not list them" in err
        assert cli.main([*argv, "--locations", "1 Main"]) == 2
        assert capsys.readouterr().err == "jasper-sim snapshot: --locations: '1 Main' is not ID=NAME\n"
        assert cli.main(["snapshot", "--base-url", f"{server.origin}/api/v1", "--api-key", "wrong"]) == 1
        assert capsys.readouterr().err.startswith("jasper-sim snapshot: cannot read the tenant: ")
    finally:
        server.stop()
