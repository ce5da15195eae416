"""The tenants of one simulator: each tenant's configuration and store, found by name, host or key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from simulator.config import SimConfig, TenantConfig
from simulator.store import Clock, IdAllocator, TenantStore

IdFactory = Callable[[], IdAllocator]


@dataclass(slots=True)
class Tenant:
    """A running tenant: its configuration, its store and its keys as the wire carries them."""

    config: TenantConfig
    store: TenantStore
    keys: frozenset[bytes]

    @property
    def name(self) -> str:
        return self.config.name


class Tenants:
    """Every tenant, with the look-ups a request needs: by Host header (port stripped) and by API key."""

    def __init__(self, config: SimConfig, *, clock: Clock, id_factory: IdFactory) -> None:
        self._id_factory = id_factory
        self.by_name: dict[str, Tenant] = {}
        self.by_host: dict[bytes, Tenant] = {}
        self.by_key: dict[bytes, Tenant] = {}
        for tenant_config in config.tenants:
            store = TenantStore(tenant_config, clock=clock, ids=id_factory())
            tenant = Tenant(tenant_config, store, frozenset(key.encode() for key in tenant_config.keys))
            self.by_name[tenant_config.name] = tenant
            for host in tenant_config.hosts:
                self.by_host[strip_port(host.encode())] = tenant
            for key in tenant.keys:
                self.by_key[key] = tenant

    def __iter__(self) -> Iterator[Tenant]:
        return iter(self.by_name.values())

    def reset(self, tenant: Tenant) -> None:
        """Empty a tenant's store and restart its id sequences."""
        tenant.store.ids = self._id_factory()
        tenant.store.clear()


def strip_port(host: bytes) -> bytes:
    """The host name of a Host header value, lower-cased, without its port (IPv6 literals kept whole)."""
    if host.startswith(b"["):
        return host[: host.find(b"]") + 1].lower()
    return host.partition(b":")[0].lower()
