"""The page at /_sim/ui and the self-contained HTML report: served from the package, nothing from elsewhere."""

from __future__ import annotations

from html.parser import HTMLParser

from starlette.testclient import TestClient

from simulator.report import html
from tests.simulator import builders
from tests.simulator.builders import errors_of


class Links(HTMLParser):
    """Every URL an HTML document would load: src and href attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.urls += [value for name, value in attrs if name in ("src", "href") and value is not None]


def links(document: str) -> Links:
    parser = Links()
    parser.feed(document)
    return parser


def test_ui_page_loads_only_its_own_assets(admin: TestClient) -> None:
    response = admin.get("/ui")
    assert (response.status_code, response.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    urls = links(response.text).urls
    assert sorted(urls) == ["/_sim/ui/app.js", "/_sim/ui/report.js", "/_sim/ui/style.css"]
    for url in urls:
        asset = admin.get(url.removeprefix("/_sim"))
        assert asset.status_code == 200
        assert "http://" not in asset.text
        assert "https://" not in asset.text


def test_ui_unknown_asset_answers_404(admin: TestClient) -> None:
    assert errors_of(admin.get("/ui/secrets.txt")) == {"status": 404, "code": "route_not_found", "fields": []}


def test_html_report_is_self_contained(admin: TestClient, client: TestClient) -> None:
    admin.post("/runs", json={"tenant": "demo"})
    builders.product(client, name="</script><script>alert(1)</script>")
    document = admin.get("/report", params={"run": 1, "format": "html"}).text
    parsed = links(document)
    assert (parsed.urls, parsed.scripts) == ([], 2)
    assert "</script><script>alert(1)" not in document
    assert html.render(admin.get("/report", params={"run": 1}).json()) == document
