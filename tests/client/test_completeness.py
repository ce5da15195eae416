"""The client covers the contract: one method per operation of both profiles, typed by the contract."""

from __future__ import annotations

import ast
import typing
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from client import JasperClient
from contracts import OPERATIONS, RESOURCE_MODULES
from contracts.openapi import response_model
from tests.client.methods import marked_methods

CLIENT = Path(__file__).resolve().parents[2] / "client"


def test_every_operation_has_exactly_one_client_method(jasper_mock: JasperClient) -> None:
    called = Counter(op.id for _, _, op, _ in marked_methods(jasper_mock) if op is not None)
    assert called == Counter({op.id: 1 for op in OPERATIONS})


def test_every_list_operation_has_exactly_one_iterator(jasper_mock: JasperClient) -> None:
    iterated = Counter(op.id for _, _, _, op in marked_methods(jasper_mock) if op is not None)
    assert iterated == Counter({op.id: 1 for op in OPERATIONS if op.many})


def test_every_public_method_is_marked_and_documented(jasper_mock: JasperClient) -> None:
    unmarked = [name for name, _, calls, iterates in marked_methods(jasper_mock) if calls is None and iterates is None]
    undocumented = [name for name, method, _, _ in marked_methods(jasper_mock) if not (method.__doc__ or "").strip()]
    assert (unmarked, undocumented) == ([], [])


def test_every_method_returns_its_operations_model(jasper_mock: JasperClient) -> None:
    wrong = {}
    for name, method, op, iterates in marked_methods(jasper_mock):
        returned = typing.get_type_hints(method)["return"]
        if op is not None and returned != response_model(op) and not (returned is type(None) and op.response is None):
            wrong[name] = returned
        if iterates is not None and returned != Iterator[iterates.response]:  # type: ignore[name-defined]
            wrong[name] = returned
    assert wrong == {}


def test_client_resource_modules_mirror_the_contract_modules() -> None:
    client_modules = {p.stem for p in (CLIENT / "resources").glob("*.py") if not p.stem.startswith("_")}
    contract_modules = {module.__name__.rpartition(".")[2] for module in RESOURCE_MODULES}
    assert client_modules == contract_modules


def test_client_code_spells_no_operation_path() -> None:
    """Paths live in the contract only; docstrings may mention them, code may not."""
    paths = {op.path for op in OPERATIONS} | {op.path.split("/{")[0] for op in OPERATIONS}
    spelled = {}
    for source in CLIENT.rglob("*.py"):
        tree = ast.parse(source.read_text("utf-8"))
        docstrings = {
            id(first.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(first := node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and id(node) not in docstrings and node.value in paths:
                spelled[f"{source.name}:{node.lineno}"] = node.value
    assert spelled == {}
