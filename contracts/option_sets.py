"""Option sets and their options (IPAAS-EP "Option Set Endpoints"; KB-OPT: assigning one makes a parent)."""

from __future__ import annotations

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import Name, RequestModel, Stamped, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.options import Option
from contracts.wire import Id, PageQuery

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_SHAPE = "KB-OPT: a named grouping of options, e.g. Size/Color; property names not published"


class OptionSetWrite(RequestModel):
    """An option set's fields."""

    name: Name = prov(A, _SHAPE, "Set name, e.g. Size/Color.")


class OptionSetUpdate(RequestModel):
    """Changes to an option set; fields left out stay as they are."""

    name: Name = prov(A, _SHAPE, "Set name.", default=None)


class OptionSetMember(RequestModel):
    """The option to add to the set."""

    option_id: Id = prov(A, "IPAAS-EP: adds an existing option; key assumed", "An existing option.")


class OptionSet(Stamped):
    """An option set with its member options."""

    name: str = prov(A, _SHAPE, "Set name.")
    options: list[int] = prov(A, _SHAPE, "Ids of the member options, in the order added.", default_factory=list)


_PATHS = (wp.GRIDDED,)

LIST_OPTION_SETS = Op(
    id="listOptionSets",
    method="GET",
    path="/option_sets",
    summary="List option sets.",
    resource="option_set",
    provenance=L,
    source="IPAAS-EP: Get All Option Sets",
    query=PageQuery,
    response=OptionSet,
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
    response=OptionSet,
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
    body=OptionSetWrite,
    response=OptionSet,
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
    body=OptionSetUpdate,
    response=OptionSet,
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
    query=PageQuery,
    response=Option,
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
    body=OptionSetMember,
    response=OptionSet,
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
