"""Each recorded exchange against one profile's committed OpenAPI document: status, body, fields."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from client.verify.model import Difference, Kind, OperationResult, field_path
from client.verify.recorder import Exchange
from contracts.undeclared import UndeclaredFields
from contracts.verify import ContractVerifier


class Checker:
    """Compares answers with the document of one profile."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.profile = str(document.get("x-profile", "unknown"))
        self._verifier = ContractVerifier([document])
        self._undeclared = UndeclaredFields(document)
        self._specs = {
            spec["operationId"]: (method.upper(), path, spec)
            for path, item in document["paths"].items()
            for method, spec in item.items()
        }

    def blank_results(self) -> dict[str, OperationResult]:
        """One empty result per operation of the document, in its order."""
        return {op_id: OperationResult(op_id, method, path) for op_id, (method, path, _) in self._specs.items()}

    def success_statuses(self, operation_id: str) -> list[str]:
        """The 2xx statuses the contract gives an operation ([] when it is not in this document)."""
        spec = self._specs.get(operation_id)
        return sorted(status for status in spec[2]["responses"] if status.startswith("2")) if spec else []

    def check(self, exchange: Exchange, *, expect_success: bool) -> list[Difference]:
        """How one answer differs from the contract; a read must succeed, a write may answer a declared error."""
        spec = self._specs.get(exchange.operation)
        if spec is None:
            where = f"{exchange.method} {exchange.path}"
            return [Difference(Kind.UNDECLARED, "", f"{where} is not an operation of the {self.profile} contract")]
        declared = spec[2]["responses"]
        status = str(exchange.status)
        success = self.success_statuses(exchange.operation)
        if expect_success and status not in success:
            detail = f"answered {status}{_code(exchange)}; the contract's success is {' or '.join(success)}"
            return [Difference(Kind.STATUS, "", detail)]
        if status not in declared:
            detail = f"answered {status}{_code(exchange)}, which the contract does not declare"
            return [Difference(Kind.STATUS, "", detail)]
        violations = self._verifier.check_response(
            exchange.operation, exchange.status, exchange.body, content_type=exchange.content_type
        )
        found = [
            Difference(Kind.MISSING if v.keyword == "required" else Kind.INVALID, field_path(v.pointer), v.message)
            for v in violations
        ]
        body = _json(exchange.body) if status.startswith("2") else None
        if body is not None:
            found += [
                Difference(Kind.UNKNOWN, field_path(pointer), "not declared by the contract")
                for pointer in self._undeclared.response(exchange.operation, exchange.status, body)
            ]
        return found


def _json(body: bytes) -> Any:
    """The parsed body, or None when there is none or it is not JSON (a violation says so)."""
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def _code(exchange: Exchange) -> str:
    """` (code)` when the answer is an error body with a code."""
    try:
        code = json.loads(exchange.body).get("code")
    except (ValueError, AttributeError):
        return ""
    return f" ({code})" if isinstance(code, str) else ""
