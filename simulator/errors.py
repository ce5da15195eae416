"""Typed API errors: handlers raise them, `simulator.routing` renders them into `wire.ErrorBody` once.

Each class carries its HTTP status and a default machine-readable `code` (wire.ErrorBody.code, a
simulator extension). Messages follow Laravel's wording where Laravel has one.
"""

# ruff: noqa: N818  (the status names read better than an "Error" suffix: `raise NotFound(...)`)
from __future__ import annotations

from typing import Any, ClassVar

from contracts import wire


class ApiError(Exception):
    """An error answer: status, code, message, per-field errors and any extra body members."""

    status: ClassVar[int] = 500
    default_code: ClassVar[str] = "error"
    default_message: ClassVar[str] = "Server Error"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.code = code or self.default_code
        self.errors = errors or {}
        self.headers = headers or {}
        self.extra = extra or {}
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        """The JSON body in the shape of `wire.ErrorBody` (plus any extra members)."""
        return {"message": self.message, "code": self.code, "errors": self.errors, **self.extra}


class Malformed(ApiError):
    """The body is not JSON at all."""

    status = wire.MALFORMED
    default_code = "malformed_json"
    default_message = "The request body is not valid JSON."


class Unauthorized(ApiError):
    """Missing, malformed or unknown API key (Laravel's message)."""

    status = wire.UNAUTHORIZED
    default_code = "unauthenticated"
    default_message = "Unauthenticated."


class Forbidden(ApiError):
    """The key is valid but lacks the permission the operation needs (Laravel's authorization message);
    the body names it in `permission` (contracts.permissions.ForbiddenBody)."""

    status = wire.FORBIDDEN
    default_code = "missing_permission"
    default_message = "This action is unauthorized."

    def __init__(self, permission: str) -> None:
        super().__init__(extra={"permission": permission})


class NotFound(ApiError):
    """No such object in this tenant, or no such route."""

    status = wire.NOT_FOUND
    default_code = "not_found"
    default_message = "Not found."


class MethodNotAllowed(ApiError):
    """The path exists but not with this method."""

    status = wire.METHOD_NOT_ALLOWED
    default_code = "method_not_allowed"
    default_message = "The method is not supported for this route."


class TooLarge(ApiError):
    """The body is over the tenant's size limit."""

    status = wire.TOO_LARGE
    default_code = "payload_too_large"
    default_message = "The request body is too large."


class UnsupportedMediaType(ApiError):
    """A body that is not application/json."""

    status = wire.UNSUPPORTED_MEDIA_TYPE
    default_code = "unsupported_media_type"
    default_message = "The request body must be application/json."


class Unprocessable(ApiError):
    """Validation failed; `errors` names each field (Laravel's 422 shape).

    `Unprocessable("sku", "The sku has already been taken.")` is a 422 about one field; pass `errors=`
    for several.
    """

    status = wire.UNPROCESSABLE
    default_code = "validation_failed"
    default_message = "The given data was invalid."

    def __init__(
        self,
        field: str | None = None,
        message: str | None = None,
        *,
        code: str | None = None,
        errors: dict[str, list[str]] | None = None,
    ) -> None:
        if field is not None:
            errors = {field: [message or self.default_message], **(errors or {})}
        super().__init__(message, code=code, errors=errors)


class ServiceUnavailable(ApiError):
    """The simulator cannot take the request now (its state file cannot be written, say)."""

    status = 503
    default_code = "unavailable"
    default_message = "Service Unavailable"


class InternalError(ApiError):
    """An unexpected exception in the simulator (there should be none)."""

    status = 500
    default_code = "internal_error"
    default_message = "Server Error"
