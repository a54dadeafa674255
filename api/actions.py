"""Changes the API makes to its own tables: client apps, markers, idempotent requests."""

import ipaddress
import secrets
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application, set_token_value
from oauth2_provider.settings import oauth2_settings

from api import scopes as scope_rules
from api.models import AppProfile, IdempotentRequest, Marker
from posts.models import Post
from tribune.lib.errors import ActionError

OOB = "urn:ietf:wg:oauth:2.0:oob"
FORBIDDEN_SCHEMES = {"javascript", "data", "vbscript", "file"}


def check_redirect_uris(value: str | list[str]) -> list[str]:
    uris = value.split() if isinstance(value, str) else [u for v in value for u in str(v).split()]
    if not uris:
        raise ActionError("redirect_uris can't be blank", field="redirect_uris")
    for uri in uris:
        if uri == OOB:
            continue
        try:
            parts = urlsplit(uri)
        except ValueError:
            parts = None
        if parts is None or not parts.scheme or parts.scheme.lower() in FORBIDDEN_SCHEMES or "#" in uri:
            raise ActionError("redirect_uris must be absolute URIs", field="redirect_uris")
        if parts.scheme in ("http", "https") and not parts.netloc:
            raise ActionError("redirect_uris must be absolute URIs", field="redirect_uris")
        if not redirect_scheme_allowed(uri):
            raise ActionError(
                "redirect_uris must use https, or http to a loopback address (127.0.0.1, [::1], localhost)",
                field="redirect_uris",
            )
    return uris


def redirect_scheme_allowed(uri: str) -> bool:
    """A code may travel over plain http only to the person's own machine (RFC 8252 loopback, RFC 9700 2.1).
    A URI that does not parse is refused, never an error."""
    try:
        parts = urlsplit(uri)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme.lower() != "http":
        return True
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback  # 127.0.0.0/8 and ::1, not "127.evil.example"
    except ValueError:
        return False


def check_scopes(value: str | list[str] | None) -> list[str]:
    wanted = scope_rules.parse(value) or ["read"]
    unknown = [s for s in wanted if s not in scope_rules.ALL_SCOPES]
    if unknown:
        raise ActionError(f"Unknown scope: {' '.join(unknown)}", field="scopes")
    return wanted


@transaction.atomic
def do_create_app(
    name: str, redirect_uris: str | list[str], scopes: str | list[str] | None = None, website: str = ""
) -> tuple[Application, str]:
    """Register a client app; returns it with its client secret in clear (shown once, stored hashed)."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ActionError("client_name must have 1 to 100 characters", field="client_name")
    uris = check_redirect_uris(redirect_uris)
    wanted = check_scopes(scopes)
    website = (website or "").strip()
    if website and (len(website) > 2000 or urlsplit(website).scheme not in ("http", "https")):
        website = ""
    secret = secrets.token_urlsafe(32)
    app = Application(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(uris),
        client_secret=secret,
        skip_authorization=False,
    )
    app.save()
    AppProfile.objects.create(application=app, scopes=" ".join(wanted), website=website)
    return app, secret


def check_marker_id(value: object) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise ActionError("last_read_id must be an id", field="last_read_id") from None
    if not 0 <= number < 2**63:
        raise ActionError("last_read_id must be an id", field="last_read_id")
    return number


def do_save_marker(account_id: int, timeline: str, last_read_id: object) -> Marker:
    if timeline not in ("home", "notifications"):
        raise ActionError("Unknown timeline", field="timeline")
    number = check_marker_id(last_read_id)
    with transaction.atomic():
        marker, created = Marker.objects.select_for_update().get_or_create(
            account_id=account_id, timeline=timeline, defaults={"last_read_id": number}
        )
        if not created:
            Marker.objects.filter(pk=marker.pk).update(last_read_id=number, version=F("version") + 1)
            marker.refresh_from_db()
    return marker


@transaction.atomic
def do_register_from_app(
    application: Application, scope: str, *, username: str, email: str, password: str, locale: str
) -> tuple[AccessToken, str]:
    """Sign a person up from an app (`POST /api/v1/accounts`) and log the app in as them: the token
    row and the token itself (which is not stored)."""
    from accounts.actions import do_create_user

    if not email:
        raise ActionError("Email can't be blank", field="email")
    user = do_create_user(username, password, email=email, language=locale if locale in ("en", "fr") else "")
    raw = secrets.token_urlsafe(32)
    token = AccessToken(
        user=user,
        application=application,
        scope=scope,
        expires=timezone.now() + timedelta(seconds=oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS),
    )
    set_token_value(token, raw)  # only its checksum is stored
    token.save()
    return token, raw


IDEMPOTENCY_WINDOW = timedelta(hours=1)


def idempotent_post_id(account_id: int, key: str) -> int | None:
    """The status created under this key within the last hour, if any."""
    since = timezone.now() - IDEMPOTENCY_WINDOW
    row = IdempotentRequest.objects.filter(account_id=account_id, key=key[:200], created_at__gte=since).first()
    return row.post_id if row else None


def do_create_once(account_id: int, key: str, create: Callable[[], Post]) -> tuple[Post | None, int | None]:
    """Run `create` (which makes a post and returns it) and remember its post under the
    Idempotency-Key in the same transaction, so that a retried request never makes a second post:
    a process killed between writing the post and writing its key used to leave a post without
    its key, and the client's retry made it again. Returns (what `create` returned, None), or
    (None, the earlier post's id) when a request with the same key won a race."""
    if not key:
        return create(), None
    since = timezone.now() - IDEMPOTENCY_WINDOW
    IdempotentRequest.objects.filter(created_at__lt=since).delete()
    try:
        with transaction.atomic():
            made = create()
            IdempotentRequest.objects.create(account_id=account_id, key=key[:200], post_id=made.pk)
    except IntegrityError:
        earlier = idempotent_post_id(account_id, key)
        if earlier is None:
            raise
        return None, earlier
    return made, None


def do_remember_pkce(application: Application) -> None:
    """The app sent a PKCE challenge: from now on its authorizations must (api/oauth.py pkce_required)."""
    AppProfile.objects.filter(application=application, uses_pkce=False).update(uses_pkce=True)
