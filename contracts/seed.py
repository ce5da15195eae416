"""Read the iPaaS.com endpoint catalogue (the seed document) into entries, to check the table against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEED_PATH = Path(__file__).parent / "seed" / "jasper-pim-api-endpoints.txt"
_ENTRY = re.compile(r"^(?P<name>.+) \((?P<method>GET|POST|PUT|PATCH|DELETE)\)$")
_PATH = re.compile(r"^\[Base URL\](?P<path>(?:/(?:[a-z_]+|\{[A-Za-z]+\}))+)")
_GROUP = re.compile(r"^[A-Z][A-Za-z ]+ Endpoints?$")


@dataclass(frozen=True, slots=True)
class SeedEntry:
    group: str
    name: str
    method: str
    path: str


def parse(text: str) -> list[SeedEntry]:
    """Every `Name (METHOD)` line followed by a `[Base URL]/path` line, with the heading above it."""
    lines = text.splitlines()
    entries: list[SeedEntry] = []
    group = ""
    for index, line in enumerate(lines):
        if _GROUP.match(line) and line not in ("API Endpoints Intro",):
            group = line
        entry = _ENTRY.match(line)
        if entry is None or index + 1 >= len(lines):
            continue
        path = _PATH.match(lines[index + 1])
        if path is None:
            raise ValueError(f"seed line {index + 2}: expected '[Base URL]/path' after {line!r}")
        entries.append(SeedEntry(group, entry["name"], entry["method"], path["path"]))
    return entries


def load(path: Path = SEED_PATH) -> list[SeedEntry]:
    return parse(path.read_text("utf-8"))
