"""Refuse NUL characters in any request, for every front end at once.

PostgreSQL cannot store NUL in text columns, and no person types one: a request
carrying one (in the path, the query, a form or a JSON body) is answered 400
before it reaches a view, instead of failing as a 500 deep in an action.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

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


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            message = _("The request contains characters that are not allowed.")
            if request.path.startswith(MACHINE_PREFIXES):
                return JsonResponse({"error": message}, status=400)
            from web.views.common import error_page

            return error_page(request, message, 400)
        return self.get_response(request)
