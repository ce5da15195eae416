"""Everything the client raises, one tree (shaped like httpx's), chosen by lookup, never by if-chains.

    JasperError                  every error of this package
    ├── ConfigurationError       the API Url or key cannot work; raised before anything is sent
    ├── TransportError           no HTTP answer (the request may or may not have reached Jasper)
    │   ├── ConnectError         the host could not be reached
    │   └── TimeoutError         connect, read, write or pool timeout
    ├── APIStatusError           Jasper answered with an error status
    │   ├── Unauthorized         401: missing, wrong or rotated API key
    │   ├── Forbidden            403: the key lacks a permission; `permission` names it when the tenant said
    │   ├── NotFound             404: no such object, or not an operation this tenant serves
    │   ├── Unprocessable        422: the body failed validation; `errors` names each field
    │   ├── RateLimited          429: slow down; `retry_after` when the tenant said how long
    │   ├── ServerError          5xx
    │   └── UnexpectedStatus     any other non-2xx status
    └── InvalidResponse          a 2xx answer whose body does not match the contract

Every error carries the request's method and URL; status errors also carry the status and the
parsed error body (`contracts.wire.ErrorBody`, or the raw text when the body is not one). None of
them ever holds the API key: the client redacts it from every text it puts into an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from contracts.wire import ErrorBody


class JasperError(Exception):
    """Base class of every error the Jasper client raises."""

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class ConfigurationError(JasperError, ValueError):
    """The client's settings cannot work (e.g. an API Url without /api/v1); nothing was sent."""


class TransportError(JasperError):
    """No HTTP answer arrived: the connection failed, dropped, or timed out."""


class ConnectError(TransportError):
    """The tenant's host could not be reached (DNS, refused connection, TLS)."""


# httpx's name for the same thing; callers spell it `errors.TimeoutError`, so it shadows no builtin for them.
class TimeoutError(TransportError):
    """A connect, read, write or pool timeout expired."""


class APIStatusError(JasperError):
    """Jasper answered with a status that is not a success."""

    hint: str = ""

    def __init__(
        self, *, status: int, body: ErrorBody | str, method: str, url: str, retry_after: float | None = None
    ) -> None:
        reason = body.message if isinstance(body, ErrorBody) else body[:200]
        text = f"{status} for {method} {url}"
        text += f": {reason}" if reason else ""
        text += f" ({self.hint})" if self.hint else ""
        super().__init__(text, method=method, url=url)
        self.status = status
        self.body = body
        self.retry_after = retry_after  # seconds the tenant asked to wait (Retry-After), if it said

    @property
    def errors(self) -> dict[str, list[str]]:
        """Per-field messages from the error body (empty when the body carries none)."""
        return dict(self.body.errors) if isinstance(self.body, ErrorBody) else {}


class Unauthorized(APIStatusError):  # noqa: N818 - named for the HTTP meaning, as httpx names its errors
    """401: the API key is missing, wrong, or was rotated (VZ-ERR: rotation takes effect at once)."""

    hint = "check the API Key in the subscription settings"


class Forbidden(APIStatusError):  # noqa: N818
    """403: the key is valid but may not make this call (assumed: contracts/permissions.py).

    `permission` is the permission the answer names (e.g. `product:write`), or None when it names none.
    """

    def __init__(
        self, *, status: int, body: ErrorBody | str, method: str, url: str, retry_after: float | None = None
    ) -> None:
        named = (body.model_extra or {}).get("permission") if isinstance(body, ErrorBody) else None
        self.permission: str | None = named if isinstance(named, str) else None
        self.hint = f"the API key lacks {self.permission}" if self.permission else "the API key lacks a permission"
        super().__init__(status=status, body=body, method=method, url=url, retry_after=retry_after)


class NotFound(APIStatusError):  # noqa: N818
    """404: no such object in this tenant, or an operation this tenant does not serve."""

    hint = "no such object, or the API Url does not point at a Jasper tenant"


class Unprocessable(APIStatusError):  # noqa: N818
    """422: the request failed validation; `errors` maps each field to its messages."""


class RateLimited(APIStatusError):  # noqa: N818
    """429: too many requests; `retry_after` is the wait in seconds the tenant asked for, if any."""


class ServerError(APIStatusError):
    """5xx: the tenant (or a proxy in front of it) failed."""


class UnexpectedStatus(APIStatusError):  # noqa: N818
    """Any other non-success status (e.g. 400, 405, 408, 409, 413, 415, a redirect)."""


class InvalidResponse(JasperError):  # noqa: N818
    """A success answer whose body does not match the contract's response model."""

    def __init__(self, message: str, *, status: int, method: str, url: str) -> None:
        super().__init__(f"{status} for {method} {url}: {message}", method=method, url=url)
        self.status = status


_BY_STATUS: Final[Mapping[int, type[APIStatusError]]] = MappingProxyType(
    {401: Unauthorized, 403: Forbidden, 404: NotFound, 422: Unprocessable, 429: RateLimited}
)
_BY_CLASS: Final[Mapping[int, type[APIStatusError]]] = MappingProxyType({5: ServerError})


def status_error_class(status: int) -> type[APIStatusError]:
    """The error class for a non-success status: by exact status, else by status class, else unexpected."""
    return _BY_STATUS.get(status) or _BY_CLASS.get(status // 100, UnexpectedStatus)
