"""Derive the OpenAPI 3.1 document of one profile from the operation table.

Request bodies are rendered in pydantic's validation mode, responses in serialization mode; every
operation carries bearer security, its error responses, its metadata as `x-` extensions, and links from
each create to the operations its new id feeds (so schemathesis' stateful phase can chain them).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from contracts import ops_for, profile_schemas, webhook_deliveries, wire
from contracts.op import Op, Profile
from contracts.permissions import ForbiddenBody, permission_for

REF_TEMPLATE = "#/components/schemas/{model}"
SECURITY_SCHEME = "bearerAuth"
_ERROR_TEXT = {
    wire.MALFORMED: "The body is not valid JSON.",
    wire.UNAUTHORIZED: "The API key is missing, malformed or unknown.",
    wire.FORBIDDEN: "The API key lacks the permission this operation needs (`x-permission`); `permission` names it.",
    wire.NOT_FOUND: "No such object in this tenant (or not served by this tenant's profile).",
    wire.TOO_LARGE: "The body is larger than the tenant accepts.",
    wire.UNSUPPORTED_MEDIA_TYPE: "The body is not application/json.",
    wire.UNPROCESSABLE: "The body or query failed validation; `errors` names each field.",
    wire.RATE_LIMITED: "Too many calls with this API key; wait `Retry-After` seconds (assumed, wire.py).",
}
_SERVER_ERROR_TEXT = "A server error; GET, PUT and DELETE may be retried, honouring `Retry-After` (assumed, wire.py)."
# Headers of throttled answers (assumed, wire.py); the X-RateLimit ones come on every answer while a limit is on.
_HEADERS = {
    wire.RETRY_AFTER: "Seconds to wait before calling again.",
    wire.RATE_LIMIT_LIMIT: "Calls allowed per minute with this API key.",
    wire.RATE_LIMIT_REMAINING: "Calls left in the current minute.",
}


def response_model(op: Op) -> type[BaseModel] | None:
    """The model of an operation's success body: the item model, or a page of it for list operations."""
    if op.response is None or not op.many:
        return op.response
    return wire.Page[op.response]  # type: ignore[name-defined]


def error_statuses(op: Op) -> tuple[int, ...]:
    statuses = set(wire.COMMON_ERRORS) | set(op.errors)
    if permission_for(op) is not None:
        statuses.add(wire.FORBIDDEN)
    if op.body is not None:
        statuses |= set(wire.BODY_ERRORS)
    if op.query is not None:
        statuses.add(wire.UNPROCESSABLE)
    return tuple(sorted(statuses))


def build(profile: Profile) -> dict[str, Any]:
    """The whole OpenAPI document of one profile."""
    ops = ops_for(profile)
    pairs: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        (wire.ErrorBody, "serialization"),
        (ForbiddenBody, "serialization"),
        (webhook_deliveries.DeliveryPayload, "serialization"),
    ]
    for op in ops:
        if op.body is not None:
            pairs.append((op.body, "validation"))
        model = response_model(op)
        if model is not None:
            pairs.append((model, "serialization"))
    refs, defs = models_json_schema(list(dict.fromkeys(pairs)), ref_template=REF_TEMPLATE)
    paths: dict[str, dict[str, Any]] = {}
    for op in ops:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, ops, refs)
    error_refs = [refs[(model, "serialization")] for model in (wire.ErrorBody, ForbiddenBody)]
    webhooks = webhook_deliveries.openapi_webhooks(refs[(webhook_deliveries.DeliveryPayload, "serialization")])
    schemas = profile_schemas.narrow(_tidy(defs.get("$defs", {})), profile, [paths, webhooks, *error_refs])
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"Jasper PIM v1 API ({profile.value} profile)",
            "version": "1.0.0",
            "description": _DESCRIPTION.format(profile=profile.value),
        },
        "servers": [
            {"url": "https://{tenant}.pim.jasperpim.com/api/v1", "variables": {"tenant": {"default": "demo"}}},
            {"url": "https://{tenant}.oci-1.jasperpim.com/api/v1", "variables": {"tenant": {"default": "demo"}}},
        ],
        "security": [{SECURITY_SCHEME: []}],
        "paths": paths,
        "webhooks": webhooks,
        "components": {
            "schemas": schemas,
            "responses": {
                f"Error{status}": {
                    "description": text,
                    "content": {"application/json": {"schema": refs[(_error_model(status), "serialization")]}},
                }
                for status, text in sorted(_ERROR_TEXT.items())
            }
            | _throttling_responses(refs[(wire.ErrorBody, "serialization")]),
            "headers": {
                name: {"description": text, "schema": {"type": "integer", "minimum": 0}, "x-provenance": "assumed"}
                for name, text in _HEADERS.items()
            },
            "securitySchemes": {SECURITY_SCHEME: {"type": "http", "scheme": "bearer"}},
        },
        "x-profile": profile.value,
    }


def _error_model(status: int) -> type[BaseModel]:
    return ForbiddenBody if status == wire.FORBIDDEN else wire.ErrorBody


def _operation(op: Op, ops: tuple[Op, ...], refs: dict[Any, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": op.id,
        "summary": op.summary,
        "description": " ".join(part for part in (op.notes, f"Source: {op.source}.") if part),
        "tags": [op.resource],
        "security": [{SECURITY_SCHEME: []}],
        "parameters": _parameters(op),
        "responses": _responses(op, ops, refs),
        "x-provenance": op.provenance.value,
        "x-source": op.source,
        "x-profiles": sorted(p.value for p in op.profiles),
        "x-catalogue": [{"name": e.name, "group": e.group, "path": e.path} for e in op.catalogue],
        "x-write-paths": list(op.write_paths),
        "x-permission": permission_for(op),  # null: any valid key may call it
    }
    if op.action:
        operation["x-action"] = op.action
    if op.alternative_of:
        operation["x-alternative-of"] = list(op.alternative_of)
    if op.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(op.body, "validation")]}},
        }
    if not operation["parameters"]:
        del operation["parameters"]
    return operation


def _parameters(op: Op) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": wire.MAX_ID},
        }
        for name in op.path_params
    ]
    if op.query is not None:
        schema = op.query.model_json_schema()
        for name, declared in schema.get("properties", {}).items():
            prop = {k: v for k, v in declared.items() if k not in ("title", "description")}
            params.append(
                {
                    "name": name,
                    "in": "query",
                    "required": name in schema.get("required", []),
                    "description": schema["properties"][name].get("description", ""),
                    "schema": prop,
                }
            )
    return params


def _responses(op: Op, ops: tuple[Op, ...], refs: dict[Any, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    model = response_model(op)
    for status in (op.status, *op.extra_statuses):
        response: dict[str, Any] = {"description": _success_text(op, status)}
        if model is not None:
            response["content"] = {"application/json": {"schema": refs[(model, "serialization")]}}
        links = _links(op, ops)
        if links and status == op.status:
            response["links"] = links
        responses[str(status)] = response
    for status in error_statuses(op):
        responses[str(status)] = {"$ref": f"#/components/responses/Error{status}"}
    responses[wire.SERVER_ERRORS] = {"$ref": f"#/components/responses/Error{wire.SERVER_ERRORS}"}
    return responses


def _throttling_responses(error_schema: dict[str, Any]) -> dict[str, Any]:
    """429 with its headers, and any 5xx (which may carry `Retry-After`), in the error body's shape."""
    content = {"application/json": {"schema": error_schema}}
    header = "#/components/headers/{}".format
    return {
        f"Error{wire.RATE_LIMITED}": {
            "description": _ERROR_TEXT[wire.RATE_LIMITED],
            "headers": {name: {"$ref": header(name)} for name in _HEADERS},
            "content": content,
        },
        f"Error{wire.SERVER_ERRORS}": {
            "description": _SERVER_ERROR_TEXT,
            "headers": {wire.RETRY_AFTER: {"$ref": header(wire.RETRY_AFTER)}},
            "content": content,
        },
    }


def _success_text(op: Op, status: int) -> str:
    if status == 204:
        return "Done; no body."
    if status == 200 and op.status == 201:
        return "It existed already; nothing was added."
    return "Success."


def _links(op: Op, ops: tuple[Op, ...]) -> dict[str, Any]:
    """Links from a create to every operation its new id (plus the create's own path ids) can address."""
    if op.creates is None:
        return {}
    known = {*op.path_params, op.creates}
    links: dict[str, Any] = {}
    for target in ops:
        params = target.path_params
        if target is op or op.creates not in params or not set(params) <= known:
            continue
        links[target.id] = {
            "operationId": target.id,
            "parameters": {
                name: "$response.body#/id" if name == op.creates else f"$request.path.{name}" for name in params
            },
        }
    return links


def _tidy(node: Any, *, in_properties: bool = False) -> Any:
    """Drop pydantic's `title`s (noise in every diff) and `default: null`s (a field left out means
    "not sent"; on a non-nullable field a null default is invalid OpenAPI), and close dicts whose keys
    have a pattern, as pydantic validates them (with propertyNames). A `properties` map keeps its keys."""
    if isinstance(node, dict):
        tidy = {
            key: _tidy(value, in_properties=key == "properties" and not in_properties)
            for key, value in node.items()
            if in_properties
            or not ((key == "title" and isinstance(value, str)) or (key == "default" and value is None))
        }
        patterns = tidy.get("patternProperties") if not in_properties else None
        if isinstance(patterns, dict) and len(patterns) == 1 and "additionalProperties" not in tidy:
            # pydantic rejects a key that misses the pattern, so the dict is closed: every key matches the
            # pattern and every value the value schema. Said with propertyNames and additionalProperties
            # (the same rule): code generators such as openapi-python-client ignore patternProperties and
            # would give the dict no entries at all (the webhook's delivery headers).
            ((pattern, values),) = patterns.items()
            del tidy["patternProperties"]
            tidy["propertyNames"] = {"pattern": pattern}
            tidy["additionalProperties"] = values
        return tidy
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


_DESCRIPTION = """\
The Jasper PIM v1 REST API as the Jasper PIM contract simulator declares it, {profile} profile.

Generated from the operation table in `contracts/` (`python -m contracts`); do not edit by hand.
Every operation and field carries `x-provenance`: `observed-live` (the iPaaS.com connector calls it on
live tenants), `documented` (the public reference or Jasper's knowledge base says so) or `assumed` (no
public source; our labelled guess, decided once in `contracts/wire.py` or the resource module).
`x-source` cites the source by key (IPAAS-EP, KB-WH, ...); `contracts/SOURCES.md` gives each key's address.
"""
