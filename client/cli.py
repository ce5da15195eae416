"""`jasper-sim`, the entry point: the simulator's commands plus those that need the production client.

simulator/cli.py owns contract, impact and serve; this module adds rehearse and verify, which run the
client (and, for rehearse, the simulator in-process), so simulator/ never imports client/. Each handler
imports what it needs when it runs: `jasper-sim serve` loads nothing of the client.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from simulator import cli as simulator_cli
from simulator.cli import SubParsers


class _HelpWithWritePaths(argparse.Action):
    """`rehearse --help`, which also lists the write-path names (read from the contract only when asked)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show this help and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from contracts.write_paths import WRITE_PATHS

        parser.print_help()
        width = max(map(len, WRITE_PATHS))
        listed = "".join(f"  {name:<{width}}  {text}\n" for name, text in WRITE_PATHS.items())
        sys.stdout.write(f"\nwrite paths:\n{listed}")
        parser.exit()


def _add_rehearse(sub: SubParsers) -> None:
    parser = sub.add_parser(
        "rehearse",
        add_help=False,
        help="run the write paths' scenarios against a documented-profile tenant: exit 1 if any breaks",
        description="Rehearse a breaking change: every write path's scenario runs in-process against a fresh "
        "simulated tenant of the profile (default: documented, what Jasper's reference describes); prints which "
        "write paths break, at which operation and why.",
    )
    parser.add_argument("-h", "--help", action=_HelpWithWritePaths)
    parser.add_argument("--profile", choices=["documented", "live"], default="documented", help="default: documented")
    parser.add_argument(
        "write_paths", nargs="*", metavar="WRITE_PATH", help="only these write paths (default: all; listed below)"
    )

    def run(args: argparse.Namespace) -> int:
        from client import rehearse
        from contracts.op import Profile

        try:
            result = rehearse.rehearse(Profile(args.profile), args.write_paths or None)
        except ValueError as error:
            print(f"jasper-sim rehearse: {error}", file=sys.stderr)
            return 2
        sys.stdout.write(rehearse.report(result))
        return result.exit_code

    parser.set_defaults(handler=run)


COMMANDS: tuple[simulator_cli.AddCommand, ...] = (*simulator_cli.COMMANDS, _add_rehearse)


def main(argv: Sequence[str] | None = None) -> int:
    """The `jasper-sim` entry point."""
    return simulator_cli.main(argv, COMMANDS)


if __name__ == "__main__":
    raise SystemExit(main())
