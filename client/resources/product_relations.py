"""Product relations (contracts/product_relations.py): `jasper.product_relations`."""

from __future__ import annotations

from client.registry import calls
from client.resources._base import Resource
from contracts import product_relations as c


class ProductRelations(Resource):
    """Links between products: variants on the live API, and related products."""

    @calls(c.CREATE_PRODUCT_RELATION)
    def create(self, product_id: int, related_product_id: int, relation_type_id: int) -> c.ProductRelation:
        """Link `related_product_id` to `product_id` under a relation type (the tenant's "variant" type
        makes it a variant). Linking again answers the existing link. Never retried."""
        params = {
            "product_id": product_id,
            "related_product_id": related_product_id,
            "relation_type_id": relation_type_id,
        }
        return self._one(c.CREATE_PRODUCT_RELATION, c.ProductRelation, params)
