"""Client apps: `POST /api/v1/apps` and verifying an app's token."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api import openapi as bodies
from api.actions import do_create_app
from api.auth import caller, required
from api.models import AppProfile
from api.params import Params
from notifications.vapid import vapid_public_key
from tribune.lib.errors import ActionError

router = Router(tags=["apps"])


def application_entity(app: Any, secret: str | None = None) -> dict[str, Any]:
    profile = AppProfile.objects.filter(application=app).first()
    uris = app.redirect_uris.split()
    data: dict[str, Any] = {
        "id": str(app.pk),
        "name": app.name,
        "website": (profile.website if profile else "") or None,
        "scopes": (profile.scopes if profile else "read").split(),
        "redirect_uri": "\n".join(uris),
        "redirect_uris": uris,
        "vapid_key": vapid_public_key(),
    }
    if secret is not None:
        data.update(client_id=app.client_id, client_secret=secret, client_secret_expires_at=0)
    return data


@router.post("/v1/apps", openapi_extra=bodies.APP)
def create_app(request: HttpRequest) -> dict[str, Any]:
    params = Params(request)
    redirect = params.raw("redirect_uris")
    if redirect is None:
        redirect = params.raw("redirect_uri")
    if not isinstance(redirect, str | list):
        raise ActionError("redirect_uris can't be blank", field="redirect_uris")
    scopes = params.raw("scopes")
    app, secret = do_create_app(
        params.text("client_name") or "",
        redirect,
        scopes if isinstance(scopes, str | list) else None,
        website=params.text("website") or "",
    )
    return application_entity(app, secret)


@router.get("/v1/apps/verify_credentials", auth=required("*", user=False))
def verify_app(request: HttpRequest) -> dict[str, Any]:
    return application_entity(caller(request).application)
