"""Every client method sends its operation's method, path and body and parses the contract's answer."""

from __future__ import annotations

import inspect
import json
import typing

import httpx2
import pytest
from pydantic import BaseModel

from client import JasperClient
from contracts import OPERATIONS
from contracts.op import Op
from contracts.openapi import response_model
from contracts.wire import API_PREFIX
from tests.client.examples import ANSWERS, BODIES
from tests.client.fakes import FakeTenant, page
from tests.client.methods import method_calling, method_iterating

IDS = (7, 8, 9)  # path parameter values, distinct so a swapped parameter shows in the URL


def _arguments(op: Op, method: typing.Callable[..., object]) -> list[object]:
    """Positional arguments for a method: an id per int parameter (in path order), the example body."""
    hints = typing.get_type_hints(method)
    arguments: list[object] = []
    ids = iter(IDS)
    for name, parameter in inspect.signature(method).parameters.items():
        if parameter.kind is not parameter.POSITIONAL_OR_KEYWORD:
            continue
        arguments.append(next(ids) if hints[name] is int else BODIES[hints[name]])
    return arguments


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_operation_sends_its_method_path_and_body_and_parses_the_answer(
    op: Op, jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    _, method = method_calling(jasper_mock, op)
    arguments = _arguments(op, method)
    answer = None if op.response is None else ANSWERS[op.response]
    if op.many:
        answer = page([answer] if answer else [])
    tenant.answer(httpx2.Response(op.status, json=answer) if answer is not None else httpx2.Response(op.status))

    result = method(*arguments)

    expected_path = API_PREFIX + op.url_path(**dict(zip(op.path_params, IDS, strict=False)))
    (request,) = tenant.requests
    assert (request.method, request.url.path) == (op.method, expected_path)
    body = next((a for a in arguments if isinstance(a, BaseModel)), None)
    sent = json.loads(request.content) if request.content else None
    assert sent == (body.model_dump(mode="json", exclude_unset=True) if body is not None else None)
    model = response_model(op)
    assert result == (model.model_validate(answer) if model is not None else None)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.many], ids=lambda op: op.id)
def test_list_operation_iterator_yields_the_items_of_its_pages(
    op: Op, jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    _, method = method_iterating(jasper_mock, op)
    assert op.response is not None
    item = ANSWERS[op.response]
    tenant.json(200, page([item], number=1, last=2, per_page=1, total=2))
    tenant.json(200, page([item], number=2, last=2, per_page=1, total=2))

    items = list(method(*IDS[: len(op.path_params)], per_page=1))

    assert items == [op.response.model_validate(item)] * 2
    expected_path = API_PREFIX + op.url_path(**dict(zip(op.path_params, IDS, strict=False)))
    assert tenant.calls == [
        ("GET", f"{expected_path}?page=1&per_page=1"),
        ("GET", f"{expected_path}?page=2&per_page=1"),
    ]
