"""The committed documents as a third-party code generator reads them: openapi-python-client.

A client generated from each document (no generator warning) must be able to send what the contract
allows. It once could not send a webhook's delivery headers: the generator ignores patternProperties
and gave the headers model no entries (contracts/openapi.py now says the rule with propertyNames).
Generation takes about 2.5 s, so it runs once per document for the session.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from contracts.op import Profile
from contracts.verify import ContractVerifier
from tests.contract.schemathesis_support import DOCUMENTS

PACKAGES = {Profile.LIVE: "jasper_live_generated", Profile.DOCUMENTED: "jasper_documented_generated"}
# Formatting hooks (ruff) are the generator's default post-processing, not part of what it reads.
GENERATOR_CONFIG = "post_hooks: []\n"


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated client package, imported, and what the generator printed."""

    package: ModuleType
    output: str

    def module(self, name: str) -> Any:
        return importlib.import_module(f"{self.package.__name__}.{name}")


def _generator() -> str:
    found = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("openapi-python-client is not installed (it comes with the [test] extra)")
    return found


@pytest.fixture(scope="session", params=list(Profile), ids=str)
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    """The client openapi-python-client generates from one committed document, importable."""
    profile: Profile = request.param
    root = tmp_path_factory.mktemp(f"generated-{profile.value}")
    config = root / "config.yaml"
    config.write_text(GENERATOR_CONFIG + f"package_name_override: {PACKAGES[profile]}\n", "utf-8")
    argv = [_generator(), "generate", "--path", str(DOCUMENTS[profile]), "--meta", "none"]
    argv += ["--output-path", str(root / PACKAGES[profile]), "--config", str(config)]
    result = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(root))
    try:
        yield Generated(importlib.import_module(PACKAGES[profile]), result.stdout + result.stderr)
    finally:
        sys.path.remove(str(root))


def test_generator_reads_each_document_without_a_warning(generated: Generated) -> None:
    assert "warning" not in generated.output.lower(), generated.output


def test_generated_client_sends_webhook_headers_the_contract_accepts(generated: Generated) -> None:
    models = generated.module("models")
    headers = models.WebhookCreateHeaders()
    headers["X-Shop"] = "acme"
    headers["X-Signature-Version"] = "2"
    body = models.WebhookCreate(
        name="Products to ERP",
        callback_url="https://erp.example.com/hooks/jasper",
        entity_type=models.EntityType.PRODUCT,
        include_entity_data=True,
        headers=headers,
        retry_policy=models.RetryPolicy.EXPONENTIAL,
        minimum_retry_interval=300,
        retry_limit=5,
    )
    sent: list[httpx.Request] = []

    def tenant(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(422, json={"message": "recorded", "code": "validation_failed", "errors": {}})

    client = generated.module("client").AuthenticatedClient(
        base_url="https://demo.pim.jasperpim.com/api/v1",
        token="demo-key",
        httpx_args={"transport": httpx.MockTransport(tenant)},
    )
    with client:
        generated.module("api.webhook.create_webhook").sync_detailed(client=client, body=body)

    (request,) = sent
    assert json.loads(request.content)["headers"] == {"X-Shop": "acme", "X-Signature-Version": "2"}
    verifier = ContractVerifier()
    assert (
        verifier.check_request(request.method, request.url.path, headers=dict(request.headers), body=request.content)
        == []
    )


@pytest.mark.parametrize(
    ("profile", "row", "foreign"),
    [
        (Profile.LIVE, "InventoryRecord", "InventoryRow"),
        (Profile.DOCUMENTED, "InventoryRow", "InventoryRecord"),
    ],
)
def test_each_document_types_product_inventory_rows_as_its_own_profile(
    profile: Profile, row: str, foreign: str
) -> None:
    document = json.loads(DOCUMENTS[profile].read_text("utf-8"))
    schemas = document["components"]["schemas"]
    assert schemas["Product"]["properties"]["inventory"]["items"] == {"$ref": f"#/components/schemas/{row}"}
    assert foreign not in schemas
