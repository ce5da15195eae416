"""External ids: which Jasper object an iPaaS record was written to (iPaaS's `GetExternalIdAsync`).

Each iPaaS collection resolves the Jasper id of the record it writes with
`GetExternalIdAsync(Id, "<Collection Type>", SpaceportSystemId)` (IPAAS-PROD, IPAAS-INV): no id means
"never synced, create"; an id means "update that Jasper object". After a create, iPaaS stores the id
Jasper returned on an external-id record of that collection type (IPAAS-CAT, IPAAS-INV). Child records
use composite iPaaS ids such as `12345|23456` (IPAAS-IDS). The write paths (client/write_paths/) keep
these records through `ExternalIdStore`; `InMemoryExternalIds` and `JsonFileExternalIds` implement it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class CollectionType(StrEnum):
    """The iPaaS collection types whose records the write paths link to Jasper objects."""

    # IPAAS-CS ("Create Default Mappings" setting): the canonical collections of the default mappings.
    PRODUCT = "Product"
    PRODUCT_CATEGORY = "Product Category"
    PRODUCT_INVENTORY = "Product Inventory"
    PRODUCT_OPTION = "Product Option"
    PRODUCT_OPTION_VALUE = "Product Option Value"
    PRODUCT_VARIANT = "Product Variant"
    PRODUCT_VARIANT_INVENTORY = "Product Variant Inventory"
    # assumed: iPaaS publishes no collection for these (integration note §5.8); named in the same style.
    PRODUCT_OPTION_SET = "Product Option Set"
    ATTRIBUTE = "Attribute"
    ATTRIBUTE_SET = "Attribute Set"
    WEBHOOK = "Webhook"


IpaasId = Annotated[str, StringConstraints(min_length=1, max_length=255)]


class ExternalIdStore(Protocol):
    """iPaaS record (collection type + iPaaS id) -> the Jasper id it was written to."""

    def get(self, collection: CollectionType, ipaas_id: str) -> int | None:
        """The Jasper id linked to the record, or None when it was never synced."""
        ...

    def put(self, collection: CollectionType, ipaas_id: str, jasper_id: int) -> None:
        """Link the record to a Jasper id (replacing any earlier link)."""
        ...

    def remove(self, collection: CollectionType, ipaas_id: str) -> None:
        """Forget the record's link (nothing happens when there is none)."""
        ...

    def snapshot(self) -> Mapping[tuple[CollectionType, str], int]:
        """Every link, as a read-only copy."""
        ...


class InMemoryExternalIds:
    """An `ExternalIdStore` in a dict: for tests, rehearsals and one-off runs."""

    def __init__(self, links: Mapping[tuple[CollectionType, str], int] | None = None) -> None:
        self._links: dict[tuple[CollectionType, str], int] = dict(links or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self._links)} links)"

    def get(self, collection: CollectionType, ipaas_id: str) -> int | None:
        """The Jasper id linked to the record, or None when it was never synced."""
        return self._links.get((collection, ipaas_id))

    def put(self, collection: CollectionType, ipaas_id: str, jasper_id: int) -> None:
        """Link the record to a Jasper id (replacing any earlier link)."""
        self._links[(collection, ipaas_id)] = jasper_id
        self._changed()

    def remove(self, collection: CollectionType, ipaas_id: str) -> None:
        """Forget the record's link (nothing happens when there is none)."""
        if self._links.pop((collection, ipaas_id), None) is not None:
            self._changed()

    def snapshot(self) -> Mapping[tuple[CollectionType, str], int]:
        """Every link, as a read-only copy."""
        return MappingProxyType(dict(self._links))

    def _changed(self) -> None:
        """Called after every change; subclasses persist here."""


class ExternalIdRecord(BaseModel):
    """One link as iPaaS's external-ID reference shapes it (IPAAS-XREF): internal = iPaaS, external = Jasper."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    collection_type: CollectionType
    internal_id: IpaasId
    external_id: Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,18}$")]


class ExternalIdFile(BaseModel):
    """The JSON file `JsonFileExternalIds` keeps."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    records: list[ExternalIdRecord] = Field(default_factory=list)


class JsonFileExternalIds(InMemoryExternalIds):
    """An `ExternalIdStore` kept in a JSON file, rewritten atomically after every change.

    Each change writes a temporary file next to the target and renames it over the target
    (`os.replace`), so a crash mid-write leaves the previous file whole, never a torn one. A missing
    file is an empty store; an unreadable one raises (pydantic's ValidationError) rather than
    silently starting empty, which would make the next run create every object again.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        links: dict[tuple[CollectionType, str], int] = {}
        if self.path.exists():
            stored = ExternalIdFile.model_validate_json(self.path.read_bytes())
            links = {(r.collection_type, r.internal_id): int(r.external_id) for r in stored.records}
        super().__init__(links)

    def _changed(self) -> None:
        records = [
            ExternalIdRecord(collection_type=collection, internal_id=ipaas_id, external_id=str(jasper_id))
            for (collection, ipaas_id), jasper_id in sorted(self.snapshot().items())
        ]
        content = ExternalIdFile(records=records).model_dump_json(indent=2).encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
