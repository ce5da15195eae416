"""The bare reference app of the benchmark: trivial Starlette handlers on the simulator's paths.

It is ../shared/reference/perf-baseline.md's `bare.py` (a fixed product for GET, an echo for POST,
stdlib `JSONResponse`) under `/api/v1`, plus list pages in the simulator's list envelope: 15 of those
products (stdlib), and with `per_page=100` 100 products shaped like the simulator's, rendered with orjson
(perf-baseline.md §4's fast list, the ceiling for the 100-item page). Nothing is validated, stored or
authenticated: it measures uvicorn + Starlette alone, the ceiling the simulator is compared with.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

PRODUCT = {"id": 1, "name": "Widget", "sku": "WID-001", "type": "simple", "price": "9.99"}
PAGE = {
    "data": [{**PRODUCT, "id": index} for index in range(1, 16)],
    "links": {"first": "/api/v1/products?page=1", "last": "/api/v1/products?page=1", "prev": None, "next": None},
    "meta": {"current_page": 1, "last_page": 1, "per_page": 15, "total": 15, "from": 1, "to": 15},
}


_STAMP = "2026-11-30T12:00:00.000000Z"
PAGE_100: dict[str, Any] = {
    "data": [
        {"id": index, "name": f"Bench product {index}", "sku": f"BENCH-{index:03d}", "type": "simple",
         "description": None, "option_set_id": None, "created_at": _STAMP, "updated_at": _STAMP,
         "parent_id": None, "children": [], "categories": [], "relations": [], "inventory": []}
        for index in range(1, 101)
    ],
    "links": {"first": "/api/v1/products?page=1", "last": "/api/v1/products?page=2", "prev": None, "next": None},
    "meta": {"current_page": 1, "last_page": 2, "per_page": 100, "total": 107, "from": 1, "to": 100},
}  # fmt: skip


async def get_product(request: Request) -> JSONResponse:
    """The fixed product, whatever the id."""
    return JSONResponse(PRODUCT)


async def create_product(request: Request) -> JSONResponse:
    """The parsed body, echoed with 201."""
    return JSONResponse(await request.json(), status_code=201)


async def list_products(request: Request) -> Response:
    """A fixed page of 15 products; with `per_page=100`, 100 products serialised by orjson."""
    if request.query_params.get("per_page") == "100":
        return Response(orjson.dumps(PAGE_100), media_type="application/json")  # serialised per request
    return JSONResponse(PAGE)


app = Starlette(
    routes=[
        Route("/api/v1/products/{id:int}", get_product, methods=["GET"]),
        Route("/api/v1/products", create_product, methods=["POST"]),
        Route("/api/v1/products", list_products, methods=["GET"]),
    ]
)
