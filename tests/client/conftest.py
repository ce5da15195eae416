"""Fixtures of the client tests: a scripted tenant, fake time, and JasperClients wired to both."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from client import JasperClient
from tests.client.fakes import FakeTenant, FakeTime, MakeJasper, mock_jasper


@pytest.fixture
def tenant() -> FakeTenant:
    """A tenant that answers from a script."""
    return FakeTenant()


@pytest.fixture
def fake_time() -> FakeTime:
    """Time that passes only when the client sleeps."""
    return FakeTime()


@pytest.fixture
def make_jasper(tenant: FakeTenant, fake_time: FakeTime) -> Iterator[MakeJasper]:
    """Build JasperClients on the scripted tenant: `make_jasper(base_url=..., api_key=..., **retry_overrides)`."""
    built: list[JasperClient] = []

    def make(*, base_url: str | None = None, api_key: str | None = None, **retry: Any) -> JasperClient:
        settings = {k: v for k, v in (("base_url", base_url), ("api_key", api_key)) if v is not None}
        client = mock_jasper(tenant, retry=fake_time.policy(**retry), **settings)
        built.append(client)
        return client

    yield make
    for client in built:
        client.http.close()


@pytest.fixture
def jasper_mock(make_jasper: MakeJasper) -> JasperClient:
    """A JasperClient talking to the scripted tenant, retrying on fake time."""
    return make_jasper()
