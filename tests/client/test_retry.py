"""Retries: idempotent methods only, on 408/429/5xx and transport failures, bounded, on injected time."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from datetime import UTC, timedelta
from email.utils import format_datetime

import httpx2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from client import JasperClient, RetryPolicy, errors
from contracts.products import Product, ProductCreate, ProductUpdate
from tests.client.examples import ANSWERS
from tests.client.fakes import FakeTenant, FakeTime, MakeJasper, mock_jasper

PRODUCT = ANSWERS[Product]
BUSY = {"message": "Busy."}


def test_get_product_503_then_200_is_retried_once(
    jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.json(503, BUSY)
    tenant.json(200, PRODUCT)

    assert jasper_mock.products.get(7) == Product.model_validate(PRODUCT)
    assert (len(tenant.requests), fake_time.slept) == (2, [0.25])  # jitter 0.5 x first ceiling 0.5 s


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 599])
def test_get_product_retryable_status_is_retried(
    status: int, jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.json(status, BUSY)
    tenant.json(200, PRODUCT)

    jasper_mock.products.get(7)

    assert len(tenant.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 499, 600])
def test_get_product_client_error_is_not_retried(
    status: int, jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.json(status, {**BUSY, "permission": "product:read"} if status == 403 else BUSY)  # the contract's 403 body

    with pytest.raises(errors.APIStatusError) as raised:
        jasper_mock.products.get(7)

    assert (raised.value.status, len(tenant.requests), fake_time.slept) == (status, 1, [])


@pytest.mark.parametrize(
    "failure",
    [httpx2.ConnectError("refused"), httpx2.ReadTimeout("slow"), httpx2.RemoteProtocolError("dropped")],
    ids=["connect", "timeout", "dropped"],
)
def test_update_product_transport_failure_is_retried(
    failure: Exception, jasper_mock: JasperClient, tenant: FakeTenant
) -> None:
    tenant.answer(failure)
    tenant.json(200, PRODUCT)

    assert jasper_mock.products.update(7, ProductUpdate(name="Trail Tee")) == Product.model_validate(PRODUCT)
    assert [request.method for request in tenant.requests] == ["PUT", "PUT"]


def test_delete_webhook_503_is_retried(jasper_mock: JasperClient, tenant: FakeTenant) -> None:
    tenant.json(503, BUSY)
    tenant.answer(httpx2.Response(204))

    jasper_mock.webhooks.delete(71)

    assert [request.method for request in tenant.requests] == ["DELETE", "DELETE"]


@pytest.mark.parametrize(
    "failure",
    [httpx2.Response(503, json=BUSY), httpx2.Response(429, json=BUSY), httpx2.ReadTimeout("slow")],
    ids=["503", "429", "timeout"],
)
def test_create_product_is_never_retried(
    failure: httpx2.Response | Exception, jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.answer(failure)

    with pytest.raises(errors.JasperError):
        jasper_mock.products.create(ProductCreate(name="Trail Tee", sku="TT-1"))

    assert (len(tenant.requests), fake_time.slept) == (1, [])


def test_get_product_retry_after_seconds_is_honoured(
    jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.json(429, BUSY, **{"Retry-After": "7"})
    tenant.json(200, PRODUCT)

    jasper_mock.products.get(7)

    assert fake_time.slept == [7.0]


def test_get_product_retry_after_http_date_is_honoured(
    jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.json(503, BUSY, **{"Retry-After": format_datetime(fake_time.wall + timedelta(seconds=30), usegmt=True)})
    tenant.json(200, PRODUCT)

    jasper_mock.products.get(7)

    assert fake_time.slept == [30.0]


@pytest.mark.parametrize(("header", "slept"), [("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", 0.25), ("-3", 0.25)])
def test_get_product_past_or_unreadable_retry_after_falls_back(
    header: str, slept: float, jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.json(429, BUSY, **{"Retry-After": header})
    tenant.json(200, PRODUCT)

    jasper_mock.products.get(7)

    assert fake_time.slept == [slept]


def test_get_product_gives_up_after_max_attempts(
    jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.answer(*[httpx2.Response(500, json=BUSY)] * 4)

    with pytest.raises(errors.ServerError) as raised:
        jasper_mock.products.get(7)

    assert (raised.value.status, len(tenant.requests), fake_time.slept) == (500, 4, [0.25, 0.5, 1.0])


def test_get_product_backoff_is_capped(tenant: FakeTenant, fake_time: FakeTime, make_jasper: MakeJasper) -> None:
    fake_time.jitter = 0.99
    tenant.answer(*[httpx2.Response(500, json=BUSY)] * 6)

    with pytest.raises(errors.ServerError):
        make_jasper(max_attempts=6, backoff=1.0, max_backoff=3.0).products.get(7)

    assert fake_time.slept == pytest.approx([0.99, 1.98, 2.97, 2.97, 2.97])


def test_get_product_retry_after_beyond_the_time_budget_gives_up_at_once(
    tenant: FakeTenant, fake_time: FakeTime, make_jasper: MakeJasper
) -> None:
    tenant.json(429, BUSY, **{"Retry-After": "120"})

    with pytest.raises(errors.RateLimited) as raised:
        make_jasper(max_elapsed=60.0).products.get(7)

    assert (raised.value.retry_after, len(tenant.requests), fake_time.slept) == (120.0, 1, [])


def test_get_product_slow_attempts_count_against_the_time_budget(
    tenant: FakeTenant, fake_time: FakeTime, make_jasper: MakeJasper
) -> None:
    def slow_failure(request: httpx2.Request) -> httpx2.Response:
        fake_time.advance(10.0)
        return httpx2.Response(503, json=BUSY)

    tenant.answer(*[slow_failure] * 10)

    with pytest.raises(errors.ServerError):
        make_jasper(max_attempts=10, max_elapsed=25.0).products.get(7)

    assert (len(tenant.requests), fake_time.slept) == (3, [0.25, 0.5])


def test_get_product_disabled_retry_sends_once(tenant: FakeTenant, make_jasper: MakeJasper) -> None:
    tenant.json(503, BUSY)

    with pytest.raises(errors.ServerError):
        make_jasper(max_attempts=1).products.get(7)

    assert len(tenant.requests) == 1


@pytest.mark.parametrize(
    ("method", "failure"),
    [
        ("get", httpx2.Response(503, json=BUSY)),
        ("get", httpx2.Response(429, json=BUSY, headers={"Retry-After": "1"})),
        ("update", httpx2.ReadTimeout("slow")),
        ("delete", httpx2.ConnectError("refused")),
    ],
    ids=["get-503", "get-429", "update-timeout", "delete-refused"],
)
def test_any_operation_with_retries_disabled_is_sent_exactly_once(
    method: str, failure: httpx2.Response | Exception, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    tenant.answer(failure, httpx2.Response(200, json=PRODUCT))
    # disabled() with fake time put in, so a policy that did retry would not wait for real
    policy = dataclasses.replace(RetryPolicy.disabled(), sleep=fake_time.sleep, clock=lambda: fake_time.monotonic)
    jasper = mock_jasper(tenant, retry=policy)
    calls: dict[str, Callable[[], object]] = {
        "get": lambda: jasper.products.get(7),
        "update": lambda: jasper.products.update(7, ProductUpdate(name="x")),
        "delete": lambda: jasper.webhooks.delete(71),
    }

    with pytest.raises(errors.JasperError):
        calls[method]()
    jasper.http.close()

    assert (len(tenant.requests), fake_time.slept) == (1, [])


def test_retry_policy_disabled_allows_one_attempt_of_any_method() -> None:
    policy = RetryPolicy.disabled()
    assert (policy.max_attempts, [policy.retries(m) for m in ("GET", "PUT", "DELETE", "POST")]) == (1, [False] * 4)


def test_get_product_two_attempts_allowed_retries_once(
    tenant: FakeTenant, fake_time: FakeTime, make_jasper: MakeJasper
) -> None:
    tenant.answer(*[httpx2.Response(503, json=BUSY)] * 3)

    with pytest.raises(errors.ServerError):
        make_jasper(max_attempts=2).products.get(7)

    assert (len(tenant.requests), fake_time.slept) == (2, [0.25])


def test_get_product_wait_ending_exactly_at_the_time_budget_is_allowed(
    tenant: FakeTenant, fake_time: FakeTime, make_jasper: MakeJasper
) -> None:
    fake_time.monotonic = 1000.0  # the budget counts from the first try, not from the clock's zero
    tenant.json(503, BUSY)
    tenant.json(200, PRODUCT)

    make_jasper(max_elapsed=0.25).products.get(7)

    assert (len(tenant.requests), fake_time.slept) == (2, [0.25])


def test_get_product_retry_after_http_date_without_a_zone_is_read_as_utc(
    jasper_mock: JasperClient, tenant: FakeTenant, fake_time: FakeTime
) -> None:
    # RFC 5322's "-0000" zone: parsedate_to_datetime answers a naive datetime
    tenant.json(503, BUSY, **{"Retry-After": "Thu, 26 Nov 2026 12:00:30 -0000"})
    tenant.json(200, PRODUCT)

    jasper_mock.products.get(7)

    assert fake_time.slept == [30.0]


def test_get_product_retries_are_logged_at_debug(
    tenant: FakeTenant, jasper_mock: JasperClient, caplog: pytest.LogCaptureFixture
) -> None:
    tenant.json(503, BUSY)
    tenant.answer(httpx2.ConnectError("refused"))
    tenant.json(200, PRODUCT)

    with caplog.at_level("DEBUG", logger="client.retry"):
        jasper_mock.products.get(7)

    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name == "client.retry"] == [
        ("client.retry", "DEBUG", "retrying GET after 0.25s: status 503"),
        ("client.retry", "DEBUG", "retrying GET after 0.50s: ConnectError"),
    ]


def test_retry_policy_default_clock_for_http_dates_is_utc() -> None:
    assert RetryPolicy().now().tzinfo is UTC


OUTCOMES = st.sampled_from([200, 408, 429, 500, 503, 404, "connect", "timeout"])


@given(
    method=st.sampled_from(["get", "update", "create"]),
    outcomes=st.lists(OUTCOMES, min_size=6, max_size=6),
    max_attempts=st.integers(1, 5),
    retry_after=st.one_of(st.none(), st.integers(0, 90)),
)
def test_any_operation_retries_stay_within_their_bounds(
    method: str, outcomes: list[int | str], max_attempts: int, retry_after: int | None
) -> None:
    tenant, fake_time = FakeTenant(), FakeTime()
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    for outcome in outcomes:
        if outcome == "connect":
            tenant.answer(httpx2.ConnectError("refused"))
        elif outcome == "timeout":
            tenant.answer(httpx2.ReadTimeout("slow"))
        else:
            tenant.answer(httpx2.Response(int(outcome), json=PRODUCT if outcome == 200 else BUSY, headers=headers))
    jasper = mock_jasper(tenant, retry=fake_time.policy(max_attempts=max_attempts, max_elapsed=60.0))
    calls = {
        "get": lambda: jasper.products.get(7),
        "update": lambda: jasper.products.update(7, ProductUpdate(name="x")),
        "create": lambda: jasper.products.create(ProductCreate(name="x", sku="y")),
    }

    with contextlib.suppress(errors.JasperError):
        calls[method]()
    jasper.http.close()

    sent = len(tenant.requests)
    assert 1 <= sent <= (1 if method == "create" else max_attempts)
    assert sum(fake_time.slept) <= 60.0
    assert len(fake_time.slept) == sent - 1
