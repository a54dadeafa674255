from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, URLPattern, URLResolver, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt

from api.app import api
from api.oauth import MastodonAuthorizationView, MastodonRevokeView, MastodonTokenView
from api.views import streaming, wellknown


@csrf_exempt  # every view under /api/ authenticates by bearer token, never by cookie
def without_trailing_slash(request: HttpRequest, rest: str) -> HttpResponse:
    """Some clients ask for `/api/v1/instance/`: serve it as `/api/v1/instance`."""
    try:
        match = resolve(f"/api/{rest}")
    except Resolver404:
        return JsonResponse({"error": "Record not found"}, status=404)
    request.path_info = request.path = f"/api/{rest}"
    return match.func(request, *match.args, **match.kwargs)


urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/streaming/health", streaming.health),
    path("api/v1/streaming", streaming.stream, {"stream": ""}),
    path("api/v1/streaming/<path:stream>", streaming.stream),
    path("api/", api.urls),
    path("oauth/authorize", MastodonAuthorizationView.as_view(), name="oauth-authorize"),
    path("oauth/token", MastodonTokenView.as_view(), name="oauth-token"),
    path("oauth/revoke", MastodonRevokeView.as_view(), name="oauth-revoke"),
    path("oauth/userinfo", wellknown.userinfo),
    path("health", wellknown.health),
    path(".well-known/nodeinfo", wellknown.nodeinfo_links),
    path("nodeinfo/<str:version>", wellknown.nodeinfo_document),
    path(".well-known/oauth-authorization-server", wellknown.oauth_metadata),
    re_path(r"^api/(?P<rest>.+[^/])/$", without_trailing_slash),
]
