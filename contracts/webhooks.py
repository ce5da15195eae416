"""Webhook subscriptions (IPAAS-EP "Webhook Endpoints"; KB-WH for the body).

KB-WH lists every create field as one "you have to send", so all are required on create. The create
answer carries `signing_secret`; whether later reads show it is not published (assumed: they do not).
iPaaS's action name for the DELETE is `Webhook_DEACTIVATE`: a deactivated webhook is gone from reads.
What a delivery looks like (payload, signature, retries; all assumed) is contracts/webhook_deliveries.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import Name, RequestModel, Stamped, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.wire import PageQuery, integral_float_to_int

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_KB = "KB-WH: webhook create body"
# Control characters and space are spelled out: `\s` means different things to JSON Schema's regex dialect
# (ECMA-262) and to pydantic's engine (U+0085 is white space to one of them only).
CallbackUrl = Annotated[
    str, StringConstraints(pattern=r"^https?://[^\x00-\x20\x7f-\x9f/?#]+[^\x00-\x20\x7f-\x9f]*$", max_length=2048)
]
HeaderName = Annotated[str, StringConstraints(pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$")]
HeaderValue = Annotated[str, StringConstraints(max_length=1024)]
Headers = Annotated[dict[HeaderName, HeaderValue], Field(max_length=50)]
Seconds = Annotated[int, Field(ge=0, le=2**31 - 1), BeforeValidator(integral_float_to_int)]


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


class WebhookCreate(RequestModel):
    """A new webhook subscription; KB-WH names every field as required."""

    name: Name = prov(D, _KB, "Human-readable name.")
    callback_url: CallbackUrl = prov(D, _KB, "The http(s) URL deliveries are sent to.")
    entity_type: EntityType = prov(D, _KB, "Which entity to watch.")
    include_entity_data: bool = prov(D, _KB, "Whether deliveries carry the entity's data.")
    headers: Headers = prov(D, _KB, "Extra headers sent with every delivery.")
    retry_policy: RetryPolicy = prov(D, _KB, "What to do after a failed delivery.")
    minimum_retry_interval: Seconds = prov(D, _KB + " (example 300)", "Minimum wait between retries, in seconds.")
    retry_limit: Seconds = prov(D, _KB + " (example 5)", "Maximum number of retries.")


class WebhookUpdate(RequestModel):
    """Changes to a webhook; fields left out stay as they are."""

    name: Name = prov(D, _KB, "Human-readable name.", default=None)
    callback_url: CallbackUrl = prov(D, _KB, "The http(s) URL deliveries are sent to.", default=None)
    entity_type: EntityType = prov(D, _KB, "Which entity to watch.", default=None)
    include_entity_data: bool = prov(D, _KB, "Whether deliveries carry the entity's data.", default=None)
    headers: Headers = prov(D, _KB, "Extra headers sent with every delivery.", default=None)
    retry_policy: RetryPolicy = prov(D, _KB, "What to do after a failed delivery.", default=None)
    minimum_retry_interval: Seconds = prov(D, _KB, "Minimum wait between retries, in seconds.", default=None)
    retry_limit: Seconds = prov(D, _KB, "Maximum number of retries.", default=None)


class Webhook(Stamped):
    """A webhook subscription as reads return it (no secret)."""

    name: str = prov(D, _KB, "Name.")
    callback_url: str = prov(D, _KB, "Delivery URL.")
    entity_type: EntityType = prov(D, _KB, "Watched entity.")
    include_entity_data: bool = prov(D, _KB, "Deliveries carry the entity's data.")
    headers: dict[str, str] = prov(D, _KB, "Extra delivery headers.", default_factory=dict)
    retry_policy: RetryPolicy = prov(D, _KB, "Retry policy.")
    minimum_retry_interval: int = prov(D, _KB, "Minimum wait between retries (s).")
    retry_limit: int = prov(D, _KB, "Maximum retries.")


class WebhookCreated(Webhook):
    """The create answer: the webhook and its signing secret."""

    signing_secret: str = prov(
        D,
        "KB-WH: the create response includes signing_secret",
        "The secret deliveries are signed with: a Standard Webhooks `whsec_` key (scheme assumed, "
        "contracts/webhook_deliveries.py).",
    )


_PATHS = (wp.WEBHOOKS,)

LIST_WEBHOOKS = Op(
    id="listWebhooks",
    method="GET",
    path="/webhooks",
    summary="List active webhook subscriptions.",
    resource="webhook",
    provenance=L,
    source="IPAAS-EP: Get All Webhooks",
    query=PageQuery,
    response=Webhook,
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
    response=Webhook,
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
    body=WebhookCreate,
    response=WebhookCreated,
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
    body=WebhookUpdate,
    response=Webhook,
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
