"""Helpers the inbox handlers share: finding the objects an activity points at."""

from typing import Any

from accounts.models import Account
from federation.fetch import FetchError, fetch_post, local_account_for_uri, local_post_for_uri
from federation.parse import id_of
from posts.models import Post
from tribune.lib.errors import BadRequest, NotFound


def object_id(activity: dict[str, Any]) -> str:
    value = id_of(activity.get("object"))
    if not value:
        raise BadRequest("activity has no object")
    return value


def local_account(uri: str) -> Account:
    account = local_account_for_uri(uri)
    if account is None or not account.is_active:
        raise NotFound("no such local account")
    return account


def known_post(uri: str, *, fetch: bool = False) -> Post | None:
    """A local post, a cached remote one, or (fetch=True) one fetched from its server."""
    post = local_post_for_uri(uri) or Post.objects.filter(uri=uri).first()
    if post is None and fetch:
        try:
            post = fetch_post(uri)
        except FetchError:
            return None
    return post


def has_local_followers(account: Account) -> bool:
    return account.follower_set.filter(follower__domain="").exists()
