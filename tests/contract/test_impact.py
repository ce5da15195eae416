"""`jasper-sim impact`: what a deprecation affects, with its exit codes."""

from __future__ import annotations

import pytest

from contracts import impact
from simulator.cli import main


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
