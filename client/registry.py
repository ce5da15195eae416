"""Which contract operation each client method calls, recorded on the method itself.

`@calls(OP)` marks the one method that performs an operation; `@iterates(OP)` marks the lazy
iterator over a list operation's pages. tests/client/test_completeness.py walks the client's
namespaces and checks that every `Op` of both profiles has exactly one `@calls` method.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from contracts.op import Op

_Method = TypeVar("_Method", bound=Callable[..., Any])
CALLS_ATTRIBUTE: Final = "__jasper_calls__"
ITERATES_ATTRIBUTE: Final = "__jasper_iterates__"


def calls(op: Op) -> Callable[[_Method], _Method]:
    """Mark a method as the client's one way to call `op`."""

    def mark(method: _Method) -> _Method:
        setattr(method, CALLS_ATTRIBUTE, op)
        return method

    return mark


def iterates(op: Op) -> Callable[[_Method], _Method]:
    """Mark a method as the lazy iterator over every page of the list operation `op`."""
    if not op.many:
        raise ValueError(f"{op.id} is not a list operation")

    def mark(method: _Method) -> _Method:
        setattr(method, ITERATES_ATTRIBUTE, op)
        return method

    return mark


def called_operation(method: object) -> Op | None:
    """The operation a method is marked as calling, if any."""
    op = getattr(method, CALLS_ATTRIBUTE, None)
    return op if isinstance(op, Op) else None


def iterated_operation(method: object) -> Op | None:
    """The list operation a method is marked as iterating, if any."""
    op = getattr(method, ITERATES_ATTRIBUTE, None)
    return op if isinstance(op, Op) else None
