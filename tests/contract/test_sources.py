"""Provenance reads inside the repository: every source key used anywhere is defined in contracts/SOURCES.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "contracts" / "SOURCES.md"
KEY = re.compile(r"\b(?:IPAAS|KB|VZ)-[A-Z]+\b")
ROW = re.compile(r"^\| (?P<key>[A-Z]+(?:-[A-Z]+)?) \| (?P<address>https://\S+)")
SEARCHED = ("contracts", "simulator", "client", "tests", "bench", "docker")
TEXT = {".py", ".md", ".json", ".toml", ".txt", ".yaml", ".yml", ""}


def defined() -> dict[str, str]:
    """Key -> address, from the table of SOURCES.md."""
    rows = (ROW.match(line) for line in SOURCES.read_text("utf-8").splitlines())
    return {row["key"]: row["address"] for row in rows if row}


def used_keys(text: str) -> set[str]:
    """The source keys a text cites."""
    return set(KEY.findall(text))


def _files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "schemathesis.toml", ROOT / "pyproject.toml"]
    for folder in SEARCHED:
        found += [
            p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in TEXT and "__pycache__" not in p.parts
        ]
    return [path for path in found if path.exists() and path != SOURCES]


def test_every_key_used_in_the_repository_is_defined() -> None:
    keys = defined()
    undefined = {
        f"{path.relative_to(ROOT)}: {key}"
        for path in _files()
        for key in used_keys(path.read_text("utf-8", errors="replace"))
        if key not in keys
    }
    assert undefined == set()


def test_every_defined_key_has_an_address() -> None:
    assert len(defined()) >= 20  # the table parses
    assert all(address.startswith("https://") for address in defined().values())


def test_used_keys_finds_keys_and_skips_other_capitals() -> None:
    # The negative control: what the scan counts as a key.
    unknown = "KB-" + "NOPE"  # spelt in two parts, so that this file does not use it
    text = f"KB-WH lists it (IPAAS-EP; VZ-DM). MUG-CLASSIC, TEE-1, YYYY-MM and {unknown}."
    assert used_keys(text) == {"KB-WH", "IPAAS-EP", "VZ-DM", unknown}
