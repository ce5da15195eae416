"""Consumer verification: every request a JasperClient sends in a test is checked against the contract.

While a test runs, every `JasperClient` built (by a fixture or by the test itself) gets httpx2 event
hooks that record its requests and answers; each is validated by `contracts.verify.ContractVerifier`
against the committed OpenAPI documents. A violation fails the test that sent the request, naming the
operationId and the field. A test that sends bad requests on purpose (a negative control) takes them
with `contract_recorder.take_violations()` and asserts on them.

Fixtures: `contract_recorder` (this test's recorder; `.operations` lists the operationIds sent),
`contract_verifier` (session-wide), `consumer_calls` (operationIds sent, by test node id, for the
whole session). The tenants to test against (`jasper`, `jasper_documented`, `sim_app`, `sim_http`)
come from tests/plugins/tenants.py, which this plugin loads.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import httpx2
import pytest

from client.jasper import OPERATION_EXTENSION, JasperClient
from contracts.verify import ContractVerifier, Violation

# pytester: tests/client/test_verify.py runs an inner session to prove this plugin; tenants: the `jasper` fixtures.
pytest_plugins = ["pytester", "tests.plugins.tenants"]

_RECORDER = pytest.StashKey["ContractRecorder"]()
_CALLS = pytest.StashKey[dict[str, list[str]]]()


class ContractRecorder:
    """Records what JasperClients send during one test, and the contract violations found in it."""

    def __init__(self, verifier: ContractVerifier) -> None:
        self.verifier = verifier
        self.operations: list[str] = []  # operationIds in the order sent (retries included)
        self._violations: list[Violation] = []
        self._attached: list[httpx2.Client] = []

    def attach(self, http: httpx2.Client) -> None:
        """Add the recording hooks to an httpx2 client (once, however many JasperClients share it)."""
        hooks = http.event_hooks
        if self.on_request in hooks["request"]:
            return
        http.event_hooks = {
            "request": [*hooks["request"], self.on_request],
            "response": [*hooks["response"], self.on_response],
        }
        self._attached.append(http)

    def detach(self) -> None:
        """Remove the hooks again, so a client that outlives the test records nothing into it."""
        for http in self._attached:
            hooks = http.event_hooks
            http.event_hooks = {
                "request": [h for h in hooks["request"] if h != self.on_request],
                "response": [h for h in hooks["response"] if h != self.on_response],
            }
        self._attached.clear()

    def on_request(self, request: httpx2.Request) -> None:
        """httpx2 request hook: validate a JasperClient request (other traffic is ignored)."""
        operation = request.extensions.get(OPERATION_EXTENSION)
        if not isinstance(operation, str):
            return
        self.operations.append(operation)
        self._violations += self.verifier.check_request(
            request.method,
            request.url.path,
            query=request.url.query.decode("ascii", "replace"),
            headers=request.headers,
            body=request.content,
            intended=operation,
        )

    def on_response(self, response: httpx2.Response) -> None:
        """httpx2 response hook: validate the answer to a JasperClient request against its documented status."""
        operation = response.request.extensions.get(OPERATION_EXTENSION)
        if not isinstance(operation, str):
            return
        response.read()
        self._violations += self.verifier.check_response(
            operation, response.status_code, response.content, content_type=response.headers.get("content-type", "")
        )

    def take_violations(self) -> list[Violation]:
        """The violations recorded so far, which no longer fail the test once taken."""
        taken, self._violations = self._violations, []
        return taken


def _report(violations: list[Violation]) -> str:
    lines = "\n".join(f"  {v}" for v in violations)
    return f"the client broke the contract ({len(violations)} violation(s)):\n{lines}"


@pytest.fixture(scope="session")
def contract_verifier() -> ContractVerifier:
    """One verifier for the session: the documents are parsed and the validators compiled once."""
    return ContractVerifier()


@pytest.fixture(scope="session")
def consumer_calls(pytestconfig: pytest.Config) -> dict[str, list[str]]:
    """OperationIds every test sent through a JasperClient so far, by test node id."""
    return pytestconfig.stash.setdefault(_CALLS, {})


@pytest.fixture(autouse=True)
def contract_recorder(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, contract_verifier: ContractVerifier
) -> Iterator[ContractRecorder]:
    """This test's recorder; every JasperClient built during the test is attached to it."""
    recorder = ContractRecorder(contract_verifier)
    request.node.stash[_RECORDER] = recorder
    original_init = JasperClient.__init__

    # Wrapping the constructor (rather than only attaching in a fixture) is what makes "every request
    # a JasperClient sends" true: clients built inside tests and write paths are checked as well.
    def recording_init(self: JasperClient, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        recorder.attach(self.http)

    monkeypatch.setattr(JasperClient, "__init__", recording_init)
    yield recorder
    recorder.detach()
    request.config.stash.setdefault(_CALLS, {})[request.node.nodeid] = list(recorder.operations)
    leftover = recorder.take_violations()  # sent during fixture setup or teardown
    if leftover:
        pytest.fail(_report(leftover), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Fail the test that sent a request the contract does not allow (after its own assertions)."""
    recorder = item.stash.get(_RECORDER, None)
    try:
        yield
    except BaseException as exc:
        if recorder is not None and (violations := recorder.take_violations()):
            exc.add_note(_report(violations))
        raise
    if recorder is not None and (violations := recorder.take_violations()):
        pytest.fail(_report(violations), pytrace=False)
