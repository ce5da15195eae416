"""Catalogue definitions: categories, attributes, attribute sets, options, option sets and values."""

from __future__ import annotations

import json

import pytest

from client import JasperClient
from contracts.attribute_sets import AttributeSet, AttributeSetMember
from contracts.attributes import Attribute, AttributeCreate, AttributeType, AttributeUpdate
from contracts.categories import Category, CategoryCreate, CategoryUpdate
from contracts.option_sets import OptionSet, OptionSetMember
from contracts.option_values import OptionValue, OptionValueUpdate
from contracts.options import Option
from tests.client.examples import ANSWERS
from tests.client.fakes import FakeTenant, page


def _sent(tenant: FakeTenant) -> list[tuple[str, str, object]]:
    return [(r.method, r.url.path, json.loads(r.content) if r.content else None) for r in tenant.requests]


def test_create_category_root_and_child_send_their_parent(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(201, {"id": 2, "name": "Apparel", "parent_id": None})
    tenant.json(201, {"id": 3, "name": "Shirts", "parent_id": 2})

    root = jasper_mock.categories.create(CategoryCreate(name="Apparel"))
    child = jasper_mock.categories.create(CategoryCreate(name="Shirts", parent_id=root.id))

    assert (root, child) == (Category(id=2, name="Apparel"), Category(id=3, name="Shirts", parent_id=2))
    assert _sent(tenant) == [
        ("POST", "/api/v1/categories", {"name": "Apparel"}),
        ("POST", "/api/v1/categories", {"name": "Shirts", "parent_id": 2}),
    ]


def test_update_category_to_root_sends_an_explicit_null_parent(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(200, {"id": 3, "name": "Shirts", "parent_id": None})

    jasper_mock.categories.update(3, CategoryUpdate(parent_id=None))

    assert _sent(tenant) == [("PUT", "/api/v1/categories/3", {"parent_id": None})]


def test_create_and_update_attribute_send_the_type_and_values(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    answer = {"id": 4, "name": "Colour", "type": "selectbox", "values": ["Red", "Blue"]}
    tenant.json(201, answer)
    tenant.json(200, {**answer, "publish": True})

    created = jasper_mock.attributes.create(
        AttributeCreate(name="Colour", type=AttributeType.SELECTBOX, values=["Red", "Blue"])
    )
    updated = jasper_mock.attributes.update(4, AttributeUpdate(publish=True))

    assert (created, updated.publish) == (Attribute.model_validate(answer), True)
    assert _sent(tenant) == [
        ("POST", "/api/v1/attributes", {"name": "Colour", "type": "selectbox", "values": ["Red", "Blue"]}),
        ("PUT", "/api/v1/attributes/4", {"publish": True}),
    ]


@pytest.mark.parametrize("status", [201, 200])
def test_add_attribute_set_attribute_new_or_repeated_answers_the_whole_set(
    status: int, jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(status, ANSWERS[AttributeSet])

    members = jasper_mock.attribute_sets.add_attribute(41, AttributeSetMember(attribute_id=4))

    assert members == AttributeSet(id=41, name="Apparel", attributes=[4])
    assert _sent(tenant) == [("POST", "/api/v1/attribute_sets/41/attributes", {"attribute_id": 4})]


def test_add_option_set_option_then_list_its_options(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(201, ANSWERS[OptionSet])
    tenant.json(200, page([ANSWERS[Option]]))

    option_set = jasper_mock.option_sets.add_option(51, OptionSetMember(option_id=5))
    listed = jasper_mock.option_sets.list_options(51)

    assert (option_set.options, listed.data) == ([5], [Option(id=5, name="Size")])
    assert _sent(tenant) == [
        ("POST", "/api/v1/option_sets/51/options", {"option_id": 5}),
        ("GET", "/api/v1/option_sets/51/options", None),
    ]


def test_update_option_value_addresses_the_value_under_its_option(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(200, {"id": 61, "option_id": 5, "name": "XL"})

    value = jasper_mock.option_values.update(5, 61, OptionValueUpdate(name="XL"))

    assert value == OptionValue(id=61, option_id=5, name="XL")
    assert _sent(tenant) == [("PUT", "/api/v1/options/5/values/61", {"name": "XL"})]
