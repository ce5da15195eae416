"""Tenant configuration: who the simulator pretends to be, read from a JSON file or built in code.

A tenant owns reference data the Jasper API cannot create in our scope (../shared/DESIGN.md §3):
inventory locations, addressed by name on the live API, and product relation types, one of them
"variant". Both are seeded per tenant from this configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from contracts import permissions, reference_data, wire
from contracts.op import Profile

DEMO_KEY: Final = "demo-key"
DEMO_HOST: Final = "demo.pim.jasperpim.com"
VARIANT_SLUG: Final = reference_data.VARIANT_SLUG

HostName = Annotated[str, StringConstraints(min_length=1, max_length=253, to_lower=True, strip_whitespace=True)]
ApiKey = Annotated[str, StringConstraints(min_length=1, max_length=512, pattern=r"^[\x21-\x7e]+$")]


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Location(_Config):
    """An inventory location of the tenant; the live API names it in `location`."""

    id: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=255)


class RelationType(_Config):
    """A product relation type of the tenant (KB-REL); the slug "variant" links children to parents."""

    id: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=255)
    slug: str = Field(min_length=1, max_length=255)


DEFAULT_LOCATIONS: Final = tuple(Location(id=id_, name=name) for id_, name in reference_data.DEFAULT_LOCATIONS)
DEFAULT_RELATION_TYPES: Final = tuple(
    RelationType(id=id_, name=name, slug=slug) for id_, name, slug in reference_data.DEFAULT_RELATION_TYPES
)


def tenant_hosts(name: str) -> list[str]:
    """Both Jasper host patterns for a tenant name (wire.HOST_SUFFIXES: newer and older tenants)."""
    return [f"{name}{suffix}" for suffix in wire.HOST_SUFFIXES]


class KeySpec(_Config):
    """An API key with what it may do; in a config file a plain string key means every permission."""

    key: ApiKey
    # None: every permission. Names are "<area>:read" / "<area>:write" (contracts/permissions.py, assumed).
    permissions: list[str] | None = None

    @field_validator("permissions")
    @classmethod
    def _known_permissions(cls, names: list[str] | None) -> list[str] | None:
        unknown = permissions.unknown_permissions(names) if names is not None else []
        if unknown:
            raise ValueError(
                f"unknown permission {', '.join(map(repr, unknown))}; known: {', '.join(permissions.PERMISSIONS)}"
            )
        return names


def _key_kind(value: object) -> str:
    return "spec" if isinstance(value, dict | KeySpec) else "key"


# A plain string or a KeySpec, told apart by shape, so an error names only the form that was given.
KeyEntry = Annotated[Annotated[ApiKey, Tag("key")] | Annotated[KeySpec, Tag("spec")], Discriminator(_key_kind)]


class RateLimit(_Config):
    """Calls allowed per API key and minute (assumed throttling, contracts/wire.py: Jasper publishes none)."""

    per_minute: int = Field(ge=1, le=1_000_000)


class WebhookSettings(_Config):
    """Where deliveries may go and how long each may take.

    Callbacks go to loopback hosts (`localhost`, `*.localhost`, 127.0.0.0/8, ::1) and to the hosts listed
    here only (".example.com" allows its subdomains), so a simulator cannot be made to call other hosts.
    """

    callback_hosts: list[HostName] = Field(default_factory=list)
    timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    # False for a dry run (the staging tenant): a subscription may name any callback host, as on a real
    # tenant, and nothing is ever sent; each message is recorded in /_sim/deliveries as "not sent".
    deliver: bool = True


class TenantSettings(_Config):
    """A tenant without its keys: who it is and the reference data it owns (what a store needs)."""

    name: str = Field(min_length=1, max_length=63, pattern=r"^[a-z0-9][a-z0-9-]*$")
    hosts: list[HostName] = Field(default_factory=list)
    profile: Profile = Profile.LIVE
    locations: list[Location] = Field(default_factory=lambda: list(DEFAULT_LOCATIONS))
    relation_types: list[RelationType] = Field(default_factory=lambda: list(DEFAULT_RELATION_TYPES))
    rate_limit: RateLimit | None = None  # off by default

    @model_validator(mode="after")
    def _reference_data_is_consistent(self) -> Self:
        _require_unique("location id", [loc.id for loc in self.locations])
        _require_unique("location name", [loc.name for loc in self.locations])
        _require_unique("relation type id", [rel.id for rel in self.relation_types])
        _require_unique("relation type slug", [rel.slug for rel in self.relation_types])
        _require_unique("host", list(self.hosts))
        if VARIANT_SLUG not in {rel.slug for rel in self.relation_types}:
            raise ValueError(f'relation_types must include the slug "{VARIANT_SLUG}" (variants link through it)')
        return self


class TenantConfig(TenantSettings):
    """One simulated tenant as a config file gives it: its settings and at least one API key."""

    keys: list[KeyEntry] = Field(min_length=1)

    @classmethod
    def named(cls, name: str, key: str, profile: Profile = Profile.LIVE) -> TenantConfig:
        """A tenant with both host patterns for `name`, one key and the default reference data."""
        return cls(name=name, hosts=tenant_hosts(name), keys=[key], profile=profile)

    @property
    def settings(self) -> TenantSettings:
        """The tenant without its keys."""
        return TenantSettings.model_validate(self.model_dump(exclude={"keys"}))

    @property
    def key_specs(self) -> list[KeySpec]:
        """Every key as a `KeySpec` (a plain string holds every permission)."""
        return [KeySpec(key=key) if isinstance(key, str) else key for key in self.keys]

    @property
    def first_key(self) -> str:
        """The first key, as the banner and examples show it."""
        return self.key_specs[0].key


class SimConfig(_Config):
    """The whole simulator: its tenants, the control plane's admin token and the body size limit."""

    tenants: list[TenantConfig] = Field(min_length=1)
    admin_token: ApiKey | None = None
    max_body_bytes: int = Field(default=wire.MAX_BODY_BYTES, ge=1)
    # the request journal's memory: bodies and paths of the latest calls (simulator.journal); 0 turns it off
    journal_bytes: int = Field(default=64 * 1024 * 1024, ge=0)
    # journal entries kept in the state file with --state (simulator.journal_file)
    journal_retention: int = Field(default=100_000, ge=0)
    # the control plane's own limit: a state import of 100k products with prices, stock and attribute
    # values is about 60 MB (bench/RESULTS.md), so the default leaves room for twice that
    max_control_body_bytes: int = Field(default=256 * 1024 * 1024, ge=1)
    webhooks: WebhookSettings = Field(default_factory=WebhookSettings)

    @classmethod
    def default(cls) -> SimConfig:
        """One live tenant, "demo", on both host patterns with the key `DEMO_KEY`."""
        return cls(tenants=[TenantConfig.named("demo", DEMO_KEY)])

    @classmethod
    def from_file(cls, path: str | Path) -> SimConfig:
        """Read a JSON configuration file (the shape of this model)."""
        return cls.model_validate_json(Path(path).read_bytes())

    @model_validator(mode="after")
    def _tenants_are_distinguishable(self) -> Self:
        _require_unique("tenant name", [tenant.name for tenant in self.tenants])
        _require_unique("host", [host for tenant in self.tenants for host in tenant.hosts])
        _require_unique("API key", [spec.key for tenant in self.tenants for spec in tenant.key_specs])
        return self

    def tenant(self, name: str) -> TenantConfig:
        """The tenant called `name` (KeyError when there is none)."""
        for tenant in self.tenants:
            if tenant.name == name:
                return tenant
        raise KeyError(name)


def _require_unique(what: str, values: list[int] | list[str]) -> None:
    seen: set[int | str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what}: {value!r}")
        seen.add(value)
