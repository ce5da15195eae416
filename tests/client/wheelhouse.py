"""Wheels of what this environment has installed, so the package installs into a fresh venv offline.

pip cannot make a wheel of an installed distribution, and fetching the package's dependencies from an
index took 75 s (18 s of CPU) on a loaded 2-core machine here, too slow for a test in the suite. An
installed distribution is an unpacked wheel (its files under site-packages and its .dist-info, PEP 376
and 427), so zipping those files again with a fresh RECORD gives a wheel pip installs with --no-index.
Hand-written for that measured speed. Only the requirement closure of the package is packed, from the
requirements its built wheel declares, so a dependency the package forgot to declare stays missing.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from collections.abc import Iterable
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

SKIPPED = frozenset({"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"})  # written by the installer


def declared(wheel: Path) -> list[str]:
    """The Requires-Dist lines of a built wheel."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        headers = HeaderParser().parsestr(archive.read(name).decode("utf-8"))
    return headers.get_all("Requires-Dist") or []


def closure(requirements: Iterable[str], extras: Iterable[str]) -> list[metadata.Distribution]:
    """The installed distributions these requirements (with `extras` of the root) need, transitively."""
    found: dict[str, metadata.Distribution] = {}
    pending = [(Requirement(line), frozenset(extras)) for line in requirements]
    while pending:
        requirement, wanted = pending.pop()
        if requirement.marker is not None and not any(
            requirement.marker.evaluate({"extra": extra}) for extra in (wanted or {""})
        ):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found[name] = distribution = metadata.distribution(name)
        pending += [(Requirement(line), frozenset(requirement.extras)) for line in distribution.requires or []]
    return sorted(found.values(), key=lambda d: canonicalize_name(d.metadata["Name"]))


def repack(distribution: metadata.Distribution, into: Path) -> Path:
    """A wheel of an installed distribution, written into `into`."""
    info = next(f for f in distribution.files or [] if f.name == "WHEEL").parent
    tag = next(
        line.split(":", 1)[1].strip()
        for line in (distribution.read_text("WHEEL") or "").splitlines()
        if line.startswith("Tag:")
    )
    name = canonicalize_name(distribution.metadata["Name"]).replace("-", "_")
    target = into / f"{name}-{distribution.version}-{tag}.whl"
    record: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for file in distribution.files or []:
            path = str(file)
            if path.startswith("..") or "__pycache__" in file.parts or (file.parent == info and file.name in SKIPPED):
                continue
            content = Path(str(distribution.locate_file(file))).read_bytes()
            archive.writestr(path, content)
            digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            record.append(f"{path},sha256={digest},{len(content)}")
        record.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target
