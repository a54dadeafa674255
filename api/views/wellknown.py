"""NodeInfo, OAuth server metadata, OpenID userinfo and health: plain documents outside the client API."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from api import scopes as scope_rules
from api.auth import caller_for, check_scope, token_from_header
from api.serializers.instance import nodeinfo
from tribune.lib.errors import ActionError


def health(request: HttpRequest) -> HttpResponse:
    """Mastodon's `/health`: the web process answers."""
    return HttpResponse("OK", content_type="text/plain")


def userinfo(request: HttpRequest) -> JsonResponse:
    """OpenID Connect's userinfo for a token with the `profile` scope (Mastodon 4.4)."""
    header = request.headers.get("Authorization", "")
    token = token_from_header(header[7:]) if header.lower().startswith("bearer ") else None
    found = caller_for(token) if token is not None else None
    if token is None or found is None or found.account is None:
        return JsonResponse({"error": "The access token is invalid"}, status=401)
    try:
        check_scope(token, "profile")
    except ActionError as e:
        return JsonResponse({"error": e.message}, status=e.status)
    account = found.account
    return JsonResponse(
        {
            "iss": f"{settings.SITE_URL}/",
            "sub": account.actor_uri(),
            "name": account.display_name or account.username,
            "preferred_username": account.username,
            "profile": account.profile_url(),
            "picture": account.avatar_url(),
        }
    )


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
            "userinfo_endpoint": f"{site}/oauth/userinfo",
            "app_registration_endpoint": f"{site}/api/v1/apps",
            "scopes_supported": list(scope_rules.ALL_SCOPES),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "fragment", "form_post"],
            "grant_types_supported": ["authorization_code"]
            + (["password"] if settings.OAUTH_PASSWORD_GRANT else [])
            + ["client_credentials", "refresh_token"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }
    )
