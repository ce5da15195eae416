"""Lazy iteration over every page of a list operation.

A page is fetched only when the consumer asks for its first item. The next page number comes from
our own counter and `meta.last_page`, not from `links.next`: Laravel builds `links` from the
tenant's configured APP_URL, whose host need not be the API Url the connector was given (assumed
envelope, contracts/wire.py). An empty page ends the iteration, so a server that miscounts its
pages cannot make the client loop forever.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from pydantic import BaseModel

from contracts.wire import Page

_Item = TypeVar("_Item", bound=BaseModel)


def iterate_pages(fetch_page: Callable[[int], Page[_Item]]) -> Iterator[_Item]:
    """Yield every item of every page, fetching page n+1 only after page n's items are consumed."""
    number = 1
    while True:
        page = fetch_page(number)
        yield from page.data
        if not page.data or number >= page.meta.last_page:
            return
        number += 1
