"""`jasper-sim` as a new user meets it: --version, rehearse --help, and `contract` outside a checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from client.cli import main
from contracts import __main__ as generator
from contracts import documents
from contracts.write_paths import WRITE_PATHS

JASPER_SIM = Path(sys.executable).with_name("jasper-sim")


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"jasper-sim {version('jasper-pim-sim')}\n"


def test_rehearse_help_lists_every_write_path_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["rehearse", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    listed = out.partition("\nwrite paths:\n")[2].splitlines()
    assert [line.split()[0] for line in listed] == list(WRITE_PATHS)


def test_entry_point_is_the_client_cli() -> None:
    # The installed script runs client.cli (the commands that need the client live there).
    if not JASPER_SIM.exists():
        pytest.skip("jasper-sim is not installed beside this interpreter")
    result = subprocess.run([str(JASPER_SIM), "--help"], capture_output=True, text=True, check=True)
    assert {"contract", "impact", "serve", "rehearse"} <= set(result.stdout.split())


def _installed_copy(tmp_path: Path) -> Path:
    """The contracts package as pip would lay it out: in site-packages, with no pyproject.toml beside it."""
    here = tmp_path / "site-packages" / "contracts"
    shutil.copytree(documents.HERE, here, ignore=shutil.ignore_patterns("__pycache__"))
    return here


def test_contract_outside_a_checkout_refuses_to_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here = _installed_copy(tmp_path)
    (here / "openapi.json").write_text("{}\n", "utf-8")  # stale: a write would replace it
    before = {path: path.read_bytes() for path in generator.artefacts(here)}

    assert generator.main([], here=here) == 2

    assert {path: path.read_bytes() for path in before} == before
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(here) in captured.err


def test_contract_check_outside_a_checkout_still_compares(tmp_path: Path) -> None:
    here = _installed_copy(tmp_path)
    assert generator.main(["--check"], here=here) == 0
    (here / "ENDPOINTS.md").write_text("stale\n", "utf-8")
    assert generator.main(["--check"], here=here) == 1


def test_contract_in_this_checkout_is_recognised() -> None:
    assert generator.in_checkout()
