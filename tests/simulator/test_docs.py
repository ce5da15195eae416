"""`GET /_sim/openapi.json` and `GET /_sim/docs`: the committed contract and its reference, served.

The page itself is tested in headless Chromium (test_docs_page.py); here: the documents byte for byte,
the profile choice, the page's assets, and that neither needs the admin token.
"""

from __future__ import annotations

import re

import httpx2
import pytest
from starlette.testclient import TestClient

from client.pytest_plugin import ServedSimulator
from contracts.documents import DOCUMENTS
from contracts.op import Profile
from simulator.app import create_app
from tests.simulator.conftest import bearer, error, three_tenants


@pytest.mark.parametrize("profile", list(Profile), ids=lambda profile: profile.value)
def test_openapi_json_answers_the_committed_document_byte_for_byte(
    jasper_server: ServedSimulator, profile: Profile
) -> None:
    response = httpx2.get(f"{jasper_server.admin_url}/openapi.json", params={"profile": profile.value})

    assert (response.status_code, response.headers["content-type"]) == (200, "application/json")
    assert response.content == DOCUMENTS[profile].read_bytes()


def test_openapi_json_without_profile_answers_the_live_document(admin: TestClient) -> None:
    response = admin.get("/openapi.json")

    assert response.status_code == 200
    assert response.content == DOCUMENTS[Profile.LIVE].read_bytes()


def test_openapi_json_unknown_profile_is_422(admin: TestClient) -> None:
    response = admin.get("/openapi.json", params={"profile": "staging"})

    assert response.status_code == 422
    message = "The profile must be live or documented."
    assert response.json() == error(message, "unknown_profile", profile=[message])


def test_docs_page_and_every_asset_it_loads_are_served(admin: TestClient) -> None:
    page = admin.get("/docs")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)

    assert (page.status_code, page.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert sorted(assets) == [
        "docs/assets/favicon-32x32.png",
        "docs/assets/swagger-ui-bundle.js",
        "docs/assets/swagger-ui-standalone-preset.js",
        "docs/assets/swagger-ui.css",
        "docs/page/init.js",
    ]
    assert {asset: admin.get(f"/{asset}").status_code for asset in assets} == dict.fromkeys(assets, 200)


def test_docs_and_openapi_json_answer_without_the_admin_token() -> None:
    app = create_app(three_tenants().replace(admin_token="sesame"))
    with TestClient(app, base_url="http://testserver/_sim") as control:
        answers = {path: control.get(path).status_code for path in ("/docs", "/openapi.json", "/docs/page/init.js")}
        state = control.get("/state")
        authorised = control.get("/state", headers=bearer("sesame"))

    assert answers == {"/docs": 200, "/openapi.json": 200, "/docs/page/init.js": 200}
    assert (state.status_code, state.json()["code"], authorised.status_code) == (401, "unauthenticated", 200)
