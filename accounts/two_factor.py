"""Two-factor log-in: after the password, a code from an authenticator app (tribune/lib/totp.py).

A person turns it on in Settings with a secret the server made (kept in their session until a code
from their app confirms it, then on their user row), and off with a code. Each code is taken once:
the step it belongs to is remembered, and older ones refused. Where the instance says so
(`settings.REQUIRE_2FA_FOR_MODERATORS`), moderators and administrators must have it on before
their pages open.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from tribune.lib import totp
from tribune.lib.errors import ActionError


def wrong_code() -> ActionError:
    return ActionError(_("That code is not the right one. Type the newest code your app shows."), field="code")


def setup_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads, labelled with the person's address here."""
    host = settings.DOMAIN.split(":")[0]
    return totp.otpauth_uri(secret, f"{user.username}@{host}", settings.INSTANCE_NAME)


def is_on(user: User) -> bool:
    return bool(user.totp_secret)


def required_but_off(user: User) -> bool:
    """A moderator or administrator without two-factor log-in, on an instance that requires it."""
    moderates = user.is_staff or user.is_moderator
    return settings.REQUIRE_2FA_FOR_MODERATORS and moderates and not is_on(user)


def to_settings_first(request: HttpRequest) -> HttpResponse:
    """Where a moderator who must use two-factor log-in, and does not yet, is sent instead."""
    messages.error(
        request, _("Turn on two-factor log-in first: moderators and administrators of this instance must use it.")
    )
    return redirect(reverse("web:settings") + "#two-factor")


@transaction.atomic
def do_take_code(user: User, code: str) -> bool:
    """Whether `code` is the person's current one, not taken before; if so it is taken (used up)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.totp_secret:
        return False
    step = totp.matching_step(locked.totp_secret, code, after=locked.totp_last_step)
    if step is None:
        return False
    locked.totp_last_step = user.totp_last_step = step
    locked.save(update_fields=["totp_last_step"])
    return True


@transaction.atomic
def do_turn_on_two_factor(user: User, secret: str, code: str) -> None:
    """Keep `secret` once the person shows a code their app made from it. Never over a secret already
    on: replacing it would take two-factor away without a code from the old one (turn it off first)."""
    if User.objects.select_for_update().filter(pk=user.pk).exclude(totp_secret="").exists():
        raise ActionError(_("Two-factor log-in is already on."))
    step = totp.matching_step(secret, code) if secret else None
    if step is None:
        raise wrong_code()
    user.totp_secret, user.totp_last_step = secret, step
    user.save(update_fields=["totp_secret", "totp_last_step"])


@transaction.atomic
def do_turn_off_two_factor(user: User, code: str) -> None:
    if not do_take_code(user, code):
        raise wrong_code()
    user.totp_secret, user.totp_last_step = "", -1
    user.save(update_fields=["totp_secret", "totp_last_step"])
