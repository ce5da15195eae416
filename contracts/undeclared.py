"""Fields an answer carries that its schema does not declare.

Response models are lenient (../shared/DESIGN.md §2: new vendor fields must not break the client), so
their schemas allow any extra field and validation never names one. A fidelity check against a real
tenant wants them listed all the same: a field the tenant sends and the contract does not know is a
difference between the two. This walks an answer along its schema in one OpenAPI document and names
every such field by JSON pointer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

LOCAL_REF = "#/"


class UndeclaredFields:
    """Finds undeclared fields in the answers of one OpenAPI document's operations."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = document
        self._operations = {
            spec["operationId"]: spec for item in document.get("paths", {}).values() for spec in item.values()
        }

    def response(self, operation_id: str, status: int, body: Any) -> list[str]:
        """JSON pointers of the fields of `body` (a parsed answer) its declared schema does not name."""
        spec = self._operations.get(operation_id)
        declared = self._resolve((spec or {}).get("responses", {}).get(str(status), {}))
        schema = declared.get("content", {}).get("application/json", {}).get("schema")
        return sorted(self._walk(schema, body, "")) if schema is not None else []

    def _resolve(self, node: Any) -> dict[str, Any]:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith(LOCAL_REF):
            target: Any = self._document
            for part in node["$ref"][len(LOCAL_REF) :].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node if isinstance(node, dict) else {}

    def _walk(self, schema: Any, value: Any, pointer: str) -> Iterator[str]:
        schema = self._resolve(schema)
        branches = schema.get("anyOf") or schema.get("oneOf")
        if branches:
            schema = self._branch(branches, value)
        if isinstance(value, dict):
            properties = schema.get("properties", {})
            extra = schema.get("additionalProperties")
            for key, item in value.items():
                here = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
                if key in properties:
                    yield from self._walk(properties[key], item, here)
                elif isinstance(extra, dict):  # a map: its keys are data, its values have a schema
                    yield from self._walk(extra, item, here)
                elif "type" in schema or properties:
                    yield here
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for index, item in enumerate(value):
                yield from self._walk(schema["items"], item, f"{pointer}/{index}")

    def _branch(self, branches: list[Any], value: Any) -> dict[str, Any]:
        """The member of a union that fits `value` best: the object schema naming most of its keys, or
        the array schema for a list (null and scalar members declare no fields)."""
        resolved = [self._resolve(branch) for branch in branches]
        if isinstance(value, dict):
            objects = [b for b in resolved if b.get("type") == "object" or "properties" in b]
            if objects:
                return max(objects, key=lambda b: len(set(value) & set(b.get("properties", {}))))
        if isinstance(value, list):
            return next((b for b in resolved if b.get("type") == "array"), {})
        return {}
