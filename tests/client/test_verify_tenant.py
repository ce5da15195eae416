"""`jasper-sim verify` against served simulators (real sockets): the live contract on a live tenant finds no
difference; on a documented-profile tenant it finds exactly the profiles' known differences."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from client.cli import main
from client.verify import Outcome, Report, verify
from client.verify.model import Kind
from client.verify.render import as_json
from contracts import OPERATIONS
from contracts import write_paths as wp
from contracts.op import Profile
from simulator.config import DEMO_KEY, SimConfig, TenantConfig
from tests.served import serve

DOCS_KEY = "docs-key"
READS = {op.id for op in OPERATIONS if op.method == "GET"}
# A documented tenant's product carries InventoryRow rows (location_id, quantity); the live contract
# declares InventoryRecord rows (location, count_on_hand). Nothing else a read answers differs.
_ROW = [
    (Kind.MISSING, "inventory/*/count_on_hand"),
    (Kind.MISSING, "inventory/*/location"),
    (Kind.UNKNOWN, "inventory/*/location_id"),
    (Kind.UNKNOWN, "inventory/*/quantity"),
]
KNOWN_READ_DIFFERENCES = {
    *{("listProducts", kind, f"/data/*/{field}") for kind, field in _ROW},
    *{("getProduct", kind, f"/{field}") for kind, field in _ROW},
}


def _tenants() -> SimConfig:
    return SimConfig(
        tenants=[TenantConfig.named("demo", DEMO_KEY), TenantConfig.named("docs", DOCS_KEY, Profile.DOCUMENTED)]
    )


@pytest.fixture(scope="module")
def seeded() -> Iterator[str]:
    """A served simulator with a live ("demo") and a documented ("docs") tenant, both with the demo
    catalogue; read-only checks only (the --write tests get their own)."""
    with serve(_tenants(), seed_demo=True) as base_url:
        yield base_url


@pytest.fixture
def writable() -> Iterator[str]:
    """The same, fresh for one test that writes."""
    with serve(_tenants(), seed_demo=True) as base_url:
        yield base_url


def differences(report: Report) -> set[tuple[str, Kind, str]]:
    return {(result.operation, d.kind, d.field) for result in report.operations for d in result.differences}


def outcomes(report: Report, outcome: Outcome) -> set[str]:
    return {result.operation for result in report.operations if result.outcome is outcome}


def test_verify_live_tenant_against_live_contract_finds_no_difference(seeded: str) -> None:
    report = verify(seeded, DEMO_KEY, Profile.LIVE)

    assert differences(report) == set()
    assert outcomes(report, Outcome.MATCHES) == READS  # every read reached, ids taken from the lists
    assert report.exit_code == 0


def test_verify_documented_tenant_against_live_contract_finds_exactly_the_row_shape(seeded: str) -> None:
    report = verify(seeded, DOCS_KEY, Profile.LIVE)

    assert differences(report) == KNOWN_READ_DIFFERENCES
    assert outcomes(report, Outcome.DIFFERS) == {"listProducts", "getProduct"}
    assert outcomes(report, Outcome.MATCHES) == READS - {"listProducts", "getProduct"}
    assert report.exit_code == 1


def test_verify_documented_tenant_against_documented_contract_finds_no_difference(seeded: str) -> None:
    report = verify(seeded, DOCS_KEY, Profile.DOCUMENTED)
    assert (differences(report), report.exit_code) == (set(), 0)


def test_verify_read_only_reaches_no_write(seeded: str) -> None:
    report = verify(seeded, DEMO_KEY, Profile.LIVE)
    not_reached = {result.operation: result.note for result in report.operations if result.method != "GET"}
    assert set(not_reached) == outcomes(report, Outcome.NOT_REACHED)
    assert set(not_reached.values()) == {"a write; --write runs the scenarios"}


def test_verify_sample_bounds_the_gets_per_list(seeded: str) -> None:
    report = verify(seeded, DEMO_KEY, Profile.LIVE, sample=2)
    calls = {result.operation: result.calls for result in report.operations}
    assert (calls["listProducts"], calls["getProduct"], calls["listProductPrices"]) == (1, 2, 2)


def test_verify_write_on_live_tenant_runs_every_scenario_and_lists_what_it_created(writable: str) -> None:
    report = verify(writable, DEMO_KEY, Profile.LIVE, write=True)

    assert differences(report) == set()
    assert [(scenario.write_path, scenario.broke_at) for scenario in report.scenarios] == [
        (name, "") for name in wp.WRITE_PATHS
    ]
    assert report.tag.startswith("verify-")
    assert {"createProduct", "createCategory", "createWebhook"} <= set(report.left_behind)
    assert "addOptionSetOption" not in report.left_behind  # it answers the set its path names
    assert report.exit_code == 0


def test_verify_write_on_documented_tenant_breaks_the_rehearsed_write_paths(writable: str) -> None:
    report = verify(writable, DOCS_KEY, Profile.LIVE, write=True)

    broken = [scenario.write_path for scenario in report.scenarios if scenario.broke_at]
    assert broken == [wp.PRODUCT_ATTRIBUTES, wp.PRODUCT_INVENTORY, wp.GRIDDED]
    assert ("updateProductAttributes", Kind.STATUS, "") in differences(report)  # 405, not a declared status
    assert report.exit_code == 1


def test_cli_verify_exits_0_on_a_live_tenant_and_1_on_a_documented_one(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--base-url", seeded, "--api-key", DEMO_KEY]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "46 operations: 19 matches, 0 differs, 27 not reached"
    assert main(["verify", "--base-url", seeded, "--api-key", DOCS_KEY]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "46 operations: 17 matches, 2 differs, 27 not reached"


def test_cli_verify_json_has_the_report_content(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--base-url", seeded, "--api-key", DOCS_KEY, "--format", "json"]) == 1
    printed = json.loads(capsys.readouterr().out)

    assert printed == as_json(verify(seeded, DOCS_KEY, Profile.LIVE))
    assert printed["summary"] == {"matches": 17, "differs": 2, "not reached": 27}
    found = {(o["operation"], d["kind"], d["field"]) for o in printed["operations"] for d in o["differences"]}
    assert found == {(operation, kind.value, field) for operation, kind, field in KNOWN_READ_DIFFERENCES}


@pytest.mark.parametrize(
    "arguments",
    [
        ["--api-key", "wrong-key"],  # 401 on the first call
        ["--api-key", DEMO_KEY, "--sample", "0"],
        ["--api-key", DEMO_KEY, "--relation-type", "variant"],
        ["--api-key", DEMO_KEY, "--profile", "staging"],
    ],
)
def test_cli_verify_bad_arguments_exit_2(seeded: str, arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(["verify", "--base-url", seeded, *arguments])
    except SystemExit as exit_:  # argparse's own refusals
        code = int(str(exit_.code))
    assert code == 2
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:9/api/v1", "{served}/products", "{served_root}"])
def test_cli_verify_url_that_cannot_work_exits_2(
    seeded: str, base_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = base_url.format(served=seeded, served_root=seeded.removesuffix("/api/v1"))
    assert main(["verify", "--base-url", url, "--api-key", DEMO_KEY]) == 2
    assert capsys.readouterr().err.startswith("jasper-sim verify: ")
