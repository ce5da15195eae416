"""`jasper-sim verify`: arguments in, report out; exit 0 all match, 1 any difference, 2 bad arguments."""

from __future__ import annotations

import argparse
import json
import sys

from client.verify import render
from client.verify.run import CannotVerify, verify
from client.write_paths.sync import DEFAULT_RELATION_TYPES
from contracts.op import Profile


def relation_types(given: list[str]) -> dict[str, int]:
    """`slug=id` pairs over the simulator's defaults; ValueError on a malformed one."""
    types = dict(DEFAULT_RELATION_TYPES)
    for pair in given:
        slug, _, id_ = pair.partition("=")
        if not slug or not id_.isdigit() or int(id_) < 1:
            raise ValueError(f"--relation-type {pair!r}: expected SLUG=ID, e.g. variant=7")
        types[slug] = int(id_)
    return types


def run(args: argparse.Namespace) -> int:
    """Verify the tenant the arguments name and print the report."""
    if args.sample < 1:
        print("jasper-sim verify: --sample must be at least 1", file=sys.stderr)
        return 2
    try:
        types = relation_types(args.relation_type or [])
        report = verify(
            args.base_url,
            args.api_key,
            Profile(args.profile),
            write=args.write,
            sample=args.sample,
            relation_types=types,
        )
    except (ValueError, CannotVerify) as error:
        print(f"jasper-sim verify: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(render.as_json(report), indent=2) + "\n")
    else:
        sys.stdout.write(render.text(report))
    return report.exit_code
