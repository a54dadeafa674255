"""Accounts: the caller's own profile, registration, profiles, their posts and relations."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from oauth2_provider.models import AccessToken

from accounts import actions as account_actions
from accounts.access import access_account_by_handle, active_accounts
from accounts.attempts import check_attempts, count_attempt
from accounts.models import Follow
from api import openapi as bodies
from api.actions import do_register_from_app
from api.auth import caller, me, optional, required, viewer
from api.pagination import PageQuery, page_from
from api.params import Params, id_list
from api.serializers.accounts import (
    account_entity,
    credential_account_entity,
    profile_entity,
    relationship,
    relationships,
)
from api.serializers.statuses import statuses
from api.views.common import account_or_404, paged
from posts.pins import pinned_posts
from search.queries import search_accounts as account_search
from timelines.feeds import profile_feed
from tribune.lib.errors import ActionError, Forbidden
from tribune.lib.pagination import paginate

router = Router(tags=["accounts"])


@router.get("/v1/accounts/verify_credentials", auth=required("profile"))
def verify_credentials(request: HttpRequest) -> dict[str, Any]:
    return credential_account_entity(me(request))


@router.patch("/v1/accounts/update_credentials", auth=required("write:accounts"), openapi_extra=bodies.CREDENTIALS)
def update_credentials(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    _update_profile(request, account)
    return credential_account_entity(account)


@router.get("/v1/profile", auth=required("read:accounts"))
def get_profile(request: HttpRequest) -> dict[str, Any]:
    """Mastodon 4.6's profile editing: the same fields as update_credentials, unrendered."""
    return profile_entity(me(request))


@router.patch("/v1/profile", auth=required("write:accounts"), openapi_extra=bodies.CREDENTIALS)
def update_profile(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    _update_profile(request, account)
    return profile_entity(account)


@router.delete("/v1/profile/avatar", auth=required("write:accounts"))
def delete_avatar(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    account_actions.do_remove_profile_image(account, "avatar")
    return credential_account_entity(account)


@router.delete("/v1/profile/header", auth=required("write:accounts"))
def delete_header(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    account_actions.do_remove_profile_image(account, "header")
    return credential_account_entity(account)


@transaction.atomic  # a refused `source` setting leaves the profile as it was
def _update_profile(request: HttpRequest, account: Any) -> None:
    params = Params(request)
    fields = None
    if params.has("fields_attributes"):
        raw = params.items("fields_attributes")
        fields = [f for f in raw if isinstance(f, dict)]
    account_actions.do_update_profile(
        account,
        display_name=params.text("display_name"),
        bio=params.text("note"),
        locked=params.flag("locked"),
        bot=params.flag("bot"),
        discoverable=params.flag("discoverable"),
        fields=fields,
        avatar=params.file("avatar"),
        header=params.file("header"),
    )
    source = params.mapping("source")
    if source and account.user is not None:
        sensitive = source.get("sensitive")
        account_actions.do_update_settings(
            account.user,
            language=source.get("language") if isinstance(source.get("language"), str) else None,
            default_visibility=source.get("privacy") if isinstance(source.get("privacy"), str) else None,
            default_sensitive=str(sensitive).lower() in ("true", "1") if sensitive is not None else None,
        )
    account.refresh_from_db()


@router.post("/v1/accounts", auth=required("write:accounts", user=False), openapi_extra=bodies.REGISTER)
def register(request: HttpRequest) -> dict[str, Any]:
    """Sign-up from an app; returns a token for the new person (Mastodon's Token entity)."""
    if not settings.REGISTRATIONS_OPEN:
        raise Forbidden("Registrations are closed on this server")
    params = Params(request)
    if not params.flag("agreement", False):
        raise ActionError("You must accept the rules and terms of service", field="agreement")
    app_caller = caller(request)
    if app_caller.token is None or app_caller.application is None:
        raise Forbidden("This method requires an app token")
    check_attempts("signup", request)
    count_attempt("signup", request)
    token, raw = do_register_from_app(
        app_caller.application,
        app_caller.token.scope,
        username=params.text("username") or "",
        email=params.text("email") or "",
        password=params.text("password") or "",
        locale=params.text("locale") or "",
    )
    return token_entity(token, raw)


def token_entity(token: AccessToken, raw: str) -> dict[str, Any]:
    return {
        "access_token": raw,
        "token_type": "Bearer",
        "scope": token.scope,
        "created_at": int(token.created.timestamp()),
    }


@router.get("/v1/accounts/relationships", auth=required("read:follows"))
def get_relationships(request: HttpRequest) -> list[dict[str, Any]]:
    params = Params(request)
    ids = id_list(params.items("id"), "id")[:40]
    found = {a.pk: a for a in active_accounts().filter(pk__in=ids)}
    return relationships(me(request), [found[i] for i in ids if i in found])


@router.get("/v1/accounts/lookup", auth=optional("read:accounts"))
def lookup(request: HttpRequest, acct: str) -> dict[str, Any]:
    return account_entity(access_account_by_handle(acct))


@router.get("/v1/accounts/search", auth=required("read:accounts"))
def search_accounts(
    request: HttpRequest, q: str, limit: int = 40, offset: int = 0, following: bool = False
) -> list[dict[str, Any]]:
    found = account_search(
        me(request), q, limit=max(1, min(limit, 80)), offset=max(0, offset), following_only=following
    )
    return [account_entity(a) for a in found]


@router.get("/v1/accounts/familiar_followers", auth=required("read:follows"))
def familiar_followers(request: HttpRequest) -> list[dict[str, Any]]:
    params = Params(request)
    return [{"id": str(i), "accounts": []} for i in id_list(params.items("id"), "id")[:40]]


@router.get("/v1/accounts", auth=optional("read:accounts"))
def get_accounts(request: HttpRequest) -> list[dict[str, Any]]:
    """Several accounts by `id[]` (at most 40), in the order asked; unknown ones are left out."""
    ids = id_list(Params(request).items("id"), "id")[:40]
    found = {a.pk: a for a in active_accounts().filter(pk__in=ids)}
    return [account_entity(found[i]) for i in ids if i in found]


@router.get("/v1/accounts/{id}/identity_proofs", auth=optional("read:accounts"))
def identity_proofs(request: HttpRequest, id: str) -> list[Any]:
    """Mastodon removed identity proofs (3.5) and answers an empty list; so does Tribune."""
    account_or_404(viewer(request), id)
    return []


@router.get("/v1/accounts/{id}", auth=optional("read:accounts"))
def get_account(request: HttpRequest, id: str) -> dict[str, Any]:
    return account_entity(account_or_404(viewer(request), id))


class StatusesQuery(PageQuery):
    pinned: bool = False
    exclude_replies: bool = False
    exclude_reblogs: bool = False
    only_media: bool = False
    tagged: str | None = None


@router.get("/v1/accounts/{id}/statuses", auth=optional("read:statuses"))
def account_statuses(
    request: HttpRequest, response: HttpResponse, id: str, query: Query[StatusesQuery]
) -> list[dict[str, Any]]:
    who = viewer(request)
    account = account_or_404(who, id)
    if query.pinned:
        return statuses(who, pinned_posts(who, account) if query.max_id is None and query.min_id is None else [])
    posts = profile_feed(
        who,
        account,
        page_from(query),
        with_replies=not query.exclude_replies,
        only_media=query.only_media,
        exclude_reblogs=query.exclude_reblogs,
        tagged=query.tagged or "",
    )
    paged(request, response, posts)
    return statuses(who, posts)


def _follow_page(request: HttpRequest, response: HttpResponse, qs: Any, query: PageQuery, attr: str) -> list[dict]:
    rows = paginate(qs.select_related(attr), page_from(query, default=40, maximum=80))
    paged(request, response, rows)
    return [account_entity(getattr(r, attr)) for r in rows]


@router.get("/v1/accounts/{id}/followers", auth=optional("read:accounts"))
def followers(request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]) -> list[dict]:
    account = account_or_404(viewer(request), id)
    qs = Follow.objects.filter(target=account, state=Follow.State.ACCEPTED, follower__in=active_accounts())
    return _follow_page(request, response, qs, query, "follower")


@router.get("/v1/accounts/{id}/following", auth=optional("read:accounts"))
def following(request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]) -> list[dict]:
    account = account_or_404(viewer(request), id)
    qs = Follow.objects.filter(follower=account, state=Follow.State.ACCEPTED, target__in=active_accounts())
    return _follow_page(request, response, qs, query, "target")


@router.post("/v1/accounts/{id}/follow", auth=required("write:follows"), openapi_extra=bodies.FOLLOW)
def follow(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    params = Params(request)
    account_actions.do_follow(
        account, target, show_reblogs=params.flag("reblogs", True) is not False, notify=bool(params.flag("notify"))
    )
    return relationship(account, target)


@router.post("/v1/accounts/{id}/unfollow", auth=required("write:follows"))
def unfollow(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    account_actions.do_unfollow(account, target)
    return relationship(account, target)


@router.post("/v1/accounts/{id}/remove_from_followers", auth=required("write:follows"))
def remove_from_followers(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    account_actions.do_remove_follower(account, target)
    return relationship(account, target)


@router.post("/v1/accounts/{id}/block", auth=required("write:blocks"))
def block(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    account_actions.do_block(account, target)
    return relationship(account, target)


@router.post("/v1/accounts/{id}/unblock", auth=required("write:blocks"))
def unblock(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    account_actions.do_unblock(account, target)
    return relationship(account, target)


@router.post("/v1/accounts/{id}/mute", auth=required("write:mutes"), openapi_extra=bodies.MUTE)
def mute(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    params = Params(request)
    duration = params.number("duration", 0) or 0
    account_actions.do_mute(
        account, target, notifications=params.flag("notifications", True) is not False, duration_seconds=duration
    )
    return relationship(account, target)


@router.post("/v1/accounts/{id}/unmute", auth=required("write:mutes"))
def unmute(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    target = account_or_404(account, id)
    account_actions.do_unmute(account, target)
    return relationship(account, target)


@router.post("/v1/emails/confirmations", auth=required("write:accounts"))
def resend_email_confirmation(request: HttpRequest) -> dict[str, Any]:
    """The confirmation link again, to the address given at sign-up. Mastodon also lets the app that
    made the account change that address here; Tribune changes it only in Settings, with the password."""
    user = me(request).user
    if user is None:
        raise Forbidden("This method requires an authenticated user")
    email = Params(request).text("email")
    if email and email.strip().lower() != user.email.lower():
        raise ActionError(_("Change your address in Settings, with your password."), field="email")
    account_actions.do_resend_email_confirmation(user)
    return {}
