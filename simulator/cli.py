"""`jasper-sim`: the command line of the Jasper PIM contract simulator.

Subcommands are added by the modules that own them; each `_add_*` function registers one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def _add_contract(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("contract", help="write (or --check) the OpenAPI documents and ENDPOINTS.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed artefact is stale")

    def run(args: argparse.Namespace) -> int:
        from contracts.__main__ import main as contract_main

        return contract_main(["--check"] if args.check else [])

    parser.set_defaults(handler=run)


def _add_impact(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "impact",
        help="what a deprecation affects: exit 0 nothing used live, 1 affected, 2 unparsable query",
        description="Query: 'METHOD /path' (any placeholder spelling), a path prefix '/products', or "
        "'resource.field' such as 'inventory.count_on_hand'.",
    )
    parser.add_argument("query", nargs="+", help="the deprecated operation, path prefix or field")

    def run(args: argparse.Namespace) -> int:
        from contracts import impact

        try:
            result = impact.analyse(impact.parse(" ".join(args.query)))
        except impact.QueryError as error:
            print(f"jasper-sim impact: {error}", file=sys.stderr)
            return 2
        sys.stdout.write(impact.report(result))
        return result.exit_code

    parser.set_defaults(handler=run)


COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_contract,
    _add_impact,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jasper-sim", description="Jasper PIM contract simulator")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
