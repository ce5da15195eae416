"""The API's HTTP layer, the only module that touches HTTP for `/api/v1`: routes come from the contract.

For each profile the operation table is compiled once into a dict keyed by path shape (`("products",
"{}")`) and method, so a request costs one dict look-up, not a scan of route regexes or the OpenAPI
document. Per request: pick the tenant (Host header, else API key), find the route in the tenant's
profile, check the key, the body's size and media type, validate the body with the Op's strict model
(`model_validate_json` on the raw bytes) and the query with its lax model, call the handler with the
tenant's store and typed arguments, and render the result with orjson. Every error, expected or not, is
rendered here into `wire.ErrorBody`.

The operating layer hooks in at three points, each free when nothing is registered there
(../shared/DESIGN.md §9): `interceptors` run once the caller is authenticated and before anything else
(faults, rate limits) and once more after the answer is rendered (a lost answer); `commit_listeners` see
each successful write's changes (`TenantStore.pending`) before the answer is sent (the state file, dry
runs, webhook deliveries), and may refuse it, which undoes it; the journal records every exchange.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from time import perf_counter
from typing import TYPE_CHECKING, Any, Protocol, cast
from urllib.parse import parse_qsl

import orjson
from starlette.types import Receive, Scope, Send

from contracts import OPERATIONS, ops_for, wire
from contracts.op import Op, Profile
from contracts.permissions import permission_for
from simulator.errors import (
    ApiError,
    Forbidden,
    InternalError,
    Malformed,
    MethodNotAllowed,
    NotFound,
    ServiceUnavailable,
    TooLarge,
    Unauthorized,
    Unprocessable,
    UnsupportedMediaType,
)
from simulator.guard import HostPolicy, bad_host
from simulator.journal import Journal
from simulator.paging import page_envelope
from simulator.resources import HANDLERS, Existing, Handler, PageSlice, Result
from simulator.store import Changes
from simulator.tenants import KeyGrant, Tenant, Tenants, key_digest, strip_port

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

_LOG = logging.getLogger("simulator")
_PLACEHOLDER = "{}"
_MAX_ID_DIGITS = 19  # wire.MAX_ID has 19 digits; longer segments cannot name a stored object
_JSON = b"application/json"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_BODY_UNREAD = frozenset({Unauthorized.status, TooLarge.status})  # nobody to record for / too much to record

PathKey = tuple[str, ...]


class RouteModels:
    """A route's pydantic models, resolved on the route's first request that validates something.

    Building the route table imports no pydantic and compiles no validator (issue 11: `jasper-sim
    serve` starts in about a bare app's time); a route's models are imported the first time it reads
    a body or a query string, and kept in these slots from then on (a slot read, nothing more).
    """

    __slots__ = ("_op", "_profile", "_same_key", "body", "foreign_fields", "query")

    body: type[BaseModel] | None
    query: type[BaseModel] | None
    # Body fields that the same method and path accept only on another profile, with the message that says so
    # (live quirk, IPAAS-EP: `parent_id` on POST /products is the reference's form, not the live API's).
    foreign_fields: Mapping[str, str]

    def __init__(self, op: Op, profile: Profile, same_key: list[Op]) -> None:
        self._op, self._profile, self._same_key = op, profile, same_key

    def __getattr__(self, name: str) -> Any:  # only for a slot not filled yet: the first use
        if name.startswith("_"):
            raise AttributeError(name)
        op = self._op
        self.body, self.query = op.body, op.query
        self.foreign_fields = _foreign_fields(op, self._profile, self._same_key)
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class Route:
    """One operation as the router calls it."""

    op: Op
    handler: Handler
    params: tuple[str, ...]
    takes_body: bool  # the operation has a body model
    takes_query: bool  # the operation has a query model
    default_query: wire.Paging | None  # what the handler gets without a query string
    models: RouteModels
    permission: str | None  # what a key needs to call it (contracts/permissions.py); None: any key may


RouteTable = dict[PathKey, dict[str, Route]]


def path_key(template: str) -> PathKey:
    """The shape of a contract path: `/products/{product_id}` -> `("products", "{}")`."""
    return tuple(_PLACEHOLDER if part.startswith("{") else part for part in template.strip("/").split("/"))


def build_routes(profile: Profile, handlers: Mapping[str, Handler] | None = None) -> RouteTable:
    """The route table of one profile, from the contract's operation table and the handler registry."""
    registry = HANDLERS if handlers is None else handlers
    table: RouteTable = {}
    same_key: dict[tuple[str, str], list[Op]] = {}  # computed once: Op.key is a regex substitution
    for op in OPERATIONS:
        same_key.setdefault(op.key, []).append(op)
    for op in ops_for(profile):
        if op.query_ref not in (None, wire.PAGE_QUERY):
            raise ValueError(f"{op.id}: a query model other than PageQuery needs a default here (wire.FIRST_PAGE)")
        default_query = wire.FIRST_PAGE if op.query_ref is not None else None
        models = RouteModels(op, profile, same_key[op.key])
        takes_body, takes_query = op.body_ref is not None, op.query_ref is not None
        route = Route(
            op, registry[op.id], op.path_params, takes_body, takes_query, default_query, models, permission_for(op)
        )
        table.setdefault(path_key(op.path), {})[op.method] = route
    return table


def _foreign_fields(op: Op, profile: Profile, same_key: list[Op]) -> dict[str, str]:
    own = set(op.body.model_fields) if op.body is not None else set()
    foreign: dict[str, str] = {}
    for other in same_key:
        if profile in other.profiles or other.body is None:
            continue
        served_by = "/".join(sorted(p.value for p in other.profiles))
        for name in set(other.body.model_fields) - own:
            foreign[name] = (
                f"The {name} field is accepted by the {served_by} profile only ({other.id}); "
                f"this tenant serves the {profile.value} profile."
            )
    return foreign


class ClientGoneError(Exception):
    """There is nobody to answer: the client went away, or an interceptor dropped the connection.

    `in_process`: what to raise instead of answering nothing when there is no connection to drop (an
    in-process caller, Starlette's TestClient, gets it as the transport error a dropped socket gives).
    """

    def __init__(self, in_process: BaseException | None = None) -> None:
        super().__init__()
        self.in_process = in_process


class Exchange:
    """One API request as the hooks see it: filled in as the router learns each part."""

    __slots__ = (
        "body_read",
        "changes",
        "fault",
        "grant",
        "headers",
        "kept",
        "key",
        "request_body",
        "route",
        "scope",
        "started",
        "status",
        "tenant",
    )

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.started = perf_counter()
        self.tenant: Tenant | None = None
        self.route: Route | None = None
        self.key: bytes | None = None  # the Bearer key sent, as it came (never journaled or logged)
        self.grant: KeyGrant | None = None  # what the key may do, once authenticated
        self.request_body: bytes = b""
        self.body_read = False  # whether `request_body` was received (else it is still to come, or never sent)
        self.status: int = 0
        self.fault: str | None = None  # the fault rule an interceptor applied, for the journal
        self.changes: Changes | None = None  # what a successful write changed (when something listens)
        self.headers: list[tuple[bytes, bytes]] | None = None  # extra answer headers from interceptors
        self.kept = False  # the answer is a rendering the render cache keeps: the journal references it


class Interceptor(Protocol):
    """Misbehaviour on demand (faults, rate limits): consulted before dispatch and after rendering.

    `order` places it among the active interceptors (lower runs first).
    """

    order: int

    async def before(self, exchange: Exchange) -> None:
        """Runs once the caller is authenticated; may raise an `ApiError` (answered) or `ClientGoneError`."""
        ...

    async def after(self, exchange: Exchange, status: int, payload: bytes) -> tuple[int, bytes]:
        """Runs on the rendered answer; may replace it, or raise `ClientGoneError` to send nothing."""
        ...


class CommitListener(Protocol):
    """Sees every successful write before it is answered; raising an `ApiError` undoes the write."""

    def __call__(self, exchange: Exchange, changes: Changes) -> None: ...


class JournalSink(Protocol):
    """Where the router records each exchange."""

    def record(self, exchange: Exchange, status: int, payload: bytes) -> None: ...


class ApiRouter:
    """The ASGI app mounted at `/api/v1`: every tenant, every profile."""

    def __init__(self, tenants: Tenants, *, max_body_bytes: int, journal: JournalSink | Journal) -> None:
        self.tenants = tenants
        self.tables = {profile: build_routes(profile) for profile in Profile}
        self.max_body_bytes = max_body_bytes
        self.journal = journal
        self.interceptors: list[Interceptor] = []
        self.commit_listeners: list[CommitListener] = []
        # returns once a write's changes are committed (the state file), before the answer is sent; raises
        # when they cannot be (undoing them if it can); None: nothing to commit
        self.committer: Callable[[Exchange], Awaitable[None]] | None = None
        self.hosts: HostPolicy | None = None  # served: the Host headers answered (simulator.guard)

    def load_models(self) -> None:
        """Import every route's models and compile their validators, as each route's first request would.

        `jasper-sim serve` calls it in a thread once it is serving (simulator.serve), so that the first
        write or list query does not wait for pydantic (issue 11: the start itself needs none of it).
        """
        for table in self.tables.values():
            for methods in table.values():
                for route in methods.values():
                    for model in (route.models.body, route.models.query):
                        if model is not None:
                            model.model_rebuild()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange = Exchange(scope)
        headers: list[tuple[bytes, bytes]] = []
        try:
            status, payload = await self._dispatch(scope, receive, exchange)
        except ApiError as error:
            status, payload, headers = error.status, orjson.dumps(error.body()), _encode(error.headers)
            if not exchange.body_read and status not in _BODY_UNREAD and scope["method"] in _BODY_METHODS:
                # refused before the body was read (another profile's route, a fault): the journal keeps it
                exchange.request_body = await _journal_body(receive, self.max_body_bytes)
        except ClientGoneError as gone:
            if exchange.fault is not None:  # dropped on purpose before anything was applied: the journal says so
                self.journal.record(exchange, 0, b"")
            if gone.in_process is not None:
                raise gone.in_process from None
            return
        except Exception:
            _LOG.exception("unexpected error in %s %s", scope["method"], scope["path"])
            status, payload = InternalError.status, orjson.dumps(InternalError().body())
        if exchange.changes and self.committer is not None:
            try:
                await self.committer(exchange)
            except Exception as error:
                _LOG.error("cannot commit %s %s to the state file: %s", scope["method"], scope["path"], error)
                if exchange.changes and exchange.tenant is not None:  # a committer that did not undo it
                    exchange.tenant.store.undo(exchange.changes)
                    exchange.changes = None  # undone: listeners that deferred work (webhook deliveries) drop it
                unsaved = ServiceUnavailable("The simulator could not save this write.", code="state_write_failed")
                status, payload, headers = unsaved.status, orjson.dumps(unsaved.body()), []
        if self.interceptors and exchange.grant is not None:
            try:
                for interceptor in self.interceptors:
                    status, payload = await interceptor.after(exchange, status, payload)
            except ClientGoneError as gone:
                exchange.status = status
                self.journal.record(exchange, status, payload)
                if gone.in_process is not None:
                    raise gone.in_process from None
                return
        exchange.status = status
        self.journal.record(exchange, status, payload)
        if exchange.headers:
            headers = [*headers, *exchange.headers]
        if status == 204:
            await send({"type": "http.response.start", "status": status, "headers": headers})
        else:
            headers += [(b"content-type", _JSON), (b"content-length", str(len(payload)).encode())]
            await send({"type": "http.response.start", "status": status, "headers": headers})
        # HEAD: the GET's status and headers, no body (wire.py, "HEAD")
        await send({"type": "http.response.body", "body": payload if scope["method"] != "HEAD" else b""})

    def intercept(self, interceptor: Interceptor, active: bool) -> None:
        """Consult `interceptor` from now on (in its `order`), or no longer: only active ones cost anything."""
        if interceptor in self.interceptors:
            self.interceptors.remove(interceptor)
        if active:
            self.interceptors.append(interceptor)
            self.interceptors.sort(key=lambda each: each.order)

    async def _dispatch(self, scope: Scope, receive: Receive, exchange: Exchange) -> tuple[int, bytes]:
        host = authorization = content_type = content_length = None
        for name, value in scope["headers"]:
            if name == b"host":
                host = value
            elif name == b"authorization":
                authorization = value
            elif name == b"content-type":
                content_type = value
            elif name == b"content-length":
                content_length = value
        key = _bearer_key(authorization)
        digest = key_digest(key) if key is not None else None
        tenant = exchange.tenant = self._tenant(host, digest)
        exchange.key = key
        grant = tenant.keys.get(digest) if digest is not None else None
        if grant is None and not wire.ROUTE_BEFORE_AUTH:
            raise Unauthorized()
        route, ids = self._route(tenant.store.profile, scope)
        exchange.route = route
        if grant is None:  # wire.ROUTE_BEFORE_AUTH: the route exists, so now the key counts
            raise Unauthorized()
        exchange.grant = grant
        if self.interceptors:
            for interceptor in self.interceptors:
                await interceptor.before(exchange)
        # Laravel's order: authentication, throttling (the interceptors), authorization, then validation.
        if grant.permissions is not None and route.permission is not None and route.permission not in grant.permissions:
            raise Forbidden(route.permission)
        if content_length is not None and _content_length(content_length) > self.max_body_bytes:
            raise TooLarge()
        arguments: dict[str, object] = {name: _path_id(raw) for name, raw in zip(route.params, ids, strict=True)}
        if route.takes_body:
            if content_type is None or content_type.partition(b";")[0].strip().lower() != _JSON:
                raise UnsupportedMediaType()
            exchange.body_read = True
            raw = exchange.request_body = await _read_body(receive, self.max_body_bytes)
            arguments["body"] = _validated(route, raw)
        if route.takes_query:
            query_string: bytes = scope["query_string"]
            arguments["query"] = _query(route, query_string) if query_string else route.default_query
        if route.op.method == "GET":
            result = route.handler(tenant.store, **arguments)
            if type(result) is bytes:  # kept serialised, immutable and shared (simulator/render_cache.py)
                exchange.kept = True
                return route.op.status, result
            return _render(route, result, scope, host)
        try:
            if not self.commit_listeners:
                return _render(route, route.handler(tenant.store, **arguments), scope, host)
            return self._write(exchange, route, arguments, host)
        finally:  # any write, whatever its handler changed: nothing kept of the store holds (render_cache.py)
            tenant.store.generation += 1

    def _tenant(self, host: bytes | None, digest: bytes | None) -> Tenant:
        """The tenant the Host header names, else the one the key belongs to (401 when neither)."""
        host_name = strip_port(host) if host else None
        tenant = self.tenants.by_host.get(host_name) if host_name else None
        if tenant is None:
            if self.hosts is not None and host_name is not None and not self.hosts.allows(host_name):
                raise bad_host(host_name)
            tenant = self.tenants.by_key.get(digest) if digest is not None else None
            if tenant is None:
                raise Unauthorized()
        return tenant

    def _route(self, profile: Profile, scope: Scope) -> tuple[Route, list[str]]:
        """The route of the request in `profile` and the path's ids (404 or 405 when there is none)."""
        method: str = scope["method"]
        path_shape, ids = _shape(_route_path(scope))
        methods = self.tables[profile].get(path_shape)
        if methods is None:
            raise self._no_route(profile, method, path_shape, scope["path"])
        route = methods.get("GET" if method == "HEAD" else method)  # HEAD is served by the GET route (wire.py)
        if route is None:
            raise self._wrong_method(profile, method, path_shape, methods)
        return route, ids

    def _write(
        self, exchange: Exchange, route: Route, arguments: dict[str, object], host: bytes | None
    ) -> tuple[int, bytes]:
        """Run a write with its changes collected, hand them to the commit listeners, then answer."""
        assert exchange.tenant is not None
        store = exchange.tenant.store
        changes: Changes = {}
        store.pending = changes
        try:
            result = route.handler(store, **arguments)
        except BaseException:
            if changes:  # handlers check before they change anything; this undoes one that did not
                store.undo(changes)
            raise
        finally:
            store.pending = None
        if changes:
            exchange.changes = changes
            try:
                for listener in self.commit_listeners:
                    listener(exchange, changes)
            except BaseException:
                store.undo(changes)
                exchange.changes = None  # undone: nothing to commit, nothing to deliver
                raise
        return _render(route, result, exchange.scope, host)

    def _no_route(self, profile: Profile, method: str, shape: PathKey, path: str) -> ApiError:
        other = self._served_elsewhere(profile, method, shape)
        if other is not None:
            op, other_profile = other
            return NotFound(
                f"{method} {op.path} is served by the {other_profile} profile; this tenant serves the {profile} "
                "profile.",
                code="other_profile",
                extra={"served_by": other_profile.value},
            )
        return NotFound(f"The route {path.lstrip('/')} could not be found.", code="route_not_found")

    def _wrong_method(self, profile: Profile, method: str, shape: PathKey, methods: dict[str, Route]) -> ApiError:
        allow = ", ".join(sorted({*methods, "HEAD"} if "GET" in methods else methods))
        message = f"The {method} method is not supported for this route. Supported methods: {allow}."
        other = self._served_elsewhere(profile, method, shape)
        extra = {"served_by": other[1].value} if other is not None else {}
        if other is not None:
            message += f" {method} {other[0].path} is served by the {other[1]} profile."
        return MethodNotAllowed(message, headers={"Allow": allow}, extra=extra)

    def _served_elsewhere(self, profile: Profile, method: str, shape: PathKey) -> tuple[Op, Profile] | None:
        method = "GET" if method == "HEAD" else method
        for other_profile, table in self.tables.items():
            route = table.get(shape, {}).get(method) if other_profile is not profile else None
            if route is not None:
                return route.op, other_profile
        return None


def _route_path(scope: Scope) -> str:
    """The path below the API prefix, whichever root_path convention the server follows."""
    path: str = scope["path"]
    root_path: str = scope.get("root_path", "")
    if root_path and path.startswith(root_path):  # mounted: root_path ends with the API prefix
        return path[len(root_path) :]
    if path.startswith(wire.API_PREFIX):  # a server that keeps its root_path out of `path`
        return path[len(wire.API_PREFIX) :]
    return path


def _shape(path: str) -> tuple[PathKey, list[str]]:
    """The path's shape (ids replaced by placeholders) and its ids: `/products/7` -> (("products", "{}"), ["7"])."""
    shape: list[str] = []
    ids: list[str] = []
    for part in path.strip("/").split("/"):
        if part.isdigit() and part.isascii():
            shape.append(_PLACEHOLDER)
            ids.append(part)
        else:
            shape.append(part)
    return tuple(shape), ids


def _bearer_key(authorization: bytes | None) -> bytes | None:
    """The key of `Authorization: Bearer <key>` (scheme case-insensitive), else None."""
    if authorization is None:
        return None
    scheme, _, key = authorization.partition(b" ")
    if scheme.lower() != b"bearer" or not key or key != key.strip():
        return None
    return key


def _content_length(value: bytes) -> int:
    if not value.isdigit():
        raise Malformed("The Content-Length header is not a number.", code="bad_content_length")
    return int(value)


def _path_id(raw: str) -> int:
    value = int(raw) if len(raw) <= _MAX_ID_DIGITS else 0
    if value < 1 or value > 2**63 - 1:
        raise NotFound(f"No object with id {raw[:40]}.")
    return value


async def _read_body(receive: Receive, limit: int) -> bytes:
    """The whole body, counting streamed bytes: over `limit` answers 413 whatever Content-Length said."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGoneError()
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise TooLarge()
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _journal_body(receive: Receive, limit: int) -> bytes:
    """The body of a refused request, for the journal: empty when it is too large or the client went away."""
    try:
        return await _read_body(receive, limit)
    except (TooLarge, ClientGoneError):
        return b""


# pydantic's ValidationError is a ValueError: caught as that, so that this module imports no pydantic.


def _validated(route: Route, raw: bytes) -> BaseModel:
    models = route.models
    assert models.body is not None
    try:
        return models.body.model_validate_json(raw)
    except ValueError as error:
        raise _invalid(cast("ValidationError", error), models.foreign_fields) from None


def _query(route: Route, query_string: bytes) -> BaseModel:
    models = route.models
    assert models.query is not None
    params = dict(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    try:
        return models.query.model_validate(params)
    except ValueError as error:
        raise _invalid(cast("ValidationError", error)) from None


def _invalid(error: ValidationError, foreign_fields: Mapping[str, str] | None = None) -> ApiError:
    """400 for a body that is not JSON; otherwise 422 with the messages per top-level field."""
    errors: dict[str, list[str]] = {}
    for item in error.errors(include_url=False, include_context=False, include_input=False):
        if item["type"] == "json_invalid":
            return Malformed()
        field = str(item["loc"][0]) if item["loc"] else "body"
        message = item["msg"]
        if item["type"] == "extra_forbidden" and foreign_fields and field in foreign_fields:
            message = foreign_fields[field]
        messages = errors.setdefault(field, [])
        if message not in messages:
            messages.append(message)
    return Unprocessable(errors=errors)


def _render(route: Route, result: Result, scope: Scope, host: bytes | None) -> tuple[int, bytes]:
    if type(result) is bytes:
        return route.op.status, result
    if result is None:
        return route.op.status, b""
    if isinstance(result, Existing):
        return 200, orjson.dumps(result.body)
    if isinstance(result, PageSlice):
        authority = host.decode("latin-1") if host else "{}:{}".format(*scope.get("server") or ("localhost", 80))
        return route.op.status, orjson.dumps(page_envelope(result, f"{scope['scheme']}://{authority}{scope['path']}"))
    return route.op.status, orjson.dumps(result)


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
