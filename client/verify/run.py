"""`verify()`: check one tenant against one profile's contract and answer the report."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping

import httpx2

from client import errors
from client.jasper import DEFAULT_TIMEOUT, JasperClient
from client.retry import RetryPolicy
from client.verify.calls import Caller
from client.verify.checks import Checker
from client.verify.model import Report
from client.verify.reads import read_all
from client.verify.recorder import Recorder
from client.verify.writes import left_behind, write_all
from client.write_paths.sync import DEFAULT_RELATION_TYPES
from contracts.op import Profile
from contracts.verify import DOCUMENTS


class CannotVerify(Exception):  # noqa: N818 - it says what happened, like the client's errors
    """The tenant cannot be checked at all: the URL or key is wrong, or nothing answers there."""


def document(profile: Profile) -> dict[str, object]:
    """The committed OpenAPI document of a profile."""
    for path in DOCUMENTS:
        loaded: dict[str, object] = json.loads(path.read_text("utf-8"))
        if loaded.get("x-profile") == profile.value:
            return loaded
    raise LookupError(f"no committed document for the {profile.value} profile")


def verify(
    base_url: str,
    api_key: str,
    profile: Profile = Profile.LIVE,
    *,
    write: bool = False,
    sample: int = 5,
    relation_types: Mapping[str, int] = DEFAULT_RELATION_TYPES,
    http_client: httpx2.Client | None = None,
) -> Report:
    """Check the tenant at `base_url` against `profile`'s contract (see client/verify/__init__.py).

    Raises CannotVerify when the first call (ping) shows the URL or key cannot work.
    """
    http = http_client if http_client is not None else httpx2.Client(timeout=DEFAULT_TIMEOUT)
    try:
        jasper = JasperClient(base_url, api_key, http)
        try:
            # One try: a refused connection or a wrong key is an argument to fix, not a moment to wait out.
            JasperClient(base_url, api_key, http, retry=RetryPolicy.disabled()).ping()
        except (errors.ConfigurationError, errors.TransportError, errors.Unauthorized, errors.NotFound) as error:
            raise CannotVerify(str(error)) from None
        except errors.JasperError:
            pass  # an answer that differs from the contract: the walk below reports it
        recorder = Recorder()
        recorder.attach(http)
        checker = Checker(document(profile))
        caller = Caller(jasper, recorder, checker, checker.blank_results())
        read_all(caller, sample)
        report = Report(jasper.base_url, profile.value, write, [])
        if write:
            report.tag = f"verify-{uuid.uuid4().hex[:8]}"
            report.scenarios = write_all(caller, report.tag, relation_types)
            report.left_behind = left_behind(recorder.exchanges)
            for result in caller.results.values():
                if not result.calls and not result.note:
                    result.note = "no write path's scenario calls it"
        else:
            for result in caller.results.values():
                if result.method != "GET":
                    result.note = "a write; --write runs the scenarios"
        report.operations = list(caller.results.values())
        return report
    finally:
        if http_client is None:
            http.close()
