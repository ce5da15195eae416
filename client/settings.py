"""The connection settings the connector is given: the API Url and the API key, checked before use."""

from __future__ import annotations

import httpx2

from contracts.wire import API_PREFIX, HOST_SUFFIXES

_EXAMPLE = f"https://<tenant>{HOST_SUFFIXES[0]}{API_PREFIX}"


def normalise_api_url(base_url: str) -> str:
    """The API Url without a trailing slash; the problem is raised as ValueError when it cannot work.

    The connector's "API Url" is the tenant host plus /api/v1 (IPAAS-EP, IPAAS-CS). Any host is
    accepted (VZ-CONV names a third host pattern), but the path must be exactly the API prefix.
    """
    try:
        url = httpx2.URL(base_url.strip())
    except (httpx2.InvalidURL, TypeError) as exc:
        raise ValueError(f"the API Url is not a URL ({exc}); expected e.g. {_EXAMPLE}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"the API Url needs an http(s) scheme and a host, e.g. {_EXAMPLE}")
    if url.query or url.fragment:
        raise ValueError(f"the API Url must not carry a query or fragment, e.g. {_EXAMPLE}")
    path = url.path.rstrip("/")
    if not path.endswith(API_PREFIX):
        raise ValueError(f"the API Url must end with {API_PREFIX} (got path {path or '/'!r}), e.g. {_EXAMPLE}")
    return str(url.copy_with(path=path))


def check_api_key(api_key: str) -> None:
    """Raise ValueError when the key cannot be sent as a Bearer token (the message never shows it)."""
    if not api_key or not api_key.strip():
        raise ValueError("the API Key is empty; create one in Jasper under Settings > API Keys")
    if any(char.isspace() or not char.isprintable() for char in api_key):
        raise ValueError("the API Key contains whitespace or control characters; paste it again")
