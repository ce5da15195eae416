"""The pytest plugin as a user meets it: the built wheel in a fresh venv, a test file outside the repository.

One run of pytest in that venv shows the entry point, every fixture and consumer verification working;
`--jasper-url` and the rest of the plugin's behaviour are tested in-process (test_pytest_plugin.py).
The venv is made once per session: the package's wheel is built from a copy of its sources (nothing is
written into the checkout), its dependencies are packed from this environment (tests/client/
wheelhouse.py: offline and quick), and pip installs `jasper-pim-sim[pytest]` from those wheels alone
(--no-index), so a dependency the package forgot to declare is missing there, as it would be for a user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.client import wheelhouse

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "contracts", "simulator", "client")

USER_TESTS = '''
    """A project's own tests of its Jasper sync, with the fixtures jasper-pim-sim installs."""

    import httpx2
    import pytest

    from client import JasperClient, errors
    from contracts.product_inventory import InventoryCreate
    from contracts.products import CREATE_PRODUCT, ProductCreate


    def test_jasper_is_a_fresh_live_tenant(jasper: JasperClient) -> None:
        mug = jasper.products.create(ProductCreate(name="Mug", sku="MUG-1"))
        assert (mug.id, [product.sku for product in jasper.products.iterate()]) == (1, ["MUG-1"])


    def test_jasper_documented_refuses_the_live_inventory_call(jasper_documented: JasperClient) -> None:
        mug = jasper_documented.products.create(ProductCreate(name="Mug", sku="MUG-1"))
        with pytest.raises(errors.NotFound) as refused:
            jasper_documented.inventory.create(mug.id, InventoryCreate(location="NYC", count_on_hand=1))
        assert refused.value.body.code == "other_profile"


    def test_jasper_server_is_served_on_loopback(jasper_server) -> None:
        assert jasper_server.base_url.startswith("http://127.0.0.1:") and jasper_server.base_url.endswith("/api/v1")
        with JasperClient(jasper_server.base_url, jasper_server.api_key) as client:
            assert client.products.create(ProductCreate(name="Mug", sku="MUG-1")).id == 1
        assert httpx2.get(f"{jasper_server.admin_url}/health").json()["status"] == "ok"


    def test_a_request_the_contract_refuses(jasper: JasperClient) -> None:
        with pytest.raises(errors.Unprocessable):
            jasper._call(CREATE_PRODUCT, body=ProductCreate.model_construct(name=""))
'''


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Bytecode is written in the fresh venv (the suite's environment may forbid it), so its second
    # pytest run starts from compiled modules.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300)


def _outcomes(stdout: str) -> dict[str, int]:
    """pytest's closing counts, e.g. {"passed": 3, "failed": 1}."""
    return {kind: int(count) for count, kind in re.findall(r"(\d+) (\w+)", stdout.splitlines()[-1]) if kind != "in"}


@pytest.fixture(scope="session")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the built wheel of this package with its `pytest` extra, and what they need."""
    base = tmp_path_factory.mktemp("wheel")
    source, wheels, venv = base / "source", base / "wheels", base / "venv"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)], base)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("jasper_pim_sim-*.whl")
    for distribution in wheelhouse.closure(wheelhouse.declared(wheel), ["pytest"]):
        wheelhouse.repack(distribution, wheels)
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base)
    assert made.returncode == 0, made.stderr
    target = ["--python", str(venv / "bin" / "python")]
    options = ["--no-index", "--find-links", str(wheels), "--no-compile"]
    installed = _run([*pip, *target, "install", *options, "jasper-pim-sim[pytest]"], base)
    assert installed.returncode == 0, installed.stderr
    return venv


@pytest.fixture
def user_project(tmp_path: Path) -> Path:
    """A project outside the repository with one test file."""
    (tmp_path / "test_sync.py").write_text(textwrap.dedent(USER_TESTS), "utf-8")
    return tmp_path


def test_plugin_from_the_wheel_gives_every_fixture_and_verifies_the_contract(
    fresh_venv: Path, user_project: Path
) -> None:
    result = _run([str(fresh_venv / "bin" / "pytest"), "-p", "no:cacheprovider", "--jasper-verify"], user_project)

    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert _outcomes(result.stdout) == {"failed": 1, "passed": 3}
    assert any(line.startswith("FAILED test_sync.py::test_a_request_the_contract_refuses") for line in lines)
    violations = lines.index("the client broke the contract (2 violation(s)):")
    assert lines[violations + 1 : violations + 3] == [
        "  createProduct: body /name: '' should be non-empty",
        "  createProduct: body /sku: 'sku' is a required property",
    ]
