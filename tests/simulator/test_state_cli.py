"""`jasper-sim state export|import`: a state file's tenants as JSON, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from simulator import cli
from simulator.app import create_app
from simulator.config import DEMO_KEY

KEY = {"Authorization": f"Bearer {DEMO_KEY}"}


def _filled(state: Path) -> dict[str, object]:
    with TestClient(create_app(state_file=state), base_url="http://testserver") as client:
        client.post("/_sim/seed", json={})
        client.post("/api/v1/categories", json={"name": "Extra"}, headers=KEY)
        exported: dict[str, object] = client.get("/_sim/state").json()
    return exported


def test_state_export_writes_the_control_plane_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state.sqlite"
    expected = _filled(state)
    assert cli.main(["state", "export", "--state", str(state), "--out", str(tmp_path / "backup.json")]) == 0
    assert json.loads((tmp_path / "backup.json").read_text()) == expected
    assert capsys.readouterr().err == f"exported 1 tenant(s) to {tmp_path / 'backup.json'}: demo\n"
    assert cli.main(["state", "export", "--state", str(state), "--tenant", "demo"]) == 0
    assert json.loads(capsys.readouterr().out) == expected


def test_state_import_moves_a_backup_to_a_new_file_that_serves_it(tmp_path: Path) -> None:
    expected = _filled(tmp_path / "old.sqlite")
    (tmp_path / "backup.json").write_text(json.dumps(expected))
    fresh = tmp_path / "new.sqlite"
    assert cli.main(["state", "import", "--state", str(fresh), str(tmp_path / "backup.json")]) == 0
    with TestClient(create_app(state_file=fresh), base_url="http://testserver") as client:
        assert client.get("/_sim/state").json() == expected
        created = client.post("/api/v1/categories", json={"name": "Next"}, headers=KEY).json()
        assert created["id"] == 7  # after the five demo categories and "Extra"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"tenants": {"globex": {}}}', "globex: No tenant named 'globex'."),
        ('{"tenants": {"demo": {"products": [{"id": 1}]}}}', "tenants.demo.products.0.name: Field required"),
        ("{", None),
    ],
)
def test_state_import_of_a_bad_document_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: str, message: str | None
) -> None:
    state = tmp_path / "state.sqlite"
    expected = _filled(state)
    (tmp_path / "bad.json").write_text(document)
    assert cli.main(["state", "import", "--state", str(state), str(tmp_path / "bad.json")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"jasper-sim state import: {tmp_path / 'bad.json'}: ")
    if message is not None:
        assert message in line
    with TestClient(create_app(state_file=state), base_url="http://testserver") as client:
        assert client.get("/_sim/state").json() == expected


def test_state_commands_refuse_a_file_a_running_simulator_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state.sqlite"
    _filled(state)
    (tmp_path / "empty.json").write_text('{"tenants": {}}')
    with TestClient(create_app(state_file=state)):
        assert cli.main(["state", "export", "--state", str(state)]) == 2
        assert cli.main(["state", "import", "--state", str(state), str(tmp_path / "empty.json")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        f"{state}: held by another running simulator (the file is locked); stop it first, or use its control plane "
        "(/_sim/state)"
    ] * 2


def test_state_export_of_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["state", "export", "--state", str(tmp_path / "missing.sqlite")]) == 2
    assert capsys.readouterr().err == f"jasper-sim state export: {tmp_path / 'missing.sqlite'}: no such file\n"
    assert not (tmp_path / "missing.sqlite").exists()
