"""Ping: the tenant's clock in Unix `date` style."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.simulator.conftest import SteppingClock


def test_ping_returns_the_clock_in_date_style(client: TestClient, clock: SteppingClock) -> None:
    response = client.get("/ping")
    assert (response.status_code, response.json()) == (200, {"time": "Wed Mar 4 05:06:07 UTC 2026"})
    clock.now = clock.now.replace(day=14)
    assert client.get("/ping").json() == {"time": "Sat Mar 14 05:06:07 UTC 2026"}
