"""`jasper-sim report`: the report fetched from a simulator, rendered, and its exit code as a CI gate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.cli import build_parser, main
from simulator.config import DEMO_KEY, SimConfig, TenantConfig
from simulator.report import cli
from tests.simulator import builders
from tests.simulator.conftest import bearer


def report(app: Any, *argv: str) -> int:
    args = build_parser().parse_args(["report", "--url", "http://testserver", *argv])
    with TestClient(app) as http:
        return cli.run(args, http=http)


@pytest.fixture
def one_run(admin: TestClient, client: TestClient) -> TestClient:
    admin.post("/runs", json={"tenant": "demo", "name": "sync"})
    builders.product(client)
    admin.post("/runs/1/end", json={})
    return admin


def test_report_exits_0_when_nothing_was_refused(
    app: Any, one_run: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report(app, "--tenant", "demo", "--run", "1") == 0
    out = capsys.readouterr().out
    assert out.startswith('Dry run 1 "sync" of tenant demo (live profile)\n')
    assert out.endswith("Result: no call refused: exit 0\n")


def test_report_exits_1_when_a_call_was_refused(
    app: Any, one_run: TestClient, client: TestClient, tmp_path: Path
) -> None:
    client.post("/products", json={"name": "no sku"})
    out = tmp_path / "report.json"
    assert report(app, "--tenant", "demo", "--since", "1", "--format", "json", "--out", str(out)) == 1
    assert orjson.loads(out.read_bytes()) == one_run.get("/report", params={"tenant": "demo", "since": 1}).json()


def test_report_as_html_is_one_file(app: Any, one_run: TestClient, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert report(app, "--tenant", "demo", "--run", "1", "--format", "html", "--out", str(out)) == 0
    assert out.read_text().startswith("<!doctype html>")


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],
        ["report", "--url", "http://x", "--run", "one"],
        ["report", "--url", "http://x", "--run", "1", "--since", "2"],
        ["report", "--url", "http://x", "--format", "pdf"],
    ],
)
def test_report_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    capsys.readouterr()


def test_report_exits_2_when_no_report_can_be_made(app: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert report(app, "--tenant", "demo", "--run", "4") == 2
    assert "404" in capsys.readouterr().err
    assert main(["report", "--url", "http://127.0.0.1:9", "--tenant", "demo"]) == 2  # nothing listens there


def test_report_sends_the_admin_token(capsys: pytest.CaptureFixture[str]) -> None:
    app = create_app(SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY)], admin_token="s3cret"))
    assert report(app) == 2
    assert "401" in capsys.readouterr().err
    assert report(app, "--admin-token", "s3cret") == 0
    with TestClient(app) as http:
        assert http.get("/_sim/report", headers=bearer("s3cret")).status_code == 200


@pytest.mark.parametrize(
    "url", ["http://sim:8000", "http://sim:8000/", "http://sim:8000/api/v1", "http://sim:8000/_sim/"]
)
def test_report_url_may_name_the_simulator_its_api_or_its_control_plane(url: str) -> None:
    assert cli.control_url(url) == "http://sim:8000/_sim"
