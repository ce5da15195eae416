"""Webhook deliveries: what a tenant sends to a subscription's `callback_url`, decided once, here.

Known (KB-WH, reference §5.18): a subscription watches one `entity_type` and fires when such an entity
is created, updated or deleted; `include_entity_data` puts the entity in the delivery; `headers` go with
every delivery; `retry_policy` (`no_retry`, `linear`, `exponential`), `minimum_retry_interval` and
`retry_limit` say what follows a failed delivery; the create answer's `signing_secret` lets the receiver
check the sender. Not published (NOT FOUND there), so assumed here, each in one place:

- the method: POST, with a JSON body;
- the signature: Standard Webhooks v1 (https://www.standardwebhooks.com): headers `webhook-id`,
  `webhook-timestamp` (Unix seconds, real time, so a receiver's replay window works whatever the
  tenant's clock says) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`),
  keyed with the `whsec_` secret the create answers; any Standard Webhooks library verifies it;
- the body: Standard Webhooks' recommended envelope, `DeliveryPayload`;
- a subscription's `headers`: sent as given, their values encoded as UTF-8 (`HEADER_ENCODING`), as a
  PHP client (Guzzle) sends the string it holds; a value HTTP cannot carry (CR, LF, NUL) fails that
  attempt;
- success: any 2xx answer; anything else (a redirect too), a timeout or no connection is a failure;
- retries: `next_retry` (at most `retry_limit` after the first attempt; linear waits the interval each
  time, exponential doubles it each time, never less than a second), on the tenant's clock.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from contracts.op import Provenance, lazy_models
from contracts.webhooks import EntityType, RetryPolicy

A = Provenance.ASSUMED
_SOURCE = "not published (reference §5.18); contracts/webhook_deliveries.py"
PROVENANCE: Final = A

METHOD: Final = "POST"
SECRET_PREFIX: Final = "whsec_"  # Standard Webhooks: the secret is base64 after this prefix
SECRET_BYTES: Final = 32  # Standard Webhooks asks for 24 to 64 random bytes
ID_HEADER: Final = "webhook-id"
TIMESTAMP_HEADER: Final = "webhook-timestamp"
SIGNATURE_HEADER: Final = "webhook-signature"
SIGNATURE_HEADERS: Final = (ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER)
HEADER_ENCODING: Final = "utf-8"  # assumed (PROVENANCE): how a subscription's header values go on the wire
MIN_RETRY_SECONDS: Final = 1  # a 0 interval would retry a failing receiver in a tight loop


class WebhookEvent(StrEnum):
    """What happened to the entity (KB-WH: created, updated or deleted)."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


def event_type(entity_type: EntityType, event: WebhookEvent) -> str:
    """The payload's `type`: `product.created`."""
    return f"{entity_type.value}.{event.value}"


def next_retry(policy: RetryPolicy, minimum_interval: int, retry_limit: int, attempt: int) -> int | None:
    """Seconds from failed attempt number `attempt` (1 is the first delivery) to the next, or None for none."""
    if policy is RetryPolicy.NO_RETRY or attempt > retry_limit:
        return None
    interval = max(MIN_RETRY_SECONDS, minimum_interval)
    return interval if policy is RetryPolicy.LINEAR else interval * 2 ** (attempt - 1)


def openapi_webhooks(payload_schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.1 `webhooks` entry describing a delivery, for generated receivers."""
    header = {"in": "header", "required": True, "schema": {"type": "string"}}
    return {
        "entityChanged": {
            METHOD.lower(): {
                "summary": "A watched entity was created, updated or deleted.",
                "tags": ["webhook"],
                "description": (
                    "Sent to the subscription's callback_url with its headers, signed with Standard Webhooks v1 "
                    "(the create answer's signing_secret is the whsec_ key). Payload, signature and retry timing "
                    "are assumed: Jasper publishes none of them."
                ),
                "parameters": [{"name": name, **header} for name in SIGNATURE_HEADERS],
                "requestBody": {"required": True, "content": {"application/json": {"schema": payload_schema}}},
                "responses": {"2XX": {"description": "Received; anything else is retried per the retry policy."}},
                "x-provenance": A.value,
                "x-source": _SOURCE,
            }
        }
    }


# The models: contracts/models/webhook_deliveries.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.webhook_deliveries import DeliveryPayload as DeliveryPayload
else:
    __getattr__ = lazy_models(
        __name__,
        ("DeliveryPayload",),
    )
