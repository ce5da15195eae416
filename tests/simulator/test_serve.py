"""`jasper-sim serve`: options, the loopback rule, the banner, and what it hands to uvicorn."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from contracts.op import Profile
from simulator import cli, serve
from simulator.config import DEMO_KEY, SimConfig


def test_serve_parser_defaults() -> None:
    args = cli.build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.config, args.profile, args.seed, args.access_log, args.admin_token) == (
        "127.0.0.1",
        8000,
        None,
        None,
        None,
        False,
        None,
    )


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_serve_plan_on_loopback_needs_no_token(host: str) -> None:
    plan = serve.plan(host=host)
    assert (plan.config.admin_token, plan.generated_token) == (None, False)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.4", "sim.example.com", "::"])
def test_serve_plan_beyond_loopback_generates_an_admin_token(host: str) -> None:
    plan = serve.plan(host=host)
    assert plan.generated_token is True
    assert plan.config.admin_token is not None
    assert len(plan.config.admin_token) >= 32


def test_serve_plan_keeps_a_given_admin_token_beyond_loopback() -> None:
    plan = serve.plan(host="0.0.0.0", admin_token="mine")
    assert (plan.config.admin_token, plan.generated_token) == ("mine", False)


def test_serve_plan_profile_overrides_every_tenant() -> None:
    plan = serve.plan(profile=Profile.DOCUMENTED)
    assert [tenant.profile for tenant in plan.config.tenants] == [Profile.DOCUMENTED]


def test_serve_banner_names_the_base_url_and_the_demo_key() -> None:
    text = serve.banner(serve.plan(port=8123, seed="demo"))
    assert text.splitlines()[0] == "Jasper PIM simulator: base URL http://127.0.0.1:8123/api/v1"
    assert f"API key {DEMO_KEY}" in text
    assert text.splitlines()[-1] == f'Try: curl -H "Authorization: Bearer {DEMO_KEY}" http://127.0.0.1:8123/api/v1/ping'


def test_serve_banner_brackets_ipv6_hosts() -> None:
    assert serve.plan(host="::1").base_url == "http://[::1]:8000/api/v1"


def test_serve_run_seeds_the_app_and_runs_uvicorn_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(app: Any, **options: Any) -> None:
        calls.append({"products": len(app.state.tenants.by_name["demo"].store.products), **options})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    out = io.StringIO()
    assert serve.run(serve.plan(port=8124, seed="demo"), out) == 0
    assert calls == [
        {
            "products": 7,
            "host": "127.0.0.1",
            "port": 8124,
            "access_log": False,
            "log_level": "warning",
            "server_header": False,
        }
    ]
    assert out.getvalue() == serve.banner(serve.plan(port=8124, seed="demo"))


def test_serve_command_with_an_unreadable_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "tenants.json"
    bad.write_text('{"tenants": []}')
    assert cli.main(["serve", "--config", str(bad)]) == 2
    assert cli.main(["serve", "--config", str(tmp_path / "missing.json")]) == 2
    assert capsys.readouterr().err.count("jasper-sim serve: cannot use --config") == 2


def test_serve_command_passes_its_options_to_the_plan(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    plans: list[serve.ServePlan] = []

    def fake_run(plan: serve.ServePlan) -> int:
        plans.append(plan)
        return 0

    monkeypatch.setattr(serve, "run", fake_run)
    path = tmp_path / "tenants.json"
    path.write_text(SimConfig.default().model_dump_json())
    argv = ["serve", "--host", "0.0.0.0", "--port", "9", "--config", str(path), "--profile", "documented"]
    assert cli.main([*argv, "--seed", "demo", "--access-log", "--admin-token", "tok", "--journal-bytes", "0"]) == 0
    (plan,) = plans
    assert (plan.host, plan.port, plan.seed, plan.access_log, plan.config.admin_token, plan.config.journal_bytes) == (
        "0.0.0.0",
        9,
        "demo",
        True,
        "tok",
        0,
    )
    assert plan.config.tenants[0].profile is Profile.DOCUMENTED
