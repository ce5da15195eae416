"""Webhook subscriptions: create, update, deactivate (IPAAS-EP "Webhook Endpoints"; KB-WH).

The connector itself neither registers nor receives webhooks (IPAAS-CS); this write path manages them
for a subscriber, linked under "Webhook" (assumed collection). A webhook is resolved by external id
among the tenant's active webhooks, else by name and callback URL (names are not unique; the pair is,
in practice), else created; the create answer's signing secret is handed back, as reads never show it
(KB-WH). Deactivating (`Webhook_DEACTIVATE`) deletes the webhook and forgets its link; one already gone
counts as deactivated.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from client import errors
from client.external_ids import CollectionType, IpaasId
from client.write_paths.sync import Sync
from contracts import write_paths as wp
from contracts.base import Name
from contracts.webhooks import (
    CallbackUrl,
    EntityType,
    Headers,
    RetryPolicy,
    Seconds,
    Webhook,
    WebhookCreate,
    WebhookUpdate,
)

COLLECTION = CollectionType.WEBHOOK


class WebhookInput(BaseModel):
    """A webhook subscription to hold in the tenant (KB-WH's fields, every one required there)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IpaasId
    name: Name
    callback_url: CallbackUrl
    entity_type: EntityType
    include_entity_data: bool = False
    headers: Headers = Field(default_factory=dict)
    retry_policy: RetryPolicy = RetryPolicy.EXPONENTIAL
    minimum_retry_interval: Seconds = 300  # KB-WH's example
    retry_limit: Seconds = 5  # KB-WH's example


@dataclass(frozen=True, slots=True)
class WebhookResult:
    """The webhook as the tenant holds it, and its signing secret when this run created it."""

    webhook: Webhook
    signing_secret: str | None


def upsert_webhook(sync: Sync, webhook: WebhookInput) -> WebhookResult:
    """Create the webhook, or update the linked (or same-named) one where it differs."""
    wanted = webhook.model_dump(exclude={"id"})
    with sync.step(wp.WEBHOOKS):
        tenant = list(sync.jasper.webhooks.iterate())
        stored = sync.ids.get(COLLECTION, webhook.id)
        current = next((held for held in tenant if held.id == stored), None)
        if current is None:
            current = next(
                (held for held in tenant if (held.name, held.callback_url) == (webhook.name, webhook.callback_url)),
                None,
            )
        if current is None:
            created = sync.jasper.webhooks.create(WebhookCreate.model_validate(wanted))
            sync.ids.put(COLLECTION, webhook.id, created.id)
            return WebhookResult(created, created.signing_secret)
        if stored != current.id:
            sync.ids.put(COLLECTION, webhook.id, current.id)
        changes = {name: value for name, value in wanted.items() if getattr(current, name) != value}
        if changes:
            current = sync.jasper.webhooks.update(current.id, WebhookUpdate.model_validate(changes))
        return WebhookResult(current, None)


def deactivate_webhook(sync: Sync, ipaas_id: str) -> bool:
    """Deactivate the linked webhook; answers False when nothing was linked."""
    stored = sync.ids.get(COLLECTION, ipaas_id)
    if stored is None:
        return False
    # NotFound: deactivated already (e.g. a retried DELETE whose first answer was lost).
    with sync.step(wp.WEBHOOKS), suppress(errors.NotFound):
        sync.jasper.webhooks.delete(stored)
    sync.ids.remove(COLLECTION, ipaas_id)
    return True
