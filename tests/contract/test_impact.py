"""`jasper-sim impact`: what a deprecation affects, with its exit codes."""

from __future__ import annotations

import pytest

from client.cli import main
from contracts import impact, near_misses


def test_collection_attribute_put_is_affected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "PUT /products/{id}/attributes"]) == 1
    out = capsys.readouterr().out
    assert "updateProductAttributes" in out
    assert "Update a Product Attribute Value" in out
    assert "product.attributes" in out


@pytest.mark.parametrize("spelling", ["{id}", "{Id}", "{ProductId}", "{ID}", "42"])
def test_any_placeholder_spelling_matches(spelling: str) -> None:
    result = impact.analyse(impact.parse(f"PUT /products/{spelling}/attributes"))
    assert [op.id for op in result.matched] == ["updateProductAttributes"]


def test_webhook_delete_is_affected_and_names_the_action(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "DELETE /webhooks/{Id}"]) == 1
    assert "Webhook_DEACTIVATE" in capsys.readouterr().out


def test_plural_inventories_is_documented_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "POST /products/{id}/inventories"]) == 0
    out = capsys.readouterr().out
    assert "createProductInventories" in out
    assert "Not used live" in out


def test_unknown_path_affects_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", "GET /brands/{id}"]) == 0
    assert "No operation" in capsys.readouterr().out


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
    assert result.directions["createProductInventory"] == "sends, reads"
    assert result.directions["getProduct"] == "reads"
    assert "createProductInventories" not in result.directions
    assert result.exit_code == 1


def test_documented_field_is_not_used_live() -> None:
    result = impact.analyse(impact.parse("inventories.quantity"))
    assert {op.id for op in result.matched} >= {"createProductInventories", "updateProductInventories"}
    assert result.exit_code == 0


@pytest.mark.parametrize(
    "query",
    [
        "",
        "FETCH /products",
        "products",
        "PUT products/{id}",
        "inventory.",
        "inventory.nope",
        "brand.name",
        "GET /products/{id}/a b c",
    ],
)
def test_unparsable_query_exits_2_with_a_message(query: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["impact", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jasper-sim impact: ")
    assert len(err.strip()) > len("jasper-sim impact: ") + 10


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
