"""Webhook subscriptions (contracts/webhooks.py): `jasper.webhooks`."""

from __future__ import annotations

from collections.abc import Iterator

from client.registry import calls, iterates
from client.resources._base import Resource
from contracts import webhooks as c
from contracts.wire import MAX_PER_PAGE, Page


class Webhooks(Resource):
    """Webhook subscriptions: create, read, update, deactivate."""

    @calls(c.LIST_WEBHOOKS)
    def list(self, *, page: int | None = None, per_page: int | None = None) -> Page[c.Webhook]:
        """One page of active webhooks (`GET /webhooks`)."""
        return self._page(c.LIST_WEBHOOKS, c.Webhook, page=page, per_page=per_page)

    @iterates(c.LIST_WEBHOOKS)
    def iterate(self, *, per_page: int = MAX_PER_PAGE) -> Iterator[c.Webhook]:
        """Every active webhook, page by page as consumed."""
        return self._iterate(c.LIST_WEBHOOKS, c.Webhook, per_page=per_page)

    @calls(c.GET_WEBHOOK)
    def get(self, webhook_id: int) -> c.Webhook:
        """One active webhook by id (`GET /webhooks/{webhook_id}`); reads never show the signing secret."""
        return self._one(c.GET_WEBHOOK, c.Webhook, {"webhook_id": webhook_id})

    @calls(c.CREATE_WEBHOOK)
    def create(self, webhook: c.WebhookCreate) -> c.WebhookCreated:
        """Register a webhook (`POST /webhooks`); the answer alone carries `signing_secret`. Never retried."""
        return self._one(c.CREATE_WEBHOOK, c.WebhookCreated, body=webhook)

    @calls(c.UPDATE_WEBHOOK)
    def update(self, webhook_id: int, changes: c.WebhookUpdate) -> c.Webhook:
        """Change a webhook (`PUT /webhooks/{webhook_id}`); only the fields set are sent."""
        return self._one(c.UPDATE_WEBHOOK, c.Webhook, {"webhook_id": webhook_id}, changes)

    @calls(c.DELETE_WEBHOOK)
    def delete(self, webhook_id: int) -> None:
        """Deactivate a webhook (`DELETE /webhooks/{webhook_id}`, iPaaS's `Webhook_DEACTIVATE`);
        it is gone from reads afterwards."""
        self._no_content(c.DELETE_WEBHOOK, {"webhook_id": webhook_id})
