"""Errors as Mastodon returns them: `{"error": "..."}` with the right status, never a 500 for bad input."""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tribune.lib.errors import ActionError

log = logging.getLogger(__name__)


def error_response(
    api: NinjaAPI, request: HttpRequest, message: str, status: int, details: dict[str, list] | None = None
) -> HttpResponse:
    body: dict[str, object] = {"error": message}
    if status == 422:
        # Mastodon's validation errors name each field at fault (`base` for the request as a whole).
        body["details"] = details or {"base": [{"error": "ERR_INVALID", "description": message}]}
    return api.create_response(request, body, status=status)


def _field_details(field: str | None, message: str) -> dict[str, list]:
    return {field or "base": [{"error": "ERR_INVALID", "description": message}]}


def _validation_message(exc: ValidationError) -> tuple[str, dict[str, list]]:
    parts = []
    details: dict[str, list] = {}
    for item in exc.errors[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body", "path", "form"))
        text = str(item.get("msg", "invalid"))
        parts.append(f"{where}: {text}" if where else text)
        details.setdefault(where or "base", []).append({"error": "ERR_INVALID", "description": text})
    return "Validation failed: " + "; ".join(parts), details


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ActionError)
    def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        response = error_response(api, request, exc.message, exc.status, _field_details(exc.field, exc.message))
        if retry_after := getattr(exc, "retry_after", None):
            response["Retry-After"] = str(retry_after)
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        message, details = _validation_message(exc)
        return error_response(api, request, message, 422, details)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, "The access token is invalid", 401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, str(exc.message), exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, "Record not found", 404)
