"""Start-up (issue 11): the control plane loaded on its first call other than GET /health, answering as before.

The time itself is measured by bench/ (start-up as a ratio to a bare app), never here.
"""

from __future__ import annotations

import subprocess
import sys

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


# `jasper-sim serve --seed demo` run through its entry point in a fresh interpreter, with uvicorn's
# serving loop replaced by calls through the app it was given: pydantic must be loaded by none of the
# start and by no read, then by the first write; once "serving", the load-ahead thread compiles the rest.
_SERVE_THEN_CALL = r"""
import sys, threading

import uvicorn
from starlette.testclient import TestClient

from client.cli import main

seen = {}


def serve_in_process(server, sockets=None):
    seen["start"] = "pydantic" in sys.modules
    key = {"Authorization": "Bearer demo-key"}
    with TestClient(server.config.app, base_url="http://127.0.0.1/api/v1", headers=key) as api:
        paths = ("/ping", "/products/1", "/products/1/prices", "/categories/1")
        seen["reads"] = [api.get(path).status_code for path in paths], "pydantic" in sys.modules
        bad = api.post("/products", json={"name": "No SKU"})
        good = api.post("/products", json={"name": "Mug", "sku": "MUG-2"})
        seen["writes"] = bad.status_code, bad.json()["errors"], good.status_code
    models = sys.modules["contracts.models.products"]
    seen["update model before"] = models.ProductUpdate.__pydantic_complete__
    server.started = True
    next(t for t in threading.enumerate() if t.name == "load-ahead").join(30)
    seen["update model after"] = models.ProductUpdate.__pydantic_complete__


uvicorn.Server.run = serve_in_process
code = main(["serve", "--port", "0", "--seed", "demo"])
print(code, seen, file=sys.stderr)
"""


def test_serve_starts_and_answers_reads_without_pydantic_then_loads_it_for_writes() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _SERVE_THEN_CALL], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().split("\n")[-1] == (
        "0 {'start': False, 'reads': ([200, 200, 200, 200], False), "
        "'writes': (422, {'sku': ['Field required']}, 201), 'update model before': False, 'update model after': True}"
    )
