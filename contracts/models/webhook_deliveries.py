"""The pydantic models of `contracts.webhook_deliveries`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from contracts.base import ResponseModel, prov
from contracts.webhook_deliveries import _SOURCE, A


class DeliveryPayload(ResponseModel):
    """The body of a delivery (assumed: Standard Webhooks' envelope, since Jasper publishes none)."""

    type: str = prov(A, _SOURCE, "`<entity_type>.<event>`, e.g. `product.created`, `category.deleted`.")
    timestamp: datetime = prov(A, _SOURCE, "When the change happened, on the tenant's clock (ISO 8601, UTC).")
    data: dict[str, Any] = prov(
        A,
        _SOURCE,
        "The entity: `id` always; with `include_entity_data` every field a GET of it shows (for a deleted "
        "entity, as it was last shown).",
    )
