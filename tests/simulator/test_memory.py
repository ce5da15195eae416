"""After a state import the allocator's free pages go back to the system (simulator/memory.py)."""

from __future__ import annotations

import sys

import pytest
from starlette.testclient import TestClient

from simulator import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's (the container, CI)")
def test_malloc_trim_is_found_on_glibc() -> None:
    assert memory._malloc_trim() is not None
    assert memory.release_freed_memory() >= 0.0


def test_put_state_releases_freed_memory_once_the_stores_are_swapped(
    admin: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenants = admin.app.state.tenants  # type: ignore[attr-defined]
    before = tenants.by_name["demo"].store
    seen: list[object] = []

    def release() -> float:
        seen.append(tenants.by_name["demo"].store)
        return 0.0

    monkeypatch.setattr(memory, "release_freed_memory", release)
    state = admin.get("/state", params={"tenant": "demo"}).json()

    assert admin.put("/state", json=state).status_code == 200
    assert admin.put("/state", json={"tenants": {"demo": {"products": "not a list"}}}).status_code == 422
    assert len(seen) == 1
    assert seen[0] is tenants.by_name["demo"].store is not before  # released after the swap
