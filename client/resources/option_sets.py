"""Option sets (contracts/option_sets.py): `jasper.option_sets`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import option_sets as c
from contracts.options import Option
from contracts.wire import MAX_PER_PAGE, Page


class OptionSets(Resource):
    """Option sets and their member options; assigning a set to a product makes it a parent."""

    @calls(c.LIST_OPTION_SETS)
    def list(self, *, page: int | None = None, per_page: int | None = None) -> Page[c.OptionSet]:
        """One page of option sets (`GET /option_sets`)."""
        return self._page(c.LIST_OPTION_SETS, c.OptionSet, page=page, per_page=per_page)

    @iterates(c.LIST_OPTION_SETS)
    def iterate(self, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.OptionSet]:
        """Every option set, page by page as consumed."""
        return self._iterate(c.LIST_OPTION_SETS, c.OptionSet, per_page=per_page)

    @calls(c.GET_OPTION_SET)
    def get(self, option_set_id: int) -> c.OptionSet:
        """One option set by id (`GET /option_sets/{option_set_id}`)."""
        return self._one(c.GET_OPTION_SET, c.OptionSet, {"option_set_id": option_set_id})

    @calls(c.CREATE_OPTION_SET)
    def create(self, option_set: c.OptionSetWrite) -> c.OptionSet:
        """Create an option set (`POST /option_sets`). Never retried."""
        return self._one(c.CREATE_OPTION_SET, c.OptionSet, body=option_set)

    @calls(c.UPDATE_OPTION_SET)
    def update(self, option_set_id: int, changes: c.OptionSetUpdate) -> c.OptionSet:
        """Change an option set (`PUT /option_sets/{option_set_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_OPTION_SET, c.OptionSet, {"option_set_id": option_set_id}, changes)

    @calls(c.LIST_OPTION_SET_OPTIONS)
    def list_options(self, option_set_id: int, *, page: int | None = None, per_page: int | None = None) -> Page[Option]:
        """One page of the options in a set (`GET /option_sets/{option_set_id}/options`)."""
        return self._page(c.LIST_OPTION_SET_OPTIONS, Option, {"option_set_id": option_set_id}, page, per_page)

    @iterates(c.LIST_OPTION_SET_OPTIONS)
    def iterate_options(self, option_set_id: int, *, per_page: int = MAX_PER_PAGE) -> Iterator[Option]:
        """Every option in a set, page by page as consumed."""
        return self._iterate(c.LIST_OPTION_SET_OPTIONS, Option, {"option_set_id": option_set_id}, per_page)

    @calls(c.ADD_OPTION_SET_OPTION)
    def add_option(self, option_set_id: int, member: c.OptionSetMember) -> c.OptionSet:
        """Add an existing option to the set (`POST /option_sets/{option_set_id}/options`); adding it
        again changes nothing. Answers the whole set."""
        return self._one(c.ADD_OPTION_SET_OPTION, c.OptionSet, {"option_set_id": option_set_id}, member)
