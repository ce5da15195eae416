"""Which journal entries a reader asked for: the filters and the cursor of `GET /_sim/journal` (and `.har`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.journal import Entry, Journal
from simulator.runs import Runs

StatusClass = Annotated[str, Field(pattern=r"^(?:[1-5]xx|[1-5][0-9][0-9])$")]


class JournalFilter(BaseModel):
    """The query string: every filter is optional; `after` + `limit` page through the result."""

    model_config = ConfigDict(extra="forbid")

    tenant: str | None = None
    operation: str | None = None  # an operationId, e.g. createProduct
    method: str | None = None
    status: StatusClass | None = None  # 2xx, 4xx, ... or one status such as 422
    code: str | None = None  # the error code of the answer, e.g. unknown_location
    since: int | None = Field(default=None, ge=0)  # only entries after this sequence number
    run: int | None = Field(default=None, ge=1)  # only the calls of this run
    after: int | None = Field(default=None, ge=0)  # the cursor: the `next` of the previous page
    limit: int | None = Field(default=None, ge=1, le=10_000)  # default 100 (ndjson and HAR: all)
    format: Literal["json", "ndjson"] = "json"
    bodies: bool = True  # false: leave the bodies out (the page's table)

    def select(self, journal: Journal, runs: Runs) -> Iterator[Entry]:
        """The matching entries, oldest first (a `run` that names an unknown run answers 404)."""
        low = max(self.since or 0, self.after or 0)
        high: int | None = None
        tenant = self.tenant
        if self.run is not None:
            run = runs.get(self.run)
            if tenant is not None and tenant != run.tenant:
                return
            tenant, low, high = run.tenant, max(low, run.start_seq), run.end_seq
        method = self.method.upper() if self.method is not None else None
        status = self.status
        for entry in journal.after(low):
            if high is not None and entry.seq > high:
                return
            if (
                (tenant is not None and entry.tenant != tenant)
                or (self.operation is not None and entry.operation != self.operation)
                or (method is not None and entry.method != method)
                or (status is not None and not _status_matches(entry.status, status))
                or (self.code is not None and entry.code != self.code)
            ):
                continue
            yield entry


def _status_matches(status: int, wanted: str) -> bool:
    if wanted.endswith("xx"):
        return status // 100 == int(wanted[0])
    return status == int(wanted)
