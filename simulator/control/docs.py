"""The contract a running simulator serves: `GET openapi.json` (`?profile=live|documented`) and `GET docs`.

`openapi.json` answers the committed OpenAPI document of a profile byte for byte (contracts/documents.py),
so a tool pointed at a running simulator reads exactly what the repository holds. `docs` is an
interactive reference: Swagger UI, from the assets the `swagger-ui-bundle-v2` package ships (nothing
is fetched from another host), with every vendor extension shown, so each operation's and each field's
`x-provenance` and `x-source` are on the page. Its "Try it out" sends to this simulator.

Neither needs the admin token: both are public artefacts of the package (the same files are in every
installed copy), they name no tenant, key or datum, and a browser cannot add a Bearer header to a page
it navigates to. Everything else under /_sim/ still needs the token when one is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from contracts.documents import DOCUMENTS
from contracts.op import Profile
from simulator.errors import Unprocessable

PAGE: Final = Path(__file__).with_name("docs_page")  # our page and its initialiser


def routes() -> list[BaseRoute]:
    return [
        Route("/openapi.json", openapi_document, methods=["GET"]),
        Route("/docs", docs_page, methods=["GET"]),
        Mount("/docs/assets", app=StaticFiles(directory=str(swagger_ui_path)), name="docs-assets"),
        Mount("/docs/page", app=StaticFiles(directory=PAGE), name="docs-page"),
    ]


async def openapi_document(request: Request) -> Response:
    """The committed OpenAPI document of `?profile=` (default: live), as it is in the package."""
    name = request.query_params.get("profile", Profile.LIVE.value)
    try:
        profile = Profile(name)
    except ValueError:
        allowed = " or ".join(profile.value for profile in Profile)
        raise Unprocessable("profile", f"The profile must be {allowed}.", code="unknown_profile") from None
    return FileResponse(DOCUMENTS[profile], media_type="application/json")


async def docs_page(request: Request) -> Response:
    """The interactive reference (Swagger UI); `?profile=documented` opens the documented profile first."""
    return FileResponse(PAGE / "index.html", media_type="text/html")
