"""A scenario run until it breaks: where (phase, write path, operation) and the tenant's answer.

`jasper-sim rehearse` (client/rehearse.py) runs the scenarios against a simulated tenant of another
profile, `jasper-sim verify --write` (client/verify/) against a real one; both report breaks this way.
"""

from __future__ import annotations

from dataclasses import dataclass

from client import errors
from client.scenarios.base import Scenario, plan
from client.write_paths.sync import Sync, WritePathError
from contracts import BY_ID
from contracts.wire import ErrorBody


@dataclass(frozen=True, slots=True)
class Breakage:
    """Where and why a write path's scenario stopped."""

    phase: str
    step: str  # the write path whose call failed (a scenario's set-up runs other write paths)
    operation: str  # operationId of the failing call ("" when it failed before sending one)
    status: int | None  # None: no HTTP answer
    code: str | None  # the error body's code, when the body is the contract's ErrorBody
    message: str
    permission: str | None = None  # the permission a 403 named as missing

    def describe(self) -> str:
        """The operation, its method and path, and the tenant's answer, on two lines."""
        op = BY_ID.get(self.operation)
        where = f"{op.id} ({op.method} {op.path})" if op is not None else self.operation or "before any call"
        answer = " ".join(str(part) for part in (self.status, self.code) if part is not None) or "no answer"
        missing = f" Missing permission: {self.permission}" if self.permission else ""
        return f"at {where}, {self.phase}, in {self.step or 'no write path'}\n{answer}: {self.message}{missing}"


def attempt(scenario: Scenario, sync: Sync, tag: str) -> Breakage | None:
    """Run every phase of the scenario on `sync` (whose trace watches its client); None when all ran."""
    for phase, target, step in plan(scenario, sync):
        try:
            step(target, tag)
        except (errors.JasperError, WritePathError) as failure:
            last = sync.trace.calls[-1] if sync.trace.calls else None
            return breakage(phase, last.write_path if last else "", last.operation if last else "", failure)
    return None


def breakage(phase: str, step: str, operation: str, failure: errors.JasperError | WritePathError) -> Breakage:
    """The Breakage a failure stands for: the error body's code and message when the tenant answered one."""
    if isinstance(failure, errors.APIStatusError):
        body = failure.body
        code = body.code if isinstance(body, ErrorBody) else None
        message = body.message if isinstance(body, ErrorBody) else body[:200]
        permission = failure.permission if isinstance(failure, errors.Forbidden) else None
        return Breakage(phase, step, operation, failure.status, code, message, permission)
    # no error answer: a transport failure, an answer that breaks the contract, or data the write path refuses
    return Breakage(phase, step, operation, getattr(failure, "status", None), None, str(failure))
