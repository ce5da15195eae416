"""The production Jasper PIM client and the connector's write paths.

with JasperClient("https://<tenant>.pim.jasperpim.com/api/v1", api_key) as jasper:
    jasper.ping()
    product = jasper.products.create(ProductCreate(name="Tee", sku="TEE-1"))

The names below are loaded on first use (PEP 562): `jasper-sim` (client/cli.py) lives in this package,
and `jasper-sim serve` must not pay for importing httpx2 and the client it never uses.
"""

from __future__ import annotations

from importlib import import_module

# Not typing.TYPE_CHECKING: importing typing costs the entry point milliseconds; type checkers treat any
# name TYPE_CHECKING this way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

    from client.errors import (
        APIStatusError,
        ConfigurationError,
        ConnectError,
        Forbidden,
        InvalidResponse,
        JasperError,
        NotFound,
        RateLimited,
        ServerError,
        TimeoutError,
        TransportError,
        Unauthorized,
        UnexpectedStatus,
        Unprocessable,
    )
    from client.jasper import JasperClient
    from client.retry import RetryPolicy

__all__ = [
    "APIStatusError",
    "ConfigurationError",
    "ConnectError",
    "Forbidden",
    "InvalidResponse",
    "JasperClient",
    "JasperError",
    "NotFound",
    "RateLimited",
    "RetryPolicy",
    "ServerError",
    "TimeoutError",
    "TransportError",
    "Unauthorized",
    "UnexpectedStatus",
    "Unprocessable",
]
_HOMES: Final = {"JasperClient": "client.jasper", "RetryPolicy": "client.retry"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'client' has no attribute {name!r}")
    value = getattr(import_module(_HOMES.get(name, "client.errors")), name)
    globals()[name] = value
    return value
