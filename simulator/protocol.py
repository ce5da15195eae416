"""uvicorn's httptools protocol with what a long-running stand-in tenant needs from its server.

1. **Bounded waits.** uvicorn closes a keep-alive connection that idles after a response, but waits
   forever on a new connection that sends nothing and on a request whose headers or body stall, so a
   few slow clients can hold any number of connections open (slowloris). Here a connection must start
   its first request within `idle_timeout`, and each request must arrive whole (headers and body)
   within `request_timeout` of its first byte; a stalled request is answered 408 in the contract's
   error shape and closed, an idle connection is just closed.
2. **Dropping a connection on purpose.** Fault injection needs to close a connection without
   answering (a lost answer). ASGI has no message for that, so the protocol offers one as a scope
   extension: `scope["extensions"]["jasper.drop"]["drop"]()` closes the connection and makes uvicorn
   send nothing more for the request (`drop_connection(scope)`).

3. **JSON for requests that are not HTTP.** uvicorn answers a request its parser refuses (an unknown
   method token, a byte such as 0xff in the path, an over-long URL, a bare CR or LF, conflicting
   Content-Length or Transfer-Encoding headers, a bad header name) with `400 text/plain`. Here the
   same 400 carries the contract's error body (code `malformed_request`, the parser's reason in the
   message), as every other error does, and the connection is closed as uvicorn closes it.
4. **No WebSockets.** Served with uvicorn's `ws="none"`, a request asking to upgrade (`Upgrade:
   websocket`, `h2c`) is answered as the plain HTTP request it also is, as Jasper's web server would
   (assumed: nothing there speaks WebSockets); uvicorn's warning that no WebSocket library is
   installed would only mislead, so it is not logged.

The protocol is uvicorn's own (`HttpToolsProtocol`), subclassed only at these points; `protocol_class`
makes one with the timeouts bound, to pass as uvicorn's `http=`.
"""

from __future__ import annotations

import asyncio
import sys
from functools import partial
from typing import Any, Final
from weakref import ref

import httptools
import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from simulator.errors import ApiError

DROP_EXTENSION: Final = "jasper.drop"
DEFAULT_IDLE_TIMEOUT: Final = 10.0
DEFAULT_REQUEST_TIMEOUT: Final = 30.0


class RequestTimeout(ApiError):  # noqa: N818 (named like the other statuses in simulator.errors)
    """The request did not arrive whole in time (headers or body stalled)."""

    status = 408
    default_code = "request_timeout"
    default_message = "The request was not received in time."


class MalformedRequest(ApiError):  # noqa: N818 (named like the other statuses in simulator.errors)
    """The bytes received are not an HTTP request the server can read."""

    status = 400
    default_code = "malformed_request"
    default_message = "The request is not valid HTTP."


def parser_reason(error: BaseException | None) -> str:
    """Why the HTTP parser refused a request, in words for the error message."""
    if isinstance(error, httptools.HttpParserCallbackError) or not isinstance(error, httptools.HttpParserError):
        return "its request line or headers cannot be read"
    reason = str(error).rstrip(".") or "it cannot be parsed"
    return reason[0].lower() + reason[1:]


def drop_connection(scope: Any) -> bool:
    """Close the request's connection without answering; False when the server cannot (e.g. in-process)."""
    extension = scope.get("extensions", {}).get(DROP_EXTENSION)
    if extension is None:
        return False
    extension["drop"]()
    return True


class SimulatorProtocol(HttpToolsProtocol):
    """`HttpToolsProtocol` with bounded waits and the drop extension (see the module docstring)."""

    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._wait: asyncio.TimerHandle | None = self.loop.call_later(self.idle_timeout, self._idle)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_wait()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._cancel_wait()
        self._wait = self.loop.call_later(self.request_timeout, self._stalled)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is not None and cycle.scope is self.scope:
            extensions: dict[str, Any] = self.scope.setdefault("extensions", {})
            # The request's cycle by weak reference: the scope is the cycle's own, so a strong one (a
            # closure over `cycle`) made every request a reference cycle (cycle -> scope -> drop -> cycle)
            # that only the cyclic GC could free. That garbage cost a served GET about 15% of its
            # throughput (bench/RESULTS.md, issue 7); tests/simulator/test_protocol_garbage.py keeps it out.
            extensions[DROP_EXTENSION] = {"drop": partial(self._drop_ref, ref(cycle))}

    def on_message_complete(self) -> None:
        self._cancel_wait()
        super().on_message_complete()

    def _cancel_wait(self) -> None:
        wait = getattr(self, "_wait", None)
        if wait is not None:
            wait.cancel()
            self._wait = None

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to bytes its parser refuses, with the contract's JSON error body instead of text.

        uvicorn calls this from its `except HttpParserError` block, so the parser's error is the one
        being handled.
        """
        reason = parser_reason(sys.exc_info()[1])
        body = orjson.dumps(MalformedRequest(f"The request is not valid HTTP: {reason}.").body())
        content = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in self.server_state.default_headers:
            content += [name, b": ", value, b"\r\n"]
        content.append(b"content-type: application/json\r\ncontent-length: %d\r\nconnection: close\r\n\r\n" % len(body))
        content.append(body)
        self.transport.write(b"".join(content))
        self.transport.close()

    def _unsupported_upgrade_warning(self) -> None:
        """Nothing to warn about: the request is answered as plain HTTP (see the module docstring)."""

    def _idle(self) -> None:
        self._wait = None
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()

    def _stalled(self) -> None:
        self._wait = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is not None and cycle.response_started:
            return  # the app answered early (413, say) and uvicorn finishes that answer
        body = orjson.dumps(RequestTimeout().body())
        self.transport.write(
            b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(body), body)
        )
        if cycle is not None:
            cycle.disconnected = True  # the app may still be waiting for the body: it gets a disconnect
            cycle.message_event.set()
        self.transport.close()

    def _drop_ref(self, cycle_ref: ref[Any]) -> None:
        cycle = cycle_ref()
        if cycle is not None:  # else the request is over and its cycle gone: nothing left to drop
            self._drop(cycle)

    def _drop(self, cycle: Any) -> None:
        cycle.disconnected = True
        cycle.message_event.set()
        if not self.transport.is_closing():
            self.transport.close()


def protocol_class(
    *, idle_timeout: float = DEFAULT_IDLE_TIMEOUT, request_timeout: float = DEFAULT_REQUEST_TIMEOUT
) -> type[SimulatorProtocol]:
    """A `SimulatorProtocol` with these timeouts, for uvicorn's `http=` option."""
    return type(
        "BoundSimulatorProtocol",
        (SimulatorProtocol,),
        {"idle_timeout": idle_timeout, "request_timeout": request_timeout},
    )
