"""Creating a person from an app, and the token that logs the app in as them."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from oauth2_provider.models import AccessToken
from oauth2_provider.settings import oauth2_settings

from accounts.actions import do_create_user
from api.auth import Caller
from tribune.lib.errors import ActionError


def register_person(caller: Caller, *, username: str, email: str, password: str, locale: str) -> AccessToken:
    app = caller.application
    if app is None or caller.token is None:
        raise ActionError("This method requires an app token", status=403)
    if not email:
        raise ActionError("Email can't be blank", field="email")
    with transaction.atomic():
        user = do_create_user(username, password, email=email, language=locale if locale in ("en", "fr") else "")
        return AccessToken.objects.create(
            user=user,
            application=app,
            token=secrets.token_urlsafe(32),
            scope=caller.token.scope,
            expires=timezone.now() + timedelta(seconds=oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS),
        )
