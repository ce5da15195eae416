"""Gridded product: the parent, its grid and option set, and each variant as a product (integration note W3).

Order: the parent as in the product upsert (its own rows included); its options, values and option
set (client/write_paths/options.py); the secondary PUT that sets the parent's `option_set_id` (IPAAS-EP
"Update Product Body fields"; KB-OPT: an assigned option set makes a parent); then each variant.
Live quirk (IPAAS-EP, variant note): a variant is created as a plain product (linked under "Product
Variant") and then linked to its parent through the relations endpoint with the tenant's "variant"
relation type, whose id is tenant reference data (`Sync.relation_types`). The link is skipped when the
child already names the parent. Each variant's stock is written like a product's, linked under
"Product Variant Inventory".
Gap: the contract has no operation that sets a child's option values (integration note W3 step 9 is
not in the connector's catalogue), so each variant's `option_values` are checked against the grid and
not sent.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from client.external_ids import CollectionType, IpaasId
from client.write_paths.inventory import InventoryInput, write_inventory
from client.write_paths.options import OptionInput, option_set_name, upsert_option_set, upsert_options
from client.write_paths.product_categories import resolve_categories
from client.write_paths.products import ProductFields, ProductInput, save_product, write_product_rows
from client.write_paths.sync import VARIANT, Sync
from contracts import write_paths as wp
from contracts.products import Product, ProductUpdate


class VariantInput(ProductFields):
    """A variant of an iPaaS gridded product: its own product fields, option values and stock."""

    option_values: dict[IpaasId, IpaasId] = Field(default_factory=dict)  # iPaaS option id -> value id
    inventory: list[InventoryInput] = Field(default_factory=list)


class GriddedProductInput(ProductInput):
    """An iPaaS product with options and variants (IPAAS-PROD: one template for simple and gridded)."""

    options: list[OptionInput] = Field(min_length=1)
    variants: list[VariantInput] = Field(default_factory=list)

    @model_validator(mode="after")
    def _variants_fit_the_grid(self) -> GriddedProductInput:
        grid = {option.id: {value.id for value in option.values} for option in self.options}
        for variant in self.variants:
            if set(variant.option_values) != set(grid):
                raise ValueError(f"variant {variant.id} must pick one value of every option")
            if any(value not in grid[option] for option, value in variant.option_values.items()):
                raise ValueError(f"variant {variant.id} picks a value its option does not have")
        skus = [self.sku, *(variant.sku for variant in self.variants)]
        if len(set(skus)) != len(skus):
            raise ValueError("the parent and its variants need distinct SKUs")
        return self


def upsert_gridded_product(sync: Sync, product: GriddedProductInput) -> Product:
    """Write the parent, its grid, and every variant; answers the parent as last written."""
    variant_type = sync.relation_type(VARIANT)  # fails before anything is written when not configured
    with sync.step(wp.PRODUCT_CATEGORIES):
        category_ids = resolve_categories(sync, product.categories)
    with sync.step(wp.PRODUCT):
        parent = save_product(sync, product, CollectionType.PRODUCT)
    write_product_rows(sync, parent, product, category_ids)
    with sync.step(wp.GRIDDED):
        option_ids = upsert_options(sync, product.options)
        name = option_set_name(product.sku, product.options)
        option_set_id = upsert_option_set(sync, product.id, name, option_ids)
        if parent.option_set_id != option_set_id:
            parent = sync.jasper.products.update(parent.id, ProductUpdate(option_set_id=option_set_id))
        for variant in product.variants:
            _write_variant(sync, parent.id, variant, variant_type)
    return parent


def _write_variant(sync: Sync, parent_id: int, variant: VariantInput, variant_type: int) -> None:
    child = save_product(sync, variant, CollectionType.PRODUCT_VARIANT)
    if child.parent_id != parent_id:
        sync.jasper.product_relations.create(parent_id, child.id, variant_type)
    write_inventory(sync, child, variant.inventory, CollectionType.PRODUCT_VARIANT_INVENTORY)
