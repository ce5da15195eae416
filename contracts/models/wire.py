"""The pydantic models of `contracts.wire`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from contracts.wire import DEFAULT_PER_PAGE, MAX_ID, MAX_PER_PAGE, integral_float_to_int

# defer_build on every model here: compiled on first use, not at import (see contracts/base.py).


class ErrorBody(BaseModel):
    """Error body. assumed: Laravel's validation shape `{message, errors}`; VZ-ERR only says "JSON body".

    `code` is added by this project (a stable machine-readable reason); Jasper is not known to send it,
    so the client never depends on it.
    """

    model_config = ConfigDict(extra="allow", defer_build=True)

    message: str = Field(description="Human-readable reason.", json_schema_extra={"x-provenance": "assumed"})
    code: str = Field(
        default="error",
        description="Stable reason code (simulator extension; not known to be sent by Jasper).",
        json_schema_extra={"x-provenance": "assumed"},
    )
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per-field messages, keyed by dotted field path (422 only).",
        json_schema_extra={"x-provenance": "assumed"},
    )


_FROM_JSON = BeforeValidator(integral_float_to_int)


JsonInt = Annotated[int, _FROM_JSON]


# Bounds go before the BeforeValidator: placed after it, pydantic writes them into the JSON Schema as
# raw `ge`/`le` keys, which JSON Schema ignores (the OpenAPI document would not enforce them).
Id = Annotated[int, Field(ge=1, le=MAX_ID), _FROM_JSON]


_Item = TypeVar("_Item", bound=BaseModel)


class PageLinks(BaseModel):
    """Navigation links of a list page (assumed: Laravel's names)."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    first: str | None = Field(default=None, json_schema_extra={"x-provenance": "assumed"})
    last: str | None = Field(default=None, json_schema_extra={"x-provenance": "assumed"})
    prev: str | None = Field(default=None, json_schema_extra={"x-provenance": "assumed"})
    next: str | None = Field(default=None, json_schema_extra={"x-provenance": "assumed"})


class PageMeta(BaseModel):
    """Position and totals of a list page (assumed: Laravel's names)."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    current_page: int = Field(json_schema_extra={"x-provenance": "assumed"})
    last_page: int = Field(json_schema_extra={"x-provenance": "assumed"})
    per_page: int = Field(json_schema_extra={"x-provenance": "assumed"})
    total: int = Field(json_schema_extra={"x-provenance": "assumed"})
    from_: int | None = Field(default=None, alias="from", json_schema_extra={"x-provenance": "assumed"})
    to: int | None = Field(default=None, json_schema_extra={"x-provenance": "assumed"})
    path: str | None = Field(default=None, json_schema_extra={"x-provenance": "assumed"})


class Page(BaseModel, Generic[_Item]):
    """One page of a list (assumed envelope, see `LIST_ITEMS_KEY`)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    data: list[_Item] = Field(json_schema_extra={"x-provenance": "assumed"})
    links: PageLinks = Field(json_schema_extra={"x-provenance": "documented"})
    meta: PageMeta = Field(json_schema_extra={"x-provenance": "documented"})

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        return f"{getattr(params[0], '__name__', params[0])}Page"


class PageQuery(BaseModel):
    """Page-based pagination parameters (VZ-CONV: page-based; names assumed).

    Query strings are text, so these validate in lax mode ("2" is a page number); unknown query
    parameters are ignored, as Laravel does.
    """

    model_config = ConfigDict(extra="ignore", defer_build=True)

    page: Annotated[int, Field(ge=1, le=2**31 - 1), _FROM_JSON] = Field(
        default=1, description="1-based page number.", json_schema_extra={"x-provenance": "assumed"}
    )
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE), _FROM_JSON] = Field(
        default=DEFAULT_PER_PAGE, description="Items per page.", json_schema_extra={"x-provenance": "assumed"}
    )
