"""The pydantic models of `contracts.webhooks`, loaded on first use (contracts/models/__init__.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints

from contracts.base import Name, RequestModel, Stamped, prov
from contracts.webhooks import _KB, D, EntityType, RetryPolicy
from contracts.wire import integral_float_to_int

# Control characters and space are spelled out: `\s` means different things to JSON Schema's regex dialect
# (ECMA-262) and to pydantic's engine (U+0085 is white space to one of them only).
CallbackUrl = Annotated[
    str, StringConstraints(pattern=r"^https?://[^\x00-\x20\x7f-\x9f/?#]+[^\x00-\x20\x7f-\x9f]*$", max_length=2048)
]


HeaderName = Annotated[str, StringConstraints(pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$")]


HeaderValue = Annotated[str, StringConstraints(max_length=1024)]


Headers = Annotated[dict[HeaderName, HeaderValue], Field(max_length=50)]


Seconds = Annotated[int, Field(ge=0, le=2**31 - 1), BeforeValidator(integral_float_to_int)]


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
