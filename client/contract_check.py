"""Consumer verification: the requests JasperClients send, and their answers, checked against the contract.

`ContractRecorder` is an observer (client/observers.py): while `observing(recorder)` is active, every
request any JasperClient sends is validated by `contracts.verify.ContractVerifier` against the committed
OpenAPI documents, and so is its answer against the statuses and bodies the operation documents. The
pytest plugin (client/pytest_plugin/) runs one per test; outside pytest:

    with observing(ContractRecorder(ContractVerifier())) as recorder:
        run_the_sync()
    assert recorder.take_violations() == []

Needs `jsonschema` and `referencing` (the `pytest` extra of this package).
"""

from __future__ import annotations

import httpx2

from contracts.verify import ContractVerifier, Violation


class ContractRecorder:
    """Records what JasperClients send while it observes, and the contract violations found in it."""

    def __init__(self, verifier: ContractVerifier) -> None:
        self.verifier = verifier
        self.operations: list[str] = []  # operationIds in the order sent (retries included)
        self._violations: list[Violation] = []

    def on_request(self, operation: str, request: httpx2.Request) -> None:
        """Validate a request before it is sent."""
        self.operations.append(operation)
        self._violations += self.verifier.check_request(
            request.method,
            request.url.path,
            query=request.url.query.decode("ascii", "replace"),
            headers=request.headers,
            body=request.content,
            intended=operation,
        )

    def on_response(self, operation: str, response: httpx2.Response) -> None:
        """Validate an answer against the statuses and bodies its operation documents."""
        self._violations += self.verifier.check_response(
            operation, response.status_code, response.content, content_type=response.headers.get("content-type", "")
        )

    def take_violations(self) -> list[Violation]:
        """The violations recorded so far, which are then forgotten."""
        taken, self._violations = self._violations, []
        return taken


def report(violations: list[Violation]) -> str:
    """The violations as text, one per line under a count."""
    lines = "\n".join(f"  {v}" for v in violations)
    return f"the client broke the contract ({len(violations)} violation(s)):\n{lines}"
