from django.urls import URLPattern, URLResolver, path

from api.app import api
from api.oauth import MastodonAuthorizationView, MastodonRevokeView, MastodonTokenView
from api.views import streaming, wellknown

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/streaming/health", streaming.health),
    path("api/v1/streaming", streaming.stream, {"stream": ""}),
    path("api/v1/streaming/<path:stream>", streaming.stream),
    path("api/", api.urls),
    path("oauth/authorize", MastodonAuthorizationView.as_view(), name="oauth-authorize"),
    path("oauth/token", MastodonTokenView.as_view(), name="oauth-token"),
    path("oauth/revoke", MastodonRevokeView.as_view(), name="oauth-revoke"),
    path(".well-known/nodeinfo", wellknown.nodeinfo_links),
    path("nodeinfo/<str:version>", wellknown.nodeinfo_document),
    path(".well-known/oauth-authorization-server", wellknown.oauth_metadata),
]
