"""The client against whichever tenant `jasper` is: in-process, or served with --jasper-url URL --jasper-key KEY.

Written for a tenant that already holds data (a served simulator, a staging tenant): each test makes
its own uniquely named objects and looks only at those.
"""

from __future__ import annotations

import re
import uuid

import pytest

from client import JasperClient, errors
from contracts.products import ProductCreate, ProductUpdate

# documented (reference, Ping): Unix `date` style, e.g. "Tue Feb 7 19:05:03 UTC 2017"
UNIX_DATE = re.compile(r"[A-Z][a-z]{2} [A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}")


def test_ping_answers_the_time_in_unix_date_style(jasper: JasperClient) -> None:
    assert UNIX_DATE.fullmatch(jasper.ping().time)


def test_create_update_get_product_round_trip(jasper: JasperClient) -> None:
    sku = f"client-test-{uuid.uuid4().hex[:12]}"

    created = jasper.products.create(ProductCreate(name="Client test", sku=sku))
    updated = jasper.products.update(created.id, ProductUpdate(name="Client test, renamed"))

    assert jasper.products.get(created.id) == updated
    assert (updated.id, updated.sku, updated.name) == (created.id, sku, "Client test, renamed")
    assert created.id in {product.id for product in jasper.products.iterate()}


def test_ping_wrong_key_raises_unauthorized(jasper: JasperClient) -> None:
    stranger = JasperClient(jasper.base_url, f"wrong-{uuid.uuid4().hex}", jasper.http, retry=jasper.retry)

    with pytest.raises(errors.Unauthorized) as raised:
        stranger.ping()

    assert raised.value.status == 401
