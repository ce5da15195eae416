"""Raw operations as a hypothesis state machine: create, update, get, list and delete through the client.

A plain-Python model holds what the tenant must hold. After every step: ids stay what the create
answered, every list is complete (read a few items a page, so paging is exercised), every update is
visible, and a deleted (deactivated) webhook answers 404 and is gone from the list. A fresh in-process
tenant per example; the budget is the suite's hypothesis profile, with short runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule, run_state_machine_as_test
from starlette.testclient import TestClient

from client import JasperClient, errors
from contracts.categories import CategoryCreate, CategoryUpdate
from contracts.products import ProductCreate, ProductUpdate
from contracts.webhooks import EntityType, RetryPolicy, WebhookCreate, WebhookUpdate
from contracts.wire import API_PREFIX
from simulator.app import create_app
from simulator.config import DEMO_HOST, DEMO_KEY, SimConfig
from tests.budget import budget
from tests.plugins.tenants import in_process_retry

# Unicode text JSON can carry (no lone surrogates), within the contract's 255-character names.
names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
PAGE = 3  # small pages, so lists of a few objects span several


class RawOperations(RuleBasedStateMachine):
    """The client against a fresh tenant, checked against a model after every step."""

    products = Bundle("products")
    categories = Bundle("categories")
    webhooks = Bundle("webhooks")

    def __init__(self) -> None:
        super().__init__()
        self.http = TestClient(create_app(SimConfig.default()), base_url=f"http://{DEMO_HOST}").__enter__()
        self.jasper = JasperClient(f"http://{DEMO_HOST}{API_PREFIX}", DEMO_KEY, self.http, retry=in_process_retry())
        self.product_model: dict[int, dict[str, Any]] = {}
        self.category_model: dict[int, dict[str, Any]] = {}
        self.webhook_model: dict[int, dict[str, Any]] = {}
        self.deleted: set[int] = set()
        self.skus = 0

    def teardown(self) -> None:
        self.http.__exit__(None, None, None)

    @rule(target=products, name=names)
    def create_product(self, name: str) -> int:
        self.skus += 1
        created = self.jasper.products.create(ProductCreate(name=name, sku=f"{name[:200]}#{self.skus}"))
        assert created.id not in self.product_model
        self.product_model[created.id] = {"name": name, "sku": created.sku}
        return created.id

    @rule(product=products, name=names)
    def update_product(self, product: int, name: str) -> None:
        updated = self.jasper.products.update(product, ProductUpdate(name=name))
        self.product_model[product]["name"] = name
        assert (updated.id, updated.name, updated.sku) == (product, name, self.product_model[product]["sku"])

    @rule(product=products)
    def get_product(self, product: int) -> None:
        got = self.jasper.products.get(product)
        assert {"id": got.id, "name": got.name, "sku": got.sku} == {"id": product, **self.product_model[product]}

    @rule(target=categories, name=names, parent=st.none() | categories)
    def create_category(self, name: str, parent: int | None) -> int:
        created = self.jasper.categories.create(CategoryCreate(name=name, parent_id=parent))
        assert created.id not in self.category_model
        self.category_model[created.id] = {"name": name, "parent_id": parent}
        return created.id

    @rule(category=categories, name=names)
    def update_category(self, category: int, name: str) -> None:
        updated = self.jasper.categories.update(category, CategoryUpdate(name=name))
        self.category_model[category]["name"] = name
        assert (updated.id, updated.name) == (category, name)

    @rule(target=webhooks, name=names, entity=st.sampled_from(EntityType))
    def create_webhook(self, name: str, entity: EntityType) -> int:
        fields = {
            "name": name,
            "callback_url": "http://127.0.0.1:9/jasper",
            "entity_type": entity,
            "include_entity_data": False,
            "headers": {},
            "retry_policy": RetryPolicy.NO_RETRY,
            "minimum_retry_interval": 60,
            "retry_limit": 0,
        }
        created = self.jasper.webhooks.create(WebhookCreate.model_validate(fields))
        assert created.id not in self.webhook_model and created.id not in self.deleted
        self.webhook_model[created.id] = {"name": name, "entity_type": entity}
        return created.id

    @rule(webhook=webhooks, policy=st.sampled_from(RetryPolicy))
    def update_webhook(self, webhook: int, policy: RetryPolicy) -> None:
        updated = self.jasper.webhooks.update(webhook, WebhookUpdate(retry_policy=policy))
        assert (updated.id, updated.retry_policy, updated.name) == (
            webhook,
            policy,
            self.webhook_model[webhook]["name"],
        )

    @rule(webhook=consumes(webhooks))
    def delete_webhook(self, webhook: int) -> None:
        self.jasper.webhooks.delete(webhook)
        del self.webhook_model[webhook]
        self.deleted.add(webhook)

    @invariant()
    def lists_are_complete(self) -> None:
        products = {p.id: {"name": p.name, "sku": p.sku} for p in self.jasper.products.iterate(per_page=PAGE)}
        assert products == self.product_model
        categories = {
            c.id: {"name": c.name, "parent_id": c.parent_id} for c in self.jasper.categories.iterate(per_page=PAGE)
        }
        assert categories == self.category_model
        hooks = {
            w.id: {"name": w.name, "entity_type": w.entity_type} for w in self.jasper.webhooks.iterate(per_page=PAGE)
        }
        assert hooks == self.webhook_model

    @invariant()
    def deleted_webhooks_answer_404(self) -> None:
        for webhook in self.deleted:
            with pytest.raises(errors.NotFound):
                self.jasper.webhooks.get(webhook)


def test_raw_operations_state_machine_keeps_ids_lists_and_updates() -> None:
    run_state_machine_as_test(RawOperations, settings=settings(max_examples=budget(15, 200), stateful_step_count=10))
