"""The schemathesis CLI, black-box, against a served simulator of each profile, with the committed
schemathesis.toml (found from the repository root) and every default check on: no option but the URL.

Before the toml said which operations have state rules, the positive-data check reported each
deliberate 422 (a taken sku, an unknown location) as a failure. The run is bounded by the toml's
max-examples (contracts/schemathesis_config.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contracts.op import Profile
from contracts.schemathesis_config import SERVED_KEY
from simulator.config import DEMO_KEY, SimConfig, TenantConfig
from tests.contract.schemathesis_support import DOCUMENTS, ROOT
from tests.served import serve


def _schemathesis() -> str:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the schemathesis CLI is not installed (it comes with the [test] extra)")
    return found


@pytest.mark.parametrize("profile", list(Profile), ids=str)
def test_schemathesis_cli_with_the_committed_config_passes(profile: Profile) -> None:
    config = SimConfig(tenants=[TenantConfig.named("demo", DEMO_KEY, profile)])
    with serve(config, seed_demo=True) as base_url:
        result = subprocess.run(
            [_schemathesis(), "run", str(DOCUMENTS[profile].relative_to(ROOT)), "--url", base_url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_committed_config_authenticates_as_the_served_demo_tenant() -> None:
    assert SERVED_KEY == DEMO_KEY
