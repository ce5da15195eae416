"""`python -m contracts [--check]`: write (or check) the generated artefacts of the contract."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from contracts import endpoints, openapi
from contracts.documents import DOCUMENTS, HERE
from contracts.op import Profile

ARTEFACTS = {
    DOCUMENTS[Profile.LIVE]: lambda: _json(openapi.build(Profile.LIVE)),
    DOCUMENTS[Profile.DOCUMENTED]: lambda: _json(openapi.build(Profile.DOCUMENTED)),
    HERE / "ENDPOINTS.md": endpoints.render,
}


def _json(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def stale() -> list[Path]:
    """The artefacts whose committed text differs from a fresh generation."""
    return [path for path, make in ARTEFACTS.items() if not path.exists() or path.read_text("utf-8") != make()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contracts", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed artefact is stale")
    args = parser.parse_args(argv)
    if args.check:
        paths = stale()
        for path in paths:
            print(f"stale: {path.relative_to(HERE.parent)} (run `python -m contracts`)", file=sys.stderr)
        return 1 if paths else 0
    for path, make in ARTEFACTS.items():
        path.write_text(make(), "utf-8")
        print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
