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


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator import serve_cli

    parser = sub.add_parser(
        "serve",
        help="run the simulator as a local stand-in tenant (prints its base URL and API key)",
        description="Serve the simulated tenants with uvicorn. Beyond loopback the control plane needs an "
        "admin token; without one configured, one is generated and printed.",
        epilog=serve_cli.environment_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve_cli.add_arguments(parser)

    def run(args: argparse.Namespace) -> int:
        from pydantic import ValidationError

        from contracts.op import Profile
        from simulator import serve
        from simulator.config import SimConfig

        try:
            options = serve_cli.resolve(args)
        except serve_cli.BadEnvironmentError as error:
            print(f"jasper-sim serve: {error}", file=sys.stderr)
            return 2
        try:
            config = SimConfig.from_file(options["config"]) if options["config"] else None
        except (OSError, ValidationError) as error:
            reason = " ".join(str(error).split())
            print(f"jasper-sim serve: cannot use --config {options['config']}: {reason}", file=sys.stderr)
            return 2
        plan = serve.plan(
            host=options["host"],
            port=options["port"],
            config=config,
            profile=Profile(options["profile"]) if options["profile"] else None,
            seed=options["seed"],
            access_log=options["access_log"],
            admin_token=options["admin_token"],
            state=options["state"],
            allow_hosts=options["allow_host"],
            request_timeout=options["request_timeout"],
            idle_timeout=options["idle_timeout"],
        )
        return serve.run(plan)

    parser.set_defaults(handler=run)


def _add_rehearse(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "rehearse",
        help="run the write paths' scenarios against a documented-profile tenant: exit 1 if any breaks",
        description="Rehearse a breaking change: every write path's scenario runs in-process against a fresh "
        "simulated tenant of the profile (default: documented, what Jasper's reference describes); prints which "
        "write paths break, at which operation and why.",
    )
    parser.add_argument("--profile", choices=["documented", "live"], default="documented", help="default: documented")
    parser.add_argument("write_paths", nargs="*", metavar="WRITE_PATH", help="only these write paths (default: all)")

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


def _add_state(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator import state_cli

    state_cli.add_command(sub)


COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_contract,
    _add_impact,
    _add_serve,
    _add_state,
    _add_rehearse,
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
