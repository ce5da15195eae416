"""Options: the select-box attributes that drive parent/child products (IPAAS-EP; KB-OPT)."""

from __future__ import annotations

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import Name, RequestModel, Stamped, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.wire import PageQuery

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_SHAPE = "KB-OPT: an option such as Size or Color; property names not published"


class OptionWrite(RequestModel):
    """An option's fields."""

    name: Name = prov(A, _SHAPE, "Option name, e.g. Size.")


class OptionUpdate(RequestModel):
    """Changes to an option; fields left out stay as they are."""

    name: Name = prov(A, _SHAPE, "Option name.", default=None)


class Option(Stamped):
    """An option as the tenant returns it."""

    name: str = prov(A, _SHAPE, "Option name.")


_PATHS = (wp.GRIDDED,)

LIST_OPTIONS = Op(
    id="listOptions",
    method="GET",
    path="/options",
    summary="List options.",
    resource="option",
    provenance=L,
    source="IPAAS-EP: Get All Options",
    query=PageQuery,
    response=Option,
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
    response=Option,
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
    body=OptionWrite,
    response=Option,
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
    body=OptionUpdate,
    response=Option,
    errors=(404, 422),
    catalogue=(CatalogueEntry("Update an Option", groups.OPTION, "/options/{Id}", "Updates an option by its id."),),
    write_paths=_PATHS,
)

OPS = (LIST_OPTIONS, GET_OPTION, CREATE_OPTION, UPDATE_OPTION)
