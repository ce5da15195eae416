"""Product prices: a product's price rows (IPAAS-EP "Prices"; KB-PRICE for the fields).

The field names are the CSV price importer's columns (KB-PRICE); the API may name them differently.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from contracts import catalogue_groups as groups
from contracts import write_paths as wp
from contracts.base import RequestModel, Stamped, prov
from contracts.op import CatalogueEntry, Op, Provenance
from contracts.wire import Id, PageQuery

L, D, A = Provenance.OBSERVED_LIVE, Provenance.DOCUMENTED, Provenance.ASSUMED
_KB = "KB-PRICE importer column; API key name unconfirmed"
Amount = Annotated[float, Field(ge=0)]


class _PriceFields(RequestModel):
    sell_price: Amount | None = prov(D, _KB, "Sell price.", default=None)
    cost: Amount | None = prov(D, _KB, "Cost.", default=None)
    msrp: Amount | None = prov(D, _KB, "Manufacturer's suggested retail price.", default=None)
    map: Amount | None = prov(D, _KB + " (shown as Base Price in the UI)", "Minimum advertised price.", default=None)
    starts_at: datetime | None = prov(
        D, _KB + "; without it the price expires at once", "Start of validity (UTC).", default=None
    )
    ends_at: datetime | None = prov(D, _KB, "End of validity (UTC); not before starts_at.", default=None)
    channel_id: Id | None = prov(
        A,
        "VZ-DM (secondary): a channel-specific price book entry; channels are not simulated",
        "Channel the row prices for; the write paths match rows on it.",
        default=None,
    )


class PriceCreate(_PriceFields):
    """A new price row."""


class PriceUpdate(_PriceFields):
    """Changes to a price row; fields left out stay as they are."""


class Price(Stamped):
    """A price row as the tenant returns it."""

    product_id: int = prov(A, "rows belong to one product", "The product.")
    sell_price: float | None = prov(D, _KB, "Sell price.", default=None)
    cost: float | None = prov(D, _KB, "Cost.", default=None)
    msrp: float | None = prov(D, _KB, "MSRP.", default=None)
    map: float | None = prov(D, _KB, "Minimum advertised price.", default=None)
    starts_at: datetime | None = prov(D, _KB, "Start of validity (UTC).", default=None)
    ends_at: datetime | None = prov(D, _KB, "End of validity (UTC).", default=None)
    channel_id: int | None = prov(A, "VZ-DM (secondary)", "Channel.", default=None)


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
    query=PageQuery,
    response=Price,
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
    body=PriceCreate,
    response=Price,
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
    body=PriceUpdate,
    response=Price,
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
