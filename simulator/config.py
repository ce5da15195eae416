"""Tenant configuration: who the simulator pretends to be, read from a JSON file or built in code.

A tenant owns reference data the Jasper API cannot create in our scope (../shared/DESIGN.md §3):
inventory locations, addressed by name on the live API, and product relation types, one of them
"variant". Both are seeded per tenant from this configuration.

The classes are frozen dataclasses, so that `jasper-sim serve` builds its default configuration without
importing pydantic (issue 11: start-up time; `from pydantic import BaseModel` alone takes about 0.15 s
in a fresh interpreter, where a bare app starts in 0.33 s, bench/RESULTS.md). Two ways in, one set of
rules:
- a document (a config file, a control-plane body, the state file) goes through `validate` /
  `validate_json`: pydantic, imported then, checks every field against the constraints written in the
  annotations (`Check`, `After`) and names the field that is wrong;
- code that builds one directly gets the same cross-field rules (`__post_init__`: unique ids, names,
  hosts and keys, the variant relation type, known permissions) as a `ValueError`; the field constraints
  are the document's checks (code passes its own values).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Final, Literal, Self

from contracts import permissions, reference_data, wire
from contracts.op import Profile

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema

DEMO_KEY: Final = "demo-key"
DEMO_HOST: Final = "demo.pim.jasperpim.com"
VARIANT_SLUG: Final = reference_data.VARIANT_SLUG


@dataclasses.dataclass(frozen=True, slots=True)
class Check:
    """Constraints on a field, applied by pydantic when a document is validated: pydantic `Field` keywords
    (`ge`, `max_length`, `pattern`, ...), or `StringConstraints` ones when a string is also normalised
    (`to_lower`, `strip_whitespace`). Annotation metadata that imports nothing until then."""

    constraints: tuple[tuple[str, Any], ...]  # hashable: typing hashes Annotated metadata

    def __init__(self, **constraints: Any) -> None:
        object.__setattr__(self, "constraints", tuple(constraints.items()))

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic import Field, StringConstraints  # noqa: PLC0415  (only when a document is validated)

        given = dict(self.constraints)
        normalises = any(name in given for name in ("to_lower", "to_upper", "strip_whitespace"))
        rule = StringConstraints(**given) if normalises else Field(**given)
        return handler.generate_schema(Annotated[source, rule])


@dataclasses.dataclass(frozen=True, slots=True)
class After:
    """A check run after a field's own validation: `check(value)` returns it or raises `ValueError`."""

    check: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic import AfterValidator  # noqa: PLC0415

        return handler.generate_schema(Annotated[source, AfterValidator(self.check)])


HostName = Annotated[str, Check(min_length=1, max_length=253, to_lower=True, strip_whitespace=True)]
ApiKey = Annotated[str, Check(min_length=1, max_length=512, pattern=r"^[\x21-\x7e]+$")]
Name255 = Annotated[str, Check(min_length=1, max_length=255)]
PositiveId = Annotated[int, Check(ge=1)]


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def type_adapter(cls: type[Any]) -> TypeAdapter[Any]:
    """pydantic's validator of a class (a configuration dataclass, or a model), built on first use and
    kept (the control plane validates its bodies with it too)."""
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        from pydantic import TypeAdapter  # noqa: PLC0415  (only when a document is validated or written)

        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


class _Config:
    """What every configuration class shares: validation of documents and their JSON form."""

    __slots__ = ()
    # unknown fields are refused; read by pydantic when it validates a document into the dataclass
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    @classmethod
    def validate(cls, document: object) -> Self:
        """A document (dicts and lists) checked against every rule (pydantic's ValidationError otherwise)."""
        value: Self = type_adapter(cls).validate_python(document)
        return value

    @classmethod
    def validate_json(cls, raw: str | bytes) -> Self:
        """A JSON document checked against every rule (pydantic's ValidationError otherwise)."""
        value: Self = type_adapter(cls).validate_json(raw)
        return value

    def dump(self, *, mode: Literal["python", "json"] = "python", exclude: set[str] | None = None) -> dict[str, Any]:
        """The document form (`mode="json"`: JSON types only)."""
        document: dict[str, Any] = type_adapter(type(self)).dump_python(self, mode=mode, exclude=exclude)
        return document

    def dump_json(self) -> bytes:
        """The JSON document form."""
        raw: bytes = type_adapter(type(self)).dump_json(self)
        return raw

    def replace(self, **changes: Any) -> Self:
        """A copy with these fields changed (the cross-field rules are checked again)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Location(_Config):
    """An inventory location of the tenant; the live API names it in `location`."""

    id: PositiveId
    name: Name255


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RelationType(_Config):
    """A product relation type of the tenant (KB-REL); the slug "variant" links children to parents."""

    id: PositiveId
    name: Name255
    slug: Name255


DEFAULT_LOCATIONS: Final = tuple(Location(id=id_, name=name) for id_, name in reference_data.DEFAULT_LOCATIONS)
DEFAULT_RELATION_TYPES: Final = tuple(
    RelationType(id=id_, name=name, slug=slug) for id_, name, slug in reference_data.DEFAULT_RELATION_TYPES
)


def tenant_hosts(name: str) -> list[str]:
    """Both Jasper host patterns for a tenant name (wire.HOST_SUFFIXES: newer and older tenants)."""
    return [f"{name}{suffix}" for suffix in wire.HOST_SUFFIXES]


def _known_permissions(names: list[str] | None) -> list[str] | None:
    unknown = permissions.unknown_permissions(names) if names is not None else []
    if unknown:
        raise ValueError(
            f"unknown permission {', '.join(map(repr, unknown))}; known: {', '.join(permissions.PERMISSIONS)}"
        )
    return names


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class KeySpec(_Config):
    """An API key with what it may do; in a config file a plain string key means every permission."""

    key: ApiKey
    # None: every permission. Names are "<area>:read" / "<area>:write" (contracts/permissions.py, assumed).
    permissions: Annotated[list[str] | None, After(_known_permissions)] = None

    def __post_init__(self) -> None:
        _known_permissions(self.permissions)


def _key_kind(value: object) -> str:
    return "spec" if isinstance(value, dict | KeySpec) else "key"


@dataclasses.dataclass(frozen=True, slots=True)
class _KeyEntryRule:
    """A plain string or a KeySpec, told apart by shape, so an error names only the form that was given."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic import Discriminator, Tag  # noqa: PLC0415

        tagged = Annotated[Annotated[ApiKey, Tag("key")] | Annotated[KeySpec, Tag("spec")], Discriminator(_key_kind)]
        return handler.generate_schema(tagged)


KeyEntry = Annotated[str | KeySpec, _KeyEntryRule()]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RateLimit(_Config):
    """Calls allowed per API key and minute (assumed throttling, contracts/wire.py: Jasper publishes none)."""

    per_minute: Annotated[int, Check(ge=1, le=1_000_000)]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class WebhookSettings(_Config):
    """Where deliveries may go and how long each may take.

    Callbacks go to loopback hosts (`localhost`, `*.localhost`, 127.0.0.0/8, ::1) and to the hosts listed
    here only (".example.com" allows its subdomains), so a simulator cannot be made to call other hosts.
    """

    callback_hosts: list[HostName] = dataclasses.field(default_factory=list)
    timeout_seconds: Annotated[float, Check(gt=0, le=300)] = 10.0
    # False for a dry run (the staging tenant): a subscription may name any callback host, as on a real
    # tenant, and nothing is ever sent; each message is recorded in /_sim/deliveries as "not sent".
    deliver: bool = True


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TenantSettings(_Config):
    """A tenant without its keys: who it is and the reference data it owns (what a store needs)."""

    name: Annotated[str, Check(min_length=1, max_length=63, pattern=r"^[a-z0-9][a-z0-9-]*$")]
    hosts: list[HostName] = dataclasses.field(default_factory=list)
    profile: Profile = Profile.LIVE
    locations: list[Location] = dataclasses.field(default_factory=lambda: list(DEFAULT_LOCATIONS))
    relation_types: list[RelationType] = dataclasses.field(default_factory=lambda: list(DEFAULT_RELATION_TYPES))
    rate_limit: RateLimit | None = None  # off by default

    def __post_init__(self) -> None:
        _require_unique("location id", [loc.id for loc in self.locations])
        _require_unique("location name", [loc.name for loc in self.locations])
        _require_unique("relation type id", [rel.id for rel in self.relation_types])
        _require_unique("relation type slug", [rel.slug for rel in self.relation_types])
        _require_unique("host", list(self.hosts))
        if VARIANT_SLUG not in {rel.slug for rel in self.relation_types}:
            raise ValueError(f'relation_types must include the slug "{VARIANT_SLUG}" (variants link through it)')


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TenantConfig(TenantSettings):
    """One simulated tenant as a config file gives it: its settings and at least one API key."""

    keys: Annotated[list[KeyEntry], Check(min_length=1)]

    def __post_init__(self) -> None:
        TenantSettings.__post_init__(self)
        if not self.keys:
            raise ValueError("a tenant needs at least one key")

    @classmethod
    def named(cls, name: str, key: str, profile: Profile = Profile.LIVE) -> TenantConfig:
        """A tenant with both host patterns for `name`, one key and the default reference data."""
        return cls(name=name, hosts=tenant_hosts(name), keys=[key], profile=profile)

    @property
    def settings(self) -> TenantSettings:
        """The tenant without its keys."""
        return TenantSettings(**{field.name: getattr(self, field.name) for field in dataclasses.fields(TenantSettings)})

    @property
    def key_specs(self) -> list[KeySpec]:
        """Every key as a `KeySpec` (a plain string holds every permission)."""
        return [KeySpec(key=key) if isinstance(key, str) else key for key in self.keys]

    @property
    def first_key(self) -> str:
        """The first key, as the banner and examples show it."""
        return self.key_specs[0].key


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class SimConfig(_Config):
    """The whole simulator: its tenants, the control plane's admin token and the body size limit."""

    tenants: Annotated[list[TenantConfig], Check(min_length=1)]
    admin_token: ApiKey | None = None
    max_body_bytes: Annotated[int, Check(ge=1)] = wire.MAX_BODY_BYTES
    # the request journal's memory: bodies and paths of the latest calls (simulator.journal); 0 turns it off
    journal_bytes: Annotated[int, Check(ge=0)] = 64 * 1024 * 1024
    # journal entries kept in the state file with --state (simulator.journal_file)
    journal_retention: Annotated[int, Check(ge=0)] = 100_000
    # the control plane's own limit: a state import of 100k products with prices, stock and attribute
    # values is about 60 MB (bench/RESULTS.md), so the default leaves room for twice that
    max_control_body_bytes: Annotated[int, Check(ge=1)] = 256 * 1024 * 1024
    webhooks: WebhookSettings = dataclasses.field(default_factory=WebhookSettings)

    def __post_init__(self) -> None:
        if not self.tenants:
            raise ValueError("a configuration needs at least one tenant")
        _require_unique("tenant name", [tenant.name for tenant in self.tenants])
        _require_unique("host", [host for tenant in self.tenants for host in tenant.hosts])
        _require_unique("API key", [spec.key for tenant in self.tenants for spec in tenant.key_specs])

    @classmethod
    def default(cls) -> SimConfig:
        """One live tenant, "demo", on both host patterns with the key `DEMO_KEY`."""
        return cls(tenants=[TenantConfig.named("demo", DEMO_KEY)])

    @classmethod
    def from_file(cls, path: str | Path) -> SimConfig:
        """Read a JSON configuration file (the shape of this class)."""
        return cls.validate_json(Path(path).read_bytes())

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
