"""Every state the API can reach exports, imports back and survives a restart unchanged.

Hypothesis drives random sequences of writes (many refused on purpose: unknown ids, taken SKUs, values
that do not fit, attributes retyped under values in use) against an in-process tenant kept in a state
file, then checks that (1) the tenant's export imports into a fresh tenant and exports identically, and
(2) a restart on the same state file gives the same export and the same list answers, and ids continue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.config import DEMO_KEY

KEY = {"Authorization": f"Bearer {DEMO_KEY}"}
ids = st.integers(min_value=1, max_value=3)
names = st.sampled_from(["A", "B", "Size", "Colour"])
values = st.sampled_from(["a", "b", "abc", "2024-02-29", "2023-02-29", ["a"], ["a", "b"], ["c"]])
choices = st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=3)
amounts = st.one_of(st.none(), st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False))
hook = {
    "name": "Hook",
    "callback_url": "http://127.0.0.1:9/hook",
    "entity_type": "product",
    "include_entity_data": False,
    "headers": {},
    "retry_policy": "no_retry",
    "minimum_retry_interval": 60,
    "retry_limit": 0,
}

Call = tuple[str, str, Any]
calls: st.SearchStrategy[Call] = st.one_of(
    st.builds(lambda n, p: ("POST", "/categories", {"name": n, "parent_id": p}), names, st.none() | ids),
    st.builds(lambda i, n: ("PUT", f"/categories/{i}", {"name": n}), ids, names),
    st.builds(
        lambda n, t, v: ("POST", "/attributes", {"name": n, "type": t, "values": v}),
        names,
        st.sampled_from(["text", "date", "selectbox", "multiselect", "textarea"]),
        choices,
    ),
    st.builds(
        lambda i, t, v: ("PUT", f"/attributes/{i}", {"type": t, "values": v}),
        ids,
        st.sampled_from(["text", "date", "selectbox", "multiselect"]),
        choices,
    ),
    st.builds(lambda s, n: ("POST", "/products", {"name": n, "sku": s}), st.sampled_from(["S1", "S2", "S3"]), names),
    st.builds(lambda i, s: ("PUT", f"/products/{i}", {"sku": s}), ids, st.sampled_from(["S1", "S4"])),
    st.builds(lambda i, c: ("POST", f"/products/{i}/categories", {"category_id": c}), ids, ids),
    st.builds(lambda i, a, v: ("PUT", f"/products/{i}/attributes", {"attribute_id": a, "value": v}), ids, ids, values),
    st.builds(lambda i, m: ("POST", f"/products/{i}/prices", {"sell_price": m, "channel_id": 1}), ids, amounts),
    st.builds(lambda i, p, m: ("PUT", f"/products/{i}/prices/{p}", {"cost": m}), ids, ids, amounts),
    st.builds(
        lambda i, loc, n: ("POST", f"/products/{i}/inventory", {"location": loc, "count_on_hand": n}),
        ids,
        st.sampled_from(["NYC", "Toronto", "Nowhere"]),
        st.integers(min_value=0, max_value=10**6),
    ),
    st.builds(
        lambda i, r, loc: ("PUT", f"/products/{i}/inventory/{r}", {"location": loc}),
        ids,
        ids,
        st.sampled_from(["NYC", "Main Warehouse"]),
    ),
    st.builds(lambda i, j, t: ("POST", f"/products/{i}/relations/{j}/type/{t}", None), ids, ids, st.integers(1, 5)),
    st.builds(lambda n: ("POST", "/options", {"name": n}), names),
    st.builds(lambda o, n: ("POST", f"/options/{o}/values", {"name": n}), ids, names),
    st.builds(lambda n: ("POST", "/option_sets", {"name": n}), names),
    st.builds(lambda s, o: ("POST", f"/option_sets/{s}/options", {"option_id": o}), ids, ids),
    st.builds(lambda i, s: ("PUT", f"/products/{i}", {"option_set_id": s}), ids, ids),
    st.builds(lambda n: ("POST", "/attribute_sets", {"name": n}), names),
    st.builds(lambda s, a: ("POST", f"/attribute_sets/{s}/attributes", {"attribute_id": a}), ids, ids),
    st.just(("POST", "/webhooks", hook)),
    st.builds(lambda i: ("DELETE", f"/webhooks/{i}", None), ids),
)

LISTS = ("/products", "/categories", "/attributes", "/attribute_sets", "/options", "/option_sets", "/webhooks")


def _lists(client: TestClient) -> dict[str, Any]:
    return {path: client.get(f"/api/v1{path}", params={"per_page": 250}, headers=KEY).json() for path in LISTS}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sequence=st.lists(calls, min_size=1, max_size=30))
def test_reachable_state_exports_imports_and_restarts_unchanged(tmp_path_factory: Any, sequence: list[Call]) -> None:
    state_file: Path = tmp_path_factory.mktemp("state") / "state.sqlite"
    with TestClient(create_app(state_file=state_file), base_url="http://testserver") as client:
        for method, path, body in sequence:
            answer = client.request(method, f"/api/v1{path}", json=body, headers=KEY)
            assert answer.status_code < 500, (method, path, answer.text)
        exported = client.get("/_sim/state").json()
        lists = _lists(client)
    with TestClient(create_app(state_file=state_file), base_url="http://testserver") as client:
        assert client.get("/_sim/state").json() == exported
        assert _lists(client) == lists
        created = client.post("/api/v1/options", json={"name": "After restart"}, headers=KEY).json()
        assert created["id"] > max((row["id"] for row in exported["tenants"]["demo"]["options"]), default=0)
    with TestClient(create_app(), base_url="http://testserver") as fresh:
        assert fresh.put("/_sim/state", json=exported).status_code == 200
        assert fresh.get("/_sim/state").json() == exported
