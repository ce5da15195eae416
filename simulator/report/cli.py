"""`jasper-sim report`: the dry-run report of a simulator, for a person (text, HTML) or a CI gate.

With `--url` it asks a running simulator's control plane for the report's JSON (`GET /_sim/report`,
simulator.report.model) over plain HTTP; with `--state` it builds the same JSON from a stopped simulator's
state file (simulator.report.offline). Either way it renders the JSON here. Exit codes: 1 when any call of
the range was refused, 0 when none was, 2 when no report could be made (bad arguments, no such run or
tenant, the simulator unreachable or refusing the admin token, the state file held or unreadable).
Building the parser imports nothing heavy (`jasper-sim serve` shares it); the handler imports the rest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx2

BAD_ARGUMENTS = 2


def add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `report` subcommand."""
    parser = sub.add_parser(
        "report",
        help="the dry-run report of a run (or of the calls after a journal entry): exit 1 if any call was refused",
        description="Report what a dry run would have written to the tenant, what the tenant refused, which "
        "calls another profile would answer otherwise and which seed catalogue entries were exercised. "
        "Without --run or --since: the tenant's latest run (its whole journal when it has none).",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", metavar="SIM_URL", help="a running simulator, e.g. http://127.0.0.1:8000")
    source.add_argument("--state", metavar="FILE", help="the state file of a stopped simulator (read only)")
    parser.add_argument("--tenant", help="the tenant (needed when the simulator has several)")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--run", type=int, metavar="ID", help="the run to report")
    scope.add_argument("--since", type=int, metavar="SEQ", help="report the calls after this journal entry")
    parser.add_argument("--format", choices=["text", "json", "html"], default="text", help="default: text")
    parser.add_argument("--out", metavar="FILE", help="write the report here (default: standard output)")
    parser.add_argument("--admin-token", metavar="TOKEN", help="the simulator's admin token, if it has one")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, http: httpx2.Client | None = None) -> int:
    """Fetch, render and write the report; the exit code (`http` replaces the HTTP client in tests)."""
    try:
        report = read_state(args) if args.state else fetch(args, http)
    except ReportUnavailableError as error:
        print(f"jasper-sim report: {error}", file=sys.stderr)
        return BAD_ARGUMENTS
    rendered = render(report, args.format)
    if args.out:
        Path(args.out).write_text(rendered, encoding="utf-8")
    else:
        sys.stdout.write(rendered)
    code: int = report["summary"]["exit_code"]
    return code


class ReportUnavailableError(Exception):
    """No report can be made; the message says why."""


def control_url(url: str) -> str:
    """The control plane's base from whatever the user gave: the simulator, its API URL or /_sim."""
    base = url.rstrip("/")
    for suffix in ("/api/v1", "/_sim"):
        base = base.removesuffix(suffix)
    return base + "/_sim"


def fetch(args: argparse.Namespace, http: httpx2.Client | None = None) -> dict[str, Any]:
    """The report's JSON from the simulator at `args.url`."""
    import httpx2  # noqa: PLC0415 (only the report command needs it)

    params = {name: str(value) for name in ("tenant", "run", "since") if (value := getattr(args, name)) is not None}
    headers = {"Authorization": f"Bearer {args.admin_token}"} if args.admin_token else {}
    client = http or httpx2.Client(timeout=60.0)
    try:
        response = client.get(f"{control_url(args.url)}/report", params=params, headers=headers)
    # httpx2.HTTPError, or a transport error httpx2 left unmapped (seen when another test in the same process
    # reloaded httpcore2): either way there is no report, which is exit 2, not a traceback
    except Exception as error:
        raise ReportUnavailableError(f"cannot reach the simulator at {args.url} ({error})") from None
    finally:
        if http is None:
            client.close()
    try:
        body = response.json()
    except ValueError:
        status = response.status_code
        raise ReportUnavailableError(f"{args.url} answered {status} without JSON: is it jasper-sim?") from None
    if response.status_code != 200:
        message = body.get("message") if isinstance(body, dict) else None
        raise ReportUnavailableError(f"the simulator answered {response.status_code}: {message or body}")
    report: dict[str, Any] = body
    return report


def read_state(args: argparse.Namespace) -> dict[str, Any]:
    """The report built from a state file, offline."""
    from simulator.errors import ApiError  # noqa: PLC0415
    from simulator.report import offline  # noqa: PLC0415

    try:
        return offline.build(Path(args.state), tenant=args.tenant, run_id=args.run, since=args.since)
    except offline.StateFileUnreadableError as error:
        raise ReportUnavailableError(str(error)) from None
    except ApiError as error:
        raise ReportUnavailableError(f"{error.status} {error.code}: {error.message}") from None


def render(report: dict[str, Any], form: str) -> str:
    """The report in one of its forms: json, text or html."""
    import orjson  # noqa: PLC0415

    from simulator.report import html, text  # noqa: PLC0415

    if form == "json":
        return orjson.dumps(report, option=orjson.OPT_INDENT_2).decode() + "\n"
    if form == "html":
        return html.render(report)
    return text.render(report)
