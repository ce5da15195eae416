"""Webhook subscriptions (IPAAS-EP "Webhook Endpoints"; KB-WH for the body).

KB-WH lists every create field as one "you have to send", so all are required on create. The create
answer carries `signing_secret`; whether later reads show it is not published (assumed: they do not).
iPaaS's action name for the DELETE is `Webhook_DEACTIVATE`: a deactivated webhook is gone from reads.
What a delivery looks like (payload, signature, retries; all assumed) is contracts/webhook_deliveries.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_KB = "KB-WH: webhook create body"


class EntityType(StrEnum):
    """What a webhook watches."""

    PRODUCT = "product"
    CATEGORY = "category"
    BRAND = "brand"
    CONCRETE_ENTITY = "concrete_entity"


class RetryPolicy(StrEnum):
    """What Jasper does after a failed delivery."""

    NO_RETRY = "no_retry"
    LINEAR = "linear"
    EXPONENTIAL = "exponential"


_PATHS = (wp.WEBHOOKS,)

LIST_WEBHOOKS = Op(
    id="listWebhooks",
    method="GET",
    path="/webhooks",
    summary="List active webhook subscriptions.",
    resource="webhook",
    provenance=L,
    source="IPAAS-EP: Get All Webhooks",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.webhooks", "Webhook"),
    many=True,
    catalogue=(
        CatalogueEntry(
            "Get All Webhooks", groups.WEBHOOK, "/webhooks", "Lists the webhook subscriptions registered in the tenant."
        ),
    ),
    write_paths=_PATHS,
)
GET_WEBHOOK = Op(
    id="getWebhook",
    method="GET",
    path="/webhooks/{webhook_id}",
    summary="Get one active webhook subscription.",
    resource="webhook",
    provenance=A,
    source="not published; a resource controller's show route",
    response_ref=ModelRef("contracts.models.webhooks", "Webhook"),
    errors=(404,),
)
CREATE_WEBHOOK = Op(
    id="createWebhook",
    method="POST",
    path="/webhooks",
    summary="Register a webhook subscription.",
    resource="webhook",
    provenance=L,
    source="IPAAS-EP: Create a Webhook; KB-WH",
    body_ref=ModelRef("contracts.models.webhooks", "WebhookCreate"),
    response_ref=ModelRef("contracts.models.webhooks", "WebhookCreated"),
    status=201,
    errors=(422,),
    creates="webhook_id",
    catalogue=(
        CatalogueEntry(
            "Create a Webhook",
            groups.WEBHOOK,
            "/webhooks",
            "Registers a webhook subscription; the answer carries its signing secret.",
        ),
    ),
    write_paths=_PATHS,
)
UPDATE_WEBHOOK = Op(
    id="updateWebhook",
    method="PUT",
    path="/webhooks/{webhook_id}",
    summary="Update a webhook subscription.",
    resource="webhook",
    provenance=L,
    source="IPAAS-EP: Update a Webhook",
    body_ref=ModelRef("contracts.models.webhooks", "WebhookUpdate"),
    response_ref=ModelRef("contracts.models.webhooks", "Webhook"),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Update a Webhook", groups.WEBHOOK, "/webhooks/{Id}", "Updates a webhook subscription by its id."
        ),
    ),
    write_paths=_PATHS,
)
DELETE_WEBHOOK = Op(
    id="deleteWebhook",
    method="DELETE",
    path="/webhooks/{webhook_id}",
    summary="Deactivate (delete) a webhook subscription.",
    resource="webhook",
    provenance=L,
    source="IPAAS-EP: Deactivate (Delete) a Webhook",
    status=204,
    errors=(404,),
    catalogue=(
        CatalogueEntry(
            "Deactivate (Delete) a Webhook",
            groups.WEBHOOK,
            "/webhooks/{Id}",
            "Deactivates a webhook subscription; it is gone from reads afterwards.",
        ),
    ),
    action="Webhook_DEACTIVATE",
    write_paths=_PATHS,
)

OPS = (LIST_WEBHOOKS, GET_WEBHOOK, CREATE_WEBHOOK, UPDATE_WEBHOOK, DELETE_WEBHOOK)


# The models: contracts/models/webhooks.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.webhooks import CallbackUrl as CallbackUrl
    from contracts.models.webhooks import HeaderName as HeaderName
    from contracts.models.webhooks import Headers as Headers
    from contracts.models.webhooks import HeaderValue as HeaderValue
    from contracts.models.webhooks import Seconds as Seconds
    from contracts.models.webhooks import Webhook as Webhook
    from contracts.models.webhooks import WebhookCreate as WebhookCreate
    from contracts.models.webhooks import WebhookCreated as WebhookCreated
    from contracts.models.webhooks import WebhookUpdate as WebhookUpdate
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "CallbackUrl",
            "HeaderName",
            "HeaderValue",
            "Headers",
            "Seconds",
            "Webhook",
            "WebhookCreate",
            "WebhookCreated",
            "WebhookUpdate",
        ),
    )
