"""One operation called through the production client, its answer recorded and checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from client import errors
from client.jasper import JasperClient
from client.registry import called_operation
from client.verify.checks import Checker
from client.verify.model import OperationResult
from client.verify.recorder import Recorder


@dataclass
class Caller:
    """Calls operations by id on a JasperClient and files each answer's differences under its operation."""

    jasper: JasperClient
    recorder: Recorder
    checker: Checker
    results: dict[str, OperationResult]

    def __post_init__(self) -> None:
        self._methods: dict[str, Callable[..., Any]] = {
            op.id: method
            for namespace in self.jasper.namespaces.values()
            for name in dir(namespace)
            if (op := called_operation(method := getattr(namespace, name))) is not None
        }

    def read(self, operation_id: str, *ids: int) -> Any:
        """Call a read (it must succeed); answers the parsed body of a 2xx answer, else None."""
        start = len(self.recorder.exchanges)
        failure = ""
        try:
            self._methods[operation_id](*ids)
        except errors.JasperError as error:  # the recorded answer says what went wrong, if there was one
            failure = str(error)
        answered = self.recorder.since(start)
        result = self.results[operation_id]
        if not answered:
            result.note = result.note or f"no answer: {failure}"
            return None
        last = answered[-1]  # after the client's retries
        result.calls += 1
        result.add(self.checker.check(last, expect_success=True))
        if not 200 <= last.status < 300:
            return None
        try:
            return json.loads(last.body)
        except ValueError:
            return None
