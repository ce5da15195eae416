"""Imports run one way: contracts <- simulator <- client (contracts imports neither, simulator never client).

Every import statement counts, those inside functions included (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"contracts": {"simulator", "client"}, "simulator": {"client"}}


def imported_packages(source: str) -> set[str]:
    """The top-level packages a module's source imports (relative imports stay inside its package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.partition(".")[0])
    return found


def violations(package: str) -> list[str]:
    """`path: imports X` for each module of `package` that imports a package above it."""
    return [
        f"{path.relative_to(ROOT)}: imports {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in sorted(imported_packages(path.read_text("utf-8")) & FORBIDDEN[package])
    ]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_the_layers_below(package: str) -> None:
    assert violations(package) == []


def test_imported_packages_sees_lazy_and_dotted_imports() -> None:
    # The negative control: the scan finds an import inside a function, and `from x.y import z`.
    source = "def run():\n    from client import rehearse\n    import simulator.app\nfrom . import sibling\n"
    assert imported_packages(source) == {"client", "simulator"}


def test_serving_the_simulator_loads_nothing_of_the_client() -> None:
    code = (
        "import sys, client.cli, simulator.serve, simulator.app, simulator.demo; "
        "print(sorted(m for m in sys.modules if m.startswith('client')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['client', 'client.cli']"
