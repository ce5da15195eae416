"""A small webhook receiver: checks each delivery's Standard Webhooks signature and keeps what arrived.

Jasper signs deliveries with the `signing_secret` its webhook create answers (KB-WH); the scheme is
assumed to be Standard Webhooks v1 (contracts/webhook_deliveries.py), so `verify` uses that scheme's own
library. `WebhookReceiver` is a stdlib HTTP server on a loopback port, run in a thread, for tests and
local dry runs: it answers 204 to a delivery whose signature verifies with one of its secrets, 401 to
one that does not, and `answer_with` makes it fail on purpose (to see retries).

    with WebhookReceiver() as receiver:
        created = jasper.webhooks.create(WebhookCreate(callback_url=receiver.url, ...))
        receiver.trust(created.signing_secret)
        ...
        delivery = receiver.wait_for(1)[0]  # a Delivery: payload, headers, verified
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Final, Self

import standardwebhooks

from contracts.webhook_deliveries import DeliveryPayload

MAX_BODY: Final = 10 * 1024 * 1024
DEFAULT_WAIT: Final = 10.0  # seconds `wait_for` waits for deliveries before it gives up


class InvalidSignatureError(ValueError):
    """A delivery whose signature does not verify with the secret (or whose headers are missing)."""


def verify(secret: str, body: bytes, headers: Mapping[str, str]) -> DeliveryPayload:
    """The delivery's payload once its signature verifies with `secret`; `InvalidSignatureError` if not.

    The timestamp must be within five minutes of this machine's clock (the library's replay window).
    """
    try:
        standardwebhooks.Webhook(secret).verify(body, dict(headers), json_parse=False)
    except (standardwebhooks.WebhookVerificationError, ValueError) as error:
        raise InvalidSignatureError(str(error) or type(error).__name__) from None
    return DeliveryPayload.model_validate_json(body)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One delivery as received: headers (lower-case names), raw body, and the payload when it verified."""

    headers: Mapping[str, str]
    body: bytes
    payload: DeliveryPayload | None
    answered: int
    problem: str | None = None  # why it did not verify

    @property
    def verified(self) -> bool:
        return self.payload is not None


@dataclass
class _State:
    secrets: list[str] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # statuses to answer next, in order, instead of 204
    arrived: threading.Condition = field(default_factory=threading.Condition)


class WebhookReceiver:
    """A webhook receiver on `http://127.0.0.1:<free port>/`, run in a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, path: str = "/receive") -> None:
        self._state = _State()
        self._server = ThreadingHTTPServer((host, port), _handler(self._state))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="webhook-receiver", daemon=True
        )  # a short poll: `close` waits at most that long for the server to stop
        shown_host = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown_host}:{self._server.server_address[1]}{path}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving and release the port."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def trust(self, secret: str) -> None:
        """Accept deliveries signed with this secret (a webhook create's `signing_secret`)."""
        with self._state.arrived:
            self._state.secrets.append(secret)

    def answer_with(self, *statuses: int) -> None:
        """Answer the next deliveries with these statuses (e.g. 500), one each, then 204 again."""
        with self._state.arrived:
            self._state.answers.extend(statuses)

    @property
    def deliveries(self) -> list[Delivery]:
        """Everything received so far, oldest first."""
        with self._state.arrived:
            return list(self._state.deliveries)

    def wait_for(self, count: int, timeout: float = DEFAULT_WAIT) -> list[Delivery]:
        """The first `count` deliveries, waiting for them to arrive; `TimeoutError` if they do not."""
        state = self._state
        with state.arrived:
            if not state.arrived.wait_for(lambda: len(state.deliveries) >= count, timeout):
                raise TimeoutError(f"{len(state.deliveries)} of {count} deliveries arrived in {timeout} s")
            return state.deliveries[:count]


def _handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(min(length, MAX_BODY))
            headers = {name.lower(): value for name, value in self.headers.items()}
            with state.arrived:
                secrets = list(state.secrets)
            payload, problem = _check(secrets, body, headers)
            with state.arrived:
                answer = state.answers.pop(0) if state.answers else None
                status = answer if answer is not None else HTTPStatus.NO_CONTENT if payload else HTTPStatus.UNAUTHORIZED
                state.deliveries.append(Delivery(headers, body, payload, int(status), problem))
                state.arrived.notify_all()
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the receiver keeps what arrived instead."""

    return Handler


def _check(secrets: list[str], body: bytes, headers: Mapping[str, str]) -> tuple[DeliveryPayload | None, str | None]:
    problem = "no secret trusted yet"
    for secret in secrets:
        try:
            return verify(secret, body, headers), None
        except ValueError as error:  # the signature does not verify, or the body is not a delivery
            problem = str(error)
    return None, problem
