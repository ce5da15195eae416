"""What every control-plane endpoint shares: the admin token, tenant choice, JSON bodies and answers."""

from __future__ import annotations

import hmac
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from simulator.errors import Malformed, NotFound, Unauthorized, Unprocessable
from simulator.tenants import Tenant, Tenants

Body = TypeVar("Body", bound=BaseModel)


def authorised(request: Request) -> Tenants:
    """The tenants, once the admin token (when one is configured) has been checked."""
    token: str | None = request.app.state.config.admin_token
    if token is not None:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
            raise Unauthorized()
    tenants: Tenants = request.app.state.tenants
    return tenants


def chosen(tenants: Tenants, name: str | None) -> list[Tenant]:
    """The tenant called `name` (404 when there is none), or every tenant when `name` is None."""
    if name is None:
        return list(tenants)
    tenant = tenants.by_name.get(name)
    if tenant is None:
        raise NotFound(f"No tenant named {name!r}.", code="unknown_tenant")
    return [tenant]


async def body(request: Request, model: type[Body]) -> Body:
    """The request body validated by `model` (an empty body is `{}`): 400 if not JSON, 422 per field."""
    raw = await request.body()
    try:
        return model.model_validate_json(raw or b"{}")
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise Malformed() from None
        errors: dict[str, list[str]] = {}
        for item in error.errors(include_url=False):
            errors.setdefault(".".join(str(part) for part in item["loc"]) or "body", []).append(item["msg"])
        raise Unprocessable(errors=errors) from None


def json_response(content: dict[str, Any], status: int = 200) -> Response:
    """A JSON answer, serialised with orjson."""
    return Response(orjson.dumps(content), status, media_type="application/json")
