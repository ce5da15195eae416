"""`jasper-sim`: the simulator's commands (contract, impact, serve, state).

Each `_add_*` function registers one subcommand; `COMMANDS` lists them. The `jasper-sim` entry point is
client/cli.py, which adds the commands that need the production client (rehearse, verify) to these:
simulator/ never imports client/ (layering: contracts <- simulator <- client). Every import a command
needs happens inside its handler, so building the parser costs `serve` nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]
# Written out (no typing.TypeAlias): the entry point imports nothing it does not need (`serve` start-up).
AddCommand = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]
DISTRIBUTION = "jasper-pim-sim"


class _VersionAction(argparse.Action):
    """`--version`: the installed distribution's version, looked up only when asked for (importlib.metadata
    costs about 0.1 s to import, which `serve` should not pay)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from importlib.metadata import version

        sys.stdout.write(f"{parser.prog} {version(DISTRIBUTION)}\n")
        parser.exit()


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


def _add_scopes(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "scopes",
        help="the permissions the connector's API key needs: per write path, then the union",
        description="The scope review, from the operation table: for every write path (or those named) the "
        "operations it calls and the permission each needs, then the union, one per line. Permission names are "
        "assumed (contracts/permissions.py).",
    )
    parser.add_argument("write_paths", nargs="*", metavar="WRITE_PATH", help="only these write paths (default: all)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="default: text")

    def run(args: argparse.Namespace) -> int:
        import json

        from contracts import scopes

        try:
            result = scopes.review(args.write_paths or None)
        except ValueError as error:
            print(f"jasper-sim scopes: {error}", file=sys.stderr)
            return 2
        text = json.dumps(scopes.as_json(result), indent=2) + "\n" if args.format == "json" else scopes.as_text(result)
        sys.stdout.write(text)
        return 0

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
        # Start-up allocates much and frees little: the cyclic GC would only walk it again and again
        # (about 30 ms of `serve`'s start, issue 11). serve.run turns it back on before serving.
        gc.disable()
        # The simulator uses no pydantic plugin (observability hooks); looking for one reads every installed
        # distribution's metadata when the first model is built (about 15 ms). A value set by the user wins.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        try:
            return _serve(args)
        finally:
            gc.enable()

    def _serve(args: argparse.Namespace) -> int:
        from contracts.op import Profile
        from simulator import serve
        from simulator.config import SimConfig

        try:
            options = serve_cli.resolve(args)
        except serve_cli.BadEnvironmentError as error:
            print(f"jasper-sim serve: {error}", file=sys.stderr)
            return 2
        config = None
        if options["config"]:  # pydantic is imported only to read a file (issue 11: start-up time)
            from pydantic import ValidationError

            try:
                config = SimConfig.from_file(options["config"])
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
            faults=options["fault"],
            journal_bytes=options["journal_bytes"],
            deliver_webhooks=not options["no_webhook_delivery"],
        )
        return serve.run(plan)

    parser.set_defaults(handler=run)


def _add_state(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator import state_cli

    state_cli.add_command(sub)


def _add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from simulator.report.cli import add_report

    add_report(sub)


COMMANDS: tuple[AddCommand, ...] = (
    _add_contract,
    _add_impact,
    _add_scopes,
    _add_serve,
    _add_state,
    _add_report,
)


def build_parser(commands: Sequence[AddCommand] = COMMANDS) -> argparse.ArgumentParser:
    """The `jasper-sim` parser with `commands` as its subcommands (client/cli.py adds its own)."""
    parser = argparse.ArgumentParser(prog="jasper-sim", description="Jasper PIM contract simulator")
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in commands:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None, commands: Sequence[AddCommand] = COMMANDS) -> int:
    """Run one command; answers its exit status."""
    args = build_parser(commands).parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
