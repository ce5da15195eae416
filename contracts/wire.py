"""Wire decisions: each guess about Jasper's HTTP conventions, made once, here, and labelled.

../shared/DESIGN.md §3. When a real tenant proves one of these wrong, flip it here; the simulator,
the client, the OpenAPI document and the catalogue all follow. Each constant says its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, Protocol

from contracts.op import ModelRef, Provenance, lazy_models

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
PAGE_QUERY: Final = ModelRef("contracts.models.wire", "PageQuery")  # the query model of every list


class Paging(Protocol):
    """What a list reads of its query: a validated `PageQuery`, or `FIRST_PAGE` when none is given."""

    @property
    def page(self) -> int: ...

    @property
    def per_page(self) -> int: ...


@dataclass(frozen=True, slots=True)
class _FirstPage:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


# `PageQuery()`'s values (tests/contract holds them equal), for a list called without a query string: a
# plain value, so that such a list needs no pydantic (issue 11: start-up, and the first list's answer).
FIRST_PAGE: Final[Paging] = _FirstPage()


# The models: contracts/models/wire.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.wire import ErrorBody as ErrorBody
    from contracts.models.wire import Id as Id
    from contracts.models.wire import JsonInt as JsonInt
    from contracts.models.wire import Page as Page
    from contracts.models.wire import PageLinks as PageLinks
    from contracts.models.wire import PageMeta as PageMeta
    from contracts.models.wire import PageQuery as PageQuery
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "ErrorBody",
            "Id",
            "JsonInt",
            "Page",
            "PageLinks",
            "PageMeta",
            "PageQuery",
        ),
    )
