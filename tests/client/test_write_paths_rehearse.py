"""Rehearsal of a breaking change: the scenarios against a documented-profile tenant, and `jasper-sim rehearse`."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from client.cli import main
from client.rehearse import Breakage, Rehearsal, rehearse, report
from client.scenarios import FIRST, SCENARIOS
from contracts import write_paths as wp
from contracts.op import Profile
from contracts.write_paths import WRITE_PATHS

EXPECTED = MappingProxyType(
    {
        wp.PRODUCT_ATTRIBUTES: Breakage(
            FIRST, wp.PRODUCT_ATTRIBUTES, "updateProductAttributes", 405, "method_not_allowed", ""
        ),
        wp.PRODUCT_INVENTORY: Breakage(FIRST, wp.PRODUCT_INVENTORY, "createProductInventory", 404, "other_profile", ""),
        # Variants: the documented profile makes them with parent fields, not the "variant" relation.
        wp.GRIDDED: Breakage(FIRST, wp.GRIDDED, "createProductRelation", 422, "variant_via_relation", ""),
    }
)


def without_messages(rehearsal: Rehearsal) -> dict[str, Breakage | None]:
    return {
        name: None if outcome is None else dataclasses.replace(outcome, message="")
        for name, outcome in rehearsal.outcomes.items()
    }


def test_scenarios_cover_every_write_path() -> None:
    assert list(SCENARIOS) == list(WRITE_PATHS)


def test_rehearse_documented_profile_breaks_inventory_variants_and_attribute_writes() -> None:
    rehearsal = rehearse()

    assert without_messages(rehearsal) == {name: EXPECTED.get(name) for name in WRITE_PATHS}
    assert rehearsal.broken == [wp.PRODUCT_ATTRIBUTES, wp.PRODUCT_INVENTORY, wp.GRIDDED]
    assert rehearsal.exit_code == 1


def test_rehearse_live_profile_breaks_nothing() -> None:
    rehearsal = rehearse(Profile.LIVE)

    assert without_messages(rehearsal) == dict.fromkeys(WRITE_PATHS)
    assert rehearsal.exit_code == 0


def test_rehearse_chosen_write_paths_only() -> None:
    assert list(rehearse(write_paths=[wp.CATEGORY, wp.GRIDDED]).outcomes) == [wp.CATEGORY, wp.GRIDDED]


def test_rehearse_unknown_write_path_raises() -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the only error it raises
        rehearse(write_paths=["brands"])


def test_report_names_each_broken_write_path_with_operation_and_answer() -> None:
    breakage = Breakage(FIRST, wp.GRIDDED, "createProductInventory", 404, "other_profile", "Served by live.")
    text = report(Rehearsal(Profile.DOCUMENTED, {wp.CATEGORY: None, wp.GRIDDED: breakage}))

    assert text.splitlines() == [
        "Rehearsal: the write paths' scenarios against a tenant serving the documented profile",
        "",
        "  ok     category",
        "  BREAKS gridded",
        "         at createProductInventory (POST /products/{product_id}/inventory), first run, in gridded",
        "         404 other_profile: Served by live.",
        "",
        "1 of 2 write paths break: gridded",
    ]


def test_cli_rehearse_documented_exits_1_and_prints_the_breaks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rehearse"]) == 1

    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if line.startswith("  BREAKS")] == [
        "  BREAKS product.attributes",
        "  BREAKS product.inventory",
        "  BREAKS gridded",
    ]
    assert lines[-1] == "3 of 11 write paths break: product.attributes, product.inventory, gridded"


def test_cli_rehearse_live_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rehearse", "--profile", "live", wp.PRODUCT_INVENTORY]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no write path breaks (1 rehearsed)"


def test_cli_rehearse_unknown_write_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rehearse", "brands"]) == 2
    assert capsys.readouterr().out == ""
