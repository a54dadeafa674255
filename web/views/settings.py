"""Settings: profile, preferences, muted words, password, account deletion, interface language."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import (
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import two_factor as two_factor_actions
from accounts.actions import (
    do_add_muted_word,
    do_change_email,
    do_change_password,
    do_confirm_email,
    do_delete_account,
    do_remove_muted_word,
    do_update_profile,
    do_update_settings,
)
from accounts.attempts import TooManyAttempts, check_attempts, count_attempt
from accounts.models import MutedWord
from tribune.lib import totp
from tribune.lib.errors import ActionError
from web.views.common import back, login_view, web_view

LANGUAGE_COOKIE = "tribune_language"
TWO_FACTOR_SETUP = "two_factor_setup"


def _page(request: HttpRequest, error: ActionError | None = None) -> HttpResponse:
    account = request.user.account  # type: ignore[union-attr]  # login_view
    pending = request.session.get(TWO_FACTOR_SETUP, "")
    context = {
        "account": account,
        "muted_words": MutedWord.objects.filter(account=account).order_by("phrase"),
        "error": error,
        "title": _("Settings"),
        "two_factor_on": two_factor_actions.is_on(request.user),  # type: ignore[arg-type]  # login_view
        "two_factor_required": two_factor_actions.required_but_off(request.user),  # type: ignore[arg-type]  # login_view
        "two_factor_setup": (
            {"secret": " ".join(pending[i : i + 4] for i in range(0, len(pending), 4)),
             "uri": two_factor_actions.setup_uri(request.user, pending)}  # type: ignore[arg-type]  # login_view
            if pending
            else None
        ),
    }  # fmt: skip
    return render(request, "web/settings.html", context, status=error.status if error else 200)


def _saved(request: HttpRequest) -> HttpResponse:
    messages.success(request, _("Saved."))
    return redirect("web:settings")


@login_view
def settings_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _guarded(request: HttpRequest, change, *, guessed: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    """A change that asks for the current password (the form field `guessed`): its failures are
    limited per account and address (accounts/attempts.py); past the limit the right password is
    refused too."""
    account = f"user:{request.user.pk}"
    try:
        check_attempts("password", request, account)
        change()
    except TooManyAttempts as e:
        response = _page(request, e)
        response["Retry-After"] = str(e.retry_after)
        return response
    except ActionError as e:
        if e.field == guessed:
            count_attempt("password", request, account)
        return _page(request, e)
    return _saved(request)


def _form_action(request: HttpRequest, change) -> HttpResponse:  # type: ignore[no-untyped-def]
    try:
        change()
    except ActionError as e:
        return _page(request, e)
    return _saved(request)


@require_POST
@login_view
def profile(request: HttpRequest) -> HttpResponse:
    p = request.POST
    return _form_action(
        request,
        lambda: do_update_profile(
            request.user.account,  # type: ignore[union-attr]  # login_view
            display_name=p.get("display_name", ""),
            bio=p.get("bio", ""),
            locked=p.get("locked") == "on",
            avatar=request.FILES.get("avatar"),
            header=request.FILES.get("header"),
        ),
    )


@require_POST
@login_view
def preferences(request: HttpRequest) -> HttpResponse:
    p = request.POST
    response = _form_action(
        request,
        lambda: do_update_settings(
            request.user,  # type: ignore[arg-type]  # login_view
            language=p.get("language", ""),
            default_visibility=p.get("default_visibility", "public"),
        ),
    )
    if response.status_code == 302:
        # The new language and theme apply from the next page, the one the redirect shows.
        _set_language_cookie(response, p.get("language", ""))
        if "theme" in p:
            _set_theme_cookie(response, p["theme"])
    return response


@require_POST
@login_view
def muted_words(request: HttpRequest) -> HttpResponse:
    account = request.user.account  # type: ignore[union-attr]  # login_view
    if request.POST.get("remove"):
        try:
            word_id = int(request.POST["remove"])
        except ValueError:
            word_id = 0
        return _form_action(request, lambda: do_remove_muted_word(account, word_id))
    return _form_action(request, lambda: do_add_muted_word(account, request.POST.get("phrase", "")))


@require_POST
@login_view
def password(request: HttpRequest) -> HttpResponse:
    user = request.user
    response = _guarded(
        request,
        lambda: do_change_password(user, request.POST.get("old_password", ""), request.POST.get("new_password", "")),  # type: ignore[arg-type]
        guessed="old_password",
    )
    if response.status_code == 302:
        update_session_auth_hash(request, user)  # type: ignore[arg-type]  # login_view
    return response


@require_POST
@login_view
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    response = _guarded(
        request,
        lambda: do_delete_account(user, password=request.POST.get("password", "")),  # type: ignore[arg-type]  # login_view
        guessed="password",
    )
    if response.status_code != 302:
        return response
    logout(request)
    return redirect("web:local")


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    if language in dict(settings.LANGUAGES):
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(LANGUAGE_COOKIE)


@require_POST
@web_view
def language(request: HttpRequest) -> HttpResponse:
    """The language switcher: a cookie for everyone, and the setting for signed-in people."""
    chosen = request.POST.get("language", "")
    if chosen not in dict(settings.LANGUAGES):
        raise ActionError(_("Unknown language."), field="language")
    if request.user.is_authenticated:
        do_update_settings(request.user, language=chosen)  # type: ignore[arg-type]  # authenticated
    translation.activate(chosen)
    response = back(request, "/")
    _set_language_cookie(response, chosen)
    return response


@require_POST
@login_view
def email(request: HttpRequest) -> HttpResponse:
    """Change the address (then confirm it), or have the confirmation link sent again."""
    user = request.user
    if request.POST.get("resend"):
        from accounts.emails import send_confirmation_after_commit

        if user.email and user.email_confirmed_at is None:  # type: ignore[union-attr]  # login_view
            send_confirmation_after_commit(user)  # type: ignore[arg-type]  # login_view
            messages.success(request, _("We sent the confirmation link again."))
        return redirect("web:settings")
    return _guarded(
        request,
        lambda: do_change_email(user, request.POST.get("email", ""), request.POST.get("password", "")),  # type: ignore[arg-type]
        guessed="password",
    )


@web_view
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    do_confirm_email(token)
    messages.success(request, _("Your e-mail address is confirmed."))
    return redirect("web:settings" if request.user.is_authenticated else "web:login")


class ConfirmedAddressResetForm(PasswordResetForm):
    """Django's reset form, sending only to addresses their owner confirmed: an address typed at
    sign-up but never confirmed may not be the person's, and must not receive a way into the account."""

    def get_users(self, email: str):  # type: ignore[no-untyped-def]
        return (u for u in super().get_users(email) if u.email_confirmed_at is not None)


password_reset = PasswordResetView.as_view(
    template_name="web/password_reset.html",
    email_template_name="web/password_reset_email.txt",
    subject_template_name="web/password_reset_subject.txt",
    form_class=ConfirmedAddressResetForm,
    # Links name the instance's own address, whatever Host header the request came with.
    extra_email_context={"site_url": settings.SITE_URL, "site_domain": settings.DOMAIN},
    success_url=reverse_lazy("web:password_reset_sent"),
)
password_reset_sent = PasswordResetDoneView.as_view(template_name="web/password_reset_sent.html")
password_reset_confirm = PasswordResetConfirmView.as_view(
    template_name="web/password_reset_confirm.html", success_url=reverse_lazy("web:password_reset_complete")
)
password_reset_complete = PasswordResetCompleteView.as_view(template_name="web/password_reset_complete.html")


@require_POST
@login_view
def alias(request: HttpRequest) -> HttpResponse:
    """Moving in: declare the old account this one is also known as, so the old one can move here."""
    from federation.actions import do_add_alias

    account = request.user.account  # type: ignore[union-attr]  # login_view
    handle = request.POST.get("handle", "").strip()
    if not handle:
        return _page(request, ActionError(_("Give the address of your old account."), field="handle"))
    return _form_action(request, lambda: do_add_alias(account, handle))


@require_POST
@login_view
def move(request: HttpRequest) -> HttpResponse:
    """Moving out: this account points to the new one and its followers follow the new one."""
    from federation.actions import do_move_account

    account = request.user.account  # type: ignore[union-attr]  # login_view

    def change() -> None:
        if not request.user.check_password(request.POST.get("password", "")):  # type: ignore[union-attr]
            raise ActionError(_("The current password is wrong."), field="password")
        handle = request.POST.get("handle", "").strip()
        if not handle:
            raise ActionError(_("Give the address of your new account."), field="handle")
        do_move_account(account, handle)

    return _guarded(request, change, guessed="password")


@require_POST
def theme(request: HttpRequest) -> HttpResponse:
    """Light, dark, or (empty) as the system says: a cookie, for signed-in people and visitors alike."""
    response = back(request, "/")
    _set_theme_cookie(response, request.POST.get("theme", ""))
    return response


def _set_theme_cookie(response: HttpResponse, chosen: str) -> None:
    """The theme is the browser's (a phone may be dark where a desk is light), read by
    `web.context` into `<html data-theme>`, so the first paint already has it."""
    if chosen in ("light", "dark"):
        response.set_cookie("tribune_theme", chosen, max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie("tribune_theme")


@require_POST
@login_view
def two_factor(request: HttpRequest) -> HttpResponse:
    """Two-factor log-in: `start` makes a secret to show, `enable` keeps it once a code from the
    person's app matches, `disable` takes a current code. Wrong codes count as wrong passwords."""
    user = request.user
    code = request.POST.get("code", "")
    action = request.POST.get("action")
    if action == "start":
        request.session[TWO_FACTOR_SETUP] = totp.new_secret()
        return redirect(reverse("web:settings") + "#two-factor")
    if action == "enable":
        secret = request.session.get(TWO_FACTOR_SETUP, "")
        response = _guarded(
            request,
            lambda: two_factor_actions.do_turn_on_two_factor(user, secret, code),  # type: ignore[arg-type]  # login_view
            guessed="code",
        )
        if response.status_code == 302:
            request.session.pop(TWO_FACTOR_SETUP, None)
        return response
    if action == "disable":
        return _guarded(
            request,
            lambda: two_factor_actions.do_turn_off_two_factor(user, code),  # type: ignore[arg-type]  # login_view
            guessed="code",
        )
    return redirect("web:settings")
