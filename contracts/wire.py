"""Wire decisions: each guess about Jasper's HTTP conventions, made once, here, and labelled.

../shared/DESIGN.md §3. When a real tenant proves one of these wrong, flip it here; the simulator,
the client, the OpenAPI document and the catalogue all follow. Each constant says its provenance.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Final, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from contracts.op import Provenance

# --- Base URL -------------------------------------------------------------------------------------
# documented: the base URL is the tenant host plus /api/v1 (IPAAS-EP, IPAAS-CS).
API_PREFIX: Final = "/api/v1"
# documented: two host patterns, older *.oci-1.jasperpim.com and newer *.pim.jasperpim.com (IPAAS-KL).
HOST_SUFFIXES: Final = (".pim.jasperpim.com", ".oci-1.jasperpim.com")

# --- Auth -----------------------------------------------------------------------------------------
# documented: `Authorization: Bearer <key>` on every call; 401 on a missing, bad or rotated key
# (reference "Authentication"; VZ-AUTH, VZ-ERR).
AUTH_SCHEME: Final = "Bearer"
AUTH_PROVENANCE: Final = Provenance.DOCUMENTED
# assumed: the route is resolved before the key is checked, so a request to a tenant's host answers
# 404 (unknown route) or 405 (wrong method) whatever its key, and 401 only on a route that exists.
# Jasper is a Laravel app: routing runs before route middleware such as API authentication. (A request
# whose Host names no tenant is matched by its key, so without a valid key it can only answer 401.)
ROUTE_BEFORE_AUTH: Final = True

# --- HEAD -----------------------------------------------------------------------------------------
# HTTP (RFC 9110 §9.3.2) and Laravel (every GET route also answers HEAD) serve HEAD on a GET route as
# the GET without its body: same status and headers. Allow and 405 messages list HEAD with GET.

# --- Success statuses (assumed: no source states them; Laravel resource-controller defaults) --------
STATUS_BY_METHOD: Final = {"GET": 200, "PUT": 200, "POST": 201, "DELETE": 204}
STATUS_PROVENANCE: Final = Provenance.ASSUMED

# --- Error statuses -------------------------------------------------------------------------------
# 401/404/422 are named by the secondary source VZ-ERR. The rest are assumed: what a Laravel app in
# front of nginx answers for bad framing.
UNAUTHORIZED: Final = 401
FORBIDDEN: Final = 403  # assumed: Laravel's authorization failure (key permissions, contracts/permissions.py)
NOT_FOUND: Final = 404
METHOD_NOT_ALLOWED: Final = 405
UNPROCESSABLE: Final = 422
MALFORMED: Final = 400  # assumed: body is not JSON
UNSUPPORTED_MEDIA_TYPE: Final = 415  # assumed: a body that is not application/json
TOO_LARGE: Final = 413  # assumed: nginx's client_max_body_size answer
MAX_BODY_BYTES: Final = 1024 * 1024  # assumed: 1 MiB, nginx's default client_max_body_size
# --- Rate limits and server errors (assumed: Jasper documents neither; reference §2.8, §5.20) ---------
# Jasper is a Laravel app (reference §2.7), whose `throttle` middleware answers 429 with `Retry-After`
# (seconds) and sends `X-RateLimit-Limit` / `X-RateLimit-Remaining` on every answer while a limit is on;
# we assume the same, per API key, counted in fixed one-minute windows from the first call. Every
# operation declares 429 and any 5xx, so generated clients know them; the simulator throttles only
# when a tenant's rate limit is set, and answers 5xx only when a fault rule says so.
RATE_LIMITED: Final = 429
RATE_LIMIT_MESSAGE: Final = "Too Many Attempts."  # Laravel's ThrottleRequestsException message
RATE_LIMIT_WINDOW_SECONDS: Final = 60
RETRY_AFTER: Final = "Retry-After"
RATE_LIMIT_LIMIT: Final = "X-RateLimit-Limit"
RATE_LIMIT_REMAINING: Final = "X-RateLimit-Remaining"
SERVER_ERRORS: Final = "5XX"  # an OpenAPI status range: any server error
# Every operation can answer these (framing, auth, throttling); each Op adds its own (404, 422) on top.
COMMON_ERRORS: Final = (UNAUTHORIZED, RATE_LIMITED)
BODY_ERRORS: Final = (MALFORMED, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE)


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


# --- Ids ------------------------------------------------------------------------------------------
# assumed (weak evidence: numeric ids in iPaaS examples, KB-PRICE product_id column): positive integers,
# tenant-assigned, read-only. The upper bound keeps ids inside a signed 64-bit column.
ID_PROVENANCE: Final = Provenance.ASSUMED
MAX_ID: Final = 2**63 - 1


def integral_float_to_int(value: Any) -> Any:
    """JSON Schema counts 345.0 as an integer, so the contract must accept it (tooling.md §8.3)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_FROM_JSON = BeforeValidator(integral_float_to_int)
JsonInt = Annotated[int, _FROM_JSON]
# Bounds go before the BeforeValidator: placed after it, pydantic writes them into the JSON Schema as
# raw `ge`/`le` keys, which JSON Schema ignores (the OpenAPI document would not enforce them).
Id = Annotated[int, Field(ge=1, le=MAX_ID), _FROM_JSON]

# --- Timestamps -----------------------------------------------------------------------------------
# documented names: created_at / updated_at, read-only (reference, Attribute properties).
# assumed format: Laravel's default serialisation, ISO 8601 UTC with microseconds and a Z.
TIMESTAMP_PROVENANCE: Final = Provenance.ASSUMED


def format_timestamp(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    # The year is padded by hand: strftime's %Y writes years before 1000 unpadded ("5-01-02T..."),
    # which is not RFC 3339.
    return f"{utc.year:04d}-{utc:%m-%dT%H:%M:%S.%f}Z"


# --- Ping -----------------------------------------------------------------------------------------
# documented: `{"time": "Tue Feb 7 19:05:03 UTC 2017"}`, Unix `date` style, bare object (reference, Ping).


def format_ping_time(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return f"{utc:%a %b} {utc.day} {utc:%H:%M:%S} UTC {utc.year}"


# --- Single objects -------------------------------------------------------------------------------
# assumed: single objects (GET one, POST, PUT) come back bare. Only Ping is known to be bare.
SINGLE_ENVELOPE: Final[str | None] = None  # set to "data" to wrap single objects as {"data": {...}}

# --- Lists ----------------------------------------------------------------------------------------
# secondary (VZ-CONV): page-based, with `links` and `meta`. assumed: the item key `data` and the member
# names, which are Laravel's paginated API-resource output.
# assumed: items come in id order (auto-increment ids), and the links keep `per_page` when it is not
# the default, so a client following `next` keeps its page size.
LIST_ITEMS_KEY: Final = "data"
PAGE_PARAM: Final = "page"
PER_PAGE_PARAM: Final = "per_page"
DEFAULT_PER_PAGE: Final = 15  # assumed: Laravel's paginate() default
MAX_PER_PAGE: Final = 250  # secondary: VZ-CONV's page size for generic entities

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
