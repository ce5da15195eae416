"""Model bases and the field helper that records each field's provenance.

Strict in, lenient out (../shared/DESIGN.md §2): request bodies forbid unknown fields and do not
coerce types, so the simulator catches client bugs; response models allow extra fields, so the
production client survives new vendor fields.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.config import JsonDict

from contracts.op import Provenance
from contracts.wire import Id

# assumed: 255 characters, Laravel's default string column, for every name-like field.
Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Text = Annotated[str, StringConstraints(max_length=65_535)]


def prov(provenance: Provenance, source: str, description: str, **kwargs: Any) -> Any:
    """A pydantic Field that carries its provenance into the OpenAPI document as `x-provenance`."""
    extra: JsonDict = {"x-provenance": provenance.value, "x-source": source}
    return Field(description=description, json_schema_extra=extra, **kwargs)


# defer_build: a model's validator is compiled on its first use, not at import. The simulator never
# uses the response models and serves an operation's request model only when it is called, so
# `jasper-sim serve` starts without compiling the whole contract (issue 11: start-up time).


class RequestModel(BaseModel):
    """A request body: unknown fields and type coercion are rejected (422)."""

    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False, defer_build=True)


class ResponseModel(BaseModel):
    """A response body: unknown fields are kept, so new vendor fields do not break the client."""

    model_config = ConfigDict(extra="allow", defer_build=True)


class Stamped(ResponseModel):
    """Fields every stored object has: its id and timestamps."""

    id: Id = prov(Provenance.ASSUMED, "wire.ID_PROVENANCE", "Tenant-assigned id, read-only.")
    created_at: datetime | None = prov(
        Provenance.DOCUMENTED,
        "reference: Attribute properties (read only); format assumed",
        "When it was created (read-only).",
        default=None,
    )
    updated_at: datetime | None = prov(
        Provenance.DOCUMENTED,
        "reference: Attribute properties (read only); format assumed",
        "When it was last changed (read-only).",
        default=None,
    )
