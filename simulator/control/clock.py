"""`/_sim/clock`: the simulator's clock (simulator.clock), read, frozen and advanced.

`GET /_sim/clock`; `PUT /_sim/clock` `{"frozen_at": "2030-01-01T00:00:00Z"}` stops it there
(`{"frozen_at": null}` lets it run again from where it stands); `POST /_sim/clock/advance`
`{"seconds": N}` moves it forward and answers once the webhook deliveries that came due were attempted
(so `{"seconds": 0}` sends whatever is due now); `DELETE /_sim/clock` puts it back to real time (the
base clock, running, no offset). Each but DELETE answers the clock:
`{"now": ..., "frozen_at": ... | null, "offset_seconds": ... | null}`.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.clock import SimClock
from simulator.control.common import authorised, body, json_response
from simulator.webhooks.delivery import Deliveries

_TEN_YEARS = 10 * 366 * 24 * 3600


class ClockSetting(BaseModel):
    """Freeze the clock at a time, or (null) let it run."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built at first use: quicker start

    frozen_at: datetime | None


class Advance(BaseModel):
    """How far to move the clock."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    seconds: float = Field(ge=0, le=_TEN_YEARS)


def routes() -> list[BaseRoute]:
    return [
        Route("/clock", get_clock, methods=["GET"]),
        Route("/clock", set_clock, methods=["PUT"]),
        Route("/clock/advance", advance_clock, methods=["POST"]),
        Route("/clock", reset_clock, methods=["DELETE"]),
    ]


def _clock(request: Request) -> SimClock:
    authorised(request)
    clock: SimClock = request.app.state.clock
    return clock


async def get_clock(request: Request) -> Response:
    """The clock now."""
    return json_response(_clock(request).describe())


async def set_clock(request: Request) -> Response:
    """Freeze the clock, or let it run."""
    clock = _clock(request)
    setting = await body(request, ClockSetting)
    if setting.frozen_at is None:
        clock.unfreeze()
    else:
        clock.freeze(setting.frozen_at)
    return json_response(clock.describe())


async def advance_clock(request: Request) -> Response:
    """Move the clock forward, then make the webhook attempts that came due."""
    clock = _clock(request)
    clock.advance((await body(request, Advance)).seconds)
    deliveries: Deliveries = request.app.state.deliveries
    await deliveries.run_due()
    return json_response(clock.describe())


async def reset_clock(request: Request) -> Response:
    """Back to the base clock (real time, unless the app was given another)."""
    _clock(request).reset()
    return Response(status_code=204)
