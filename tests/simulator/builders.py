"""Small helpers that create objects through the API and return the answer's body."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient


def created(client: TestClient, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST and insist on 201."""
    response = client.post(path, json=body) if body is not None else client.post(path)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def product(client: TestClient, sku: str = "SKU-1", name: str = "Widget", **fields: Any) -> dict[str, Any]:
    """A new product."""
    return created(client, "/products", {"name": name, "sku": sku, **fields})


def category(client: TestClient, name: str = "Shoes", **fields: Any) -> dict[str, Any]:
    """A new category."""
    return created(client, "/categories", {"name": name, **fields})


def attribute(client: TestClient, name: str, kind: str, **fields: Any) -> dict[str, Any]:
    """A new attribute definition."""
    return created(client, "/attributes", {"name": name, "type": kind, **fields})


def option(client: TestClient, name: str = "Size") -> dict[str, Any]:
    """A new option."""
    return created(client, "/options", {"name": name})


def option_set(client: TestClient, name: str = "Size/Color") -> dict[str, Any]:
    """A new option set."""
    return created(client, "/option_sets", {"name": name})


def errors_of(response: Any) -> dict[str, Any]:
    """Status and the parts of an error body the simulator guarantees (code and the fields named)."""
    body = response.json()
    return {"status": response.status_code, "code": body["code"], "fields": sorted(body["errors"])}
