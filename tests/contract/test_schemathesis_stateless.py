"""schemathesis, stateless: every operation of both committed OpenAPI documents against the simulator.

Phases examples, coverage and fuzzing (schemathesis' pytest defaults) with every default check, plus
`state_rule_rejection` (schemathesis_support). Each profile's document runs against a tenant serving
that profile. Budgets are bounded so the whole suite stays inside CI's time (tooling.md §2.8: about
1 s per operation per 100 examples; tests/budget.py deepens them); the documented run gets fewer
fuzzing examples, and its coverage phase only in a deeper run, because most of its operations share
the live handlers (the live document, the one a connector meets, gets every phase in every run).
"""

from __future__ import annotations

from contracts import BY_ID
from contracts.op import Profile
from contracts.state_rules import REFERENCE_DATA, STATE_RULES
from tests.budget import DEEP, budget
from tests.contract.schemathesis_support import EXTRA_CHECKS, AnyCase, load_schema

live, _ = load_schema(Profile.LIVE, max_examples=budget(6, 60))
documented, _ = load_schema(Profile.DOCUMENTED, max_examples=budget(4, 40), coverage=DEEP)


@live.parametrize()
def test_live_operation_conforms(case: AnyCase) -> None:
    case.call_and_validate(additional_checks=EXTRA_CHECKS)


@documented.parametrize()
def test_documented_operation_conforms(case: AnyCase) -> None:
    case.call_and_validate(additional_checks=EXTRA_CHECKS)


def _fields(operation_id: str) -> set[str]:
    op = BY_ID[operation_id]
    return {*op.path_params, *(op.body.model_fields if op.body is not None else ())}


def test_state_rules_name_real_operations_and_fields() -> None:
    # A renamed operation or field would silently turn a widened check into a dead entry.
    unknown = {
        operation_id: sorted(rule.allows(Profile.DOCUMENTED) - _fields(operation_id))
        for operation_id, rule in STATE_RULES.items()
        if operation_id not in BY_ID or not rule.allows(Profile.DOCUMENTED) <= _fields(operation_id)
    }
    assert unknown == {}


def test_reference_data_names_real_parameters() -> None:
    unknown = [
        (operation_id, parameter)
        for operation_id, parameter, _ in REFERENCE_DATA
        if operation_id not in BY_ID or parameter.partition(".")[2] not in _fields(operation_id)
    ]
    assert unknown == []
