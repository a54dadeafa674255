"""OAuth2 as Mastodon clients expect it, on top of django-oauth-toolkit.

Every app may use the authorization code (with or without PKCE), password,
client credentials and refresh token grants; an app asks for a subset of the
scopes it registered (`read` covering `read:*` and so on); the
`urn:ietf:wg:oauth:2.0:oob` redirect shows the code on a page to copy.
"""

import json
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.http import OAuth2ResponseRedirect
from oauth2_provider.models import Application
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import BaseScopes
from oauth2_provider.views import AuthorizationView, RevokeTokenView, TokenView
from oauthlib.oauth2.rfc6749 import errors as oauth_errors

from accounts import two_factor
from accounts.attempts import TooManyAttempts, account_key, check_attempts, count_attempt
from accounts.models import User
from api import scopes as scope_rules
from api.actions import OOB, do_remember_pkce, redirect_scheme_allowed
from api.models import AppProfile
from tribune import csp
from tribune.lib import jsonbody

GRANTS = {"authorization_code", "password", "client_credentials", "refresh_token"}


def registered_scopes(application: Any) -> list[str]:
    profile = getattr(application, "mastodon_profile", None) if application is not None else None
    return scope_rules.parse(profile.scopes) if profile else ["read"]


class MastodonScopes(BaseScopes):
    def get_all_scopes(self) -> dict[str, str]:
        return scope_rules.ALL_SCOPES

    def get_available_scopes(self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any) -> list:
        granted = registered_scopes(application)
        return [s for s in scope_rules.ALL_SCOPES if scope_rules.covers(granted, s)]

    def get_default_scopes(self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any) -> list:
        return registered_scopes(application)


def pkce_required(client_id: str) -> bool:
    """PKCE for every app where the instance says so, else for those that have sent it once."""
    if settings.OAUTH_REQUIRE_PKCE:
        return True
    return AppProfile.objects.filter(application__client_id=client_id, uses_pkce=True).exists()


class MastodonValidator(OAuth2Validator):
    def validate_grant_type(
        self, client_id: str, grant_type: str, client: Any, request: Any, *a: Any, **k: Any
    ) -> bool:
        return grant_type in GRANTS and (grant_type != "password" or settings.OAUTH_PASSWORD_GRANT)

    def validate_redirect_uri(self, client_id: str, redirect_uri: str, request: Any, *a: Any, **k: Any) -> bool:
        # Apps registered before http was limited to loopback addresses are held to it too.
        return redirect_scheme_allowed(redirect_uri) and super().validate_redirect_uri(
            client_id, redirect_uri, request, *a, **k
        )

    def save_authorization_code(self, client_id: str, code: dict, request: Any, *a: Any, **k: Any) -> None:
        super().save_authorization_code(client_id, code, request, *a, **k)
        if getattr(request, "code_challenge", None):
            do_remember_pkce(request.client)

    def validate_response_type(
        self, client_id: str, response_type: str, client: Any, request: Any, *a: Any, **k: Any
    ) -> bool:
        return response_type == "code"

    def validate_user(self, username: str, password: str, client: Any, request: Any, *a: Any, **k: Any) -> bool:
        """Mastodon's password grant takes the email address; the username works too."""
        username = (username or "").replace("\x00", "")
        user = User.objects.filter(email__iexact=username).exclude(email="").first() if "@" in username else None
        name = user.username if user else username
        found = authenticate(self.build_http_request(request), username=name, password=password or "")
        if found is not None and found.is_active:
            if two_factor.is_on(found):
                # The grant has no place for a code: such an account logs in through the browser.
                raise oauth_errors.InvalidGrantError(
                    description=_(
                        "This account uses two-factor log-in, which the password grant cannot carry: "
                        "log in through the browser (authorization code grant)."
                    ),
                    request=request,
                )
            request.user = found
            return True
        return False


def _form_body(request: HttpRequest) -> None:
    """Clients that post JSON to the token endpoints get the same treatment as form posts."""
    if request.content_type == "application/json":
        try:
            data = jsonbody.loads(request.body or b"{}")
        except jsonbody.JSONBodyError:
            data = {}
        post = QueryDict(mutable=True)
        if isinstance(data, dict):
            for key, value in data.items():
                post[key] = " ".join(map(str, value)) if isinstance(value, list) else str(value)
        request.POST = post  # type: ignore[assignment]  # rebinding the parsed body is what Django allows


def _token_error(error: str, description: str, status: int = 400) -> HttpResponse:
    body = json.dumps({"error": error, "error_description": description})
    return HttpResponse(body, status=status, content_type="application/json")


@method_decorator(csrf_exempt, name="dispatch")
class MastodonTokenView(TokenView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _form_body(request)
        guessing = request.POST.get("grant_type") == "password"
        if guessing and not settings.OAUTH_PASSWORD_GRANT:
            return _token_error(
                "unsupported_grant_type",
                _(
                    "This server does not take passwords from apps: log in through the browser "
                    "(authorization code grant), as on Mastodon since 4.4."
                ),
            )
        account = ""
        if guessing:
            # The password grant is a log-in: it shares web log-in's limits (accounts/attempts.py).
            account = account_key(request.POST.get("username", ""))
            try:
                check_attempts("login", request, account)
            except TooManyAttempts as e:
                refused = HttpResponse(json.dumps({"error": e.message}), status=429, content_type="application/json")
                refused["Retry-After"] = str(e.retry_after)
                return refused
        response = super().post(request, *args, **kwargs)
        if guessing and response.status_code != 200:
            count_attempt("login", request, account)
        if response.status_code == 200:
            try:
                data = json.loads(response.content)
            except ValueError:
                return response
            data.setdefault("created_at", int(time.time()))
            response.content = json.dumps(data).encode()
        return response


@method_decorator(csrf_exempt, name="dispatch")
class MastodonRevokeView(RevokeTokenView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _form_body(request)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:
            return HttpResponse("{}", content_type="application/json")
        return response


class MastodonAuthorizationView(AuthorizationView):
    template_name = "api/authorize.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        # The page's form leads, through a redirect, to the app's redirect URI: browsers hold that
        # redirect to the page's form-action, which names it when it is one the app registered.
        uri = request.GET.get("redirect_uri", "")
        app = Application.objects.filter(client_id=request.GET.get("client_id", "")).first()
        if app is not None and uri in app.redirect_uris.split() and not uri.startswith(OOB):
            response[csp.HEADER] = csp.policy(form_action=[csp.source_of(uri)])
        return response

    def redirect(self, redirect_to: str, application: Any) -> HttpResponse:
        parts = urlsplit(redirect_to)
        if redirect_to.startswith(OOB):
            query = parse_qs(parts.query)
            code = (query.get("code") or [""])[0]
            error = (query.get("error") or [""])[0]
            return render(self.request, "api/authorized_oob.html", {"code": code, "error": error})
        # The URI was checked against the app's registered ones; native apps use their own scheme.
        return OAuth2ResponseRedirect(redirect_to, [parts.scheme])
