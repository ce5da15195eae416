"""Where the committed OpenAPI documents are: one file per profile, shipped inside this package."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Final

from contracts.op import Profile

HERE: Final = Path(__file__).parent
DOCUMENTS: Final = MappingProxyType(
    {Profile.LIVE: HERE / "openapi.json", Profile.DOCUMENTED: HERE / "openapi.documented.json"}
)
