"""`jasper-sim serve`'s options, each also read from a `JASPER_SIM_<FLAG>` environment variable.

Containers and CI services are configured by environment; a flag given on the command line wins over
its variable. Booleans take 1/true/yes/on or 0/false/no/off; repeatable options take several values
separated by commas or white space, fault rules (whose text has commas) by `;` or new lines. A variable
that does not parse stops the command with exit 2 and names the variable.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

ENV_PREFIX: Final = "JASPER_SIM_"
_TRUE: Final = frozenset({"1", "true", "yes", "on"})
_FALSE: Final = frozenset({"0", "false", "no", "off", ""})


@dataclass(frozen=True, slots=True)
class Option:
    """One `serve` option: its flag, how its value reads, its default and help."""

    flag: str
    help: str
    default: Any = None
    type: Callable[[str], Any] = str
    kind: str = "value"  # value | flag (a boolean) | list (repeatable)
    choices: tuple[str, ...] | None = None
    metavar: str | None = None

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.dest.upper()


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise ValueError(f"{value} is not a port (0-65535)")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(f"{value} is negative")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 < value <= 3600:
        raise ValueError(f"{value} is not a number of seconds between 0 and 3600")
    return value


def _fault(text: str) -> Any:
    from simulator.faults.rules import FaultSpecError, parse_spec  # noqa: PLC0415 (loads the contract)

    try:
        return parse_spec(text)
    except FaultSpecError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


OPTIONS: Final = (
    Option("--host", "interface to bind", "127.0.0.1"),
    Option("--port", "port to bind; 0 picks a free one (the banner shows it)", 8000, _port),
    Option("--config", "tenants as JSON (see README); default: the demo tenant", None, Path, metavar="FILE"),
    Option("--state", "keep every tenant in this SQLite file across restarts", None, Path, metavar="FILE"),
    Option("--profile", "serve this profile on every tenant", None, str, choices=("live", "documented")),
    Option("--seed", "load the demo catalogue into every new tenant", None, str, choices=("demo",)),
    Option("--admin-token", "require this Bearer token on /_sim/ (the control plane)"),
    Option(
        "--allow-host",
        "also answer this Host header (a name, or .example.com for its subdomains); repeatable",
        (),
        kind="list",
        metavar="HOST",
    ),
    Option("--request-timeout", "seconds a request may take to arrive whole (headers and body)", 30.0, _seconds),
    Option("--idle-timeout", "seconds a new connection may wait before its first request", 10.0, _seconds),
    Option("--access-log", "log every request (halves throughput)", False, kind="flag"),
    Option("--journal-bytes", "memory for the request journal; 0 turns it off (default: 64 MiB)", None, _count),
    Option(
        "--no-webhook-delivery",
        "never send a webhook: each message is recorded as not sent, and any callback host is accepted (dry runs)",
        False,
        kind="flag",
    ),
    Option(
        "--fault",
        "a fault rule from the start, e.g. 'getProduct:status=503,times=2' (README); repeatable",
        (),
        _fault,
        kind="rules",
        metavar="RULE",
    ),
)


class BadEnvironmentError(ValueError):
    """An environment variable that does not parse."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add every option to `parser`; what is not given is read from the environment by `resolve`."""
    for option in OPTIONS:
        shown = f" (default: {option.default})" if option.default not in (None, (), False) else ""
        help_text = f"{option.help}{shown} [env {option.env}]"
        if option.kind == "flag":
            parser.add_argument(option.flag, action="store_const", const=True, default=None, help=help_text)
        elif option.kind in ("list", "rules"):
            kind = option.type if option.kind == "rules" else str
            parser.add_argument(
                option.flag, action="append", type=kind, default=None, metavar=option.metavar, help=help_text
            )
        else:
            parser.add_argument(
                option.flag,
                type=option.type,
                default=None,
                choices=option.choices,
                metavar=option.metavar,
                help=help_text,
            )


def resolve(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every option's value: the flag when given, else its variable, else the default.

    Raises `BadEnvironmentError` naming the variable when one does not parse.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for option in OPTIONS:
        given = getattr(args, option.dest)
        if given is None:
            given = _from_env(option, environ)
        values[option.dest] = tuple(given) if option.kind in ("list", "rules") else given
    return values


def _from_env(option: Option, environ: Mapping[str, str]) -> Any:
    raw = environ.get(option.env)
    if raw is None:
        return option.default
    try:
        if option.kind == "flag":
            lowered = raw.strip().lower()
            if lowered not in _TRUE | _FALSE:
                raise ValueError("expected 1/true/yes/on or 0/false/no/off")
            return lowered in _TRUE
        if option.kind == "list":
            return tuple(part for part in raw.replace(",", " ").split() if part)
        if option.kind == "rules":
            return tuple(option.type(part) for part in raw.replace("\n", ";").split(";") if part.strip())
        value = option.type(raw)
        if option.choices is not None and value not in option.choices:
            raise ValueError(f"expected one of {', '.join(option.choices)}")
        return value
    except (ValueError, argparse.ArgumentTypeError) as error:
        raise BadEnvironmentError(f"{option.env}={raw!r}: {error}") from None


def environment_help() -> str:
    """The variables and their flags, one per line (`serve --help` shows it)."""
    return "environment variables (a flag wins over its variable):\n" + "\n".join(
        f"  {option.env:<28} {option.flag}" for option in OPTIONS
    )
