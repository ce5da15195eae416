"""The bare reference app of the benchmark: trivial Starlette handlers on the simulator's paths.

It is ../shared/reference/perf-baseline.md's `bare.py` (a fixed product for GET, an echo for POST,
stdlib `JSONResponse`) under `/api/v1`, plus one list page: 15 of those products in the simulator's list
envelope. Nothing is validated, stored or authenticated: it measures uvicorn + Starlette alone, the
ceiling the simulator is compared with.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

PRODUCT = {"id": 1, "name": "Widget", "sku": "WID-001", "type": "simple", "price": "9.99"}
PAGE = {
    "data": [{**PRODUCT, "id": index} for index in range(1, 16)],
    "links": {"first": "/api/v1/products?page=1", "last": "/api/v1/products?page=1", "prev": None, "next": None},
    "meta": {"current_page": 1, "last_page": 1, "per_page": 15, "total": 15, "from": 1, "to": 15},
}


async def get_product(request: Request) -> JSONResponse:
    """The fixed product, whatever the id."""
    return JSONResponse(PRODUCT)


async def create_product(request: Request) -> JSONResponse:
    """The parsed body, echoed with 201."""
    return JSONResponse(await request.json(), status_code=201)


async def list_products(request: Request) -> JSONResponse:
    """A fixed page of 15 products."""
    return JSONResponse(PAGE)


app = Starlette(
    routes=[
        Route("/api/v1/products/{id:int}", get_product, methods=["GET"]),
        Route("/api/v1/products", create_product, methods=["POST"]),
        Route("/api/v1/products", list_products, methods=["GET"]),
    ]
)
