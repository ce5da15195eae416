"""Categories (contracts/categories.py): `jasper.categories`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import categories as c
from contracts.wire import MAX_PER_PAGE, Page


class Categories(Resource):
    """The category tree."""

    @calls(c.LIST_CATEGORIES)
    def list(self, *, page: int | None = None, per_page: int | None = None) -> Page[c.Category]:
        """One page of categories (`GET /categories`)."""
        return self._page(c.LIST_CATEGORIES, c.Category, page=page, per_page=per_page)

    @iterates(c.LIST_CATEGORIES)
    def iterate(self, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.Category]:
        """Every category, page by page as consumed (the write paths match names through it)."""
        return self._iterate(c.LIST_CATEGORIES, c.Category, per_page=per_page)

    @calls(c.GET_CATEGORY)
    def get(self, category_id: int) -> c.Category:
        """One category by id (`GET /categories/{category_id}`)."""
        return self._one(c.GET_CATEGORY, c.Category, {"category_id": category_id})

    @calls(c.CREATE_CATEGORY)
    def create(self, category: c.CategoryCreate) -> c.Category:
        """Create a category (`POST /categories`); its parent must exist first. Never retried."""
        return self._one(c.CREATE_CATEGORY, c.Category, body=category)

    @calls(c.UPDATE_CATEGORY)
    def update(self, category_id: int, changes: c.CategoryUpdate) -> c.Category:
        """Change a category (`PUT /categories/{category_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_CATEGORY, c.Category, {"category_id": category_id}, changes)
