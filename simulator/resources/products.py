"""Products (contracts/products.py), including the variant shape on reads.

`sku` is unique per tenant (assumed from the importer keying products by SKU; KB-PIMP): a taken SKU
answers 422 on `sku`. `option_set_id` must name an existing option set, else 422 on it; the secondary
PUT the connector sends to set it on a parent (IPAAS-EP "Update Product Body fields") is `updateProduct`.
Live quirk (IPAAS-EP): `POST /products` takes no parent fields there (the strict body model answers 422
on `parent_id`); the documented profile takes `parent_id`, or `POST /products/{id}/child`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contracts import products as contract
from simulator.errors import Unprocessable
from simulator.render_cache import kept_answer
from simulator.resources.common import changes, paginate, require, require_ref
from simulator.resources.product_inventory import product_rows
from simulator.resources.product_relations import check_variant_parent, link
from simulator.resources.registry import Result, handles
from simulator.store import Record, TenantStore

if TYPE_CHECKING:
    from contracts.wire import Paging


def render_product(store: TenantStore, product: Record) -> Record:
    """A stored product with its variant links, categories, relations and inventory rows."""
    # Most products have no links: each part is built only when there is something (a 100-item page is
    # rendered per request; issue 11 measures it against a bare app's orjson list).
    product_id = product["id"]
    children = store.variant_children.get(product_id)
    categories = store.product_categories.get(product_id)
    relation_ids = store.product_relations.get(product_id)
    relations = store.relations
    return {
        **product,
        "parent_id": store.variant_parent.get(product_id),
        "children": list(children) if children else [],
        "categories": list(categories) if categories else [],
        "relations": [relations[relation_id] for relation_id in relation_ids] if relation_ids else [],
        "inventory": product_rows(store, product_id) if product_id in store.product_inventory else [],
    }


@handles(contract.LIST_PRODUCTS)
def list_products(store: TenantStore, query: Paging) -> Result:
    """A page of products in id order (kept rendered until the store changes: issue 11's 100-item page)."""
    products = store.products

    def item(product_id: int) -> Record:
        return render_product(store, products[product_id])

    return paginate(store, "products", query, store.table_ids["products"], item)


@handles(contract.GET_PRODUCT)
def get_product(store: TenantStore, product_id: int) -> Result:
    """One product (kept rendered until the store changes, as list pages are: simulator/render_cache.py)."""
    product = require(store.products, product_id, "product")
    return kept_answer(store, ("product", product_id), lambda: render_product(store, product))


@handles(contract.CREATE_PRODUCT)
def create_product(store: TenantStore, body: contract.ProductCreate) -> Result:
    """A new product (live: no parent fields)."""
    return render_product(store, _insert(store, body))


@handles(contract.CREATE_PRODUCT_WITH_PARENT)
def create_product_with_parent(store: TenantStore, body: contract.ProductCreateWithParent) -> Result:
    """A new product; with `parent_id` it becomes that product's variant (documented)."""
    parent_id = body.parent_id
    if parent_id is not None:
        require_ref(store.products, parent_id, "parent_id", "product")
        check_variant_parent(store, parent_id, "parent_id")
    product = _insert(store, body)
    if parent_id is not None:
        link(store, parent_id, product["id"], store.variant_type_id)
    return render_product(store, product)


@handles(contract.CREATE_CHILD_PRODUCT)
def create_child_product(store: TenantStore, product_id: int, body: contract.ProductCreate) -> Result:
    """A new product created as a variant of `product_id` (documented)."""
    require(store.products, product_id, "product")
    check_variant_parent(store, product_id, "product_id")
    product = _insert(store, body)
    link(store, product_id, product["id"], store.variant_type_id)
    return render_product(store, product)


@handles(contract.UPDATE_PRODUCT)
def update_product(store: TenantStore, product_id: int, body: contract.ProductUpdate) -> Result:
    """Change the fields sent; the others stay (assumed partial update, reference §6 note)."""
    product = require(store.products, product_id, "product")
    sent = changes(body)
    if "sku" in sent:
        _check_sku(store, sent["sku"], product_id)
    if sent.get("option_set_id") is not None:
        require_ref(store.option_sets, sent["option_set_id"], "option_set_id", "option set")
    if "sku" in sent and sent["sku"] != product["sku"]:
        del store.sku_index[product["sku"]]
        store.sku_index[sent["sku"]] = product_id
    return render_product(store, store.touch("products", product, sent))


def _insert(store: TenantStore, body: contract.ProductCreate) -> Record:
    _check_sku(store, body.sku, None)
    if body.option_set_id is not None:
        require_ref(store.option_sets, body.option_set_id, "option_set_id", "option set")
    product = store.insert(
        "products",
        {
            "name": body.name,
            "sku": body.sku,
            "type": body.type,
            "description": body.description,
            "option_set_id": body.option_set_id,
        },
    )
    store.sku_index[body.sku] = product["id"]
    return product


def _check_sku(store: TenantStore, sku: str, own_id: int | None) -> None:
    holder = store.sku_index.get(sku)
    if holder is not None and holder != own_id:
        raise Unprocessable("sku", "The sku has already been taken.", code="duplicate_sku")
