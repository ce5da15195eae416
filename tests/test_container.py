"""docker/: the image's recipe linted, and its entry command and health check run as plain processes.

No container engine runs on our machines, so the image is never built here; what can be checked is.
hadolint lints the Dockerfile. The final stage's ENTRYPOINT + CMD is started with the image's ENV, two
things changed as a process on this machine must: the /data volume is a temporary folder, and the
server binds 127.0.0.1 on a free port instead of 0.0.0.0:8000. An admin token is set, as a deployment
beyond loopback has. Then the exact HEALTHCHECK command runs against it: exit 0 while it serves, non-0
once it has stopped. compose.yaml is checked against the Dockerfile.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
import yaml
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "docker" / "Dockerfile"
BIN = Path(sys.executable).parent
TOKEN = "container-test-token"
STOP_TIMEOUT = 30  # seconds; a bound on a broken process, never a timing assertion


@dataclass(frozen=True)
class Image:
    """What the final stage of the Dockerfile says."""

    env: dict[str, str]
    command: list[str]  # ENTRYPOINT + CMD
    healthcheck: list[str]
    user: str
    volumes: list[str]
    exposed: list[str]


def _image() -> Image:
    parser = DockerfileParser(path=str(DOCKERFILE))
    final = parser.structure[max(i for i, row in enumerate(parser.structure) if row["instruction"] == "FROM") :]

    def last(instruction: str) -> str:
        return str([row["value"] for row in final if row["instruction"] == instruction][-1])

    return Image(
        env=dict(parser.envs),
        command=[*json.loads(last("ENTRYPOINT")), *json.loads(last("CMD"))],
        healthcheck=json.loads(last("HEALTHCHECK").split(" CMD ", 1)[1]),
        user=last("USER"),
        volumes=json.loads(last("VOLUME")),
        exposed=last("EXPOSE").split(),
    )


IMAGE = _image()


def _process_env(port: str, data: Path) -> dict[str, str]:
    """The image's ENV as a process here: the volume in `data`, loopback, `port`, and the admin token."""
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("JASPER_SIM_")}
    image = {key: value.replace(IMAGE.volumes[0], str(data)) for key, value in IMAGE.env.items()}
    path = f"{BIN}{os.pathsep}{inherited.get('PATH', '')}"  # the image has jasper-sim and python on its PATH
    return {**inherited, **image, "JASPER_SIM_HOST": "127.0.0.1", "JASPER_SIM_PORT": port,
            "JASPER_SIM_ADMIN_TOKEN": TOKEN, "PATH": path}  # fmt: skip


def _healthcheck(env: dict[str, str]) -> int:
    argv = [shutil.which(IMAGE.healthcheck[0], path=env["PATH"]) or IMAGE.healthcheck[0], *IMAGE.healthcheck[1:]]
    return subprocess.run(argv, env=env, capture_output=True, timeout=STOP_TIMEOUT, check=False).returncode


@dataclass
class Running:
    process: subprocess.Popen[str]
    env: dict[str, str]  # the health check's: the image's ENV with the real port
    origin: str
    banner: list[str]
    data: Path


@pytest.fixture
def container(tmp_path: Path) -> Iterator[Running]:
    """The image's command running as a process (stopped, if still running, at the end)."""
    env = _process_env("0", tmp_path)
    argv = [shutil.which(IMAGE.command[0], path=env["PATH"]) or IMAGE.command[0], *IMAGE.command[1:]]
    with subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            banner = [process.stdout.readline().rstrip("\n")]
            while banner[-1] and not banner[-1].startswith("Try:"):
                banner.append(process.stdout.readline().rstrip("\n"))
            found = re.search(r"base URL (http://127\.0\.0\.1:(\d+))/api/v1", banner[0])
            assert found is not None, (banner, process.stderr.read() if process.stderr else "")
            yield Running(process, {**env, "JASPER_SIM_PORT": found[2]}, found[1], banner, tmp_path)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(STOP_TIMEOUT)


def test_dockerfile_is_hadolint_clean() -> None:
    hadolint = shutil.which("hadolint", path=str(BIN))
    if hadolint is None:
        if os.environ.get("CI"):
            pytest.fail("hadolint is not installed (it comes with the [dev] extra)")
        pytest.skip("hadolint is not installed (it comes with the [dev] extra)")

    result = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True, check=False)

    assert (result.returncode, result.stdout) == (0, "")


def test_image_runs_jasper_sim_serve_as_a_user_configured_by_environment() -> None:
    assert IMAGE.command == ["jasper-sim", "serve"]
    assert {key: value for key, value in IMAGE.env.items() if key.startswith("JASPER_SIM_")} == {
        "JASPER_SIM_HOST": "0.0.0.0",
        "JASPER_SIM_PORT": "8000",
        "JASPER_SIM_STATE": "/data/state.sqlite",
        "JASPER_SIM_SEED": "demo",
    }
    assert (IMAGE.volumes, IMAGE.exposed) == (["/data"], [IMAGE.env["JASPER_SIM_PORT"]])
    assert IMAGE.user.split(":")[0] not in ("0", "root")


def test_image_command_serves_and_its_healthcheck_passes_without_the_admin_token(container: Running) -> None:
    health = httpx2.get(f"{container.origin}/_sim/health")
    state = httpx2.get(f"{container.origin}/_sim/state")

    assert _healthcheck(container.env) == 0
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (state.status_code, state.json()["code"]) == (401, "unauthenticated")
    assert (container.data / "state.sqlite").is_file()
    assert "  seeded with the demo catalogue: demo" in container.banner


def test_image_healthcheck_fails_once_the_server_has_stopped(container: Running) -> None:
    # Stopped once it serves: a SIGTERM between the banner and uvicorn's start is not handled yet
    # (it kills the process, or is ignored), which the simulator's serve code has to fix, not this test.
    assert _healthcheck(container.env) == 0
    container.process.send_signal(signal.SIGTERM)

    assert container.process.wait(STOP_TIMEOUT) == 0
    assert _healthcheck(container.env) != 0


def test_compose_runs_the_image_with_its_volume_and_a_service_that_waits_for_health() -> None:
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text("utf-8"))
    simulator, example = compose["services"]["jasper"], compose["services"]["connector-check"]

    assert simulator["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}
    assert simulator["volumes"] == [f"jasper-state:{IMAGE.volumes[0]}"] and "jasper-state" in compose["volumes"]
    assert example["depends_on"] == {"jasper": {"condition": "service_healthy"}}
    assert simulator["environment"]["JASPER_SIM_ALLOW_HOST"] == "jasper"  # the name the example reaches it by
    assert "http://jasper:8000/api/v1" in example["entrypoint"][-1]
