"""What a verification found: per operation, whether the tenant's answers match the contract, and why not."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

_INDEX = re.compile(r"/\d+(?=/|$)")


class Outcome(StrEnum):
    """An operation's verdict."""

    MATCHES = "matches"  # reached, and every answer fits the contract
    DIFFERS = "differs"  # at least one answer does not
    NOT_REACHED = "not reached"  # never called (no id to call it with, read-only, or no answer)


class Kind(StrEnum):
    """How an answer differs from the contract."""

    STATUS = "status"  # a status the contract does not give this operation (or not the expected success)
    MISSING = "missing"  # a field the contract requires is absent
    INVALID = "invalid"  # a value the schema refuses
    UNKNOWN = "unknown"  # a field the contract does not declare
    UNDECLARED = "undeclared"  # the operation is not in the checked profile's contract


def field_path(pointer: str) -> str:
    """A JSON pointer with array positions as `*`: `/data/3/inventory/0/location` -> `/data/*/inventory/*/location`."""
    return _INDEX.sub("/*", pointer)


@dataclass(frozen=True, slots=True, order=True)
class Difference:
    """One way an operation's answers differ from the contract (array positions folded to `*`)."""

    kind: Kind
    field: str  # JSON pointer into the answer's body ("" for the answer as a whole)
    detail: str


@dataclass(slots=True)
class OperationResult:
    """One operation of the checked contract: how often it was called, and what differed."""

    operation: str
    method: str
    path: str
    calls: int = 0
    differences: list[Difference] = field(default_factory=list)  # one per (kind, field), first seen
    note: str = ""  # why it was not reached, or anything else worth saying

    def add(self, found: list[Difference]) -> None:
        """Keep each new (kind, field) once: a field that differs on every item of a list is one difference."""
        seen = {(known.kind, known.field) for known in self.differences}
        for difference in found:
            if (difference.kind, difference.field) not in seen:
                seen.add((difference.kind, difference.field))
                self.differences.append(difference)

    @property
    def outcome(self) -> Outcome:
        if self.differences:
            return Outcome.DIFFERS
        return Outcome.MATCHES if self.calls else Outcome.NOT_REACHED


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """A write path's scenario: ran through, or where it broke."""

    write_path: str
    broke_at: str = ""  # "" when it ran through; else the operation, phase and the tenant's answer


@dataclass(slots=True)
class Report:
    """The whole verification of one tenant against one profile's contract."""

    base_url: str
    profile: str
    write: bool
    operations: list[OperationResult]
    scenarios: list[ScenarioResult] = field(default_factory=list)
    tag: str = ""  # the names and SKUs of --write carry it
    left_behind: dict[str, list[int]] = field(default_factory=dict)  # operationId that created -> ids

    def count(self, outcome: Outcome) -> int:
        """How many operations have this outcome."""
        return sum(1 for result in self.operations if result.outcome is outcome)

    @property
    def exit_code(self) -> int:
        """1 when any answer differs from the contract or any scenario broke, else 0."""
        broken = any(scenario.broke_at for scenario in self.scenarios)
        return 1 if self.count(Outcome.DIFFERS) or broken else 0
