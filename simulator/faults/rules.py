"""Fault rules: what to match, what to do, how often. Flat JSON at `/_sim/faults`, or a short text form.

A rule matches API calls by `operation` (an operationId of the contract) or by `path` (a contract path
template, any placeholder spelling) with an optional `method`, and optionally by `tenant`. Its action is
exactly one of: `status` (answer it, with an optional `body` and `headers`, before anything is applied),
`delay_ms` (wait, then answer normally), `drop: "before"` (close the connection, nothing applied),
`drop: "after"` (apply the call, then close the connection: the lost answer) or `malformed: true` (apply
the call, then answer 200 with a body cut in half, which is not JSON). Limits: `after` skips the first N
matching calls, `times` fires at most N times, `probability` fires with that chance from a generator
seeded by `seed` (default 0), so runs repeat.

The text form (`jasper-sim serve --fault`) is `MATCH:key=value,...`, MATCH an operationId, a path or
`METHOD /path`: `getProduct:status=503,times=2`, `POST /products:drop=after`,
`listProducts:status=429,header.Retry-After=2`. A `body` cannot be given in the text form.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints, model_validator

from contracts import BY_ID, OPERATIONS
from contracts.op import normalise_path
from contracts.webhooks import HeaderName, HeaderValue

Method = Literal["GET", "POST", "PUT", "DELETE"]
_ACTIONS = ("status", "delay_ms", "drop", "malformed")


class FaultRule(BaseModel):
    """One fault rule as posted (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built at first use: quicker start

    tenant: str | None = None
    operation: str | None = None
    method: Method | None = None
    path: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None
    status: int | None = Field(default=None, ge=200, le=599)
    body: JsonValue = None
    headers: dict[HeaderName, HeaderValue] | None = Field(default=None, max_length=50)
    delay_ms: int | None = Field(default=None, ge=0, le=600_000)
    drop: Literal["before", "after"] | None = None
    malformed: Literal[True] | None = None
    times: int | None = Field(default=None, ge=1)
    after: int = Field(default=0, ge=0)
    probability: float = Field(default=1.0, ge=0.0, le=1.0)
    seed: int = 0

    @model_validator(mode="after")
    def _one_match_and_one_action(self) -> Self:
        actions = [name for name in _ACTIONS if getattr(self, name) is not None]
        if len(actions) != 1:
            raise ValueError(f"give exactly one action of {', '.join(_ACTIONS)} (got {', '.join(actions) or 'none'})")
        if (self.body is not None or self.headers is not None) and self.status is None:
            raise ValueError("body and headers go with a status action only")
        if self.operation is None and self.path is None:
            raise ValueError("give an operation, or a path (with an optional method)")
        if self.operation is not None and (self.path is not None or self.method is not None):
            raise ValueError("give an operation or a method and path, not both")
        if not self.operations():
            raise ValueError(f"no operation of the contract matches {self.match_text()}")
        return self

    def operations(self) -> frozenset[str]:
        """The operationIds this rule matches (of either profile)."""
        if self.operation is not None:
            return frozenset({self.operation}) if self.operation in BY_ID else frozenset()
        wanted = normalise_path(self.path or "")
        return frozenset(
            op.id
            for op in OPERATIONS
            if normalise_path(op.path) == wanted and (self.method is None or op.method == self.method)
        )

    def match_text(self) -> str:
        """What the rule matches, as the text form spells it."""
        if self.operation is not None:
            return self.operation
        return f"{self.method} {self.path}" if self.method is not None else str(self.path)

    def action_text(self) -> str:
        """What the rule does, short: `status=503`, `drop=after`, `delay_ms=200`, `malformed`."""
        if self.status is not None:
            return f"status={self.status}"
        if self.delay_ms is not None:
            return f"delay_ms={self.delay_ms}"
        return f"drop={self.drop}" if self.drop is not None else "malformed"

    def limits_text(self) -> str:
        """The rule's limits as the text form spells them (`times=2,after=1`), empty when it has none."""
        limits = [f"times={self.times}"] if self.times is not None else []
        limits += [f"after={self.after}"] if self.after else []
        limits += [f"probability={self.probability}", f"seed={self.seed}"] if self.probability < 1.0 else []
        return ",".join(limits)

    def error_body(self) -> JsonValue:
        """The body a status action answers: the rule's, or the contract's error shape for that status."""
        if self.body is not None:
            return self.body
        try:
            phrase = HTTPStatus(self.status or 500).phrase
        except ValueError:  # a status Python does not name (e.g. 599)
            phrase = "Error"
        return {"message": phrase, "code": "injected_fault", "errors": {}}


class FaultSpecError(ValueError):
    """A text-form rule that cannot be read."""


def parse_spec(text: str) -> FaultRule:
    """A rule from its text form (`getProduct:status=503,times=2`); `FaultSpecError` says what is wrong."""
    match, colon, rest = text.strip().partition(":")
    if not colon or not match.strip() or not rest.strip():
        raise FaultSpecError(f"{text!r}: expected MATCH:key=value,... (e.g. getProduct:status=503,times=2)")
    fields: dict[str, object] = {}
    method, _, path = match.strip().partition(" ")
    if path:
        fields.update(method=method.upper(), path=path.strip())
    elif match.strip().startswith("/"):
        fields["path"] = match.strip()
    else:
        fields["operation"] = match.strip()
    headers: dict[str, str] = {}
    for pair in rest.split(","):
        key, equals, value = pair.strip().partition("=")
        if key.startswith("header."):
            headers[key.removeprefix("header.")] = value
        elif key == "malformed" and not equals:
            fields["malformed"] = True
        elif not equals or not key or key in fields or key in ("body", "headers"):
            raise FaultSpecError(f"{text!r}: cannot read {pair.strip()!r} (key=value; header.NAME=value)")
        else:
            fields[key] = value
    if headers:
        fields["headers"] = headers
    try:
        return FaultRule.model_validate(fields)
    except ValueError as error:
        raise FaultSpecError(f"{text!r}: {_first_problem(error)}") from None


def _first_problem(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        return f"{where}: {message}" if where else message
    return str(error)
