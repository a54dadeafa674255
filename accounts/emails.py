"""E-mail to people: the address confirmation link. Sent through Django's e-mail backend after
commit (the console by default, SMTP when TRIBUNE_SMTP_HOST is set: tribune/settings.py)."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User

SALT = "tribune.accounts.email-confirmation"
MAX_AGE = 3 * 24 * 3600


def confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT)


def read_confirmation_token(token: str) -> tuple[int, str] | None:
    """(user id, address) from a token that is genuine and under three days old; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("e"), str):
        return None
    return data["u"], data["e"]


def send_confirmation_after_commit(user: User) -> None:
    if not user.email:
        return
    link = settings.SITE_URL + reverse("web:confirm_email", kwargs={"token": confirmation_token(user)})
    language = user.language if user.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Confirm your e-mail address on %(domain)s") % {"domain": settings.DOMAIN}
        body = "\n\n".join(
            [
                _("Hello @%(username)s,") % {"username": user.username},
                _("To confirm that this address is yours, open this link within three days:") + "\n" + link,
                _("If you did not sign up on %(domain)s, ignore this message.") % {"domain": settings.DOMAIN},
            ]
        )
    address = user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))
