"""Option sets and their options (IPAAS-EP "Option Set Endpoints"; KB-OPT: assigning one makes a parent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_SHAPE = "KB-OPT: a named grouping of options, e.g. Size/Color; property names not published"


_PATHS = (wp.GRIDDED,)

LIST_OPTION_SETS = Op(
    id="listOptionSets",
    method="GET",
    path="/option_sets",
    summary="List option sets.",
    resource="option_set",
    provenance=L,
    source="IPAAS-EP: Get All Option Sets",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.option_sets", "OptionSet"),
    many=True,
    catalogue=(CatalogueEntry("Get All Option Sets", groups.OPTION_SET, "/option_sets", "Lists option sets."),),
    write_paths=_PATHS,
)
GET_OPTION_SET = Op(
    id="getOptionSet",
    method="GET",
    path="/option_sets/{option_set_id}",
    summary="Get one option set.",
    resource="option_set",
    provenance=A,
    source="not published; a resource controller's show route",
    response_ref=ModelRef("contracts.models.option_sets", "OptionSet"),
    errors=(404,),
)
CREATE_OPTION_SET = Op(
    id="createOptionSet",
    method="POST",
    path="/option_sets",
    summary="Create an option set.",
    resource="option_set",
    provenance=L,
    source="IPAAS-EP: Create an Option Set",
    body_ref=ModelRef("contracts.models.option_sets", "OptionSetWrite"),
    response_ref=ModelRef("contracts.models.option_sets", "OptionSet"),
    status=201,
    errors=(422,),
    creates="option_set_id",
    catalogue=(CatalogueEntry("Create an Option Set", groups.OPTION_SET, "/option_sets", "Creates an option set."),),
    write_paths=_PATHS,
)
UPDATE_OPTION_SET = Op(
    id="updateOptionSet",
    method="PUT",
    path="/option_sets/{option_set_id}",
    summary="Update an option set.",
    resource="option_set",
    provenance=L,
    source="IPAAS-EP: Update an Option Set",
    body_ref=ModelRef("contracts.models.option_sets", "OptionSetUpdate"),
    response_ref=ModelRef("contracts.models.option_sets", "OptionSet"),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Update an Option Set", groups.OPTION_SET, "/option_sets/{Id}", "Updates an option set by its id."
        ),
    ),
    write_paths=_PATHS,
)
LIST_OPTION_SET_OPTIONS = Op(
    id="listOptionSetOptions",
    method="GET",
    path="/option_sets/{option_set_id}/options",
    summary="List the options in an option set.",
    resource="option_set",
    provenance=L,
    source="IPAAS-EP: Get Options in an Option Set",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.options", "Option"),
    many=True,
    errors=(404,),
    catalogue=(
        CatalogueEntry(
            "Get Options in an Option Set",
            groups.OPTION_SET,
            "/option_sets/{OptionSetId}/options",
            "Lists the options that belong to one set.",
        ),
    ),
    write_paths=_PATHS,
)
ADD_OPTION_SET_OPTION = Op(
    id="addOptionSetOption",
    method="POST",
    path="/option_sets/{option_set_id}/options",
    summary="Add an existing option to an option set.",
    resource="option_set",
    provenance=L,
    source="IPAAS-EP: Add an Option to an Option Set",
    body_ref=ModelRef("contracts.models.option_sets", "OptionSetMember"),
    response_ref=ModelRef("contracts.models.option_sets", "OptionSet"),
    status=201,
    extra_statuses=(200,),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Add an Option to an Option Set",
            groups.OPTION_SET,
            "/option_sets/{OptionSetId}/options",
            "Adds an existing option to a set.",
        ),
    ),
    write_paths=_PATHS,
    notes="An unknown option answers 422; adding a member again answers 200 and adds nothing (assumed).",
)

OPS = (
    LIST_OPTION_SETS,
    GET_OPTION_SET,
    CREATE_OPTION_SET,
    UPDATE_OPTION_SET,
    LIST_OPTION_SET_OPTIONS,
    ADD_OPTION_SET_OPTION,
)


# The models: contracts/models/option_sets.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.option_sets import OptionSet as OptionSet
    from contracts.models.option_sets import OptionSetMember as OptionSetMember
    from contracts.models.option_sets import OptionSetUpdate as OptionSetUpdate
    from contracts.models.option_sets import OptionSetWrite as OptionSetWrite
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "OptionSet",
            "OptionSetMember",
            "OptionSetUpdate",
            "OptionSetWrite",
        ),
    )
