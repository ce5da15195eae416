"""Webhook subscriptions (contracts/webhooks.py).

KB-WH: the create answer carries `signing_secret`, a Standard Webhooks `whsec_` key (assumed,
contracts/webhook_deliveries.py); reads never show it (assumed). A `callback_url` must name a host the
simulator may call (simulator.webhooks.callbacks), else 422 on it. DELETE is iPaaS's
`Webhook_DEACTIVATE`: the webhook moves out of the active table, so reads, PUT and DELETE on it answer
404 afterwards; the deactivated record stays in the state export.
"""

from __future__ import annotations

import base64
import secrets
from typing import TYPE_CHECKING

from contracts import webhook_deliveries as delivery
from contracts import webhooks as contract
from simulator.resources.common import changes, paginate, require
from simulator.resources.registry import Result, handles
from simulator.store import TenantStore

if TYPE_CHECKING:
    from contracts.wire import Paging


@handles(contract.LIST_WEBHOOKS)
def list_webhooks(store: TenantStore, query: Paging) -> Result:
    """A page of active webhooks in id order."""
    return paginate(store, "webhooks", query, store.table_ids["webhooks"], store.webhooks.__getitem__)


def new_secret() -> str:
    """A new signing secret: Standard Webhooks' `whsec_` and base64 random bytes (contracts/webhook_deliveries.py)."""
    return delivery.SECRET_PREFIX + base64.b64encode(secrets.token_bytes(delivery.SECRET_BYTES)).decode()


@handles(contract.GET_WEBHOOK)
def get_webhook(store: TenantStore, webhook_id: int) -> Result:
    """One active webhook, without its secret."""
    return require(store.webhooks, webhook_id, "webhook")


@handles(contract.CREATE_WEBHOOK)
def create_webhook(store: TenantStore, body: contract.WebhookCreate) -> Result:
    """A new webhook; the answer is the only place its signing secret appears."""
    store.callbacks.check(body.callback_url)
    webhook = store.insert("webhooks", changes(body))
    secret = store.webhook_secrets[webhook["id"]] = new_secret()
    return {**webhook, "signing_secret": secret}


@handles(contract.UPDATE_WEBHOOK)
def update_webhook(store: TenantStore, webhook_id: int, body: contract.WebhookUpdate) -> Result:
    """Change the fields sent on an active webhook."""
    webhook = require(store.webhooks, webhook_id, "webhook")
    if body.callback_url is not None:
        store.callbacks.check(body.callback_url)
    return store.touch("webhooks", webhook, changes(body))


@handles(contract.DELETE_WEBHOOK)
def delete_webhook(store: TenantStore, webhook_id: int) -> Result:
    """Deactivate the webhook: gone from reads, answered with 204."""
    webhook = require(store.webhooks, webhook_id, "webhook")
    store.changing("webhooks", webhook_id)
    store.remove("webhooks", webhook_id)
    store.deactivated_webhooks[webhook_id] = store.touch("webhooks", webhook, {})
    return None
