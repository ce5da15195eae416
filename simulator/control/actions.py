"""`/_sim/actions/...`: what a Jasper user does in the app that the API cannot (simulator.catalogue_actions).

`POST /_sim/actions/delete_product` `{"tenant": "demo", "product_id": 7}` deletes a product as a UI user
would: answers the ids removed with it; product webhooks fire a `product.deleted` delivery.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.catalogue_actions import delete_product
from simulator.control.common import authorised, body, chosen, json_response
from simulator.errors import ApiError, ServiceUnavailable
from simulator.routing import ApiRouter, Exchange
from simulator.store import Changes, TenantStore
from simulator.tenants import Tenant


class DeleteProduct(BaseModel):
    """Which product of which tenant."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)  # built at first use: quicker start

    tenant: str
    product_id: int = Field(ge=1)


def routes() -> list[BaseRoute]:
    return [Route("/actions/delete_product", delete_product_action, methods=["POST"])]


async def delete_product_action(request: Request) -> Response:
    """Delete a product with what hangs on it, through the commit listeners."""
    tenants = authorised(request)
    wanted = await body(request, DeleteProduct)
    (tenant,) = chosen(tenants, wanted.tenant)
    async with request.app.state.control_lock:
        exchange = Exchange(request.scope)
        removed = await commit_write(
            request.app.state.api, tenant, exchange, lambda store: delete_product(store, wanted.product_id)
        )
    return json_response({"tenant": tenant.name, "removed": removed})


async def commit_write(api: ApiRouter, tenant: Tenant, exchange: Exchange, write: Callable[[TenantStore], Any]) -> Any:
    """Run `write` on the tenant's store as the router runs an API write: changes collected, the commit
    listeners called, the state file committed; any failure undoes it (503 when the file refused it)."""
    store = tenant.store
    changes: Changes = {}
    store.pending = changes
    try:
        result = write(store)
    except BaseException:
        store.undo(changes)
        raise
    finally:
        store.pending = None
    exchange.tenant = tenant
    exchange.changes = changes
    try:
        for listener in api.commit_listeners:
            listener(exchange, changes)
        if api.committer is not None and changes:
            await api.committer(exchange)
    except BaseException as error:
        if exchange.changes:  # not undone by the committer already
            store.undo(changes)
            exchange.changes = None  # undone: the webhook deliveries it staged are dropped
        if isinstance(error, Exception) and not isinstance(error, ApiError):
            raise ServiceUnavailable("The simulator could not save this write.", code="state_write_failed") from error
        raise
    return result
