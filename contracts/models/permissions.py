"""The pydantic models of `contracts.permissions`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from pydantic import Field

from contracts.models.wire import ErrorBody


class ForbiddenBody(ErrorBody):
    """A 403 answer: the key is valid but lacks the permission the operation needs (assumed, see
    contracts/permissions.py: Laravel's message "This action is unauthorized.")."""

    permission: str = Field(
        description="The permission the operation needs and the key lacks, e.g. `product:write` "
        "(simulator extension; Jasper's own names are not published).",
        json_schema_extra={"x-provenance": "assumed"},
    )
