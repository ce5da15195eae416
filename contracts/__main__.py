"""`python -m contracts [--check]`: write (or check) the generated artefacts of the contract.

The artefacts are committed files of a checkout of the repository. Writing them inside an installed
package would change files pip owns (and lose them on the next install), so without `--check` this
refuses to run anywhere but in a checkout; `--check` works in both and checks what is there.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path

from contracts import endpoints, openapi, schemathesis_config
from contracts.documents import DOCUMENTS, HERE
from contracts.op import Profile

DISTRIBUTION = "jasper-pim-sim"
Make = Callable[[], str]


def _json(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def artefacts(here: Path = HERE) -> dict[Path, Make]:
    """Every generated file of the package directory `here`, with the function that makes its text; in a
    checkout also those at the repository's root (schemathesis.toml), which an installed package lacks."""
    made: dict[Path, Make] = {
        here / DOCUMENTS[Profile.LIVE].name: lambda: _json(openapi.build(Profile.LIVE)),
        here / DOCUMENTS[Profile.DOCUMENTED].name: lambda: _json(openapi.build(Profile.DOCUMENTED)),
        here / "ENDPOINTS.md": endpoints.render,
    }
    if in_checkout(here):
        made[here.parent / "schemathesis.toml"] = schemathesis_config.render_toml
    return made


def in_checkout(here: Path = HERE) -> bool:
    """True when `here` is the contracts/ folder of a checkout (beside this project's pyproject.toml)."""
    pyproject = here.parent / "pyproject.toml"
    try:
        project: Mapping[str, object] = tomllib.loads(pyproject.read_text("utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return project.get("name") == DISTRIBUTION


def stale(here: Path = HERE) -> list[Path]:
    """The artefacts whose committed text differs from a fresh generation."""
    return [path for path, make in artefacts(here).items() if not path.exists() or path.read_text("utf-8") != make()]


def main(argv: list[str] | None = None, here: Path = HERE) -> int:
    """Write the artefacts (exit 0; 2 outside a checkout), or with `--check` exit 1 when one is stale."""
    parser = argparse.ArgumentParser(prog="python -m contracts", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed artefact is stale")
    args = parser.parse_args(argv)
    if args.check:
        paths = stale(here)
        for path in paths:
            print(f"stale: {path.relative_to(here.parent)} (run `python -m contracts`)", file=sys.stderr)
        return 1 if paths else 0
    if not in_checkout(here):
        print(
            f"contracts: {here} is an installed package, not a checkout of the repository; its generated files "
            "belong to the installation. Run `python -m contracts` (or `jasper-sim contract`) in a checkout, "
            "or use --check to compare.",
            file=sys.stderr,
        )
        return 2
    for path, make in artefacts(here).items():
        path.write_text(make(), "utf-8")
        print(f"wrote {path.relative_to(here.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
