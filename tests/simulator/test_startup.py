"""Start-up (issue 11): the control plane loaded on its first call other than GET /health, answering as before.

The time itself is measured by bench/ (start-up as a ratio to a bare app), never here.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount
from starlette.testclient import TestClient

from simulator import control
from tests.simulator.builders import errors_of


def _control_plane(app: Starlette) -> control.ControlPlane:
    for route in app.routes:
        if isinstance(route, Mount) and route.path == control.PREFIX:
            assert isinstance(route.app, control.ControlPlane)
            return route.app
    raise AssertionError("no control plane mounted")


def test_health_answers_without_loading_the_control_plane(app: Starlette, admin: TestClient) -> None:
    response = admin.get("/health")
    assert (response.status_code, response.json()["status"]) == (200, "ok")
    assert _control_plane(app).loaded is False


def test_control_call_loads_every_control_route(app: Starlette, admin: TestClient) -> None:
    response = admin.post("/reset", json={"tenant": "demo"})
    assert (response.status_code, response.json()) == (200, {"reset": ["demo"]})
    plane = _control_plane(app)
    assert plane.loaded is True
    assert list(map(_shown, plane.routes)) == list(map(_shown, control.routes()))


def _shown(route: BaseRoute) -> tuple[str, list[str]]:
    return getattr(route, "path", ""), sorted(getattr(route, "methods", None) or [])


def test_unknown_control_path_first_answers_404_in_the_error_shape(admin: TestClient) -> None:
    assert errors_of(admin.get("/nowhere")) == {"status": 404, "code": "route_not_found", "fields": []}


def test_health_with_wrong_method_first_answers_405(admin: TestClient) -> None:
    response = admin.post("/health", json={})
    allowed = sorted(response.headers["allow"].split(", "))  # Starlette lists a set: any order
    assert (errors_of(response), allowed) == (
        {"status": 405, "code": "method_not_allowed", "fields": []},
        ["GET", "HEAD"],
    )
