"""Errors: one class per HTTP meaning, chosen by lookup, carrying status, body, method and URL, never the key."""

from __future__ import annotations

import traceback

import httpx2
import pytest

from client import JasperClient, errors
from client.contract_check import ContractRecorder
from contracts.products import ProductUpdate
from contracts.wire import ErrorBody
from tests.client.fakes import API_KEY, BASE_URL, FakeTenant, MakeJasper

PRODUCT_URL = f"{BASE_URL}/products/7"


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, errors.Unauthorized),
        (404, errors.NotFound),
        (422, errors.Unprocessable),
        (429, errors.RateLimited),
        (500, errors.ServerError),
        (503, errors.ServerError),
        (403, errors.Forbidden),
        (400, errors.UnexpectedStatus),
        (409, errors.UnexpectedStatus),
        (301, errors.UnexpectedStatus),
    ],
)
def test_status_error_class_is_looked_up_by_status(status: int, kind: type[errors.APIStatusError]) -> None:
    assert errors.status_error_class(status) is kind


@pytest.mark.parametrize(
    ("status", "kind"),
    [(401, errors.Unauthorized), (404, errors.NotFound), (409, errors.UnexpectedStatus)],
)
def test_get_product_error_status_raises_its_class_with_the_parsed_body(
    status: int, kind: type[errors.APIStatusError], jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.json(status, {"message": "No.", "code": "nope"})

    with pytest.raises(kind) as raised:
        jasper_mock.products.get(7)

    error = raised.value
    assert (error.status, error.body, error.method, error.url, error.retry_after) == (
        status,
        ErrorBody(message="No.", code="nope"),
        "GET",
        PRODUCT_URL,
        None,
    )


def test_update_product_403_carries_the_permission_the_answer_names(
    jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    denied = {"message": "This action is unauthorized.", "code": "missing_permission", "permission": "product:write"}
    tenant.json(403, denied)

    with pytest.raises(errors.Forbidden) as raised:
        jasper_mock.products.update(7, ProductUpdate(sku="TT-1"))

    assert (raised.value.status, raised.value.permission, raised.value.method) == (403, "product:write", "PUT")


def test_get_product_403_naming_no_permission_carries_none(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(403, {"message": "Forbidden."})

    with pytest.raises(errors.Forbidden) as raised:
        jasper_mock.products.get(7)

    assert (raised.value.status, raised.value.permission) == (403, None)
    # A 403 without `permission` breaks the contract's 403 body; the client still raises Forbidden.
    assert [v.location for v in jasper_contract.take_violations()] == ["response"]


def test_update_product_422_carries_each_field_error(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(422, {"message": "The given data was invalid.", "errors": {"sku": ["taken"], "name": ["too long"]}})

    with pytest.raises(errors.Unprocessable) as raised:
        jasper_mock.products.update(7, ProductUpdate(sku="TT-1"))

    assert (raised.value.status, raised.value.errors) == (422, {"sku": ["taken"], "name": ["too long"]})


def test_get_product_non_json_error_body_is_kept_as_text(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.answer(*[httpx2.Response(502, text="<html>Bad Gateway</html>")] * 4)

    with pytest.raises(errors.ServerError) as raised:
        jasper_mock.products.get(7)

    assert (raised.value.status, raised.value.body, raised.value.errors) == (502, "<html>Bad Gateway</html>", {})


def test_get_product_429_carries_retry_after(tenant: FakeTenant, make_jasper: MakeJasper) -> None:
    tenant.json(429, {"message": "Slow down."}, **{"Retry-After": "30"})
    with pytest.raises(errors.RateLimited) as raised:
        make_jasper(max_attempts=1).products.get(7)

    assert (raised.value.status, raised.value.retry_after) == (429, 30.0)


@pytest.mark.parametrize(
    ("failure", "kind"),
    [
        (httpx2.ConnectError("[Errno 111] Connection refused"), errors.ConnectError),
        (httpx2.ConnectTimeout("timed out"), errors.TimeoutError),
        (httpx2.ReadTimeout("timed out"), errors.TimeoutError),
        (httpx2.RemoteProtocolError("Server disconnected without sending a response."), errors.TransportError),
        (httpx2.ReadError("[Errno 104] Connection reset by peer"), errors.TransportError),
    ],
)
def test_ping_transport_failure_raises_its_class(
    failure: Exception, kind: type[errors.TransportError], tenant: FakeTenant, make_jasper: MakeJasper
) -> None:
    tenant.answer(failure)
    with pytest.raises(errors.TransportError) as raised:
        make_jasper(max_attempts=1).ping()

    assert (type(raised.value), raised.value.method, raised.value.url) == (kind, "GET", f"{BASE_URL}/ping")


@pytest.mark.parametrize(
    "base_url",
    [
        "https://acme.pim.jasperpim.com",
        "https://acme.pim.jasperpim.com/api",
        "https://acme.pim.jasperpim.com/api/v2",
        "https://acme.pim.jasperpim.com/api/v1/products",
        "https://acme.pim.jasperpim.com/api/v1?tenant=acme",
        "acme.pim.jasperpim.com/api/v1",
        "ftp://acme.pim.jasperpim.com/api/v1",
        "",
    ],
)
def test_ping_unusable_api_url_raises_before_sending(
    base_url: str, tenant: FakeTenant, make_jasper: MakeJasper
) -> None:
    with pytest.raises(errors.ConfigurationError):
        make_jasper(base_url=base_url).ping()

    assert tenant.requests == []


@pytest.mark.parametrize("api_key", ["", "   ", "two words", "line\nbreak"])
def test_ping_unusable_api_key_raises_before_sending(api_key: str, tenant: FakeTenant, make_jasper: MakeJasper) -> None:
    with pytest.raises(errors.ConfigurationError):
        make_jasper(api_key=api_key).ping()

    assert tenant.requests == []


@pytest.mark.parametrize("base_url", [f"{BASE_URL}/", f"  {BASE_URL}", "http://127.0.0.1:8000/api/v1"])
def test_ping_accepts_api_url_spellings(base_url: str, tenant: FakeTenant, make_jasper: MakeJasper) -> None:
    tenant.json(200, {"time": "Thu Nov 26 12:00:00 UTC 2026"})

    make_jasper(base_url=base_url).ping()

    assert str(tenant.requests[0].url) == base_url.strip().rstrip("/") + "/ping"


def _every_error(tenant: FakeTenant, jasper: JasperClient) -> list[errors.JasperError]:
    """One error of every kind, from a tenant that echoes the key back wherever it can."""
    echo = f"Bearer {API_KEY} is not valid"
    raised: list[errors.JasperError] = []
    for status in (401, 404, 422, 429, 500, 418):
        tenant.json(status, {"message": echo, "errors": {"key": [API_KEY]}})
    tenant.answer(httpx2.Response(400, text=echo))
    tenant.answer(httpx2.ConnectError(echo), httpx2.ReadTimeout(echo), httpx2.RemoteProtocolError(echo))
    tenant.json(200, {"time": 17, "echo": API_KEY})
    for _ in range(11):
        with pytest.raises(errors.JasperError) as caught:
            jasper.ping()
        raised.append(caught.value)
    return raised


def test_ping_errors_never_show_the_api_key(
    tenant: FakeTenant, make_jasper: MakeJasper, jasper_contract: ContractRecorder
) -> None:
    found = _every_error(tenant, make_jasper(max_attempts=1))
    jasper_contract.take_violations()  # the echoing answers break the contract on purpose

    assert len({type(error) for error in found}) == 10
    for error in found:
        texts = [str(error), repr(error), *map(repr, vars(error).values()), *map(repr, error.args)]
        texts += traceback.format_exception(error)
        assert [text for text in texts if API_KEY in text] == [], type(error).__name__
