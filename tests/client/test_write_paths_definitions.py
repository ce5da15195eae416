"""Attribute and attribute-set definitions, webhooks, and the connection check."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from client import JasperClient
from client.external_ids import CollectionType
from client.write_paths import (
    AttributeInput,
    AttributeSetInput,
    MissingReference,
    Sync,
    WebhookInput,
    deactivate_webhook,
    upsert_attribute_definitions,
    upsert_webhook,
    validate_connection,
)
from contracts.attribute_sets import AttributeSet
from contracts.attributes import Attribute, AttributeCreate, AttributeType
from contracts.ping import Ping
from contracts.webhooks import EntityType, RetryPolicy, Webhook
from contracts.wire import format_ping_time
from tests.plugins.tenants import SIM_NOW
from tests.scenarios.support import creates, sent, stamped, traced_sync, undeclared_calls

MATERIAL = AttributeInput(id="a1", name="Material", type=AttributeType.TEXT, note="Main fabric.")
FIT = AttributeInput(id="a2", name="Fit", type=AttributeType.SELECTBOX, values=["Slim", "Regular"], sort_order=2)
APPAREL = AttributeSetInput(id="s1", name="Apparel", attributes=["a1", "a2"])


@pytest.fixture
def sync(jasper: JasperClient, sim_app: Starlette) -> Iterator[Sync]:
    """A traced Sync on the in-process tenant (`sim_app`: these tests expect an empty tenant, so not --jasper-url)."""
    sync = traced_sync(jasper)
    yield sync
    assert undeclared_calls(sync.trace) == set()


def attribute(id: int, given: AttributeInput) -> Attribute:
    return stamped(Attribute, id=id, **given.model_dump(exclude={"id"}))


def test_upsert_attribute_definitions_creates_attributes_and_set_with_members(sync: Sync) -> None:
    upsert_attribute_definitions(sync, [MATERIAL, FIT], [APPAREL])

    assert list(sync.jasper.attributes.iterate()) == [attribute(1, MATERIAL), attribute(2, FIT)]
    assert list(sync.jasper.attribute_sets.iterate()) == [
        stamped(AttributeSet, id=1, name="Apparel", attributes=[1, 2])
    ]
    assert dict(sync.ids.snapshot()) == {
        (CollectionType.ATTRIBUTE, "a1"): 1,
        (CollectionType.ATTRIBUTE, "a2"): 2,
        (CollectionType.ATTRIBUTE_SET, "s1"): 1,
    }


def test_upsert_attribute_definitions_twice_only_reads(sync: Sync) -> None:
    upsert_attribute_definitions(sync, [MATERIAL, FIT], [APPAREL])
    start = len(sync.trace.calls)

    upsert_attribute_definitions(sync, [MATERIAL, FIT], [APPAREL])

    assert sent(sync.trace, start) == ["listAttributes", "listAttributeSets"]


def test_upsert_attribute_definitions_changes_update_fields_name_and_members(sync: Sync) -> None:
    upsert_attribute_definitions(sync, [MATERIAL, FIT], [APPAREL.model_copy(update={"attributes": ["a1"]})])
    fit = FIT.model_copy(update={"values": ["Slim", "Regular", "Relaxed"]})
    start = len(sync.trace.calls)

    upsert_attribute_definitions(sync, [MATERIAL, fit], [APPAREL.model_copy(update={"name": "Apparel details"})])

    assert sent(sync.trace, start) == [
        "listAttributes",
        "updateAttribute",
        "listAttributeSets",
        "updateAttributeSet",
        "addAttributeSetAttribute",
    ]
    assert sync.jasper.attributes.get(2) == attribute(2, fit)
    assert sync.jasper.attribute_sets.get(1) == stamped(AttributeSet, id=1, name="Apparel details", attributes=[1, 2])


def test_upsert_attribute_definitions_unlinked_attribute_of_same_name_is_adopted(sync: Sync) -> None:
    existing = sync.jasper.attributes.create(AttributeCreate(name="Material", type=AttributeType.TEXT))
    start = len(sync.trace.calls)

    upsert_attribute_definitions(sync, [MATERIAL])

    assert sent(sync.trace, start) == ["listAttributes", "updateAttribute"]
    assert list(sync.jasper.attributes.iterate()) == [attribute(existing.id, MATERIAL)]


def test_upsert_attribute_definitions_set_naming_unsynced_attribute_raises(sync: Sync) -> None:
    with pytest.raises(MissingReference) as raised:
        upsert_attribute_definitions(sync, [MATERIAL], [APPAREL])

    assert (raised.value.collection, raised.value.ipaas_ids) == (CollectionType.ATTRIBUTE, ("a2",))
    assert list(sync.jasper.attribute_sets.iterate()) == []


HOOK = WebhookInput(
    id="w1", name="Product changes", callback_url="http://127.0.0.1:9/jasper", entity_type=EntityType.PRODUCT
)


def webhook(id: int, given: WebhookInput) -> Webhook:
    return stamped(Webhook, id=id, **given.model_dump(exclude={"id"}))


def test_upsert_webhook_new_creates_it_and_hands_back_the_secret(sync: Sync) -> None:
    result = upsert_webhook(sync, HOOK)

    assert result.webhook.id == 1 and result.signing_secret
    assert list(sync.jasper.webhooks.iterate()) == [webhook(1, HOOK)]
    assert sync.ids.get(CollectionType.WEBHOOK, "w1") == 1


def test_upsert_webhook_changed_updates_without_a_secret(sync: Sync) -> None:
    upsert_webhook(sync, HOOK)
    changed = HOOK.model_copy(update={"retry_policy": RetryPolicy.LINEAR, "headers": {"X-Env": "staging"}})
    start = len(sync.trace.calls)

    result = upsert_webhook(sync, changed)

    assert (result.webhook, result.signing_secret) == (webhook(1, changed), None)
    assert sent(sync.trace, start) == ["listWebhooks", "updateWebhook"]


def test_upsert_webhook_unlinked_same_name_and_url_is_adopted(sync: Sync) -> None:
    upsert_webhook(sync, HOOK)
    sync.ids.remove(CollectionType.WEBHOOK, "w1")
    start = len(sync.trace.calls)

    upsert_webhook(sync, HOOK)

    assert creates(sync.trace, start) == []
    assert sync.ids.get(CollectionType.WEBHOOK, "w1") == 1


def test_deactivate_webhook_deletes_it_and_forgets_the_link(sync: Sync) -> None:
    upsert_webhook(sync, HOOK)

    assert deactivate_webhook(sync, "w1") is True

    assert list(sync.jasper.webhooks.iterate()) == []
    assert sync.ids.get(CollectionType.WEBHOOK, "w1") is None


def test_deactivate_webhook_already_gone_or_never_linked(sync: Sync) -> None:
    upsert_webhook(sync, HOOK)
    sync.jasper.webhooks.delete(1)

    assert (deactivate_webhook(sync, "w1"), deactivate_webhook(sync, "w1")) == (True, False)
    assert sent(sync.trace) == ["listWebhooks", "createWebhook", "deleteWebhook"]


def test_validate_connection_answers_the_tenant_clock(sync: Sync) -> None:
    assert validate_connection(sync) == Ping(time=format_ping_time(SIM_NOW))
    assert sent(sync.trace) == ["ping"]
