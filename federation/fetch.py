"""Fetching and caching remote actors and posts: by actor URI, by key id, by handle
(WebFinger) and by post URL; threads are followed up the reply chain within bounds.

Every document is checked to come from the origin it claims (its id has the host
of the URL it was fetched from, a Note's author the host of the Note) so a server
cannot plant objects in another server's name.
"""

import ipaddress
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.utils import timezone

from accounts.models import Account
from federation.http import ACCEPT, FetchError, get_json
from federation.keys import signer_for
from federation.parse import id_of, types_of
from federation.policy import domain_of, is_blocked
from posts.models import Post

ACTOR_TYPES = {"Person", "Service", "Application", "Group", "Organization"}
NOTE_TYPES = {"Note", "Article", "Question", "Page"}
ACTOR_REFRESH = timedelta(days=1)
MAX_THREAD_DEPTH = 10


def scheme_for(domain: str) -> str:
    """https everywhere, except loopback peers when loopback fetches are allowed (tests)."""
    host = domain.split(":")[0]
    if getattr(settings, "ALLOW_LOOPBACK_FETCHES", False):
        try:
            if ipaddress.ip_address(host).is_loopback:
                return "http"
        except ValueError:
            if host == "localhost":
                return "http"
    return "https"


def _get(url: str) -> Any:
    domain = domain_of(url)
    if not domain or is_blocked(domain):
        raise FetchError(f"{domain or url} is blocked")
    # Signed with the instance actor's key, so servers with authorized fetch answer.
    return get_json(url, signer=signer_for(None))


def local_account_for_uri(uri: str) -> Account | None:
    prefix = f"{settings.SITE_URL}/users/"
    if not uri.startswith(prefix):
        return None
    username = uri[len(prefix) :].split("/")[0].split("#")[0]
    return Account.objects.filter(username__iexact=username, domain="").first()


def fetch_actor(uri: str, *, refresh: bool = False) -> Account:
    """The Account for an actor URI, fetched (or refreshed when stale) and cached."""
    uri = uri.split("#")[0]
    local = local_account_for_uri(uri)
    if local is not None:
        return local
    cached = Account.objects.filter(uri=uri).exclude(domain="").first()
    if cached and not refresh and cached.fetched_at and timezone.now() - cached.fetched_at < ACTOR_REFRESH:
        return cached
    data = _get(uri)
    if not isinstance(data, dict) or not (types_of(data) & ACTOR_TYPES):
        raise FetchError(f"{uri} is not an actor")
    if domain_of(id_of(data.get("id"))) != domain_of(uri):
        raise FetchError(f"{uri} returned an actor of another origin")
    from federation.actions import do_upsert_remote_account

    return do_upsert_remote_account(data)


def account_for_key_id(key_id: str, *, refresh: bool = False) -> Account:
    """The account that owns a signature key: cached by key id, else fetched."""
    if not refresh:
        cached = Account.objects.filter(public_key_id=key_id).exclude(domain="").first()
        if cached is not None:
            return cached
    local = local_account_for_uri(key_id)
    if local is not None:
        return local
    actor_uri = key_id.split("#")[0]
    account = fetch_actor(actor_uri, refresh=True)
    if account.public_key_id != key_id:
        # The key is a separate document (some servers): it names its owner.
        data = _get(key_id)
        owner = id_of(data.get("owner")) if isinstance(data, dict) else ""
        if not owner or domain_of(owner) != domain_of(key_id):
            raise FetchError("key has no owner of its own origin")
        account = fetch_actor(owner, refresh=True)
        if account.public_key_id != key_id:
            raise FetchError("key does not belong to its owner")
    return account


def webfinger(handle: str) -> str:
    """The actor URI for `user@domain` (a leading @ allowed)."""
    handle = handle.strip().lstrip("@")
    username, _, domain = handle.partition("@")
    if not username or not domain:
        raise FetchError("a handle looks like @user@domain")
    url = f"{scheme_for(domain)}://{domain}/.well-known/webfinger?resource={quote('acct:' + username + '@' + domain)}"
    data = _get_jrd(url)
    for link in data.get("links") or []:
        if (
            isinstance(link, dict)
            and link.get("rel") == "self"
            and str(link.get("type", "")).split(";")[0].strip() in ("application/activity+json", "application/ld+json")
            and isinstance(link.get("href"), str)
        ):
            return link["href"]
    raise FetchError(f"{handle} has no ActivityPub actor")


def _get_jrd(url: str) -> dict[str, Any]:
    domain = domain_of(url)
    if is_blocked(domain):
        raise FetchError(f"{domain} is blocked")
    data = get_json(url, accept="application/jrd+json, application/json")
    if not isinstance(data, dict):
        raise FetchError("WebFinger answer is not an object")
    return data


def resolve_handle(handle: str) -> Account:
    """`@user@domain` -> Account (local handles are looked up locally)."""
    username, _, domain = handle.strip().lstrip("@").partition("@")
    if not domain or domain.lower() == settings.DOMAIN.lower():
        account = Account.objects.filter(username__iexact=username, domain="").first()
        if account is None:
            raise FetchError("no such local account")
        return account
    cached = Account.objects.filter(username__iexact=username, domain=domain.lower()).first()
    if cached and cached.fetched_at and timezone.now() - cached.fetched_at < ACTOR_REFRESH:
        return cached
    return fetch_actor(webfinger(handle), refresh=True)


def local_post_for_uri(uri: str) -> Post | None:
    if not uri.startswith(settings.SITE_URL + "/"):
        return None
    tail = uri.rstrip("/").rsplit("/", 1)[-1]
    if not tail.isdigit():
        return None
    return Post.objects.filter(pk=int(tail), local=True).first()


def fetch_post(uri: str, *, depth: int = 0, refresh: bool = False) -> Post:
    """The Post for a Note URI: local, cached, or fetched (with its parents, up to MAX_THREAD_DEPTH)."""
    local = local_post_for_uri(uri)
    if local is not None:
        return local
    cached = Post.objects.filter(uri=uri, local=False).first()
    if cached is not None and not refresh:
        return cached
    data = _get(uri)
    return store_note(data, fetched_from=uri, depth=depth)


def store_note(data: Any, *, fetched_from: str, depth: int = 0) -> Post:
    """Validate a fetched Note's origin and store it (create or update)."""
    if not isinstance(data, dict) or not (types_of(data) & NOTE_TYPES):
        raise FetchError("not a Note")
    note_id = id_of(data.get("id"))
    author_uri = id_of(data.get("attributedTo"))
    if not note_id or domain_of(note_id) != domain_of(fetched_from) or domain_of(author_uri) != domain_of(note_id):
        raise FetchError("Note of another origin")
    author = fetch_actor(author_uri)
    from federation.actions import do_create_remote_post, do_update_remote_post

    existing = Post.objects.filter(uri=note_id, local=False).first()
    if existing is not None:
        return do_update_remote_post(existing, data)
    return do_create_remote_post(author, data, depth=depth)


def resolve_url(url: str) -> Account | Post:
    """A search for a URL: a post if it is one, else an actor."""
    local = local_post_for_uri(url)
    if local is not None:
        return local
    data = _get(url)
    kinds = types_of(data)
    if kinds & ACTOR_TYPES:
        return fetch_actor(id_of(data.get("id")) or url, refresh=True)
    if kinds & NOTE_TYPES:
        return store_note(data, fetched_from=url)
    raise FetchError("neither a post nor an actor")


def is_remote_uri(uri: str) -> bool:
    parts = urlsplit(uri)
    return bool(parts.netloc) and parts.netloc.lower() != settings.DOMAIN.lower()


__all__ = ["ACCEPT", "FetchError"]


def resolve_for_search(query: str) -> Account | Post | None:
    """What search shows for `@user@domain` or a URL when asked to resolve: None when
    it is neither or cannot be fetched (search never fails because a server is down)."""
    from tribune.lib.errors import ActionError

    query = query.strip()
    try:
        if query.startswith(("http://", "https://")):
            return resolve_url(query)
        if query.lstrip("@").count("@") == 1:
            return resolve_handle(query)
    except (FetchError, ActionError):
        return None
    return None
