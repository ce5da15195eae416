"""Options (contracts/options.py): `jasper.options`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import options as c
from contracts.wire import MAX_PER_PAGE, Page


class Options(Resource):
    """Options such as Size or Color, which drive parent/child products."""

    @calls(c.LIST_OPTIONS)
    def list(self, *, page: int | None = None, per_page: int | None = None) -> Page[c.Option]:
        """One page of options (`GET /options`)."""
        return self._page(c.LIST_OPTIONS, c.Option, page=page, per_page=per_page)

    @iterates(c.LIST_OPTIONS)
    def iterate(self, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.Option]:
        """Every option, page by page as consumed."""
        return self._iterate(c.LIST_OPTIONS, c.Option, per_page=per_page)

    @calls(c.GET_OPTION)
    def get(self, option_id: int) -> c.Option:
        """One option by id (`GET /options/{option_id}`)."""
        return self._one(c.GET_OPTION, c.Option, {"option_id": option_id})

    @calls(c.CREATE_OPTION)
    def create(self, option: c.OptionWrite) -> c.Option:
        """Create an option (`POST /options`). Never retried."""
        return self._one(c.CREATE_OPTION, c.Option, body=option)

    @calls(c.UPDATE_OPTION)
    def update(self, option_id: int, changes: c.OptionUpdate) -> c.Option:
        """Change an option (`PUT /options/{option_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_OPTION, c.Option, {"option_id": option_id}, changes)
