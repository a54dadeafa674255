"""Interface language: the person's setting, else the browser's Accept-Language."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get("tribune_language") or translation.get_language_from_request(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "language", ""):
            language = user.language
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        response.headers.setdefault("Vary", "Accept-Language, Cookie")
        return response
