"""The production Jasper PIM client and the connector's write paths.

with JasperClient("https://<tenant>.pim.jasperpim.com/api/v1", api_key) as jasper:
    jasper.ping()
    product = jasper.products.create(ProductCreate(name="Tee", sku="TEE-1"))
"""

from __future__ import annotations

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
