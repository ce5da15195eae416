"""`/_sim/clock`: frozen and advanced time drives timestamps and the ping time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from contracts import wire
from simulator.clock import SimClock
from simulator.store import utc_now
from tests.simulator.conftest import NOW, STAMP, SteppingClock

FROZEN = "2030-01-01T00:00:00.000000Z"


def test_get_clock_answers_the_time_and_that_it_runs(admin: TestClient) -> None:
    assert admin.get("/clock").json() == {"now": STAMP, "frozen_at": None, "offset_seconds": 0.0}


def test_put_clock_freezes_timestamps_of_created_objects(admin: TestClient, client: TestClient) -> None:
    answer = admin.put("/clock", json={"frozen_at": "2030-01-01T00:00:00Z"})
    created = client.post("/products", json={"name": "Mug", "sku": "MUG-1"}).json()

    assert answer.json() == {"now": FROZEN, "frozen_at": FROZEN, "offset_seconds": None}
    assert (created["created_at"], created["updated_at"]) == (FROZEN, FROZEN)
    assert client.get("/ping").json() == {"time": "Tue Jan 1 00:00:00 UTC 2030"}


def test_advance_clock_moves_timestamps(admin: TestClient, client: TestClient) -> None:
    admin.put("/clock", json={"frozen_at": FROZEN})
    created = client.post("/products", json={"name": "Mug", "sku": "MUG-1"}).json()

    answer = admin.post("/clock/advance", json={"seconds": 90.5})
    updated = client.put(f"/products/{created['id']}", json={"name": "Cup"}).json()

    moved = "2030-01-01T00:01:30.500000Z"
    assert answer.json() == {"now": moved, "frozen_at": moved, "offset_seconds": None}
    assert (updated["created_at"], updated["updated_at"]) == (FROZEN, moved)
    assert client.get("/ping").json() == {"time": "Tue Jan 1 00:01:30 UTC 2030"}


def test_unfrozen_clock_runs_on_from_where_it_stood(admin: TestClient, clock: SteppingClock) -> None:
    admin.put("/clock", json={"frozen_at": FROZEN})
    answer = admin.put("/clock", json={"frozen_at": None})
    clock.now = NOW + timedelta(seconds=5)  # the base clock runs on by five seconds

    later = wire.format_timestamp(datetime(2030, 1, 1, 0, 0, 5, tzinfo=UTC))
    assert answer.json()["frozen_at"] is None
    assert admin.get("/clock").json()["now"] == later


def test_advance_running_clock_shifts_it(admin: TestClient) -> None:
    answer = admin.post("/clock/advance", json={"seconds": 3600})

    assert answer.json() == {
        "now": wire.format_timestamp(NOW + timedelta(hours=1)),
        "frozen_at": None,
        "offset_seconds": 3600.0,
    }


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("PUT", "/clock", {}, "frozen_at"),
        ("PUT", "/clock", {"frozen_at": "soon"}, "frozen_at"),
        ("POST", "/clock/advance", {"seconds": -1}, "seconds"),
        ("POST", "/clock/advance", {"seconds": 1, "minutes": 2}, "minutes"),
    ],
)
def test_clock_bad_body_answers_422_naming_the_field(
    admin: TestClient, method: str, path: str, body: dict[str, object], field: str
) -> None:
    answer = admin.request(method, path, json=body)

    assert (answer.status_code, answer.json()["code"], list(answer.json()["errors"])) == (
        422,
        "validation_failed",
        [field],
    )
    assert admin.get("/clock").json()["now"] == STAMP


def test_delete_clock_puts_it_back_to_the_base_clock(admin: TestClient) -> None:
    admin.put("/clock", json={"frozen_at": FROZEN})
    admin.post("/clock/advance", json={"seconds": 60})

    assert admin.delete("/clock").status_code == 204
    assert admin.get("/clock").json() == {"now": STAMP, "frozen_at": None, "offset_seconds": 0.0}


@pytest.mark.parametrize("realtime", [True, False], ids=["real time", "injected base"])
def test_stamp_is_the_clocks_time_as_posix_seconds_in_every_state(realtime: bool) -> None:
    # SimClock.stamp (the journal's time, a float) must say what clock() says, frozen, moved or running
    clock = SimClock(utc_now if realtime else SteppingClock(), realtime=realtime)
    tolerance = 0.001 if realtime else 0.0  # real time moves between the reads; a stepping clock does not

    def close() -> None:
        before, stamp, after = clock().timestamp(), clock.stamp(), clock().timestamp()
        assert before - tolerance <= stamp <= after + tolerance

    close()
    clock.advance(3600.5)
    close()
    clock.freeze(datetime(2030, 1, 1, 0, 0, 0, 123456, tzinfo=UTC))
    assert clock.stamp() == clock().timestamp()
    assert datetime.fromtimestamp(clock.stamp(), UTC) == datetime(2030, 1, 1, 0, 0, 0, 123456, tzinfo=UTC)
    clock.advance(1.25)
    assert datetime.fromtimestamp(clock.stamp(), UTC) == datetime(2030, 1, 1, 0, 0, 1, 373456, tzinfo=UTC)
    clock.unfreeze()
    close()
    clock.reset()
    close()
