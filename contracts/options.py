"""Options: the select-box attributes that drive parent/child products (IPAAS-EP; KB-OPT)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_SHAPE = "KB-OPT: an option such as Size or Color; property names not published"


_PATHS = (wp.GRIDDED,)

LIST_OPTIONS = Op(
    id="listOptions",
    method="GET",
    path="/options",
    summary="List options.",
    resource="option",
    provenance=L,
    source="IPAAS-EP: Get All Options",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.options", "Option"),
    many=True,
    catalogue=(CatalogueEntry("Get All Options", groups.OPTION, "/options", "Lists the tenant's options."),),
    write_paths=_PATHS,
)
GET_OPTION = Op(
    id="getOption",
    method="GET",
    path="/options/{option_id}",
    summary="Get one option.",
    resource="option",
    provenance=L,
    source="IPAAS-EP: Get an Option by Id",
    response_ref=ModelRef("contracts.models.options", "Option"),
    errors=(404,),
    catalogue=(
        CatalogueEntry(
            "Get an Option by Id",
            groups.OPTION,
            "/options/{OptionId}",
            "Reads one option, to resolve an option reference.",
        ),
    ),
    write_paths=_PATHS,
)
CREATE_OPTION = Op(
    id="createOption",
    method="POST",
    path="/options",
    summary="Create an option.",
    resource="option",
    provenance=L,
    source="IPAAS-EP: Create an Option",
    body_ref=ModelRef("contracts.models.options", "OptionWrite"),
    response_ref=ModelRef("contracts.models.options", "Option"),
    status=201,
    errors=(422,),
    creates="option_id",
    catalogue=(
        CatalogueEntry("Create an Option", groups.OPTION, "/options", "Creates an option such as Size or Color."),
    ),
    write_paths=_PATHS,
)
UPDATE_OPTION = Op(
    id="updateOption",
    method="PUT",
    path="/options/{option_id}",
    summary="Update an option.",
    resource="option",
    provenance=L,
    source="IPAAS-EP: Update an Option",
    body_ref=ModelRef("contracts.models.options", "OptionUpdate"),
    response_ref=ModelRef("contracts.models.options", "Option"),
    errors=(404, 422),
    catalogue=(CatalogueEntry("Update an Option", groups.OPTION, "/options/{Id}", "Updates an option by its id."),),
    write_paths=_PATHS,
)

OPS = (LIST_OPTIONS, GET_OPTION, CREATE_OPTION, UPDATE_OPTION)


# The models: contracts/models/options.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.options import Option as Option
    from contracts.models.options import OptionUpdate as OptionUpdate
    from contracts.models.options import OptionWrite as OptionWrite
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "Option",
            "OptionUpdate",
            "OptionWrite",
        ),
    )
