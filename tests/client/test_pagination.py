"""Pagination: `iterate` reads every page of a list operation, each page only when the consumer reaches it."""

from __future__ import annotations

import httpx2
from hypothesis import given
from hypothesis import strategies as st

from client import JasperClient
from contracts.categories import Category
from contracts.product_prices import Price
from tests.client.fakes import FakeTenant, FakeTime, mock_jasper, page


def _category(number: int) -> dict[str, object]:
    return {"id": number, "name": f"Category {number}"}


def _serve_categories(tenant: FakeTenant, total: int, per_page: int) -> None:
    """Answer page requests from `total` categories, as a Laravel paginator would."""
    last = max(1, -(-total // per_page))

    def answer(request: httpx2.Request) -> httpx2.Response:
        number = int(request.url.params["page"])
        items = [_category(i) for i in range((number - 1) * per_page + 1, min(total, number * per_page) + 1)]
        return httpx2.Response(200, json=page(items, number=number, last=last, per_page=per_page, total=total))

    tenant.answer(*[answer] * (last + 1))


def test_list_categories_iterate_yields_every_item_of_every_page(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    _serve_categories(tenant, total=5, per_page=2)

    items = list(jasper_mock.categories.iterate(per_page=2))

    assert items == [Category.model_validate(_category(i)) for i in range(1, 6)]
    assert tenant.calls == [("GET", f"/api/v1/categories?page={n}&per_page=2") for n in (1, 2, 3)]


def test_list_categories_iterate_fetches_a_page_only_when_it_is_reached(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    _serve_categories(tenant, total=5, per_page=2)

    items = jasper_mock.categories.iterate(per_page=2)
    sent_before_first_item = len(tenant.requests)
    first, second = next(items), next(items)
    sent_after_first_page = len(tenant.requests)
    third = next(items)

    assert (sent_before_first_item, sent_after_first_page, len(tenant.requests)) == (0, 1, 2)
    assert [first.id, second.id, third.id] == [1, 2, 3]


def test_list_categories_iterate_stops_at_an_empty_page(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(200, page([_category(1)], number=1, last=9, per_page=1, total=9))
    tenant.json(200, page([], number=2, last=9, per_page=1, total=9))

    assert [c.id for c in jasper_mock.categories.iterate(per_page=1)] == [1]
    assert len(tenant.requests) == 2


def test_list_categories_iterate_stops_at_the_last_page_whatever_links_say(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    body = page([_category(1)], number=1, last=1, per_page=1, total=1)
    body["links"]["next"] = "http://localhost/api/v1/categories?page=2"
    tenant.json(200, body)

    assert [c.id for c in jasper_mock.categories.iterate(per_page=1)] == [1]
    assert len(tenant.requests) == 1


def test_list_product_prices_sends_page_parameters_only_when_given(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    row = {"id": 11, "product_id": 7, "sell_price": 19.5}
    tenant.json(200, page([row]))
    tenant.json(200, page([row], number=2, last=2))

    first = jasper_mock.product_prices.list(7)
    second = jasper_mock.product_prices.list(7, page=2, per_page=50)

    assert (first.data, second.meta.current_page) == ([Price.model_validate(row)], 2)
    assert tenant.calls == [
        ("GET", "/api/v1/products/7/prices"),
        ("GET", "/api/v1/products/7/prices?page=2&per_page=50"),
    ]


@given(total=st.integers(0, 40), per_page=st.integers(1, 10))
def test_list_categories_iterate_reads_each_item_once_with_one_request_per_page(total: int, per_page: int) -> None:
    tenant = FakeTenant()
    _serve_categories(tenant, total=total, per_page=per_page)
    jasper = mock_jasper(tenant, retry=FakeTime().policy())

    ids = [category.id for category in jasper.categories.iterate(per_page=per_page)]
    jasper.http.close()

    assert ids == list(range(1, total + 1))
    assert len(tenant.requests) == max(1, -(-total // per_page))
