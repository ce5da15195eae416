"""Attribute sets (contracts/attribute_sets.py): `jasper.attribute_sets`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import attribute_sets as c
from contracts.wire import MAX_PER_PAGE, Page


class AttributeSets(Resource):
    """Named groups of attributes and their membership."""

    @calls(c.LIST_ATTRIBUTE_SETS)
    def list(self, *, page: int | None = None, per_page: int | None = None) -> Page[c.AttributeSet]:
        """One page of attribute sets (`GET /attribute_sets`)."""
        return self._page(c.LIST_ATTRIBUTE_SETS, c.AttributeSet, page=page, per_page=per_page)

    @iterates(c.LIST_ATTRIBUTE_SETS)
    def iterate(self, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.AttributeSet]:
        """Every attribute set, page by page as consumed."""
        return self._iterate(c.LIST_ATTRIBUTE_SETS, c.AttributeSet, per_page=per_page)

    @calls(c.GET_ATTRIBUTE_SET)
    def get(self, attribute_set_id: int) -> c.AttributeSet:
        """One attribute set by id (`GET /attribute_sets/{attribute_set_id}`)."""
        return self._one(c.GET_ATTRIBUTE_SET, c.AttributeSet, {"attribute_set_id": attribute_set_id})

    @calls(c.CREATE_ATTRIBUTE_SET)
    def create(self, attribute_set: c.AttributeSetWrite) -> c.AttributeSet:
        """Create an attribute set (`POST /attribute_sets`). Never retried."""
        return self._one(c.CREATE_ATTRIBUTE_SET, c.AttributeSet, body=attribute_set)

    @calls(c.UPDATE_ATTRIBUTE_SET)
    def update(self, attribute_set_id: int, changes: c.AttributeSetUpdate) -> c.AttributeSet:
        """Change an attribute set (`PUT /attribute_sets/{attribute_set_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_ATTRIBUTE_SET, c.AttributeSet, {"attribute_set_id": attribute_set_id}, changes)

    @calls(c.ADD_ATTRIBUTE_SET_ATTRIBUTE)
    def add_attribute(self, attribute_set_id: int, member: c.AttributeSetMember) -> c.AttributeSet:
        """Add an existing attribute to the set (`POST /attribute_sets/{attribute_set_id}/attributes`);
        adding it again changes nothing. Answers the whole set."""
        return self._one(c.ADD_ATTRIBUTE_SET_ATTRIBUTE, c.AttributeSet, {"attribute_set_id": attribute_set_id}, member)
