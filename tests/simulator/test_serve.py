"""`jasper-sim serve`: options, the loopback rule, the banner, and what it hands to uvicorn."""

from __future__ import annotations

import io
import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from contracts.op import Profile
from simulator import cli, serve, serve_cli
from simulator.config import DEMO_KEY, SimConfig
from simulator.protocol import SimulatorProtocol


def test_serve_parser_defaults() -> None:
    args = cli.build_parser().parse_args(["serve"])
    assert serve_cli.resolve(args, environ={}) == {
        "host": "127.0.0.1",
        "port": 8000,
        "config": None,
        "state": None,
        "profile": None,
        "seed": None,
        "admin_token": None,
        "allow_host": (),
        "request_timeout": 30.0,
        "idle_timeout": 10.0,
        "access_log": False,
        "journal_bytes": None,
        "no_webhook_delivery": False,
        "fault": (),
    }


def test_serve_options_come_from_the_environment_and_flags_win() -> None:
    environ = {
        "JASPER_SIM_HOST": "0.0.0.0",
        "JASPER_SIM_PORT": "9001",
        "JASPER_SIM_STATE": "/data/state.sqlite",
        "JASPER_SIM_SEED": "demo",
        "JASPER_SIM_ACCESS_LOG": "yes",
        "JASPER_SIM_ALLOW_HOST": "jasper, sim.internal .example.com",
        "JASPER_SIM_REQUEST_TIMEOUT": "5",
    }
    args = cli.build_parser().parse_args(["serve", "--port", "9002", "--allow-host", "only"])
    options = serve_cli.resolve(args, environ=environ)
    assert {key: options[key] for key in ("host", "port", "state", "seed", "access_log", "allow_host")} == {
        "host": "0.0.0.0",
        "port": 9002,
        "state": Path("/data/state.sqlite"),
        "seed": "demo",
        "access_log": True,
        "allow_host": ("only",),
    }
    assert serve_cli.resolve(cli.build_parser().parse_args(["serve"]), environ=environ)["allow_host"] == (
        "jasper",
        "sim.internal",
        ".example.com",
    )
    assert options["request_timeout"] == 5.0


@pytest.mark.parametrize(
    ("variable", "value"),
    [("JASPER_SIM_PORT", "eighty"), ("JASPER_SIM_PORT", "70000"), ("JASPER_SIM_ACCESS_LOG", "maybe"),
     ("JASPER_SIM_PROFILE", "staging"), ("JASPER_SIM_REQUEST_TIMEOUT", "-1")],
)  # fmt: skip
def test_serve_command_with_a_bad_environment_variable_exits_2_naming_it(
    variable: str, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(variable, value)
    assert cli.main(["serve"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"jasper-sim serve: {variable}={value!r}: ")


def test_serve_help_lists_every_environment_variable(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    text = capsys.readouterr().out
    flowing = " ".join(text.split())  # argparse wraps the option help
    for option in serve_cli.OPTIONS:
        assert f"[env {option.env}]" in flowing
        assert f"{option.env:<28} {option.flag}" in text


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


def test_serve_banner_names_the_api_reference() -> None:
    lines = serve.banner(serve.plan(port=8123)).splitlines()
    assert (
        "  API reference: http://127.0.0.1:8123/_sim/docs (the contract: http://127.0.0.1:8123/_sim/openapi.json)"
        in lines
    )


def test_serve_banner_brackets_ipv6_hosts() -> None:
    assert serve.plan(host="::1").base_url == "http://[::1]:8000/api/v1"


def test_serve_run_binds_seeds_prints_the_real_port_and_runs_uvicorn_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(server: uvicorn.Server, sockets: list[socket.socket]) -> None:
        (sock,) = sockets
        app: Any = server.config.app
        calls.append(
            {
                "products": len(app.state.tenants.by_name["demo"].store.products),
                "port": sock.getsockname()[1],
                "access_log": server.config.access_log,
                "log_level": server.config.log_level,
                "server_header": server.config.server_header,
                "protocol": issubclass(server.config.http, SimulatorProtocol),  # type: ignore[arg-type]
                "ws": server.config.ws,
            }
        )
        server.started = True

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    out = io.StringIO()
    assert serve.run(serve.plan(port=0, seed="demo"), out) == 0
    (call,) = calls
    assert call["port"] > 0
    assert call == {
        "products": 7,
        "port": call["port"],
        "access_log": False,
        "log_level": "warning",
        "server_header": False,
        "protocol": True,
        "ws": "none",
    }
    assert out.getvalue().splitlines()[0] == f"Jasper PIM simulator: base URL http://127.0.0.1:{call['port']}/api/v1"
    assert "  seeded with the demo catalogue: demo" in out.getvalue().splitlines()


def test_serve_run_on_a_taken_port_says_one_line_and_exits_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out, err = io.StringIO(), io.StringIO()
        assert serve.run(serve.plan(port=port), out, err) == 1
    assert out.getvalue() == ""
    assert err.getvalue().count("\n") == 1
    assert err.getvalue().startswith(f"jasper-sim serve: cannot listen on 127.0.0.1:{port}: ")


def test_serve_run_with_a_bad_state_file_says_one_line_and_exits_2(tmp_path: Path) -> None:
    state = tmp_path / "notes.txt"
    state.write_text("not a database, just notes\n" * 50)
    out, err = io.StringIO(), io.StringIO()
    assert serve.run(serve.plan(port=0, state=state), out, err) == 2
    assert out.getvalue() == ""
    assert err.getvalue() == f"jasper-sim serve: {state}: not a state file, or corrupt (file is not a database)\n"
    assert state.read_text() == "not a database, just notes\n" * 50


def test_serve_banner_shows_a_generated_admin_token_but_never_a_configured_one() -> None:
    generated = serve.plan(host="0.0.0.0")
    assert f"(admin token, generated: {generated.config.admin_token})" in serve.banner(generated)
    configured = serve.plan(host="0.0.0.0", admin_token="s3cret-token")
    assert "s3cret-token" not in serve.banner(configured)
    assert "(admin token: the one configured)" in serve.banner(configured)


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
    path.write_text(SimConfig.default().dump_json().decode())
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
    assert plan.config.webhooks.deliver is True


def test_serve_no_webhook_delivery_turns_deliveries_off_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    plans: list[serve.ServePlan] = []

    def fake_run(plan: serve.ServePlan) -> int:
        plans.append(plan)
        return 0

    monkeypatch.setattr(serve, "run", fake_run)
    monkeypatch.setenv("JASPER_SIM_NO_WEBHOOK_DELIVERY", "yes")

    assert cli.main(["serve"]) == 0
    (plan,) = plans
    assert plan.config.webhooks.deliver is False
    assert "  webhooks: recorded, never sent (GET /_sim/deliveries)" in serve.banner(plan).splitlines()
