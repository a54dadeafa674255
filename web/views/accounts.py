"""Signing up, profiles, follower lists, and the follow / block / mute buttons."""

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import two_factor
from accounts.access import access_account_by_handle, followers_of, following_of, pending_follow_requests
from accounts.actions import (
    do_accept_follow_request,
    do_block,
    do_create_user,
    do_follow,
    do_mute,
    do_reject_follow_request,
    do_unblock,
    do_unfollow,
    do_unmute,
)
from accounts.attempts import TooManyAttempts, account_key, check_attempts, count_attempt
from accounts.models import Account, Block, Follow, Mute, User
from posts.featured_tags import featured_of
from timelines.feeds import profile_feed
from tribune.lib.errors import ActionError, Forbidden
from tribune.lib.pagination import Page, paginate
from web.views.common import back, error_page, is_htmx, list_context, login_view, viewer_of, web_view


@web_view
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.REGISTRATIONS_OPEN:
        return error_page(request, _("Registrations are closed on this server."), 403)
    if request.user.is_authenticated:
        return redirect("web:home")
    error: ActionError | None = None
    retry_after = None
    if request.method == "POST":
        try:
            check_attempts("signup", request)
            count_attempt("signup", request)
            user = do_create_user(
                request.POST.get("username", ""),
                request.POST.get("password", ""),
                email=request.POST.get("email", ""),
                language=get_language() or "",
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("web:home")
        except TooManyAttempts as e:
            error, retry_after = e, e.retry_after
        except ActionError as e:
            error = e
    response = render(
        request,
        "web/signup.html",
        {"error": error, "values": request.POST, "title": _("Sign up")},
        status=error.status if error else 200,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


class LoginView(auth_views.LoginView):
    """Django's log-in, limited per account and per address (accounts/attempts.py): past the
    limit even the right password is refused until the window ends."""

    template_name = "web/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account = account_key(request.POST.get("username", ""))
        try:
            check_attempts("login", request, account)
        except TooManyAttempts as e:
            response = render(request, self.template_name, self.get_context_data(limited=e.message), status=429)
            response["Retry-After"] = str(e.retry_after)
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code != 302:
            count_attempt("login", request, account)
        return response

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not two_factor.is_on(user):
            return super().form_valid(form)
        # The password was right; the person is logged in once the code is too (login_code).
        self.request.session[PENDING_LOGIN] = {"user": user.pk, "at": time.time(), "next": self.get_success_url()}
        return redirect("web:login_code")


PENDING_LOGIN = "two_factor_login"
PENDING_SECONDS = 300


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of log-in for those with two-factor log-in on: the code from their app,
    limited as passwords are (the same per-account and per-address counts)."""
    pending: dict = request.session.get(PENDING_LOGIN) or {}
    user = None
    if pending and time.time() - pending["at"] < PENDING_SECONDS:
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_LOGIN, None)
        return redirect("web:login")
    context: dict[str, Any] = {"title": _("Log in")}
    if request.method == "POST":
        account = account_key(user.username)
        try:
            check_attempts("login", request, account)
        except TooManyAttempts as e:
            response = render(request, "web/login_code.html", {**context, "error": e.message}, status=429)
            response["Retry-After"] = str(e.retry_after)
            return response
        if two_factor.do_take_code(user, request.POST.get("code", "")):
            del request.session[PENDING_LOGIN]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(pending["next"])
        count_attempt("login", request, account)
        return render(request, "web/login_code.html", {**context, "error": two_factor.wrong_code().message}, status=400)
    return render(request, "web/login_code.html", context)


def relation(viewer: Account | None, account: Account) -> dict:
    """The viewer's buttons for this account."""
    if viewer is None or viewer.pk == account.pk:
        return {"account": account, "self": viewer is not None}
    follow = Follow.objects.filter(follower=viewer, target=account).first()
    return {
        "account": account,
        "following": follow is not None and follow.state == Follow.State.ACCEPTED,
        "requested": follow is not None and follow.state == Follow.State.PENDING,
        "blocking": Block.objects.filter(account=viewer, target=account).exists(),
        "muting": Mute.objects.filter(account=viewer, target=account).exists(),
        "follows_you": Follow.objects.filter(follower=account, target=viewer, state=Follow.State.ACCEPTED).exists(),
    }


TABS = {"posts", "replies", "media"}


@web_view
def profile(request: HttpRequest, username: str) -> HttpResponse:
    viewer = viewer_of(request)
    account = access_account_by_handle(username)
    tab = request.GET.get("tab", "posts")
    tab = tab if tab in TABS else "posts"
    page = Page.from_params(request.GET)
    tagged = request.GET.get("tagged", "")[:100]
    posts = profile_feed(viewer, account, page, with_replies=tab == "replies", only_media=tab == "media", tagged=tagged)
    context = {
        "profile": account,
        "tagged": tagged,
        "featured_tags": featured_of(account),
        "tab": tab,
        "rel": relation(viewer, account),
        "title": f"{account.name} (@{account.acct})",
        **list_context(viewer, posts, page),
    }
    return render(request, "web/profile.html", context)


@web_view
def people(request: HttpRequest, username: str, which: str) -> HttpResponse:
    account = access_account_by_handle(username)
    qs = followers_of(account) if which == "followers" else following_of(account)
    page = Page.from_params(request.GET)
    accounts = paginate(qs, page)
    title = _("Followers of %(name)s") if which == "followers" else _("Followed by %(name)s")
    context = {
        "profile": account,
        "accounts": accounts,
        "which": which,
        "older_id": accounts[-1].pk if len(accounts) >= page.limit else None,
        "title": title % {"name": account.name},
    }
    return render(request, "web/people.html", context)


RELATION_ACTIONS = {
    "follow": do_follow,
    "unfollow": do_unfollow,
    "block": do_block,
    "unblock": do_unblock,
    "mute": do_mute,
    "unmute": do_unmute,
}


@require_POST
@login_view
def relate(request: HttpRequest, username: str, action: str) -> HttpResponse:
    viewer = request.user.account  # type: ignore[union-attr]  # login_view
    account = access_account_by_handle(username)
    if action not in RELATION_ACTIONS:
        raise Forbidden(_("Unknown action."))
    RELATION_ACTIONS[action](viewer, account)  # type: ignore[operator]  # each takes (viewer, target)
    if is_htmx(request):
        return render(request, "web/_relation.html", {"rel": relation(viewer, account)})
    return back(request, reverse("web:profile", kwargs={"username": account.acct}))


@login_view
def follow_requests(request: HttpRequest) -> HttpResponse:
    account = request.user.account  # type: ignore[union-attr]  # login_view
    accounts = list(pending_follow_requests(account).order_by("-id")[:100])
    return render(request, "web/follow_requests.html", {"accounts": accounts, "title": _("Follow requests")})


@require_POST
@login_view
def answer_follow_request(request: HttpRequest, username: str, answer: str) -> HttpResponse:
    account = request.user.account  # type: ignore[union-attr]  # login_view
    follower = access_account_by_handle(username)
    if answer == "accept":
        do_accept_follow_request(account, follower)
    else:
        do_reject_follow_request(account, follower)
    if is_htmx(request):
        return HttpResponse("")
    return redirect("web:follow_requests")
