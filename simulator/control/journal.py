"""The request journal on the control plane.

`GET /_sim/journal`: filters `tenant`, `operation`, `method`, `status` (`2xx`, `4xx`, or one status),
`code`, `since`, `run`; cursor paging with `after` (the previous page's `next`) and `limit` (default 100);
`bodies=false` leaves the bodies out; `format=ndjson` answers one entry per line (every match unless a
`limit` is given). `GET /_sim/journal/{seq}`: one entry. `GET /_sim/journal.har`: the same filters as an
HTTP Archive (HAR 1.2). `DELETE /_sim/journal`: forget every entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import orjson
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from simulator import har
from simulator.control.common import authorised, json_response
from simulator.errors import NotFound, Unprocessable
from simulator.journal import Entry, Journal, describe
from simulator.journal_filter import JournalFilter

PAGE = 100


def routes() -> list[BaseRoute]:
    return [
        Route("/journal", get_journal, methods=["GET"]),
        Route("/journal", clear_journal, methods=["DELETE"]),
        Route("/journal.har", get_har, methods=["GET"]),
        Route("/journal/{seq:int}", get_entry, methods=["GET"]),
    ]


def query(request: Request) -> JournalFilter:
    """The journal filter of the query string (422 naming each bad parameter)."""
    try:
        wanted = JournalFilter.model_validate(dict(request.query_params))
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        for item in error.errors(include_url=False):
            errors.setdefault(".".join(str(part) for part in item["loc"]) or "query", []).append(item["msg"])
        raise Unprocessable(errors=errors) from None
    if wanted.run is not None:
        request.app.state.runs.get(wanted.run)  # 404 now, not in the middle of a streamed answer
    return wanted


def _selected(request: Request, wanted: JournalFilter, default_limit: int | None) -> Iterator[Entry]:
    entries = wanted.select(request.app.state.journal, request.app.state.runs)
    limit = wanted.limit or default_limit
    return islice(entries, limit) if limit is not None else entries


async def get_journal(request: Request) -> Response:
    """The matching entries, oldest first: a page (`next` is the cursor of the one after), or NDJSON."""
    authorised(request)
    wanted = query(request)
    journal: Journal = request.app.state.journal
    if wanted.format == "ndjson":
        selected = _selected(request, wanted, None)
        lines = (orjson.dumps(describe(entry, bodies=wanted.bodies)) + b"\n" for entry in selected)
        return StreamingResponse(lines, media_type="application/x-ndjson")
    limit = wanted.limit or PAGE
    page = list(islice(wanted.select(journal, request.app.state.runs), limit + 1))
    more = len(page) > limit
    page = page[:limit]
    return json_response(
        {
            "data": [describe(entry, bodies=wanted.bodies) for entry in page],
            "next": page[-1].seq if more else None,
            "last_seq": journal.last_seq,
            "oldest_seq": journal.oldest_seq,
            "dropped": journal.dropped,
            "held_bytes": journal.held_bytes,
            "budget_bytes": journal.budget,
        }
    )


async def get_entry(request: Request) -> Response:
    """One entry by its sequence number (404 once it has been dropped)."""
    authorised(request)
    seq: int = request.path_params["seq"]
    entry = request.app.state.journal.get(seq)
    if entry is None:
        raise NotFound(f"No journal entry {seq} (never recorded, or dropped).", code="unknown_entry")
    return json_response(describe(entry))


async def get_har(request: Request) -> Response:
    """The matching entries as HAR 1.2 (every match unless a `limit` is given)."""
    authorised(request)
    wanted = query(request)
    base = f"{request.url.scheme}://{request.url.netloc}"
    document = har.archive(_selected(request, wanted, None), base)
    return Response(
        document,
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="journal.har"'},
    )


async def clear_journal(request: Request) -> Response:
    """Forget every entry (sequence numbers go on)."""
    authorised(request)
    request.app.state.journal.clear()
    return Response(status_code=204)
