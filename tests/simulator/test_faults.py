"""Fault rules over a real socket: each action, with `times`, `after` and a seeded `probability`.

The simulator is served by uvicorn with simulator.protocol's protocol (tests/plugins/served.py), so a
dropped connection is a real one. The journal marks every applied fault (`GET /_sim/journal`, `fault`;
`served_sim.faults`).
"""

from __future__ import annotations

import json
import random

import httpx2
import pytest

from contracts import OPERATIONS
from tests.plugins.served import ACME_KEY, Marked, ServedSim

UNAVAILABLE = {"message": "Service Unavailable", "code": "injected_fault", "errors": {}}
PRODUCT = {"name": "Mug", "sku": "MUG-1"}


def test_fault_status_answers_times_times_then_normally(served_sim: ServedSim) -> None:
    api = served_sim.api()
    product = api.post("/products", json=PRODUCT).json()
    rule = served_sim.add_fault(operation="getProduct", status=503, times=2)

    answers = [api.get(f"/products/{product['id']}") for _ in range(3)]

    assert [(answer.status_code, answer.json()) for answer in answers[:2]] == [(503, UNAVAILABLE)] * 2
    assert (answers[2].status_code, answers[2].json()["sku"]) == (200, "MUG-1")
    assert served_sim.control.get("/faults").json() == {"data": [{**rule, "matched": 3, "fired": 2}]}
    assert served_sim.faults == [
        Marked("createProduct", 201, None),
        Marked("getProduct", 503, "rule 1: status=503"),
        Marked("getProduct", 503, "rule 1: status=503"),
        Marked("getProduct", 200, None),
    ]


def test_fault_status_answers_the_rules_body_and_headers(served_sim: ServedSim) -> None:
    served_sim.add_fault(
        operation="listProducts", status=429, body={"message": "Slow down"}, headers={"Retry-After": "2"}
    )

    answer = served_sim.api().get("/products")

    assert (answer.status_code, answer.json(), answer.headers["retry-after"]) == (429, {"message": "Slow down"}, "2")


def test_fault_delay_answers_normally_after_the_wait(served_sim: ServedSim) -> None:
    served_sim.add_fault(operation="ping", delay_ms=20, times=1)

    answer = served_sim.api().get("/ping")

    assert (answer.status_code, answer.json()) == (200, {"time": "Tue Jan 1 00:00:00 UTC 2030"})
    assert served_sim.faults == [Marked("ping", 200, "rule 1: delay_ms=20")]


def test_fault_delay_longer_than_the_clients_timeout_times_it_out(served_sim: ServedSim) -> None:
    served_sim.add_fault(tenant="acme", operation="ping", delay_ms=1000)  # acme: the call outlives the test

    with pytest.raises(httpx2.ReadTimeout):
        served_sim.api(ACME_KEY, timeout=0.1).get("/ping")


def test_fault_drop_before_closes_the_connection_and_applies_nothing(served_sim: ServedSim) -> None:
    served_sim.add_fault(method="POST", path="/products", drop="before", after=1)
    api = served_sim.api()

    first = api.post("/products", json=PRODUCT)
    with pytest.raises(httpx2.RemoteProtocolError):
        api.post("/products", json={"name": "Cup", "sku": "CUP-1"})

    assert first.status_code == 201
    assert [product["sku"] for product in api.get("/products").json()["data"]] == ["MUG-1"]
    assert served_sim.faults[:2] == [
        Marked("createProduct", 201, None),
        Marked("createProduct", 0, "rule 1: drop=before"),
    ]


def test_fault_drop_after_applies_the_call_and_loses_the_answer(served_sim: ServedSim) -> None:
    served_sim.add_fault(operation="createProduct", drop="after", times=1)
    api = served_sim.api()

    with pytest.raises(httpx2.RemoteProtocolError):
        api.post("/products", json=PRODUCT)

    assert [product["sku"] for product in api.get("/products").json()["data"]] == ["MUG-1"]
    assert served_sim.faults[0] == Marked("createProduct", 201, "rule 1: drop=after")


def test_fault_malformed_applies_the_call_and_answers_200_with_a_body_that_is_not_json(served_sim: ServedSim) -> None:
    api = served_sim.api()
    product = api.post("/products", json=PRODUCT).json()
    served_sim.add_fault(operation="updateProduct", malformed=True)

    answer = api.put(f"/products/{product['id']}", json={"name": "Renamed"})

    assert (answer.status_code, answer.headers["content-type"]) == (200, "application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    assert api.get(f"/products/{product['id']}").json()["name"] == "Renamed"
    assert served_sim.faults[1] == Marked("updateProduct", 200, "rule 1: malformed")


def test_fault_probability_fires_as_its_seeded_generator_says_and_repeats(served_sim: ServedSim) -> None:
    draws = random.Random(7)
    expected = [503 if draws.random() < 0.5 else 200 for _ in range(12)]
    api = served_sim.api()
    runs = []
    for _ in range(2):
        rule = served_sim.add_fault(operation="ping", status=503, probability=0.5, seed=7)
        runs.append([api.get("/ping").status_code for _ in range(12)])
        assert served_sim.control.delete(f"/faults/{rule['id']}").status_code == 204

    assert runs == [expected, expected]
    assert 0 < expected.count(503) < 12  # the seed draws both outcomes, so the test shows the choice


def test_fault_for_one_tenant_leaves_the_others_alone(served_sim: ServedSim) -> None:
    served_sim.add_fault(tenant="acme", operation="ping", status=500)

    assert (served_sim.api().get("/ping").status_code, served_sim.api(ACME_KEY).get("/ping").status_code) == (200, 500)


def test_fault_by_method_and_path_matches_that_operation_only(served_sim: ServedSim) -> None:
    api = served_sim.api()
    product = api.post("/products", json=PRODUCT).json()
    served_sim.add_fault(method="GET", path="/products/{id}", status=502)

    assert api.get(f"/products/{product['id']}").status_code == 502
    assert api.put(f"/products/{product['id']}", json={"name": "Cup"}).status_code == 200


def test_control_plane_is_never_faulted(served_sim: ServedSim) -> None:
    for operation in sorted({op.id for op in OPERATIONS}):
        served_sim.add_fault(operation=operation, drop="before")

    statuses = [served_sim.control.get(path).status_code for path in ("/health", "/faults", "/journal", "/state")]

    assert statuses == [200, 200, 200, 200]
    with pytest.raises(httpx2.RemoteProtocolError):
        served_sim.api().get("/ping")
