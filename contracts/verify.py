"""Consumer verification: check requests a client sent (and the answers it got) against the contract.

The committed OpenAPI documents are the reference, not the Python models they were made from, so a
stale document or a client that bypasses the models is caught too. OAS 3.1 schemas are JSON Schema
2020-12: each is validated with `jsonschema` through a `referencing` registry that holds the whole
document (../shared/reference/tooling.md §4). Each violation names the operationId, where the problem
is (path, query, header, body, response) and the field as a JSON pointer.

A request is matched to the operation of the profile document that serves its method and path; when
the sender says which operation it meant (`intended`), that one is chosen, so `POST /products` is
checked as `createProduct` (live) or `createProductWithParent` (documented) as the client intended.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qsl

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from contracts.wire import API_PREFIX, AUTH_SCHEME

DOCUMENTS: Final = (Path(__file__).with_name("openapi.json"), Path(__file__).with_name("openapi.documented.json"))
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


@dataclass(frozen=True, slots=True)
class Violation:
    """One way a request or a response breaks the contract."""

    operation: str  # the operationId, or "METHOD /path" when no operation matches
    location: str  # path | query | header | body | response
    pointer: str  # JSON pointer of the field inside `location` ("" for the whole thing)
    message: str
    keyword: str = field(default="", compare=False)  # the JSON Schema keyword that failed ("required", ...)

    def __str__(self) -> str:
        return f"{self.operation}: {self.location} {self.pointer or '/'}: {self.message}"


@dataclass(frozen=True, slots=True)
class _Operation:
    id: str
    profile: str
    uri: str  # the document's URI in the registry
    method: str
    template: tuple[str, ...]  # path segments; "{name}" for parameters
    spec: Mapping[str, Any]
    pointer: str  # JSON pointer of the operation object inside its document


class ContractVerifier:
    """Validates recorded traffic against the OpenAPI documents of every profile."""

    def __init__(self, documents: Sequence[Mapping[str, Any]] | None = None) -> None:
        loaded = documents if documents is not None else [json.loads(p.read_text("utf-8")) for p in DOCUMENTS]
        registry: Registry[Any] = Registry()
        self._operations: list[_Operation] = []
        for document in loaded:
            profile = str(document.get("x-profile", "unknown"))
            uri = f"urn:jasper-openapi:{profile}"
            registry = registry.with_resource(uri, Resource.from_contents(document, default_specification=DRAFT202012))
            for path, item in document["paths"].items():
                for method, spec in item.items():
                    self._operations.append(
                        _Operation(
                            id=spec["operationId"],
                            profile=profile,
                            uri=uri,
                            method=method.upper(),
                            template=_segments(path),
                            spec=spec,
                            pointer=f"/paths/{_escape(path)}/{method}",
                        )
                    )
        self._registry = registry.crawl()
        self._validators: dict[str, jsonschema.Draft202012Validator] = {}

    @property
    def operation_ids(self) -> frozenset[str]:
        """Every operationId of every loaded document."""
        return frozenset(op.id for op in self._operations)

    def check_request(
        self,
        method: str,
        path: str,
        *,
        query: str = "",
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
        intended: str | None = None,
    ) -> list[Violation]:
        """Every way one request breaks the contract (empty when it conforms).

        `path` is the URL path; whatever precedes the API prefix (/api/v1) is ignored. Header names
        are matched case-insensitively.
        """
        relative = _relative(path)
        found = self._match(method.upper(), relative, intended)
        if isinstance(found, Violation):
            return [found]
        op, path_values = found
        lowered = {k.lower(): v for k, v in (headers or {}).items()}
        return [
            *self._check_path(op, path_values),
            *self._check_query(op, query),
            *self._check_auth(op, lowered),
            *self._check_body(op, lowered, body),
        ]

    def check_response(
        self, operation_id: str, status: int, body: bytes, *, content_type: str = "application/json"
    ) -> list[Violation]:
        """Every way an answer with a documented status breaks its schema (undocumented statuses pass).

        An operation of several loaded documents (getProduct is in both profiles') conforms when one of
        them admits the answer: each profile declares only its own row shapes. Otherwise the first
        document's violations are answered.
        """
        ops = [o for o in self._operations if o.id == operation_id]
        if not ops:
            return [Violation(operation_id, "response", "", "no such operation in the contract")]
        found = [self._check_response(op, status, body, content_type) for op in ops]
        return next((violations for violations in found if not violations), found[0])

    def _check_response(self, op: _Operation, status: int, body: bytes, content_type: str) -> list[Violation]:
        declared = op.spec.get("responses", {}).get(str(status))
        if declared is None:
            return []
        pointer = f"{op.pointer}/responses/{status}"
        if "$ref" in declared:
            pointer = declared["$ref"].lstrip("#")
            declared = self._registry.resolver(op.uri).lookup(declared["$ref"]).contents
        schema = declared.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return []
        if "json" not in content_type.lower():
            return [Violation(op.id, "response", "", f"{status} answer is {content_type or 'untyped'}, not JSON")]
        try:
            document = json.loads(body)
        except ValueError:
            return [Violation(op.id, "response", "", f"{status} answer is not valid JSON")]
        where = f"{op.uri}#{pointer}/content/application~1json/schema"
        return self._validate(op.id, "response", where, document)

    def _match(self, method: str, path: str, intended: str | None) -> tuple[_Operation, dict[str, str]] | Violation:
        segments = _segments(path)
        matches = [(op, values) for op in self._operations if (values := _bind(op, method, segments)) is not None]
        if intended is not None:
            chosen = [m for m in matches if m[0].id == intended]
            if chosen:
                return chosen[0]
            served = ", ".join(sorted({f"{op.id} ({op.profile})" for op, _ in matches})) or "nothing"
            return Violation(intended, "path", "", f"{method} {path} is {served} in the contract, not {intended}")
        if not matches:
            return Violation(f"{method} {path}", "path", "", "no operation of any profile serves this method and path")
        return matches[0]

    def _check_path(self, op: _Operation, values: Mapping[str, str]) -> Iterable[Violation]:
        for param in op.spec.get("parameters", []):
            if param["in"] == "path":
                yield from self._check_param(op, "path", param, values.get(param["name"]))

    def _check_query(self, op: _Operation, query: str) -> Iterable[Violation]:
        pairs = parse_qsl(query, keep_blank_values=True)
        declared = {p["name"]: p for p in op.spec.get("parameters", []) if p["in"] == "query"}
        seen: set[str] = set()
        for name, value in pairs:
            if name not in declared:
                yield Violation(op.id, "query", f"/{_escape(name)}", "not a parameter of this operation")
            elif name in seen:
                yield Violation(op.id, "query", f"/{_escape(name)}", "given more than once")
            else:
                yield from self._check_param(op, "query", declared[name], value)
            seen.add(name)
        for name, param in declared.items():
            if param.get("required") and name not in seen:
                yield Violation(op.id, "query", f"/{_escape(name)}", "required parameter missing")

    def _check_param(self, op: _Operation, location: str, param: Mapping[str, Any], raw: str | None) -> list[Violation]:
        name = param["name"]
        if raw is None:
            return [Violation(op.id, location, f"/{_escape(name)}", "required parameter missing")]
        value = _typed(raw, param.get("schema", {}))
        where = f"{op.uri}#{op.pointer}/parameters/{op.spec['parameters'].index(param)}/schema"
        return [
            Violation(v.operation, v.location, f"/{_escape(name)}{v.pointer}", v.message, v.keyword)
            for v in self._validate(op.id, location, where, value)
        ]

    def _check_auth(self, op: _Operation, headers: Mapping[str, str]) -> Iterable[Violation]:
        if not op.spec.get("security"):
            return
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() != AUTH_SCHEME.lower() or not token.strip():
            yield Violation(op.id, "header", "/Authorization", f"missing `{AUTH_SCHEME} <API key>`")

    def _check_body(self, op: _Operation, headers: Mapping[str, str], body: bytes) -> Iterable[Violation]:
        declared = op.spec.get("requestBody")
        if declared is None:
            if body:
                yield Violation(op.id, "body", "", "this operation takes no body")
            return
        if not body:
            if declared.get("required"):
                yield Violation(op.id, "body", "", "required body missing")
            return
        if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            yield Violation(op.id, "header", "/Content-Type", "a JSON body needs `Content-Type: application/json`")
        try:
            document = json.loads(body)
        except ValueError:
            yield Violation(op.id, "body", "", "not valid JSON")
            return
        where = f"{op.uri}#{op.pointer}/requestBody/content/application~1json/schema"
        yield from self._validate(op.id, "body", where, document)

    def _validate(self, operation: str, location: str, where: str, instance: Any) -> list[Violation]:
        validator = self._validators.get(where)
        if validator is None:
            validator = jsonschema.Draft202012Validator(
                {"$ref": where}, registry=self._registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
            )
            self._validators[where] = validator
        found = [
            Violation(operation, location, _pointer(error), error.message, str(error.validator))
            for error in validator.iter_errors(instance)
        ]
        return sorted(found, key=lambda violation: (violation.pointer, violation.message))


def _relative(path: str) -> str:
    _, prefix, rest = path.partition(API_PREFIX)
    return rest if prefix else path


def _segments(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.strip("/").split("/") if part)


def _bind(op: _Operation, method: str, segments: tuple[str, ...]) -> dict[str, str] | None:
    """The path values when `segments` fit the operation's template, else None."""
    if op.method != method or len(op.template) != len(segments):
        return None
    values: dict[str, str] = {}
    for expected, actual in zip(op.template, segments, strict=True):
        if expected.startswith("{"):
            values[expected[1:-1]] = actual
        elif expected != actual:
            return None
    return values


def _typed(raw: str, schema: Mapping[str, Any]) -> Any:
    """A query or path text as the JSON value it stands for, so the schema judges the value, not the text."""
    kind = schema.get("type")
    if kind == "integer" and _INTEGER.fullmatch(raw):
        return int(raw)
    if kind == "number" and _NUMBER.fullmatch(raw):
        return float(raw)
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


def _pointer(error: jsonschema.ValidationError) -> str:
    """The JSON pointer of the field an error is about (the missing or unexpected key, when there is one)."""
    parts = [str(p) for p in error.absolute_path]
    instance, schema = error.instance, error.schema
    if error.validator == "required" and isinstance(instance, dict) and isinstance(error.validator_value, list):
        # jsonschema reports each missing property as its own error, naming it first in the message
        missing = [name for name in error.validator_value if name not in instance]
        parts += [next((name for name in missing if error.message.startswith(repr(name))), *missing[:1])]
    elif error.validator == "additionalProperties" and isinstance(instance, dict) and isinstance(schema, dict):
        known = set(schema.get("properties", {}))
        extra = sorted(name for name in instance if name not in known)
        parts += extra[:1]
    return "".join(f"/{_escape(part)}" for part in parts)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
