"""Option values (contracts/option_values.py): `jasper.option_values`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import option_values as c
from contracts.wire import MAX_PER_PAGE, Page


class OptionValues(Resource):
    """The values under one option, e.g. S, M, L under Size."""

    @calls(c.LIST_OPTION_VALUES)
    def list(self, option_id: int, *, page: int | None = None, per_page: int | None = None) -> Page[c.OptionValue]:
        """One page of an option's values (`GET /options/{option_id}/values`)."""
        return self._page(c.LIST_OPTION_VALUES, c.OptionValue, {"option_id": option_id}, page, per_page)

    @iterates(c.LIST_OPTION_VALUES)
    def iterate(self, option_id: int, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.OptionValue]:
        """Every value of an option, page by page as consumed."""
        return self._iterate(c.LIST_OPTION_VALUES, c.OptionValue, {"option_id": option_id}, per_page)

    @calls(c.CREATE_OPTION_VALUE)
    def create(self, option_id: int, value: c.OptionValueWrite) -> c.OptionValue:
        """Create a value under an option (`POST /options/{option_id}/values`). Never retried."""
        return self._one(c.CREATE_OPTION_VALUE, c.OptionValue, {"option_id": option_id}, value)

    @calls(c.UPDATE_OPTION_VALUE)
    def update(self, option_id: int, value_id: int, changes: c.OptionValueUpdate) -> c.OptionValue:
        """Change a value (`PUT /options/{option_id}/values/{value_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_OPTION_VALUE, c.OptionValue, {"option_id": option_id, "value_id": value_id}, changes)
