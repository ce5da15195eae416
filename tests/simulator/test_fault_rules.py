"""`/_sim/faults`: rules are checked, listed and removed; the text form; what a drop is in process."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from simulator import cli, serve_cli
from simulator.config import DEMO_KEY
from simulator.faults import dropped_connection
from simulator.faults.rules import FaultRule, FaultSpecError, parse_spec
from tests.simulator.served import serve

RULE = {"operation": "getProduct", "status": 503, "times": 2}
SHOWN = {**RULE, "after": 0, "probability": 1.0, "seed": 0, "matched": 0, "fired": 0}


def test_post_fault_answers_201_with_the_rule_and_its_id(app: Starlette, admin: TestClient) -> None:
    first = admin.post("/faults", json=RULE)
    second = admin.post("/faults", json={"method": "GET", "path": "/products", "delay_ms": 10})

    assert (first.status_code, first.json()) == (201, {"id": 1, **SHOWN})
    assert second.json()["id"] == 2
    assert admin.get("/faults").json()["data"] == [first.json(), second.json()]
    assert app.state.api.interceptors == [app.state.faults]


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({}, "body"),
        ({"operation": "getProduct"}, "body"),  # no action
        ({"operation": "getProduct", "status": 503, "drop": "after"}, "body"),  # two actions
        ({"operation": "getPrduct", "status": 503}, "body"),  # no such operation
        ({"path": "/_sim/health", "status": 503}, "body"),  # not a contract path: the control plane
        ({"method": "DELETE", "path": "/products", "status": 503}, "body"),  # no such method on it
        ({"operation": "getProduct", "method": "GET", "status": 503}, "body"),
        ({"operation": "getProduct", "delay_ms": 5, "body": {}}, "body"),  # a body needs a status
        ({"operation": "getProduct", "status": 700}, "status"),
        ({"operation": "getProduct", "status": 503, "probability": 2}, "probability"),
        ({"operation": "getProduct", "drop": "sometimes"}, "drop"),
        ({"operation": "getProduct", "status": 503, "times": 0}, "times"),
        ({"operation": "getProduct", "status": 503, "colour": "red"}, "colour"),
    ],
)
def test_post_fault_bad_rule_answers_422_naming_the_field(admin: TestClient, rule: dict[str, Any], field: str) -> None:
    answer = admin.post("/faults", json=rule)

    assert (answer.status_code, answer.json()["code"], list(answer.json()["errors"])) == (
        422,
        "validation_failed",
        [field],
    )
    assert admin.get("/faults").json() == {"data": []}


def test_post_fault_for_an_unknown_tenant_answers_422(admin: TestClient) -> None:
    answer = admin.post("/faults", json={**RULE, "tenant": "nobody"})

    assert (answer.status_code, answer.json()["code"], list(answer.json()["errors"])) == (
        422,
        "unknown_tenant",
        ["tenant"],
    )


def test_delete_fault_removes_one_rule_and_404_when_there_is_none(admin: TestClient, client: TestClient) -> None:
    admin.post("/faults", json={"operation": "ping", "status": 500})
    admin.post("/faults", json=RULE)

    removed = admin.delete("/faults/1")
    again = admin.delete("/faults/1")

    assert (removed.status_code, again.status_code, again.json()["code"]) == (204, 404, "unknown_fault")
    assert client.get("/ping").status_code == 200
    assert [rule["id"] for rule in admin.get("/faults").json()["data"]] == [2]


def test_delete_faults_removes_every_rule_and_the_router_consults_none(app: Starlette, admin: TestClient) -> None:
    admin.post("/faults", json=RULE)
    admin.post("/faults", json={"operation": "ping", "status": 500})

    assert admin.delete("/faults").status_code == 204
    assert admin.get("/faults").json() == {"data": []}
    assert app.state.api.interceptors == []
    assert admin.post("/faults", json=RULE).json()["id"] == 1


def test_drop_in_process_raises_httpx2s_remote_protocol_error(admin: TestClient, client: TestClient) -> None:
    admin.post("/faults", json={"operation": "createProduct", "drop": "after"})

    with pytest.raises(httpx2.RemoteProtocolError) as raised:
        client.post("/products", json={"name": "Mug", "sku": "MUG-1"})

    assert isinstance(raised.value, dropped_connection())
    assert str(raised.value) == "Server disconnected without sending a response."
    assert [product["sku"] for product in client.get("/products").json()["data"]] == ["MUG-1"]  # applied


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("getProduct:status=503,times=2", RULE),
        ("POST /products:drop=after", {"method": "POST", "path": "/products", "drop": "after"}),
        ("/products/{id}:delay_ms=250,after=1", {"path": "/products/{id}", "delay_ms": 250, "after": 1}),
        (
            "listProducts:status=429,header.Retry-After=2,tenant=acme",
            {"operation": "listProducts", "status": 429, "headers": {"Retry-After": "2"}, "tenant": "acme"},
        ),
        (
            "ping:malformed,probability=0.25,seed=9",
            {"operation": "ping", "malformed": True, "probability": 0.25, "seed": 9},
        ),
    ],
)
def test_parse_spec_reads_the_text_form(text: str, rule: dict[str, Any]) -> None:
    assert parse_spec(text) == FaultRule.model_validate(rule)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("getProduct", "expected MATCH:key=value,..."),
        ("getProduct:", "expected MATCH:key=value,..."),
        ("getProduct:status", "cannot read 'status'"),
        ("getProduct:status=503,status=500", "cannot read 'status=500'"),
        ("getProduct:body={}", "cannot read 'body={}'"),
        ("getProdut:status=503", "no operation of the contract matches getProdut"),
        ("getProduct:status=503,drop=after", "give exactly one action"),
        ("getProduct:status=abc", "status: Input should be a valid integer"),
    ],
)
def test_parse_spec_says_what_it_cannot_read(text: str, problem: str) -> None:
    with pytest.raises(FaultSpecError) as raised:
        parse_spec(text)

    assert str(raised.value).startswith(f"{text!r}: {problem}")


def test_serve_fault_option_repeats_and_comes_from_the_environment_one_rule_a_line_or_semicolon() -> None:
    parser = cli.build_parser()
    given = serve_cli.resolve(
        parser.parse_args(["serve", "--fault", "ping:status=500", "--fault", "getProduct:drop=before"]), environ={}
    )
    environ = {"JASPER_SIM_FAULT": "ping:status=500,times=1; getProduct:drop=before\nlistProducts:malformed\n"}
    from_env = serve_cli.resolve(parser.parse_args(["serve"]), environ=environ)

    assert given["fault"] == (parse_spec("ping:status=500"), parse_spec("getProduct:drop=before"))
    assert from_env["fault"] == (
        parse_spec("ping:status=500,times=1"),
        parse_spec("getProduct:drop=before"),
        parse_spec("listProducts:malformed"),
    )


def test_serve_command_with_a_bad_fault_exits_2_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--fault", "getProdut:status=503"])

    assert exited.value.code == 2
    assert "argument --fault: 'getProdut:status=503': no operation of the contract matches getProdut" in (
        capsys.readouterr().err
    )


def test_serve_process_applies_the_fault_rules_of_its_environment() -> None:
    env = {"JASPER_SIM_FAULT": "ping:status=503,times=1; listProducts:status=502,times=1\ngetProduct:status=504"}
    server = serve([], env=env)
    try:
        with httpx2.Client(base_url=server.origin + "/api/v1", headers={"Authorization": f"Bearer {DEMO_KEY}"}) as api:
            paths = ("/ping", "/ping", "/products", "/products", "/products/1")
            statuses = [api.get(path).status_code for path in paths]
    finally:
        assert server.stop() == 0

    assert statuses == [503, 200, 502, 200, 504]
    banner = "  fault rules: ping:status=503,times=1, listProducts:status=502,times=1, getProduct:status=504"
    assert f"{banner} (GET /_sim/faults)" in server.banner


def test_rule_limits_are_spelt_as_the_text_form_takes_them() -> None:
    rule = parse_spec("POST /products:drop=after,times=2,after=1,probability=0.5,seed=7")

    assert (rule.match_text(), rule.action_text(), rule.limits_text()) == (
        "POST /products",
        "drop=after",
        "times=2,after=1,probability=0.5,seed=7",
    )
    assert parse_spec("ping:delay_ms=5").limits_text() == ""
