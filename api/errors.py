"""Errors as Mastodon returns them: `{"error": "..."}` with the right status, never a 500 for bad input."""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tribune.lib.errors import ActionError

log = logging.getLogger(__name__)


def error_response(api: NinjaAPI, request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"error": message}, status=status)


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for item in exc.errors[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body", "path", "form"))
        parts.append(f"{where}: {item.get('msg', 'invalid')}" if where else str(item.get("msg", "invalid")))
    return "Validation failed: " + "; ".join(parts)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ActionError)
    def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        return error_response(api, request, exc.message, exc.status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(api, request, _validation_message(exc), 422)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, "The access token is invalid", 401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, str(exc.message), exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, "Record not found", 404)
