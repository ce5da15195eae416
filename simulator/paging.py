"""The list envelope: `wire.Page`'s `{data, links, meta}` in Laravel's paginator shape (assumed names).

Links keep `per_page` when the request chose a size other than the default, so a client that follows
`next` keeps its page size (Laravel needs `withQueryString()` for that; assumed here).
"""

from __future__ import annotations

from typing import Any

from contracts import wire
from simulator.resources.registry import PageSlice


def page_envelope(page: PageSlice, url: str) -> dict[str, Any]:
    """The JSON body of one list page; `url` is the list's absolute URL without a query."""
    last_page = max(1, -(-page.total // page.per_page))
    suffix = "" if page.per_page == wire.DEFAULT_PER_PAGE else f"&{wire.PER_PAGE_PARAM}={page.per_page}"

    def link(number: int) -> str:
        return f"{url}?{wire.PAGE_PARAM}={number}{suffix}"

    first_index = (page.page - 1) * page.per_page + 1
    count = max(0, min(page.per_page, page.total - first_index + 1))  # the items' (they may come serialised)
    return {
        wire.LIST_ITEMS_KEY: page.items,
        "links": {
            "first": link(1),
            "last": link(last_page),
            "prev": link(page.page - 1) if page.page > 1 else None,
            "next": link(page.page + 1) if page.page < last_page else None,
        },
        "meta": {
            "current_page": page.page,
            "from": first_index if count else None,
            "last_page": last_page,
            "path": url,
            "per_page": page.per_page,
            "to": first_index + count - 1 if count else None,
            "total": page.total,
        },
    }
