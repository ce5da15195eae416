"""Rate limits per API key (assumed throttling, contracts/wire.py): config, `/_sim/rate_limits`, the clock."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.config import DEMO_KEY, RateLimit, SimConfig, TenantConfig
from simulator.tenants import fingerprint, key_digest
from tests.simulator.conftest import NOW, bearer, error

THROTTLED = error("Too Many Attempts.", "rate_limited")


def limits(response: Any) -> tuple[int, str | None, str | None, str | None]:
    """Status, Retry-After, X-RateLimit-Limit and X-RateLimit-Remaining of an answer."""
    headers = response.headers
    return (
        response.status_code,
        headers.get("retry-after"),
        headers.get("x-ratelimit-limit"),
        headers.get("x-ratelimit-remaining"),
    )


def test_rate_limit_allows_n_calls_then_429_until_the_clock_moves_past_the_window(
    admin: TestClient, client: TestClient
) -> None:
    assert admin.put("/rate_limits/demo", json={"per_minute": 3}).status_code == 200

    allowed = [limits(client.get("/ping")) for _ in range(3)]
    throttled = client.get("/ping")
    admin.post("/clock/advance", json={"seconds": 59})
    still = limits(client.get("/ping"))
    admin.post("/clock/advance", json={"seconds": 1})
    again = limits(client.get("/ping"))

    assert allowed == [(200, None, "3", "2"), (200, None, "3", "1"), (200, None, "3", "0")]
    assert (limits(throttled), throttled.json()) == ((429, "60", "3", "0"), THROTTLED)
    assert (still, again) == ((429, "1", "3", "0"), (200, None, "3", "2"))


def test_rate_limit_counts_each_key_on_its_own() -> None:
    two_keys = TenantConfig.named("demo", DEMO_KEY).replace(
        keys=[DEMO_KEY, "second-key"], rate_limit=RateLimit(per_minute=1)
    )
    app = create_app(SimConfig(tenants=[two_keys]), clock=lambda: NOW)
    with TestClient(app, base_url="http://testserver/api/v1") as http:
        first = [http.get("/ping", headers=bearer(DEMO_KEY)).status_code for _ in range(2)]
        second = [http.get("/ping", headers=bearer("second-key")).status_code for _ in range(2)]

    assert (first, second) == ([200, 429], [200, 429])


def test_rate_limit_off_by_default_sends_no_rate_limit_headers(app: Starlette, client: TestClient) -> None:
    assert [limits(client.get("/ping")) for _ in range(20)] == [(200, None, None, None)] * 20
    assert app.state.api.interceptors == []  # nothing on the request path while no tenant is limited


def test_rate_limit_of_one_tenant_leaves_the_others_alone(admin: TestClient, acme: TestClient) -> None:
    admin.put("/rate_limits/demo", json={"per_minute": 1})

    assert [limits(acme.get("/ping")) for _ in range(3)] == [(200, None, None, None)] * 3


def test_rate_limit_from_the_config_applies_from_the_start() -> None:
    limited = TenantConfig.named("demo", DEMO_KEY).replace(rate_limit=RateLimit(per_minute=2))
    app = create_app(SimConfig(tenants=[limited]), clock=lambda: NOW)
    with TestClient(app, base_url="http://testserver/api/v1", headers=bearer(DEMO_KEY)) as http:
        statuses = [http.get("/ping").status_code for _ in range(3)]
        listed = http.get("http://testserver/_sim/rate_limits").json()

    assert statuses == [200, 200, 429]
    assert listed == {
        "data": [
            {
                "tenant": "demo",
                "per_minute": 2,
                "keys": [
                    {
                        "key": fingerprint(key_digest(DEMO_KEY.encode())),
                        "used": 2,
                        "remaining": 0,
                        "resets_at": "2026-03-04T05:07:07.890123Z",
                    }
                ],
            }
        ]
    }


def test_delete_rate_limit_turns_it_off(app: Starlette, admin: TestClient, client: TestClient) -> None:
    admin.put("/rate_limits/demo", json={"per_minute": 1})
    client.get("/ping")

    answer = admin.delete("/rate_limits/demo")

    assert answer.status_code == 204
    assert [limits(client.get("/ping")) for _ in range(2)] == [(200, None, None, None)] * 2
    assert admin.get("/rate_limits?tenant=demo").json() == {
        "data": [{"tenant": "demo", "per_minute": None, "keys": []}]
    }
    assert app.state.api.interceptors == []


def test_put_rate_limit_bad_body_answers_422_and_unknown_tenant_404(admin: TestClient) -> None:
    bad = admin.put("/rate_limits/demo", json={"per_minute": 0})
    unknown = admin.put("/rate_limits/nobody", json={"per_minute": 5})

    assert (bad.status_code, bad.json()["code"], list(bad.json()["errors"])) == (
        422,
        "validation_failed",
        ["per_minute"],
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_tenant")
    assert admin.get("/rate_limits?tenant=demo").json()["data"][0]["per_minute"] is None


def test_rate_limit_set_at_run_time_is_kept_in_the_state_file(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    both = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY), TenantConfig.named("extra", "extra-key")])
    first = create_app(both, state_file=state)
    with TestClient(first) as http:
        assert http.put("/_sim/rate_limits/extra", json={"per_minute": 7}).status_code == 200
    with closing(sqlite3.connect(state)) as connection:
        (settings,) = connection.execute("SELECT settings FROM tenants WHERE name = 'extra'").fetchone()

    # restarted with a config that no longer names "extra": the file's settings for it stand
    second = create_app(SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)]), state_file=state)
    with TestClient(second) as http:
        listed = http.get("/_sim/rate_limits?tenant=extra").json()

    assert orjson.loads(settings)["rate_limit"] == {"per_minute": 7}
    assert listed == {"data": [{"tenant": "extra", "per_minute": 7, "keys": []}]}
    assert second.state.api.interceptors == [second.state.rate_limits]


def test_rate_limit_of_a_tenant_added_at_run_time_applies(admin: TestClient) -> None:
    created = admin.post("/tenants", json={"name": "late", "keys": ["late-key"], "rate_limit": {"per_minute": 1}})
    with TestClient(admin.app, base_url="http://testserver/api/v1", headers=bearer("late-key")) as late:
        statuses = [late.get("/ping").status_code for _ in range(2)]

    assert (created.status_code, statuses) == (201, [200, 429])
