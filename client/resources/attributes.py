"""Attribute definitions (contracts/attributes.py): `jasper.attributes`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import attributes as c
from contracts.wire import MAX_PER_PAGE, Page


class Attributes(Resource):
    """Attribute definitions; names are unique in a tenant."""

    @calls(c.LIST_ATTRIBUTES)
    def list(self, *, page: int | None = None, per_page: int | None = None) -> Page[c.Attribute]:
        """One page of attribute definitions (`GET /attributes`)."""
        return self._page(c.LIST_ATTRIBUTES, c.Attribute, page=page, per_page=per_page)

    @iterates(c.LIST_ATTRIBUTES)
    def iterate(self, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.Attribute]:
        """Every attribute definition, page by page as consumed (to resolve names to ids)."""
        return self._iterate(c.LIST_ATTRIBUTES, c.Attribute, per_page=per_page)

    @calls(c.GET_ATTRIBUTE)
    def get(self, attribute_id: int) -> c.Attribute:
        """One attribute definition by id (`GET /attributes/{attribute_id}`)."""
        return self._one(c.GET_ATTRIBUTE, c.Attribute, {"attribute_id": attribute_id})

    @calls(c.CREATE_ATTRIBUTE)
    def create(self, attribute: c.AttributeCreate) -> c.Attribute:
        """Create an attribute definition (`POST /attributes`); a name in use answers 422. Never retried."""
        return self._one(c.CREATE_ATTRIBUTE, c.Attribute, body=attribute)

    @calls(c.UPDATE_ATTRIBUTE)
    def update(self, attribute_id: int, changes: c.AttributeUpdate) -> c.Attribute:
        """Change an attribute definition (`PUT /attributes/{attribute_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_ATTRIBUTE, c.Attribute, {"attribute_id": attribute_id}, changes)
