"""Requests the HTTP parser refuses are answered 400 in the contract's JSON error shape (simulator/protocol.py).

uvicorn answers them `400 text/plain`; the simulator's protocol writes the same 400 with the error body
every other answer uses, then closes the connection as uvicorn does. Sent raw to a served simulator.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import orjson
import pytest

from tests.simulator.served import Served, serve

REFUSED = {
    "unknown-method": b"FOO /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "0xff-in-path": b"GET /api/v1/\xffping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "url-over-64-kib": b"GET /api/v1/ping?q=" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "bare-lf": b"GET /api/v1/ping HTTP/1.1\nHost: 127.0.0.1\n\n",
    "bare-cr": b"GET /api/v1/ping HTTP/1.1\rHost: 127.0.0.1\r\n\r\n",
    "cr-inside-a-header": b"GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\rX: y\r\n\r\n",
    "conflicting-content-length": (
        b"POST /api/v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"
    ),
    "content-length-and-chunked": (
        b"POST /api/v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    ),
    "bad-header-name": b"GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n",
    "unknown-http-version": b"GET /api/v1/ping HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
}


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    server = serve([])
    yield server
    assert server.stop() == 0


def _exchange(served: Served, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):  # the server closes the connection after answering
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("request_bytes", REFUSED.values(), ids=REFUSED.keys())
def test_request_the_parser_refuses_answers_400_json_and_closes(served: Served, request_bytes: bytes) -> None:
    head, _, body = _exchange(served, request_bytes).partition(b"\r\n\r\n")
    status, *header_lines = head.split(b"\r\n")
    headers = dict(line.lower().split(b": ", 1) for line in header_lines)
    answer = orjson.loads(body)
    assert (status, headers[b"content-type"], headers[b"connection"], int(headers[b"content-length"])) == (
        b"HTTP/1.1 400 Bad Request",
        b"application/json",
        b"close",
        len(body),
    )
    assert (sorted(answer), answer["code"], answer["errors"]) == (
        ["code", "errors", "message"],
        "malformed_request",
        {},
    )


def test_websocket_upgrade_request_is_answered_as_plain_http(served: Served) -> None:
    request = (
        b"GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-key\r\n"
        b"Connection: Upgrade, close\r\nUpgrade: websocket\r\n"
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    head, _, body = _exchange(served, request).partition(b"\r\n\r\n")
    assert (head.split(b"\r\n")[0], sorted(orjson.loads(body))) == (b"HTTP/1.1 200 OK", ["time"])
