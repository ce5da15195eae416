"""What every control-plane endpoint shares: the admin token, tenant choice, JSON bodies and answers."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
from starlette.requests import Request
from starlette.responses import Response

from simulator.config import type_adapter
from simulator.errors import Malformed, NotFound, TooLarge, Unauthorized, Unprocessable
from simulator.store import TenantStore
from simulator.tenants import Tenant, Tenants

if TYPE_CHECKING:
    from simulator.persistence import Persistence

SMALL_STORE = 5000  # entities written in one transaction; larger stores go in chunks (see Persistence)

Body = TypeVar("Body")


def is_admin(request: Request) -> bool:
    """True when no admin token is configured, or the request carries it."""
    token: str | None = request.app.state.config.admin_token
    if token is None:
        return True
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode())


def authorised(request: Request) -> Tenants:
    """The tenants, once the admin token (when one is configured) has been checked."""
    if not is_admin(request):
        raise Unauthorized()
    tenants: Tenants = request.app.state.tenants
    return tenants


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, at most `limit` bytes (413 beyond, whatever Content-Length said)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


async def replace_stores(request: Request, stores: dict[str, TenantStore]) -> None:
    """Put new stores in place of the named tenants' ones, in the state file first when there is one.

    Large stores go to the file in small transactions while the API keeps answering; memory and file
    change together at the end. Callers hold `app.state.control_lock`, so control-plane writes never
    interleave.
    """
    tenants: Tenants = request.app.state.tenants
    persistence: Persistence | None = request.app.state.persistence
    for name, store in stores.items():
        tenant = tenants.by_name[name]

        def swap(tenant: Tenant = tenant, store: TenantStore = store) -> None:
            tenant.store = store

        if persistence is None:
            swap()
        elif store.size() <= SMALL_STORE:
            persistence.replace_tenant(name, store)
            persistence.commit()
            swap()
        else:
            await persistence.replace_tenant_async(name, store, swap)


def chosen(tenants: Tenants, name: str | None) -> list[Tenant]:
    """The tenant called `name` (404 when there is none), or every tenant when `name` is None."""
    if name is None:
        return list(tenants)
    tenant = tenants.by_name.get(name)
    if tenant is None:
        raise NotFound(f"No tenant named {name!r}.", code="unknown_tenant")
    return [tenant]


async def body(request: Request, model: type[Body]) -> Body:
    """The request body validated by `model`, a pydantic model or a configuration dataclass (an empty body
    is `{}`): 400 if not JSON, 422 per field."""
    from pydantic import ValidationError  # noqa: PLC0415

    raw = await request.body()
    try:
        value: Body = type_adapter(model).validate_json(raw or b"{}")
        return value
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise Malformed() from None
        errors: dict[str, list[str]] = {}
        for item in error.errors(include_url=False):
            # a configuration dataclass words an unknown field as a Python call does; say it as a model does
            message = _EXTRA if item["type"] == "unexpected_keyword_argument" else item["msg"]
            errors.setdefault(".".join(str(part) for part in item["loc"]) or "body", []).append(message)
        raise Unprocessable(errors=errors) from None


_EXTRA = "Extra inputs are not permitted"  # pydantic's own message for an unknown field of a model


def json_response(content: dict[str, Any], status: int = 200) -> Response:
    """A JSON answer, serialised with orjson."""
    return Response(orjson.dumps(content), status, media_type="application/json")
