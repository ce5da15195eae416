"""`jasper-sim serve` as a process: banner, signals, bounded waits, the Host rule and the environment."""

from __future__ import annotations

import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import orjson
import pytest

from simulator.config import DEMO_KEY
from tests.simulator.served import Served, serve

KEY = {"Authorization": f"Bearer {DEMO_KEY}"}


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """One quick-timing simulator shared by the read-only tests of this module."""
    server = serve(["--request-timeout", "1", "--idle-timeout", "1", "--allow-host", "jasper.internal"])
    yield server
    assert server.stop() == 0


def _raw(served: Served, data: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", served.port), timeout=10)
    sock.sendall(data)
    return sock


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_serve_banner_names_the_real_port_of_port_0(served: Served) -> None:
    assert served.port > 0
    assert served.banner[0] == f"Jasper PIM simulator: base URL {served.origin}/api/v1"
    assert httpx2.get(f"{served.origin}/api/v1/ping", headers=KEY).status_code == 200


def test_serve_closes_a_request_whose_headers_stall_with_408(served: Served) -> None:
    sock = _raw(served, b"GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
    started = time.monotonic()
    answer = _read_all(sock)
    sock.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 ")
    assert orjson.loads(body) == {
        "message": "The request was not received in time.",
        "code": "request_timeout",
        "errors": {},
    }
    assert time.monotonic() - started < 8


def test_serve_closes_a_request_whose_body_stalls_with_408(served: Served) -> None:
    head = b"POST /api/v1/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-key\r\n"
    sock = _raw(served, head + b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
    answer = _read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 408 ")
    names = [c["name"] for c in httpx2.get(f"{served.origin}/api/v1/categories", headers=KEY).json()["data"]]
    assert names == []


def test_serve_closes_an_idle_connection(served: Served) -> None:
    sock = _raw(served, b"")
    started = time.monotonic()
    assert _read_all(sock) == b""
    sock.close()
    assert time.monotonic() - started < 8


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("rebind.evil.example", 400),
        ("localhost", 200),
        ("127.0.0.1", 200),
        ("10.1.2.3", 200),
        ("jasper.internal", 200),
        ("demo.pim.jasperpim.com", 200),
    ],
)
def test_serve_answers_only_hosts_it_knows(served: Served, host: str, status: int) -> None:
    for path in ("/api/v1/ping", "/_sim/state"):
        response = httpx2.get(f"{served.origin}{path}", headers={**KEY, "Host": f"{host}:{served.port}"})
        assert response.status_code == status, (path, response.text)
        if status == 400:
            assert response.json()["code"] == "bad_host"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_gracefully_finishing_a_request_in_flight(tmp_path: Path, sig: int) -> None:
    server = serve(["--state", str(tmp_path / "state.sqlite")])
    body = b'{"name": "In flight"}'
    head = (
        b"POST /api/v1/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-key\r\n"
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    )
    sock = _raw(server, head + body[:5])
    time.sleep(0.3)  # the request is in flight, its body half sent
    server.process.send_signal(sig)
    time.sleep(0.3)
    sock.sendall(body[5:])
    answer = _read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 201 ")
    assert server.stop(sig) == 0
    again = serve(["--state", str(tmp_path / "state.sqlite")])
    try:
        names = [c["name"] for c in httpx2.get(f"{again.origin}/api/v1/categories", headers=KEY).json()["data"]]
        assert names == ["In flight"]
    finally:
        assert again.stop() == 0


def test_serve_is_configured_by_environment_variables(tmp_path: Path) -> None:
    state = tmp_path / "env.sqlite"
    server = serve(
        [], env={"JASPER_SIM_STATE": str(state), "JASPER_SIM_SEED": "demo", "JASPER_SIM_PROFILE": "documented"}
    )
    try:
        assert f"  state file: {state}" in server.banner
        hosts = "demo.pim.jasperpim.com, demo.oci-1.jasperpim.com"
        assert f"  tenant demo (documented profile): API key demo-key (hosts: {hosts})" in server.banner
        assert len(httpx2.get(f"{server.origin}/api/v1/products", headers=KEY).json()["data"]) == 7
    finally:
        assert server.stop() == 0
    assert state.exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stopped_right_after_its_banner_still_exits_0(sig: int) -> None:
    assert serve([]).stop(sig) == 0  # the signal arrives before uvicorn has installed its own handlers
