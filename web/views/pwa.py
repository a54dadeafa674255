"""Installable web app: manifest, service worker (at the root scope), offline page."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from web.instance import instance_settings


def manifest(request: HttpRequest) -> JsonResponse:
    name = instance_settings()["name"]
    icons = [
        {"src": static("web/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("web/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {"src": static("web/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
    ]
    data = {
        "name": name,
        "short_name": name[:12],
        "description": _("A microblogging server"),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/home",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4ed8",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(request, "web/sw.js", content_type="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    return response


def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "web/offline.html", {"title": _("Offline")})
