"""Option values: the values under one option, e.g. S, M, L under Size (IPAAS-EP; KB-OPT)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_SHAPE = "KB-OPT: values such as S, M, L under Size; property names not published"


_PATHS = (wp.GRIDDED,)

LIST_OPTION_VALUES = Op(
    id="listOptionValues",
    method="GET",
    path="/options/{option_id}/values",
    summary="List an option's values.",
    resource="option_value",
    provenance=L,
    source="IPAAS-EP: Get All Values for an Option",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.option_values", "OptionValue"),
    many=True,
    errors=(404,),
    catalogue=(
        CatalogueEntry(
            "Get All Values for an Option",
            groups.OPTION_VALUE,
            "/options/{OptionId}/values",
            "Lists the values of one option.",
        ),
    ),
    write_paths=_PATHS,
)
CREATE_OPTION_VALUE = Op(
    id="createOptionValue",
    method="POST",
    path="/options/{option_id}/values",
    summary="Create an option value.",
    resource="option_value",
    provenance=L,
    source="IPAAS-EP: Create an Option Value",
    body_ref=ModelRef("contracts.models.option_values", "OptionValueWrite"),
    response_ref=ModelRef("contracts.models.option_values", "OptionValue"),
    status=201,
    errors=(404, 422),
    creates="value_id",
    catalogue=(
        CatalogueEntry(
            "Create an Option Value",
            groups.OPTION_VALUE,
            "/options/{OptionId}/values",
            "Creates a value under one option.",
        ),
    ),
    write_paths=_PATHS,
)
UPDATE_OPTION_VALUE = Op(
    id="updateOptionValue",
    method="PUT",
    path="/options/{option_id}/values/{value_id}",
    summary="Update an option value.",
    resource="option_value",
    provenance=L,
    source="IPAAS-EP: Update an Option Value",
    body_ref=ModelRef("contracts.models.option_values", "OptionValueUpdate"),
    response_ref=ModelRef("contracts.models.option_values", "OptionValue"),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Update an Option Value",
            groups.OPTION_VALUE,
            "/options/{OptionId}/values/{Id}",
            "Updates an option value by its id.",
        ),
    ),
    write_paths=_PATHS,
    notes="A value that belongs to another option answers 404.",
)

OPS = (LIST_OPTION_VALUES, CREATE_OPTION_VALUE, UPDATE_OPTION_VALUE)


# The models: contracts/models/option_values.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.option_values import OptionValue as OptionValue
    from contracts.models.option_values import OptionValueUpdate as OptionValueUpdate
    from contracts.models.option_values import OptionValueWrite as OptionValueWrite
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "OptionValue",
            "OptionValueUpdate",
            "OptionValueWrite",
        ),
    )
