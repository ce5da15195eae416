"""Key permissions in the contract: one area per resource, 403 and `x-permission` per operation, ENDPOINTS.md,
and the scope review (`jasper-sim scopes`)."""

from __future__ import annotations

import json

import pytest

from contracts import OPERATIONS, endpoints, openapi, scopes
from contracts.op import Profile
from contracts.permissions import AREAS, PERMISSIONS, permission_for
from contracts.write_paths import WRITE_PATHS
from simulator.cli import main


def test_permission_for_every_resource_has_an_area_and_every_area_a_resource() -> None:
    assert {op.resource for op in OPERATIONS} == set(AREAS)


def test_permission_for_get_is_read_and_any_other_method_write() -> None:
    needed = {op.id: permission_for(op) or "" for op in OPERATIONS}
    assert needed["ping"] == ""
    assert {(op.method == "GET", needed[op.id].split(":")[1]) for op in OPERATIONS if needed[op.id]} == {
        (True, "read"),
        (False, "write"),
    }
    assert (needed["createProductInventory"], needed["listCategories"]) == ("product_inventory:write", "category:read")


@pytest.mark.parametrize("profile", list(Profile))
def test_openapi_declares_403_and_the_permission_on_every_operation_that_needs_one(profile: Profile) -> None:
    document = openapi.build(profile)
    for op in (op for op in OPERATIONS if profile in op.profiles):
        operation = document["paths"][op.path][op.method.lower()]
        assert operation["x-permission"] == permission_for(op), op.id
        declared = operation["responses"].get("403")
        expected = None if op.id == "ping" else {"$ref": "#/components/responses/Error403"}
        assert declared == expected, op.id
    forbidden = document["components"]["responses"]["Error403"]["content"]["application/json"]["schema"]
    assert forbidden == {"$ref": "#/components/schemas/ForbiddenBody"}
    assert document["components"]["schemas"]["ForbiddenBody"]["required"] == ["message", "permission"]


def test_endpoints_md_shows_each_operations_permission() -> None:
    text = endpoints.render()
    for op in OPERATIONS:
        permission = permission_for(op)
        shown = f"`{permission}`" if permission else "none"
        assert any(f"`{op.id}`" in line and f"| {shown} |" in line for line in text.splitlines()), op.id


def test_review_lists_each_write_paths_linked_operations_and_their_permissions() -> None:
    review = scopes.review(["product.inventory"])

    (scope,) = review.write_paths
    assert scope.write_path == "product.inventory"
    assert [(op.id, permission) for op, permission in scope.operations] == [
        ("getProduct", "product:read"),
        ("createProductInventory", "product_inventory:write"),
        ("updateProductInventory", "product_inventory:write"),
    ]
    assert review.permissions == ("product:read", "product_inventory:write")


def test_review_of_every_write_path_is_the_union_of_the_operations_they_call() -> None:
    review = scopes.review()
    linked = {permission_for(op) for op in OPERATIONS if op.write_paths} - {None}

    assert [scope.write_path for scope in review.write_paths] == list(WRITE_PATHS)
    assert set(review.permissions) == linked
    assert list(review.permissions) == [p for p in PERMISSIONS if p in linked]
    assert review.needing("product_inventory:write") == ["product.inventory", "gridded"]


def test_review_unknown_write_path_raises() -> None:
    with pytest.raises(ValueError, match="no write path brands"):
        scopes.review(["brands"])


def test_cli_scopes_text_prints_operations_then_the_union(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scopes", "connection", "product.inventory"]) == 0

    assert capsys.readouterr().out.splitlines() == [
        "Permissions each write path's calls need (names assumed: contracts/permissions.py)",
        "",
        "connection",
        "  (none)                    ping                    GET /ping",
        "product.inventory",
        "  product:read              getProduct              GET /products/{product_id}",
        "  product_inventory:write   createProductInventory  POST /products/{product_id}/inventory",
        "  product_inventory:write   updateProductInventory  PUT /products/{product_id}/inventory/{inventory_id}",
        "",
        "The key needs these 2 permissions:",
        "product:read",
        "product_inventory:write",
    ]


def test_cli_scopes_connection_needs_no_permission(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scopes", "connection"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["", "The key needs no permission: any valid key will do."]


def test_cli_scopes_json_is_the_review(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scopes", "--format", "json"]) == 0

    printed = json.loads(capsys.readouterr().out)
    assert printed == scopes.as_json(scopes.review())
    assert printed["write_paths"]["connection"] == {
        "operations": [{"operation": "ping", "method": "GET", "path": "/ping", "permission": None}],
        "permissions": [],
    }


def test_cli_scopes_unknown_write_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scopes", "brands"]) == 2
    assert capsys.readouterr().out == ""
