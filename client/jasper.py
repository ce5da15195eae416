"""`JasperClient`: the production client of a Jasper PIM tenant, on httpx2.

Every method of every namespace goes through `JasperClient._call`, which takes the method, path,
models and statuses from the operation's `Op` (contracts/), so no URL is spelled outside the contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, TracebackType
from typing import Final, Self

import httpx2
import orjson
from pydantic import BaseModel, ValidationError

from client import errors, observers
from client.resources._base import PathParams, Resource
from client.resources.attribute_sets import AttributeSets
from client.resources.attributes import Attributes
from client.resources.categories import Categories
from client.resources.option_sets import OptionSets
from client.resources.option_values import OptionValues
from client.resources.options import Options
from client.resources.ping import Connection
from client.resources.product_attributes import ProductAttributes
from client.resources.product_categories import ProductCategories
from client.resources.product_inventory import Inventories, Inventory
from client.resources.product_prices import ProductPrices
from client.resources.product_relations import ProductRelations
from client.resources.products import Products
from client.resources.webhooks import Webhooks
from client.retry import RetryPolicy
from client.settings import check_api_key, normalise_api_url
from contracts.op import Op
from contracts.openapi import response_model
from contracts.ping import Ping
from contracts.wire import AUTH_SCHEME, ErrorBody

DEFAULT_TIMEOUT: Final = httpx2.Timeout(30.0, connect=10.0)
# The request extension naming the operation a request performs, for code that sees the client's
# requests only as httpx2 requests (event hooks, transports); observers (client/observers.py) are told it.
OPERATION_EXTENSION: Final = "jasper.operation"
USER_AGENT: Final = "jasper-pim-client/0.1"
REDACTED: Final = "[redacted]"
_TRANSPORT_ERRORS: Final[Mapping[type, tuple[type[errors.TransportError], str]]] = MappingProxyType(
    {
        httpx2.TimeoutException: (errors.TimeoutError, "timed out"),
        httpx2.ConnectError: (errors.ConnectError, "cannot reach the host (check the API Url)"),
    }
)


class JasperClient:
    """A client for one Jasper tenant.

    `base_url` is exactly the connector's "API Url", `https://<tenant-host>/api/v1`. `http_client`
    may be any `httpx2.Client` (Starlette's TestClient is one); URLs are built from `base_url`, so
    its own base_url does not matter, its own timeouts apply (`timeout` configures only a client
    created here), and it is closed only if this client created it. Settings that
    cannot work raise `errors.ConfigurationError` on the first call, before anything is sent.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        http_client: httpx2.Client | None = None,
        *,
        retry: RetryPolicy | None = None,
        timeout: float | httpx2.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self._api_key = api_key
        self._settings_problem: str | None = None
        try:
            self.base_url = normalise_api_url(base_url)
            check_api_key(api_key)
        except ValueError as exc:
            self.base_url = base_url
            self._settings_problem = str(exc)
        self._owns_http = http_client is None
        # The timeout is set on a client we create; an injected client keeps its own (Starlette's
        # TestClient warns when a request passes one).
        self.http: httpx2.Client = http_client if http_client is not None else httpx2.Client(timeout=timeout)
        self.retry = retry if retry is not None else RetryPolicy()
        self.products = Products(self._call)
        self.product_categories = ProductCategories(self._call)
        self.product_prices = ProductPrices(self._call)
        self.categories = Categories(self._call)
        self.product_attributes = ProductAttributes(self._call)
        self.inventory = Inventory(self._call)
        self.inventories = Inventories(self._call)
        self.product_relations = ProductRelations(self._call)
        self.attributes = Attributes(self._call)
        self.attribute_sets = AttributeSets(self._call)
        self.options = Options(self._call)
        self.option_sets = OptionSets(self._call)
        self.option_values = OptionValues(self._call)
        self.webhooks = Webhooks(self._call)
        self._connection = Connection(self._call)

    def __repr__(self) -> str:
        return f"JasperClient({self.base_url!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client if this client created it; an injected one is left open."""
        if self._owns_http:
            self.http.close()

    @property
    def namespaces(self) -> Mapping[str, Resource]:
        """Every resource namespace of this client, by attribute name (the connection check included)."""
        return {name: value for name, value in vars(self).items() if isinstance(value, Resource)}

    def ping(self) -> Ping:
        """Validate the connection (`GET /ping`) and answer the tenant's clock.

        Raises `ConfigurationError` for an API Url without /api/v1 (nothing is sent), `Unauthorized`
        for a bad or rotated key, `ConnectError`/`TimeoutError` for an unreachable host.
        """
        return self._connection.ping()

    def _call(
        self,
        op: Op,
        path_params: PathParams | None = None,
        *,
        body: BaseModel | None = None,
        query: BaseModel | None = None,
    ) -> BaseModel | None:
        """Perform one operation: send it (with retries), raise on an error status, parse the answer."""
        if self._settings_problem is not None:
            raise errors.ConfigurationError(self._settings_problem)
        _check_arguments(op, path_params, body, query)
        url = self.base_url + op.url_path(**(path_params or {}))
        headers = {"Authorization": f"{AUTH_SCHEME} {self._api_key}", "User-Agent": USER_AGENT}
        # Laravel answers a failed validation with a redirect unless the client asks for JSON (assumed:
        # Jasper is a Laravel app, reference §2.7), so every request says it accepts only JSON.
        headers["Accept"] = "application/json"
        content = None
        if body is not None:
            content = orjson.dumps(body.model_dump(mode="json", exclude_unset=True))
            headers["Content-Type"] = "application/json"
        params = query.model_dump(mode="json", exclude_unset=True) if query is not None else None

        def send_once() -> httpx2.Response:
            request = self.http.build_request(
                op.method, url, content=content, params=params, headers=headers, extensions={OPERATION_EXTENSION: op.id}
            )
            watching = observers.active()
            for observer in watching:
                observer.on_request(op.id, request)
            response = self.http.send(request)
            for observer in watching:
                observer.on_response(op.id, response)
            return response

        try:
            response = self.retry.send(op.method, send_once)
        except httpx2.TransportError as exc:
            # `from None`: the httpx2 error holds the request (its headers carry the key) and its text
            # is not ours to trust; the redacted text and type are in our message instead.
            raise self._transport_error(exc, op.method, url) from None
        if not response.is_success:
            raise self._status_error(response, op.method, url)
        return self._parse(op, response, url)

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key, REDACTED) if self._api_key else text

    def _transport_error(self, exc: httpx2.TransportError, method: str, url: str) -> errors.TransportError:
        kind, reason = next(
            (found for klass in type(exc).__mro__ if (found := _TRANSPORT_ERRORS.get(klass)) is not None),
            (errors.TransportError, "the connection failed"),
        )
        url = self._redact(url)
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return kind(self._redact(f"{method} {url}: {reason} ({detail})"), method=method, url=url)

    def _status_error(self, response: httpx2.Response, method: str, url: str) -> errors.APIStatusError:
        text = self._redact(response.text)
        body: ErrorBody | str
        try:
            body = ErrorBody.model_validate_json(text)
        except ValidationError:
            body = text
        return errors.status_error_class(response.status_code)(
            status=response.status_code,
            body=body,
            method=method,
            url=self._redact(url),
            retry_after=self.retry.retry_after(response),
        )

    def _parse(self, op: Op, response: httpx2.Response, url: str) -> BaseModel | None:
        # Success statuses are assumed (contracts/wire.py), so any 2xx is a success; only the body is checked.
        model = response_model(op)
        if model is None:
            return None
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            summary = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:5])
            raise errors.InvalidResponse(
                self._redact(f"the answer does not match {model.__name__} ({summary})"),
                status=response.status_code,
                method=op.method,
                url=self._redact(url),
            ) from None


def _check_arguments(op: Op, path_params: PathParams | None, body: BaseModel | None, query: BaseModel | None) -> None:
    """Fail fast on a call that does not fit its operation (a client bug, never a tenant's answer)."""
    given = set(path_params or {})
    if given != set(op.path_params):
        raise TypeError(f"{op.id} takes path parameters {op.path_params}, got {sorted(given)}")
    for name, value in (path_params or {}).items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{op.id}: path parameter {name} must be an int id, got {type(value).__name__}")
    if (body is None) != (op.body is None) or (body is not None and not isinstance(body, op.body or ())):
        raise TypeError(f"{op.id} takes a {getattr(op.body, '__name__', 'no')} body, got {type(body).__name__}")
    if query is not None and (op.query is None or not isinstance(query, op.query)):
        raise TypeError(f"{op.id} takes {getattr(op.query, '__name__', 'no')} query, got {type(query).__name__}")
