"""`jasper-sim snapshot`: read a real tenant into the state import shape (client/snapshot.py).

The API cannot list inventory locations or relation types, so they come from a config file (`--config
FILE`, the tenant named by `--tenant`), from `--locations 1=Main Warehouse,2=NYC` and
`--relation-types 1=variant,2=related`, or else the simulator's defaults. Exit 0 when everything was
read (what the API cannot show is listed on stderr), 1 when the tenant could not be read, 2 for bad
arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.config import Location, RelationType

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def add_command(sub: SubParsers) -> None:
    """Register `snapshot`."""
    parser = sub.add_parser(
        "snapshot",
        help="read a real tenant (GET only) into the state import shape, for a staging simulator",
        description="Read every list of a tenant through the production client (GET only, every page, with "
        "retries) and write what PUT /_sim/state and `jasper-sim state import` load. Progress goes to stderr.",
    )
    parser.add_argument("--base-url", required=True, help="the tenant's API Url, https://<tenant-host>/api/v1")
    parser.add_argument("--api-key", required=True, help="the tenant's API key (sent as a Bearer token)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--tenant", default="demo", help="the simulated tenant the snapshot is for (demo)")
    parser.add_argument("--config", type=Path, metavar="FILE", help="take locations and relation types from it")
    parser.add_argument("--locations", metavar="ID=NAME,...", help="the tenant's inventory locations")
    parser.add_argument("--relation-types", metavar="ID=SLUG,...", help="the tenant's product relation types")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import orjson

    from client import JasperClient, errors
    from client.snapshot import take

    try:
        locations, relation_types = _reference_data(args)
    except ValueError as error:
        print(f"jasper-sim snapshot: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    try:
        with JasperClient(args.base_url, args.api_key) as jasper:
            snap = take(jasper, locations=locations, relation_types=relation_types)
    except errors.JasperError as error:
        print(f"jasper-sim snapshot: cannot read the tenant: {error}", file=sys.stderr)
        return 1
    document = orjson.dumps(snap.document(args.tenant), option=orjson.OPT_INDENT_2) + b"\n"
    if args.out is None:
        sys.stdout.buffer.write(document)
    else:
        args.out.write_bytes(document)
        print(f"snapshot: wrote {args.out} (tenant {args.tenant})", file=sys.stderr)
    for line in snap.unread:
        print(f"snapshot: not read: {line}", file=sys.stderr)
    return 0


def _reference_data(args: argparse.Namespace) -> tuple[list[Location], list[RelationType]]:
    from pydantic import ValidationError

    from simulator.config import DEFAULT_LOCATIONS, DEFAULT_RELATION_TYPES, Location, RelationType, SimConfig

    locations, relation_types = list(DEFAULT_LOCATIONS), list(DEFAULT_RELATION_TYPES)
    if args.config is not None:
        try:
            config = SimConfig.from_file(args.config)
        except (OSError, ValidationError) as error:
            raise ValueError(f"cannot use --config {args.config}: {error}") from None
        try:
            tenant = config.tenant(args.tenant)
        except KeyError:
            raise ValueError(f"--config {args.config} has no tenant {args.tenant!r} (--tenant)") from None
        locations, relation_types = list(tenant.locations), list(tenant.relation_types)
    try:
        if args.locations:
            locations = [Location(id=int(key), name=value) for key, value in _pairs(args.locations, "--locations")]
        if args.relation_types:
            relation_types = [
                RelationType(id=int(key), name=value, slug=value)
                for key, value in _pairs(args.relation_types, "--relation-types")
            ]
    except ValidationError as error:
        raise ValueError(str(error)) from None
    return locations, relation_types


def _pairs(text: str, flag: str) -> list[tuple[str, str]]:
    pairs = []
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep or not key.strip().isdigit() or not value.strip():
            raise ValueError(f"{flag}: {item!r} is not ID=NAME")
        pairs.append((key.strip(), value.strip()))
    return pairs
