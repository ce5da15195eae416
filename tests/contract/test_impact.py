"""`jasper-sim impact`: what a deprecation affects, with its exit codes."""

from __future__ import annotations

import pytest

from client.cli import main
from contracts import OPERATIONS, impact, near_misses

COLLECTION_PUT_REPORT = """\
Query: PUT /products/{id}/attributes  (operation)
AFFECTED: 1 operation(s) the connector uses against live tenants.

Used live:
  PUT /products/{product_id}/attributes  updateProductAttributes  [observed-live; profiles live]
    catalogue: Update a Product Attribute Value (Product Attribute Endpoints)
    write paths: product.attributes

Write paths affected:
  product.attributes: Resolve attribute names, read the product's values, write with the collection PUT.
"""

PLURAL_INVENTORIES_REPORT = """\
Query: POST /products/{id}/inventories  (operation)
Not used live: nothing the connector uses against live tenants is affected.

Not used live:
  POST /products/{product_id}/inventories  createProductInventories  [documented; profiles documented]
    documented form of: Create a Product Inventory Record (not what the connector calls)
"""

LIST_PRODUCTS_REPORT = """\
Query: GET /products?page=2  (operation)
AFFECTED: 1 operation(s) the connector uses against live tenants.

Used live:
  GET /products  listProducts  [assumed; profiles documented+live]
    write paths: product, gridded

Write paths affected:
  gridded: Gridded product: options, values, option set, parent option fields, children linked as variants.
  product: Product upsert: create, or update the linked product.
"""


def test_collection_attribute_put_is_affected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "PUT /products/{id}/attributes"]) == 1
    assert capsys.readouterr().out == COLLECTION_PUT_REPORT


def test_plural_inventories_is_documented_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "POST /products/{id}/inventories"]) == 0
    assert capsys.readouterr().out == PLURAL_INVENTORIES_REPORT


def test_operation_with_a_query_string_matches_its_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "GET /products?page=2"]) == 1
    assert capsys.readouterr().out == LIST_PRODUCTS_REPORT


@pytest.mark.parametrize(
    ("query", "matched"),
    [
        ("GET /products?page=2&per_page=50", ["listProducts"]),
        ("GET /products/7?include=inventory", ["getProduct"]),
        ("GET /products/?page=2", ["listProducts"]),
        ("/options/{id}/values?page=1", ["listOptionValues", "createOptionValue", "updateOptionValue"]),
    ],
)
def test_query_string_is_ignored(query: str, matched: list[str]) -> None:
    assert [op.id for op in impact.analyse(impact.parse(query)).matched] == matched


@pytest.mark.parametrize("spelling", ["{id}", "{Id}", "{ProductId}", "{ID}", "42"])
def test_any_placeholder_spelling_matches(spelling: str) -> None:
    result = impact.analyse(impact.parse(f"PUT /products/{spelling}/attributes"))
    assert [op.id for op in result.matched] == ["updateProductAttributes"]


def test_webhook_delete_is_affected_and_names_the_action(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "DELETE /webhooks/{Id}"]) == 1
    assert "    connector action: Webhook_DEACTIVATE\n" in capsys.readouterr().out


def test_unknown_path_affects_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "GET /brands/{id}"]) == 0
    assert capsys.readouterr().out == (
        "Query: GET /brands/{id}  (operation)\n"
        "No operation in the contract matches: nothing the connector uses is affected.\n"
    )


def test_path_prefix_names_every_operation_below_it() -> None:
    result = impact.analyse(impact.parse("/option_sets"))
    assert {op.id for op in result.matched} == {
        "listOptionSets",
        "getOptionSet",
        "createOptionSet",
        "updateOptionSet",
        "listOptionSetOptions",
        "addOptionSetOption",
    }
    assert result.exit_code == 1


def test_base_url_in_front_of_the_path_is_ignored() -> None:
    result = impact.analyse(impact.parse("GET https://gbzpa8ohoz.pim.jasperpim.com/api/v1/ping"))
    assert [op.id for op in result.matched] == ["ping"]
    assert [op.id for op in impact.analyse(impact.parse("GET [Base URL]/ping")).matched] == ["ping"]


def test_field_query_finds_senders_and_readers() -> None:
    result = impact.analyse(impact.parse("inventory.count_on_hand"))
    assert result.directions == {
        "listProducts": "reads",
        "getProduct": "reads",
        "createProduct": "reads",
        "updateProduct": "reads",
        "createProductInventory": "sends, reads",
        "updateProductInventory": "sends, reads",
    }
    assert [op.id for op in result.affected] == list(result.directions)
    assert result.exit_code == 1


def test_documented_field_is_not_used_live() -> None:
    result = impact.analyse(impact.parse("inventories.quantity"))
    # product reads embed the documented row only on the documented profile: nothing live reads it
    assert result.directions == {
        "listProducts": "reads",
        "getProduct": "reads",
        "createProductWithParent": "reads",
        "updateProduct": "reads",
        "createChildProduct": "reads",
        "createProductInventories": "sends, reads",
        "updateProductInventories": "sends, reads",
    }
    assert (result.live_hits, result.affected, result.exit_code) == (set(), [], 0)


def _known_resources() -> str:
    return ", ".join(sorted({op.resource for op in OPERATIONS}))


CANNOT_PARSE = (
    "cannot parse {!r}: expected 'METHOD /path' (e.g. 'PUT /products/{{id}}/attributes'), a path prefix "
    "(e.g. '/products') or 'resource.field' (e.g. 'inventory.count_on_hand')"
)
BAD_PATH = "cannot parse the path in {!r}: segments must be names or {{placeholders}}"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query: expected 'METHOD /path', '/path/prefix' or 'resource.field'"),
        ("[Base URL]", "empty query: expected 'METHOD /path', '/path/prefix' or 'resource.field'"),
        (
            "FETCH /products",
            "unknown HTTP method 'FETCH' in 'FETCH /products'; expected one of DELETE, GET, HEAD, OPTIONS, PATCH, "
            "POST, PUT",
        ),
        ("products", CANNOT_PARSE.format("products")),
        ("inventory.", CANNOT_PARSE.format("inventory.")),
        ("GET /products/{id}/a b c", CANNOT_PARSE.format("GET /products/{id}/a b c")),
        ("PUT products/{id}", BAD_PATH.format("PUT products/{id}")),
        ("GET /products/{id}/a%20", BAD_PATH.format("GET /products/{id}/a%20")),
        (
            "inventory.nope",
            "resource 'inventory' has no field 'nope'; its fields: count_on_hand, created_at, id, location, "
            "location_id, product_id, quantity, updated_at",
        ),
        ("brand.name", None),
    ],
)
def test_unparsable_query_exits_2_with_a_message(
    query: str, message: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = message or f"unknown resource 'brand'; known: {_known_resources()}"
    assert main(["impact", query]) == 2
    assert capsys.readouterr() == ("", f"jasper-sim impact: {expected}\n")


@pytest.mark.parametrize("query", ["/", "//", "/api/v1//", "[Base URL]/"])
def test_root_query_in_any_spelling_reads_as_the_root(query: str) -> None:
    assert (impact.parse(query).path, impact.parse(query).kind) == ("/", "prefix")


def test_field_query_on_a_plural_resource_reads_as_its_singular() -> None:
    plural, singular = (impact.analyse(impact.parse(q)) for q in ("products.sku", "product.sku"))
    assert (plural.directions, [op.id for op in plural.matched]) == (
        singular.directions,
        [op.id for op in singular.matched],
    )
    assert plural.directions != {}


def test_field_query_report_says_which_way_each_operation_moves_the_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "inventory.count_on_hand"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if "createProductInventory" in line] == [
        "  POST /products/{product_id}/inventory  createProductInventory  [observed-live; profiles live]  "
        "(sends, reads the field)"
    ]


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("PUT /product/{id}/attributes", "PUT /products/{product_id}/attributes"),  # singular for plural
        ("PUT /products/{id}/atributes", "PUT /products/{product_id}/attributes"),  # one letter lost
        ("GET /categorys/{id}", "GET /categories/{category_id}"),
        ("PUT /products/42/attribute/7", "PUT /products/{product_id}/attributes/{attribute_id}"),
        ("POST /webhook", "POST /webhooks"),
        ("/option_set", "/option_sets"),  # a path prefix
        ("GET /option-sets", "GET /option_sets"),  # as ipaas-jasper-integration.md §9 spells it
    ],
)
def test_misspelt_query_exits_2_and_names_what_it_meant(
    query: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["impact", query]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"did you mean '{meant}'?" in captured.err


@pytest.mark.parametrize(
    "query", ["GET /brands/{id}", "DELETE /products/{id}", "GET /products/{id}/relations", "/brands"]
)
def test_really_unused_endpoint_still_exits_0(query: str) -> None:
    result = impact.analyse(impact.parse(query))
    assert (result.matched, result.exit_code) == ([], 0)


@pytest.mark.parametrize(
    ("query", "meant"),
    [("inventory.count_onhand", "'count_on_hand'"), ("webhook.header", "'headers'"), ("atribute.name", "'attribute'")],
)
def test_misspelt_field_query_exits_2_and_names_the_field(query: str, meant: str) -> None:
    with pytest.raises(impact.QueryError, match=f"did you mean {meant}"):
        impact.analyse(impact.parse(query))


@pytest.mark.parametrize(
    ("wanted", "known", "expected"),
    [
        ("product", "products", True),
        ("categorie", "categories", True),
        ("ping", "pong", True),
        ("ping", "pang", True),
        ("ping", "pung0", False),  # two edits on a short word
        ("atributes", "attributes", True),
        ("attribute_groups", "attribute_sets", False),
        ("options", "option_sets", False),
    ],
)
def test_close_allows_plurals_and_small_edits_only(wanted: str, known: str, expected: bool) -> None:
    assert near_misses.close(wanted, known) is expected
