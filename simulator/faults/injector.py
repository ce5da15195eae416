"""The fault injector: the router's interceptor that applies fault rules (simulator.faults.rules).

It is registered with the router only while there are rules, so with none the API pays nothing
(../shared/DESIGN.md §9). Rules are indexed by operationId: a call costs one dict look-up when no rule
names its operation. The first matching rule that fires (creation order) is applied, and its text
(`rule 3: status=503`) marks the exchange for the journal (`Exchange.fault`).

Dropping a connection needs the server's help (simulator.protocol, which `jasper-sim serve` uses). In
process there is no connection: Starlette's TestClient gets `dropped_connection()` instead, an
`httpx2.RemoteProtocolError` with httpx2's own message, which is what a client sees from a real socket.
"""

from __future__ import annotations

import random
from functools import cache
from typing import TYPE_CHECKING, Any, Final

import anyio

from simulator.errors import ApiError, Unprocessable
from simulator.routing import ClientGoneError, Exchange

if TYPE_CHECKING:
    from simulator.faults.rules import FaultRule
    from simulator.routing import ApiRouter
    from simulator.tenants import Tenants

_AFTER: Final = "jasper.fault"  # scope key: the rule whose action comes after the call is applied


@cache
def dropped_connection() -> type[Exception]:
    """The exception an in-process drop raises: an `httpx2.RemoteProtocolError`, with httpx2's message.

    Made on first use: only an in-process drop needs httpx2, and a served simulator starts sooner without it.
    """
    import httpx2  # noqa: PLC0415

    class DroppedConnection(httpx2.RemoteProtocolError):
        """In process, a dropped connection: what httpx2 raises when a server closes without answering."""

        def __init__(self) -> None:
            super().__init__("Server disconnected without sending a response.")

    return DroppedConnection


class InjectedStatus(ApiError):  # noqa: N818 (named like the statuses in simulator.errors)
    """A status answered by a fault rule, with its body and headers."""

    def __init__(self, rule: FaultRule) -> None:
        super().__init__("Injected fault.", code="injected_fault", headers=dict(rule.headers or {}))
        self.rule = rule

    def body(self) -> Any:
        return self.rule.error_body()


@cache
def _status_class(status: int) -> type[InjectedStatus]:
    return type(f"InjectedStatus{status}", (InjectedStatus,), {"status": status})


class ActiveRule:
    """A rule in force: its id, how often it matched and fired, and its random generator."""

    def __init__(self, rule_id: int, rule: FaultRule) -> None:
        self.id = rule_id
        self.rule = rule
        self.matched = 0
        self.fired = 0
        self.label = f"rule {rule_id}: {rule.action_text()}"
        self._random = random.Random(rule.seed)

    def fires(self) -> bool:
        """Count a matching call; True when the rule applies to it (after, times, probability)."""
        rule = self.rule
        self.matched += 1
        if self.matched <= rule.after or (rule.times is not None and self.fired >= rule.times):
            return False
        if rule.probability < 1.0 and self._random.random() >= rule.probability:
            return False
        self.fired += 1
        return True

    def describe(self) -> dict[str, Any]:
        """The rule as the control plane shows it, with its counts."""
        return {"id": self.id, **self.rule.model_dump(exclude_none=True), "matched": self.matched, "fired": self.fired}


class FaultInjector:
    """Every fault rule of a simulator, and the interceptor that applies them."""

    order = 20  # after the rate limiter: a throttled call is answered 429 before any fault

    def __init__(self, api: ApiRouter, tenants: Tenants) -> None:
        self._api = api
        self._tenants = tenants
        self._rules: dict[int, ActiveRule] = {}
        self._by_operation: dict[str, list[ActiveRule]] = {}
        self._next_id = 1

    def add(self, rule: FaultRule) -> ActiveRule:
        """Put a rule in force (422 on `tenant` when no such tenant exists)."""
        if rule.tenant is not None and rule.tenant not in self._tenants.by_name:
            raise Unprocessable("tenant", f"No tenant named {rule.tenant!r}.", code="unknown_tenant")
        active = ActiveRule(self._next_id, rule)
        self._next_id += 1
        self._rules[active.id] = active
        for operation in rule.operations():
            self._by_operation.setdefault(operation, []).append(active)
        self._api.intercept(self, True)
        return active

    def remove(self, rule_id: int) -> bool:
        """Take one rule out of force; False when there is no such rule."""
        active = self._rules.pop(rule_id, None)
        if active is None:
            return False
        for operation in active.rule.operations():
            rules = self._by_operation[operation]
            rules.remove(active)
            if not rules:
                del self._by_operation[operation]
        self._api.intercept(self, bool(self._rules))
        return True

    def clear(self) -> None:
        """Take every rule out of force; ids start at 1 again."""
        self._rules.clear()
        self._by_operation.clear()
        self._next_id = 1
        self._api.intercept(self, False)

    def describe(self) -> list[dict[str, Any]]:
        """Every rule in force, oldest first, with its counts."""
        return [active.describe() for active in self._rules.values()]

    async def before(self, exchange: Exchange) -> None:
        """Apply the first rule that fires for this call, or the part of it that comes first."""
        assert exchange.route is not None and exchange.tenant is not None
        rules = self._by_operation.get(exchange.route.op.id)
        if rules is None:
            return
        tenant = exchange.tenant.name
        for active in rules:
            rule = active.rule
            if (rule.tenant is None or rule.tenant == tenant) and active.fires():
                exchange.fault = active.label
                if rule.status is not None:
                    raise _status_class(rule.status)(rule)
                if rule.delay_ms is not None:
                    await anyio.sleep(rule.delay_ms / 1000)
                elif rule.drop == "before":
                    _drop(exchange)
                else:
                    exchange.scope[_AFTER] = rule
                return

    async def after(self, exchange: Exchange, status: int, payload: bytes) -> tuple[int, bytes]:
        """Lose the answer of an applied call, or cut its body."""
        rule: FaultRule | None = exchange.scope.get(_AFTER)
        if rule is None:
            return status, payload
        if rule.drop == "after":
            _drop(exchange)
        # half of a JSON object or envelope never parses; an empty answer becomes a lone brace
        return 200, payload[: len(payload) // 2] or b"{"


def _drop(exchange: Exchange) -> None:
    from simulator.protocol import drop_connection  # noqa: PLC0415 (it loads uvicorn; only a drop needs it)

    if drop_connection(exchange.scope):
        raise ClientGoneError()
    raise ClientGoneError(in_process=dropped_connection()())
