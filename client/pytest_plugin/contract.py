"""Consumer verification in tests: every request a JasperClient sends is checked against the contract.

On with `--jasper-verify` (or `jasper_verify = true` in the pytest configuration): each test then runs
under a `ContractRecorder` (client/contract_check.py), which sees every request any JasperClient sends
during the test and its fixtures (client/observers.py), whoever built the client. A request or an answer
that breaks the committed OpenAPI documents fails the test that sent it, naming the operationId and the
field. Off, a test can still ask for `jasper_contract` to check its own traffic. A test that breaks the
contract on purpose takes the violations with `jasper_contract.take_violations()` and asserts on them.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from client.observers import observing

if TYPE_CHECKING:
    from client.contract_check import ContractRecorder
    from contracts.verify import ContractVerifier

_RECORDER = pytest.StashKey["ContractRecorder"]()


def verification_on(config: pytest.Config) -> bool:
    """Whether every test is checked (the command-line flag, or the ini setting)."""
    return bool(config.getoption("jasper_verify") or config.getini("jasper_verify"))


def _contract_check() -> ModuleType:
    """client.contract_check, imported only when verification is used (it needs jsonschema)."""
    try:
        from client import contract_check  # noqa: PLC0415
    except ImportError as error:
        raise pytest.UsageError(
            f"consumer verification needs jsonschema and referencing ({error}): pip install 'jasper-pim-sim[pytest]'"
        ) from None
    return contract_check


@pytest.fixture(scope="session")
def jasper_contract_verifier() -> ContractVerifier:
    """One verifier per session: the committed documents are parsed and their validators compiled once."""
    verifier: ContractVerifier = _contract_check().ContractVerifier()
    return verifier


@pytest.fixture
def jasper_contract(
    request: pytest.FixtureRequest, jasper_contract_verifier: ContractVerifier
) -> Iterator[ContractRecorder]:
    """This test's recorder (`.operations`: the operationIds sent; `.take_violations()`)."""
    check = _contract_check()
    recorder: ContractRecorder = check.ContractRecorder(jasper_contract_verifier)
    request.node.stash[_RECORDER] = recorder
    with observing(recorder):
        yield recorder
    leftover = recorder.take_violations()  # sent after the test body: in a fixture's teardown
    if leftover:
        pytest.fail(check.report(leftover), pytrace=False)


@pytest.fixture(autouse=True)
def _jasper_verify_every_test(request: pytest.FixtureRequest) -> None:
    """With verification on, every test records (autouse fixtures come first, so fixtures' requests count too)."""
    if verification_on(request.config):
        request.getfixturevalue("jasper_contract")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Fail the test that sent a request the contract does not allow (after its own assertions)."""
    recorder = item.stash.get(_RECORDER, None)
    try:
        yield
    except BaseException as exc:
        if recorder is not None and (violations := recorder.take_violations()):
            exc.add_note(_contract_check().report(violations))
        raise
    if recorder is not None and (violations := recorder.take_violations()):
        pytest.fail(_contract_check().report(violations), pytrace=False)
