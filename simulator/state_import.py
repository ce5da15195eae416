"""Reading a state import (`PUT /_sim/state`, `jasper-sim state import`) without stalling the API.

A state of 100k products is tens of megabytes. Validating it with one pydantic call holds the GIL for
seconds, so even in a worker thread every API call would wait. Here the body is parsed once (orjson),
then each table is validated in chunks of `CHUNK` rows, each chunk one short call: between chunks the
event loop's thread gets the GIL back and keeps answering. Errors name the same places a whole-body
validation would (`tenants.demo.products.3.sku`). Then the rules of `simulator.state_checks` run, and
each tenant's new store is built, all still off the event loop (`anyio.to_thread`); the caller puts
the stores in place.

Speed (issue 11: 100k products in 2 s on a loaded machine): the rows are validated in Python mode from
what orjson parsed (not dumped and parsed again) into TypedDicts, which are the store's records as they
are; timestamps are checked in one plain loop afterwards rather than by a validator called per field.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, Final, get_args, get_origin, get_type_hints

import orjson
from pydantic import TypeAdapter, ValidationError

from simulator.config import TenantSettings
from simulator.errors import Malformed, Unprocessable
from simulator.state import STAMP, TenantState, load_tenant
from simulator.state_checks import problems
from simulator.store import TenantStore

CHUNK: Final = 1000
_TABLES: Final = tuple(TenantState.model_fields)
# list[<Row>] per table (every field of TenantState is annotated)
_ROWS: Final[dict[str, TypeAdapter[list[Any]]]] = {
    name: TypeAdapter(field.annotation) for name, field in TenantState.model_fields.items() if field.annotation
}

StoreFactory = Callable[[TenantSettings], TenantStore]
# Python-mode validation words JSON types as Python's; the document is JSON (and was validated in JSON
# mode before), so these keep its words.
_JSON_WORDING: Final = {"dict_type": "Input should be an object", "list_type": "Input should be a valid array"}


def _stamp_fields(annotation: Any) -> tuple[str, ...]:
    """The fields of a `list[<Row>]` annotation that are marked `Stamp` (or `Stamp | None`)."""
    (row,) = get_args(annotation)
    found = []
    for name, hint in get_type_hints(row, include_extras=True).items():
        for option in (hint, *get_args(hint)):
            if get_origin(option) is Annotated and STAMP in option.__metadata__:
                found.append(name)
                break
    return tuple(found)


_STAMPS: Final = {name: _stamp_fields(field.annotation) for name, field in TenantState.model_fields.items()}


def parse(raw: bytes) -> dict[str, TenantState]:
    """The tenants of a state import, validated: 400 if the body is not JSON, 422 naming each problem."""
    try:
        document = orjson.loads(raw or b"{}")
    except orjson.JSONDecodeError as error:
        if "infinity" in str(error):  # JSON syntax, but not a finite number: refused as the API refuses it
            raise Unprocessable("body", f"Numbers must be finite ({error}).", code="invalid_state") from None
        raise Malformed() from None
    found: dict[str, list[str]] = {}
    if not isinstance(document, dict) or set(document) - {"tenants"}:
        raise Unprocessable("body", 'The body must be an object with one member, "tenants".', code="invalid_state")
    tenants = document.get("tenants")
    if not isinstance(tenants, dict):
        raise Unprocessable("tenants", "Input should be a valid dictionary", code="invalid_state")
    parsed: dict[str, TenantState] = {}
    for name, state in tenants.items():
        tenant = _tenant_state(name, state, found)
        if tenant is not None:
            parsed[name] = tenant
    if found:
        raise Unprocessable(errors=found, code="invalid_state")
    return parsed


def _tenant_state(name: str, state: Any, found: dict[str, list[str]]) -> TenantState | None:
    where = f"tenants.{name}"
    if not isinstance(state, dict):
        found.setdefault(where, []).append("Input should be a valid dictionary")
        return None
    for unknown in sorted(set(state) - set(_TABLES)):
        found.setdefault(f"{where}.{unknown}", []).append("Extra inputs are not permitted")
    tables: dict[str, list[Any]] = {}
    for table in _TABLES:
        rows = state.get(table, [])
        if not isinstance(rows, list):
            found.setdefault(f"{where}.{table}", []).append("Input should be a valid list")
            continue
        tables[table] = []
        for start in range(0, len(rows), CHUNK):
            try:
                tables[table] += _ROWS[table].validate_python(rows[start : start + CHUNK])
            except ValidationError as error:
                for item in error.errors(include_url=False):
                    index, *rest = item["loc"]
                    path = ".".join(str(part) for part in (where, table, start + int(index), *rest))
                    found.setdefault(path, []).append(_JSON_WORDING.get(item["type"], item["msg"]))
        _check_stamps(f"{where}.{table}", rows, _STAMPS[table], found)
    if any(key.startswith(f"{where}.") or key == where for key in found):
        return None
    return TenantState.model_construct(None, **tables)


def _check_stamps(where: str, rows: list[Any], fields: tuple[str, ...], found: dict[str, list[str]]) -> None:
    """Every text in a timestamp field must parse as ISO 8601, with pydantic's wording for a value error."""
    parse_stamp = datetime.fromisoformat
    for field in fields:
        texts = [row.get(field) if isinstance(row, dict) else None for row in rows]
        try:  # the usual case, every stamp fine, in one pass at C speed
            deque(map(parse_stamp, [text for text in texts if isinstance(text, str)]), maxlen=0)
            continue
        except ValueError:
            pass
        for index, text in enumerate(texts):
            if isinstance(text, str):
                try:
                    parse_stamp(text)
                except ValueError as error:
                    found.setdefault(f"{where}.{index}.{field}", []).append(f"Value error, {error}")


def check_and_build(
    states: Mapping[str, TenantState], settings: Mapping[str, TenantSettings], new_store: StoreFactory
) -> dict[str, TenantStore]:
    """Each named tenant's new store, after every rule is checked for all of them (422 otherwise)."""
    found: dict[str, list[str]] = {}
    for name, state in states.items():
        if name not in settings:
            found[name] = [f"No tenant named {name!r}."]
            continue
        for where, messages in problems(state, settings[name]).items():
            found[f"{name}.{where}"] = messages
    if found:
        raise Unprocessable(errors=found, code="invalid_state")
    stores: dict[str, TenantStore] = {}
    for name, state in states.items():
        store = new_store(settings[name])
        load_tenant(store, state)
        stores[name] = store
    return stores
