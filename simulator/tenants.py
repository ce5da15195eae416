"""The tenants of one simulator: each tenant's settings, store and keys, found by name, host or key.

Keys are held as SHA-256 digests only (../shared/DESIGN.md §9: keys shown once, stored only as needed,
fingerprints everywhere else): a request's key is hashed once and looked up. A key's *fingerprint*, the
first 16 hex digits of its digest, names it in the control plane and in the state file's listings.
Tenants and keys can be added and removed while the simulator runs (`/_sim/tenants`); the rules of the
config file hold at run time too: names, hosts and keys are unique, and `Tenants.add` refuses a
violation naming the field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from simulator.config import KeySpec, SimConfig, TenantSettings
from simulator.store import Clock, IdAllocator, TenantStore
from simulator.webhooks.callbacks import CallbackPolicy

IdFactory = Callable[[], IdAllocator]
KeyOrigin = Literal["config", "runtime"]


def key_digest(key: bytes) -> bytes:
    """The SHA-256 digest a key is known by."""
    return hashlib.sha256(key).digest()


def fingerprint(digest: bytes) -> str:
    """The short public name of a key: the first 16 hex digits of its digest."""
    return digest.hex()[:16]


@dataclass(frozen=True, slots=True)
class KeyGrant:
    """One key of a tenant, as the simulator keeps it: its fingerprint and what it may do."""

    fingerprint: str
    permissions: frozenset[str] | None = None  # None: every permission
    origin: KeyOrigin = "config"

    @classmethod
    def of(cls, spec: KeySpec, origin: KeyOrigin) -> tuple[bytes, KeyGrant]:
        """A key spec's digest and grant."""
        digest = key_digest(spec.key.encode())
        permissions = frozenset(spec.permissions) if spec.permissions is not None else None
        return digest, cls(fingerprint(digest), permissions, origin)


class TenantConflictError(ValueError):
    """A tenant or key would break a uniqueness rule; `field` names what clashes."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(slots=True)
class Tenant:
    """A running tenant: its settings, its store and its keys (digest -> grant)."""

    config: TenantSettings
    store: TenantStore
    keys: dict[bytes, KeyGrant] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.config.name

    def key_by_fingerprint(self, print_: str) -> bytes | None:
        """The digest of the key with this fingerprint, or None."""
        return next((digest for digest, grant in self.keys.items() if grant.fingerprint == print_), None)


class Tenants:
    """Every tenant, with the look-ups a request needs: by Host header (port stripped) and by key digest."""

    def __init__(
        self, config: SimConfig | None, *, clock: Clock, id_factory: IdFactory, callbacks: CallbackPolicy | None = None
    ) -> None:
        """The tenants of `config` (none when it is None: a state file brings them); `callbacks` goes to every store."""
        self.clock = clock
        self._id_factory = id_factory
        self.callbacks = callbacks or CallbackPolicy()
        self.listeners: list[Callable[[], None]] = []  # called when a tenant is added or removed
        self.by_name: dict[str, Tenant] = {}
        self.by_host: dict[bytes, Tenant] = {}
        self.by_key: dict[bytes, Tenant] = {}
        for tenant_config in config.tenants if config is not None else ():
            grants = dict(KeyGrant.of(spec, "config") for spec in tenant_config.key_specs)
            self.add(tenant_config.settings, grants)

    def __iter__(self) -> Iterator[Tenant]:
        return iter(self.by_name.values())

    def new_store(self, settings: TenantSettings) -> TenantStore:
        """An empty store for a tenant with these settings."""
        return TenantStore(settings, clock=self.clock, ids=self._id_factory(), callbacks=self.callbacks)

    def check(self, settings: TenantSettings, digests: Iterable[bytes]) -> None:
        """Raise `TenantConflictError` unless a tenant with these settings and keys can be added."""
        if settings.name in self.by_name:
            raise TenantConflictError("name", f"A tenant named {settings.name!r} exists already.")
        for host in settings.hosts:
            if strip_port(host.encode()) in self.by_host:
                raise TenantConflictError("hosts", f"The host {host!r} belongs to another tenant.")
        self.check_keys(digests)

    def check_keys(self, digests: Iterable[bytes]) -> None:
        """Raise `TenantConflictError` if any key is already in use (by any tenant) or repeated."""
        seen: set[bytes] = set()
        for digest in digests:
            if digest in self.by_key or digest in seen:
                raise TenantConflictError("keys", f"The key {fingerprint(digest)} is already in use.")
            seen.add(digest)

    def add(self, settings: TenantSettings, grants: dict[bytes, KeyGrant], store: TenantStore | None = None) -> Tenant:
        """Add a tenant (checked first); `store` defaults to an empty one."""
        self.check(settings, grants)
        tenant = Tenant(settings, store or self.new_store(settings), dict(grants))
        self.by_name[settings.name] = tenant
        for host in settings.hosts:
            self.by_host[strip_port(host.encode())] = tenant
        for digest in grants:
            self.by_key[digest] = tenant
        self._changed()
        return tenant

    def remove(self, tenant: Tenant) -> None:
        """Forget a tenant, its hosts and its keys."""
        del self.by_name[tenant.name]
        for host in tenant.config.hosts:
            self.by_host.pop(strip_port(host.encode()), None)
        for digest in tenant.keys:
            self.by_key.pop(digest, None)
        self._changed()

    def _changed(self) -> None:
        for listener in self.listeners:
            listener()

    def add_key(self, tenant: Tenant, digest: bytes, grant: KeyGrant) -> None:
        """Give a tenant one more key (checked first)."""
        self.check_keys([digest])
        tenant.keys[digest] = grant
        self.by_key[digest] = tenant

    def revoke(self, tenant: Tenant, digest: bytes) -> None:
        """Take a key away: from now on it answers 401."""
        del tenant.keys[digest]
        self.by_key.pop(digest, None)

    def reset(self, tenant: Tenant) -> None:
        """Empty a tenant's store and restart its id sequences."""
        tenant.store.ids = self._id_factory()
        tenant.store.clear()


def strip_port(host: bytes) -> bytes:
    """The host name of a Host header value, lower-cased, without its port (IPv6 literals kept whole)."""
    if host.startswith(b"["):
        return host[: host.find(b"]") + 1].lower()
    return host.partition(b":")[0].lower()
