"""Refuse bad request bodies for every front end at once, before any view runs.

`BodyLimitsMiddleware`: a body larger than the server takes is answered 413, and a
JSON body nested deeper than any real client sends 400 (`tribune.lib.jsonbody`), so
no view's parser meets one. Multipart uploads keep Django's own limits (files are
streamed to disk, only their form fields count against DATA_UPLOAD_MAX_MEMORY_SIZE).

`RefuseNulMiddleware`: PostgreSQL cannot store NUL in text columns, and no person
types one: a request carrying one (in the path, the query, a form or a JSON body)
is answered 400 before it reaches a view, instead of failing as a 500 deep in an action.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from tribune.lib import jsonbody

MACHINE_PREFIXES = ("/api/", "/oauth/", "/users/", "/inbox", "/actor", "/.well-known/", "/nodeinfo")


def has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if request.method in ("POST", "PUT", "PATCH"):
        if content_type.startswith("multipart/form-data"):
            return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
        body = request.body
        return b"\x00" in body or b"\\u0000" in body or b"%00" in body
    return False


def refusal(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """A JSON error for clients and servers, an error page for people."""
    if request.path.startswith(MACHINE_PREFIXES):
        return JsonResponse({"error": message}, status=status)
    from web.views.common import error_page

    return error_page(request, message, status)


def is_json(content_type: str) -> bool:
    media_type = content_type.split(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def body_refusal(request: HttpRequest) -> tuple[str, int] | None:
    """Why `request`'s body is refused (message, status), or None."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        return None
    json_body = is_json(content_type)
    limit = jsonbody.MAX_BYTES if json_body else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    too_large = (_("The request body is too large."), 413)
    length = request.META.get("CONTENT_LENGTH", "")
    if length.isdigit() and int(length) > limit:
        return too_large
    try:
        body = request.body
    except RequestDataTooBig:
        return too_large
    if not json_body or not body:
        return None
    try:
        jsonbody.check(body)
    except jsonbody.JSONBodyError as e:
        return (
            (_("The request body is too large."), 413)
            if e.status == 413
            else (_("The JSON body is nested too deeply."), 400)
        )
    return None


class BodyLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = body_refusal(request)
        if refused is not None:
            return refusal(request, *refused)
        return self.get_response(request)


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            return refusal(request, _("The request contains characters that are not allowed."), 400)
        return self.get_response(request)
