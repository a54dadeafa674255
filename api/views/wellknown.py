"""NodeInfo and OAuth server metadata: plain JSON documents outside the client API."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse

from api import scopes as scope_rules
from api.serializers.instance import nodeinfo


def nodeinfo_links(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "links": [
                {"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": f"{settings.SITE_URL}/nodeinfo/2.0"},
                {"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1", "href": f"{settings.SITE_URL}/nodeinfo/2.1"},
            ]
        }
    )


def nodeinfo_document(request: HttpRequest, version: str) -> JsonResponse:
    if version not in ("2.0", "2.1"):
        return JsonResponse({"error": "Record not found"}, status=404)
    schema = f"http://nodeinfo.diaspora.software/ns/schema/{version}#"
    response = JsonResponse(nodeinfo(version), content_type=f'application/json; profile="{schema}"')
    response["Access-Control-Allow-Origin"] = "*"
    return response


def oauth_metadata(request: HttpRequest) -> JsonResponse:
    site = settings.SITE_URL
    return JsonResponse(
        {
            "issuer": f"{site}/",
            "service_documentation": "https://docs.joinmastodon.org/",
            "authorization_endpoint": f"{site}/oauth/authorize",
            "token_endpoint": f"{site}/oauth/token",
            "revocation_endpoint": f"{site}/oauth/revoke",
            "app_registration_endpoint": f"{site}/api/v1/apps",
            "scopes_supported": list(scope_rules.ALL_SCOPES),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "fragment", "form_post"],
            "grant_types_supported": ["authorization_code", "password", "client_credentials", "refresh_token"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }
    )
