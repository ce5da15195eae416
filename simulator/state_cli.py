"""`jasper-sim state export|import`: a state file's tenants as the control plane's JSON, offline.

For backups and moving between machines, with no simulator running (a file a running simulator holds is
refused: use its `/_sim/state` instead). `export` only reads. `import` opens the file as `serve --state
FILE [--config C]` would (the config's tenants are added when the file lacks them), checks the whole
document first (the same rules as `PUT /_sim/state`: a bad file changes nothing), then replaces the data
of the tenants it names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.errors import ApiError

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def add_command(sub: SubParsers) -> None:
    """Register `state export` and `state import`."""
    parser = sub.add_parser("state", help="export or import a state file's tenants offline (JSON)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write the tenants' data as JSON (/_sim/state's shape)")
    export.add_argument("--state", type=Path, required=True, metavar="FILE", help="the state file")
    export.add_argument("--out", type=Path, metavar="FILE", help="write here instead of standard output")
    export.add_argument("--tenant", help="only this tenant")
    export.set_defaults(handler=_export)
    load = actions.add_parser("import", help="replace the named tenants' data with a JSON file's")
    load.add_argument("--state", type=Path, required=True, metavar="FILE", help="the state file (created if missing)")
    load.add_argument("--config", type=Path, metavar="FILE", help="tenants as serve's --config (default: demo)")
    load.add_argument("document", type=Path, metavar="JSON", help="a /_sim/state export, or - for standard input")
    load.set_defaults(handler=_import)


def _export(args: argparse.Namespace) -> int:
    import orjson

    from simulator.persistence import Persistence, StateFileError
    from simulator.state import export_tenant
    from simulator.store import SequentialIds, utc_now
    from simulator.tenants import Tenants

    try:
        persistence = Persistence(args.state) if args.state.exists() else None
        if persistence is None:
            raise StateFileError(f"{args.state}: no such file")
        try:
            tenants = Tenants(None, clock=utc_now, id_factory=SequentialIds)
            persistence.load(tenants, (), write=False)
        finally:
            persistence.close()
    except StateFileError as error:
        print(f"jasper-sim state export: {error}", file=sys.stderr)
        return 2
    if args.tenant is not None and args.tenant not in tenants.by_name:
        print(f"jasper-sim state export: {args.state} holds no tenant {args.tenant!r}", file=sys.stderr)
        return 2
    chosen = [t for t in tenants if args.tenant is None or t.name == args.tenant]
    document = orjson.dumps({"tenants": {t.name: export_tenant(t.store) for t in chosen}}, option=orjson.OPT_INDENT_2)
    if args.out is None:
        sys.stdout.buffer.write(document + b"\n")
    else:
        args.out.write_bytes(document + b"\n")
        print(f"exported {len(chosen)} tenant(s) to {args.out}: {', '.join(t.name for t in chosen)}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from simulator import state_import
    from simulator.config import SimConfig
    from simulator.errors import ApiError
    from simulator.persistence import Persistence, StateFileError
    from simulator.store import SequentialIds, utc_now
    from simulator.tenants import Tenants

    try:
        raw = sys.stdin.buffer.read() if str(args.document) == "-" else args.document.read_bytes()
        config = SimConfig.from_file(args.config) if args.config else SimConfig.default()
    except (OSError, ValidationError) as error:
        print(f"jasper-sim state import: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    try:
        states = state_import.parse(raw)
    except ApiError as error:
        print(f"jasper-sim state import: {args.document}: {_problems(error)}", file=sys.stderr)
        return 2
    try:
        persistence = Persistence(args.state)
    except StateFileError as error:
        print(f"jasper-sim state import: {error}", file=sys.stderr)
        return 2
    try:
        tenants = Tenants(None, clock=utc_now, id_factory=SequentialIds)
        persistence.load(tenants, config.tenants)
        settings = {tenant.name: tenant.config for tenant in tenants}
        try:
            stores = state_import.check_and_build(states, settings, tenants.new_store)
        except ApiError as error:
            print(f"jasper-sim state import: {args.document}: {_problems(error)}", file=sys.stderr)
            return 2
        for name, store in stores.items():
            persistence.replace_tenant(name, store)
        persistence.commit()
    finally:
        persistence.close()
    print(f"imported {len(stores)} tenant(s) into {args.state}: {', '.join(stores)}", file=sys.stderr)
    return 0


def _problems(error: ApiError) -> str:
    """An error answer's message and its first problems, on one line."""
    listed = [f"{where}: {'; '.join(messages)}" for where, messages in list(error.errors.items())[:5]]
    more = f" (and {len(error.errors) - 5} more)" if len(error.errors) > 5 else ""
    return f"{error.message} " + " | ".join(listed) + more
