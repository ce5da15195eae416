"""Journal entries as an HTTP Archive (HAR 1.2), which browser developer tools and HTTP tools open.

Written with `harfile` (schemathesis's HAR writer). The journal keeps no headers, so a request shows only
its content type (never `Authorization`: keys are not journalled), and no Host: each URL is built on the
base URL the archive was asked from. The sequence number, operation, tenant, error code and fault of each
call are in its `comment`. Timings: the whole duration is `wait` (the simulator measures no network).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import timedelta
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import parse_qsl

import harfile

from simulator.journal import Entry

_JSON = "application/json"


def _version() -> str:
    try:
        return version("jasper-pim-sim")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0"


def archive(entries: Iterable[Entry], base_url: str) -> str:
    """The entries as one HAR 1.2 document (JSON text); `base_url` is the simulator's own, e.g. http://127.0.0.1:8000."""
    out = io.StringIO()
    creator = harfile.Creator(name="jasper-sim", version=_version())
    with harfile.HarFile(out, creator=creator, comment="Jasper PIM simulator request journal") as har:
        for entry in entries:
            _add(har, entry, base_url.rstrip("/"))
    return out.getvalue()


def _add(har: harfile.HarFile, entry: Entry, base_url: str) -> None:
    query = entry.query.decode("latin-1")
    url = f"{base_url}{entry.path}" + (f"?{query}" if query else "")
    milliseconds = round(entry.duration * 1000, 3)
    request_text = entry.request_body.decode("utf-8", errors="replace")
    response_text = entry.response_body.decode("utf-8", errors="replace")
    request = harfile.Request(
        method=entry.method,
        url=url,
        httpVersion="HTTP/1.1",
        headers=[harfile.Record(name="Content-Type", value=_JSON)] if entry.request_body else [],
        queryString=[harfile.Record(name=k, value=v) for k, v in parse_qsl(query, keep_blank_values=True)],
        postData=harfile.PostData(mimeType=_JSON, text=request_text) if entry.request_body else None,
        bodySize=len(entry.request_body),
    )
    response = harfile.Response(
        status=entry.status,
        statusText=_phrase(entry.status),
        httpVersion="HTTP/1.1",
        headers=[harfile.Record(name="Content-Type", value=_JSON)] if entry.response_body else [],
        content=harfile.Content(
            size=len(entry.response_body), mimeType=_JSON if entry.response_body else "", text=response_text
        ),
        bodySize=len(entry.response_body),
    )
    har.add_entry(
        startedDateTime=entry.time - timedelta(seconds=entry.duration),
        time=milliseconds,
        request=request,
        response=response,
        timings=harfile.Timings(send=0, wait=milliseconds, receive=0),
        comment=_comment(entry),
    )


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _comment(entry: Entry) -> str:
    parts = [f"seq {entry.seq}", f"operation {entry.operation or '-'}", f"tenant {entry.tenant or '-'}"]
    if entry.code is not None:
        parts.append(f"code {entry.code}")
    if entry.fault is not None:
        parts.append(f"fault {entry.fault}")
    return "; ".join(parts)
