"""Every operation of both profiles has exactly one real handler, whose signature matches its Op."""

from __future__ import annotations

import inspect

import pytest

from contracts import OPERATIONS, ops_for
from contracts import RESOURCE_MODULES as CONTRACT_MODULES
from contracts import products as products_contract
from contracts.op import Op, Profile
from simulator.resources import HANDLERS, RESOURCE_MODULES
from simulator.resources.registry import Result, describe, handles
from simulator.routing import build_routes, path_key
from simulator.store import TenantStore


def test_every_operation_has_a_handler() -> None:
    missing = [op.id for op in OPERATIONS if op.id not in HANDLERS]
    assert missing == []


def test_every_handler_serves_a_declared_operation() -> None:
    declared = {op.id for op in OPERATIONS}
    assert sorted(set(HANDLERS) - declared) == []


def test_handlers_are_distinct_functions() -> None:
    functions = [describe(handler) for handler in HANDLERS.values()]
    assert len(functions) == len(set(functions))


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_handler_signature_matches_its_operation(op: Op) -> None:
    expected = ["store", *op.path_params]
    if op.body is not None:
        expected.append("body")
    if op.query is not None:
        expected.append("query")
    assert list(inspect.signature(HANDLERS[op.id]).parameters) == expected


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_handler_lives_in_the_module_named_like_its_contract(op: Op) -> None:
    contract_module = next(module for module in CONTRACT_MODULES if op in module.OPS)
    resource = contract_module.__name__.rsplit(".", 1)[1]
    assert HANDLERS[op.id].__module__ == f"simulator.resources.{resource}"


def test_simulator_has_one_resource_module_per_contract_module() -> None:
    names = [module.__name__.rsplit(".", 1)[1] for module in RESOURCE_MODULES]
    assert names == [module.__name__.rsplit(".", 1)[1] for module in CONTRACT_MODULES]


@pytest.mark.parametrize("profile", list(Profile))
def test_route_table_serves_exactly_the_profile_operations(profile: Profile) -> None:
    table = build_routes(profile)
    served = {route.op.id for methods in table.values() for route in methods.values()}
    assert served == {op.id for op in ops_for(profile)}
    assert all(path_key(route.op.path) == shape for shape, methods in table.items() for route in methods.values())


def test_handles_an_operation_that_has_a_handler_is_refused() -> None:
    def second(store: TenantStore, product_id: int) -> Result:
        return None

    register = handles(products_contract.GET_PRODUCT)
    with pytest.raises(RuntimeError) as raised:
        register(second)
    assert (str(raised.value), HANDLERS["getProduct"].__qualname__) == (
        "getProduct already has a handler: get_product",
        "get_product",
    )
