"""Every answer the production client receives, as the wire carried it (before the client parses it)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx2

from client.jasper import OPERATION_EXTENSION


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request a JasperClient sent and the answer it got."""

    operation: str
    method: str
    path: str
    status: int
    content_type: str
    body: bytes


class Recorder:
    """An httpx2 response hook keeping each JasperClient exchange (retries included, in order)."""

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []

    def attach(self, http: httpx2.Client) -> None:
        """Record what `http` receives from now on."""
        hooks = http.event_hooks
        http.event_hooks = {"request": hooks["request"], "response": [*hooks["response"], self._record]}

    def since(self, start: int) -> list[Exchange]:
        """The exchanges recorded from position `start` on."""
        return self.exchanges[start:]

    def _record(self, response: httpx2.Response) -> None:
        operation = response.request.extensions.get(OPERATION_EXTENSION)
        if not isinstance(operation, str):
            return
        response.read()
        self.exchanges.append(
            Exchange(
                operation,
                response.request.method,
                response.request.url.path,
                response.status_code,
                response.headers.get("content-type", ""),
                response.content,
            )
        )
