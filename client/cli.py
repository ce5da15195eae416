"""`jasper-sim`, the entry point: the simulator's commands plus those that need the production client.

simulator/cli.py owns contract, impact, scopes, serve and state; this module adds rehearse, snapshot and
verify, which run the client (and, for rehearse, the simulator in-process), so simulator/ never imports
client/. Each handler imports what it needs when it runs: `jasper-sim serve` loads nothing of the client.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from simulator import cli as simulator_cli


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


def _add_rehearse(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "rehearse",
        add_help=False,
        help="run the write paths' scenarios against a documented-profile tenant: exit 1 if any breaks",
        description="Rehearse a breaking change: every write path's scenario runs in-process against a fresh "
        "simulated tenant of the profile (default: documented, what Jasper's reference describes); prints which "
        "write paths break, at which operation and why.",
    )
    parser.add_argument("-h", "--help", action=_HelpWithWritePaths)
    parser.add_argument(
        "--profile", choices=["documented", "live"], help="default: documented; live with --permissions"
    )
    parser.add_argument(
        "--permissions",
        metavar="P,P,...",
        help="rehearse a key holding only these permissions (e.g. product:read,product:write; see `scopes`): "
        "each write path's own calls use it, and a 403 names the permission missing",
    )
    parser.add_argument(
        "write_paths", nargs="*", metavar="WRITE_PATH", help="only these write paths (default: all; listed below)"
    )

    def run(args: argparse.Namespace) -> int:
        from client import rehearse
        from contracts.op import Profile

        granted = None if args.permissions is None else [p.strip() for p in args.permissions.split(",") if p.strip()]
        profile = Profile(args.profile or ("documented" if granted is None else "live"))
        try:
            result = rehearse.rehearse(profile, args.write_paths or None, granted)
        except ValueError as error:
            print(f"jasper-sim rehearse: {error}", file=sys.stderr)
            return 2
        sys.stdout.write(rehearse.report(result))
        return result.exit_code

    parser.set_defaults(handler=run)


def _add_verify(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "verify",
        help="check a real tenant's answers against the contract: exit 1 on any difference, 2 on bad arguments",
        description="A fidelity report for a tenant: every list and get operation it can answer (ids for the gets "
        "come from the lists), each status and body checked against the contract field by field. Read-only unless "
        "--write, which also runs the write paths' scenarios with tagged names (and says what they leave behind).",
    )
    parser.add_argument("--base-url", required=True, help="the tenant's API Url, https://<tenant-host>/api/v1")
    parser.add_argument("--api-key", required=True, help="the tenant's API key (sent as a Bearer token)")
    parser.add_argument(
        "--profile", choices=["live", "documented"], default="live", help="the contract to check against (live)"
    )
    parser.add_argument("--write", action="store_true", help="also run the scenarios (creates tagged data)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="report format (text)")
    parser.add_argument(
        "--sample", type=int, default=5, metavar="N", help="ids per get operation, from the first page (5)"
    )
    parser.add_argument(
        "--relation-type",
        action="append",
        metavar="SLUG=ID",
        help="the tenant's id of a relation type, for --write (default: the simulator's, variant=1 ...)",
    )

    def run(args: argparse.Namespace) -> int:
        from client.verify import cli

        return cli.run(args)

    parser.set_defaults(handler=run)


def _add_snapshot(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from client import snapshot_cli

    snapshot_cli.add_command(sub)


COMMANDS: tuple[simulator_cli.AddCommand, ...] = (
    *simulator_cli.COMMANDS,
    _add_rehearse,
    _add_snapshot,
    _add_verify,
)


def main(argv: Sequence[str] | None = None) -> int:
    """The `jasper-sim` entry point."""
    return simulator_cli.main(argv, COMMANDS)


if __name__ == "__main__":
    raise SystemExit(main())
