"""Product prices: a product's price rows (IPAAS-EP "Prices"; KB-PRICE for the fields).

The field names are the CSV price importer's columns (KB-PRICE); the API may name them differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.op import CatalogueEntry, ModelRef, Op, Provenance, lazy_models
from contracts.wire import PAGE_QUERY

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_KB = "KB-PRICE importer column; API key name unconfirmed"


_PATHS = (wp.PRODUCT_PRICES,)
_PERIOD = "starts_at after ends_at answers 422 on ends_at; a date without an offset is UTC (assumed)."

LIST_PRODUCT_PRICES = Op(
    id="listProductPrices",
    method="GET",
    path="/products/{product_id}/prices",
    summary="List a product's price rows.",
    resource="price",
    provenance=L,
    source="IPAAS-EP: Get All Prices for a Product",
    query_ref=PAGE_QUERY,
    response_ref=ModelRef("contracts.models.product_prices", "Price"),
    many=True,
    errors=(404,),
    catalogue=(
        CatalogueEntry(
            "Get All Prices for a Product",
            groups.PRODUCT,
            "/products/{ProductId}/prices",
            "Lists a product's price rows, to choose between create and update.",
        ),
    ),
    write_paths=_PATHS,
)
CREATE_PRODUCT_PRICE = Op(
    id="createProductPrice",
    method="POST",
    path="/products/{product_id}/prices",
    summary="Create a price row.",
    resource="price",
    provenance=L,
    source="IPAAS-EP: Create a Product Price",
    body_ref=ModelRef("contracts.models.product_prices", "PriceCreate"),
    response_ref=ModelRef("contracts.models.product_prices", "Price"),
    status=201,
    errors=(404, 422),
    creates="price_id",
    notes=_PERIOD,
    catalogue=(
        CatalogueEntry(
            "Create a Product Price",
            groups.PRODUCT,
            "/products/{ProductId}/prices",
            "Creates a price row that does not exist yet.",
        ),
    ),
    write_paths=_PATHS,
)
UPDATE_PRODUCT_PRICE = Op(
    id="updateProductPrice",
    method="PUT",
    path="/products/{product_id}/prices/{price_id}",
    summary="Update a price row.",
    resource="price",
    provenance=L,
    source="IPAAS-EP: Update a Product Price",
    body_ref=ModelRef("contracts.models.product_prices", "PriceUpdate"),
    response_ref=ModelRef("contracts.models.product_prices", "Price"),
    errors=(404, 422),
    catalogue=(
        CatalogueEntry(
            "Update a Product Price",
            groups.PRODUCT,
            "/products/{ProductId}/prices/{Id}",
            "Updates a price row by its id.",
        ),
    ),
    write_paths=_PATHS,
    notes="A row that belongs to another product answers 404. " + _PERIOD,
)

OPS = (LIST_PRODUCT_PRICES, CREATE_PRODUCT_PRICE, UPDATE_PRODUCT_PRICE)


# The models: contracts/models/product_prices.py, loaded on first use (PEP 562; issue 11).
if TYPE_CHECKING:
    from contracts.models.product_prices import Amount as Amount
    from contracts.models.product_prices import Price as Price
    from contracts.models.product_prices import PriceCreate as PriceCreate
    from contracts.models.product_prices import PriceUpdate as PriceUpdate
else:
    __getattr__ = lazy_models(
        __name__,
        (
            "Amount",
            "Price",
            "PriceCreate",
            "PriceUpdate",
        ),
    )
