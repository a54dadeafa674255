"""ActivityPub endpoints: WebFinger, host-meta, actors, collections, objects, inboxes.

Thin: parse, check (signature, access helpers), call actions, render. JSON goes
to ActivityPub clients; browsers asking for an actor or post are sent to its page.
"""

import logging
from typing import Any

import redis
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from accounts.models import Account, Follow
from federation import serializers, tasks
from federation.inbox.verify import Refused, Unauthorized, verify_request
from federation.parse import id_of
from posts.access import visible_posts
from posts.models import Post, Visibility
from posts.pins import pinned_posts
from tribune.lib import jsonbody

logger = logging.getLogger("tribune.federation")

MAX_INBOX_BYTES = jsonbody.MAX_BYTES
PAGE_SIZE = 20
AP_TYPES = ("application/activity+json", "application/ld+json")


def wants_activity_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return any(t in accept for t in AP_TYPES) or (accept.strip() in ("application/json",))


def activity_response(doc: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(doc, status=status, content_type="application/activity+json")
    response["Vary"] = "Accept, Signature"
    return response


def error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _authorized_fetch(request: HttpRequest) -> JsonResponse | None:
    """With AUTHORIZED_FETCH on, GETs of ActivityPub documents must be signed."""
    if not getattr(settings, "AUTHORIZED_FETCH", False):
        return None
    try:
        verify_request(request, None)
    except (Unauthorized, Refused) as e:
        logger.warning("refused unsigned fetch of %s: %s", request.path, e.message)
        return error(e.status, e.message)
    return None


def _local_account(username: str) -> Account | None:
    return Account.objects.filter(username__iexact=username, domain="", user__isnull=False).first()


# Discovery ---------------------------------------------------------------------


@require_GET
def webfinger(request: HttpRequest) -> HttpResponse:
    resource = request.GET.get("resource", "")
    if not resource:
        return error(400, "resource is required")
    account: Account | None = None
    if resource.startswith("acct:"):
        username, _, domain = resource[5:].lstrip("@").partition("@")
        if domain.lower() in (settings.DOMAIN.lower(), settings.DOMAIN.split(":")[0].lower()):
            account = _local_account(username)
    elif resource.startswith(settings.SITE_URL + "/"):
        tail = resource[len(settings.SITE_URL) :].strip("/")
        for prefix in ("users/", "@"):
            if tail.startswith(prefix):
                account = _local_account(tail[len(prefix) :].split("/")[0])
    if resource in (f"acct:{settings.DOMAIN}@{settings.DOMAIN}", serializers.instance_actor_uri()):
        uri = serializers.instance_actor_uri()
        return JsonResponse(
            {
                "subject": f"acct:{settings.DOMAIN}@{settings.DOMAIN}",
                "aliases": [uri],
                "links": [{"rel": "self", "type": "application/activity+json", "href": uri}],
            },
            content_type="application/jrd+json",
        )
    if account is None or account.deleted_at is not None:
        return error(404, "no such account")
    actor = account.actor_uri()
    return JsonResponse(
        {
            "subject": f"acct:{account.username}@{settings.DOMAIN}",
            "aliases": [actor, account.profile_url()],
            "links": [
                {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": account.profile_url()},
                {"rel": "self", "type": "application/activity+json", "href": actor},
                {"rel": "http://webfinger.net/rel/avatar", "type": "image/webp", "href": account.avatar_url()},
            ],
        },
        content_type="application/jrd+json",
    )


@require_GET
def host_meta(request: HttpRequest) -> HttpResponse:
    template = f"{settings.SITE_URL}/.well-known/webfinger?resource={{uri}}"
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n'
        f'  <Link rel="lrdd" template="{template}"/>\n'
        "</XRD>\n"
    )
    return HttpResponse(body, content_type="application/xrd+xml")


# Actors and collections --------------------------------------------------------


def _actor_or_404(username: str) -> Account | HttpResponse:
    account = _local_account(username)
    if account is None:
        gone = Account.objects.filter(username__iexact=username, domain="", deleted_at__isnull=False).exists()
        return error(410, "account deleted") if gone else error(404, "no such account")
    if account.suspended_at is not None:
        return error(410, "account suspended")
    return account


@require_GET
def actor(request: HttpRequest, username: str) -> HttpResponse:
    account = _actor_or_404(username)
    if isinstance(account, HttpResponse):
        return account
    if not wants_activity_json(request):
        return HttpResponseRedirect(account.profile_url())
    if getattr(settings, "AUTHORIZED_FETCH", False) and "Signature" not in request.headers:
        # Servers fetch keys unsigned (they cannot sign before they know ours): give the key only.
        doc = serializers.render_actor(account)
        return activity_response(
            {k: doc[k] for k in ("@context", "id", "type", "preferredUsername", "inbox", "publicKey", "endpoints")}
        )
    if (refusal := _authorized_fetch(request)) is not None:
        return refusal
    return activity_response(serializers.render_actor(account))


@require_GET
def instance_actor(request: HttpRequest) -> HttpResponse:
    return activity_response(serializers.render_instance_actor())


def _collection(request: HttpRequest, uri: str, total: int, items: Any, *, listed: bool = True) -> JsonResponse:
    """An OrderedCollection with pages `?page=N` (newest first)."""
    page_param = request.GET.get("page")
    if not listed or page_param is None:
        doc: dict[str, Any] = {
            "@context": serializers.CONTEXT,
            "id": uri,
            "type": "OrderedCollection",
            "totalItems": total,
        }
        if listed:
            doc["first"] = f"{uri}?page=1"
        return activity_response(doc)
    try:
        number = max(1, int(page_param))
    except ValueError:
        number = 1
    page = Paginator(items, PAGE_SIZE).get_page(number)
    doc = {
        "@context": serializers.CONTEXT,
        "id": f"{uri}?page={page.number}",
        "type": "OrderedCollectionPage",
        "partOf": uri,
        "totalItems": total,
        "orderedItems": list(page.object_list),
    }
    if page.has_next():
        doc["next"] = f"{uri}?page={page.next_page_number()}"
    if page.has_previous():
        doc["prev"] = f"{uri}?page={page.previous_page_number()}"
    return activity_response(doc)


class _Mapped:
    """A lazily rendered sequence for the paginator (it slices before we render)."""

    def __init__(self, qs: Any, render: Any) -> None:
        self.qs, self.render = qs, render

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: Any) -> Any:
        result = self.qs[index]
        return [self.render(x) for x in result] if isinstance(index, slice) else self.render(result)


@require_GET
def outbox(request: HttpRequest, username: str) -> HttpResponse:
    account = _actor_or_404(username)
    if isinstance(account, HttpResponse):
        return account
    if (refusal := _authorized_fetch(request)) is not None:
        return refusal
    posts = (
        visible_posts(None)
        .filter(author=account, visibility=Visibility.PUBLIC)
        .filter(reblog_of__isnull=True)
        .order_by("-id")
    )
    uri = serializers.actor_urls(account)["outbox"]
    return _collection(request, uri, posts.count(), _Mapped(posts, serializers.render_create))


@require_GET
def followers(request: HttpRequest, username: str) -> HttpResponse:
    return _follow_collection(request, username, "followers")


@require_GET
def following(request: HttpRequest, username: str) -> HttpResponse:
    return _follow_collection(request, username, "following")


def _follow_collection(request: HttpRequest, username: str, which: str) -> HttpResponse:
    account = _actor_or_404(username)
    if isinstance(account, HttpResponse):
        return account
    if (refusal := _authorized_fetch(request)) is not None:
        return refusal
    if which == "followers":
        qs = Follow.objects.filter(target=account, state=Follow.State.ACCEPTED).order_by("-id")
        render = _follower_uri
        total = account.followers_count
    else:
        qs = Follow.objects.filter(follower=account, state=Follow.State.ACCEPTED).order_by("-id")
        render = _target_uri
        total = account.following_count
    # Locked accounts show counts only, as Mastodon does.
    uri = serializers.actor_urls(account)[which]
    return _collection(
        request, uri, total, _Mapped(qs.select_related("follower", "target"), render), listed=not account.locked
    )


def _follower_uri(follow: Follow) -> str:
    return follow.follower.actor_uri()


def _target_uri(follow: Follow) -> str:
    return follow.target.actor_uri()


@require_GET
def featured(request: HttpRequest, username: str) -> HttpResponse:
    account = _actor_or_404(username)
    if isinstance(account, HttpResponse):
        return account
    if (refusal := _authorized_fetch(request)) is not None:
        return refusal
    uri = serializers.actor_urls(account)["featured"]
    # The pinned posts anyone may see (public and unlisted, published), as Notes, latest pinned first.
    notes = [serializers.render_note(p) for p in pinned_posts(None, account)]
    return activity_response(
        {"@context": serializers.CONTEXT, "id": uri, "type": "OrderedCollection", "totalItems": len(notes),
         "orderedItems": notes}
    )  # fmt: skip


@require_GET
def note(request: HttpRequest, username: str, post_id: int) -> HttpResponse:
    post = Post.objects.filter(pk=post_id, local=True, author__username__iexact=username, author__domain="").first()
    if post is None:
        return error(404, "no such post")
    if post.deleted_at is not None:
        return activity_response(
            {"@context": serializers.CONTEXT, "id": post.activity_uri(), "type": "Tombstone"}, status=410
        )
    if not wants_activity_json(request):
        return HttpResponseRedirect(post.local_url())
    if (refusal := _authorized_fetch(request)) is not None:
        return refusal
    # Only what an anonymous reader may see is served (public and unlisted, published).
    visible = visible_posts(None).filter(pk=post.pk, reblog_of__isnull=True).first()
    if visible is None:
        return error(404, "no such post")
    doc = serializers.render_note(visible)
    doc["@context"] = serializers.CONTEXT
    return activity_response(doc)


# Inbox -------------------------------------------------------------------------


@csrf_exempt
def inbox(request: HttpRequest, username: str | None = None) -> HttpResponse:
    if request.method != "POST":
        return error(405, "POST activities here")
    if username is not None and _local_account(username) is None:
        return error(404, "no such account")
    length = request.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_INBOX_BYTES:
        return error(413, "activity too large")
    try:
        body = request.body
    except RequestDataTooBig:
        return error(413, "activity too large")
    if len(body) > MAX_INBOX_BYTES:
        return error(413, "activity too large")
    try:
        activity = jsonbody.loads(body, max_bytes=MAX_INBOX_BYTES)
    except jsonbody.JSONBodyError:
        activity = None
    try:
        signer = verify_request(request, body)
    except (Unauthorized, Refused) as e:
        if isinstance(activity, dict) and _is_self_delete_of_unknown(activity):
            return HttpResponse(status=202)  # a deleted actor we never knew: nothing to do
        logger.warning("refused activity at %s from %s: %s", request.path, request.META.get("REMOTE_ADDR"), e.message)
        return error(e.status, e.message)
    if not isinstance(activity, dict):
        return error(400, "the body is not a JSON object")
    actor_uri = id_of(activity.get("actor"))
    if not actor_uri or actor_uri != signer.uri:
        logger.warning("refused activity: actor %r signed by %s", actor_uri, signer.uri)
        return error(403, "the activity's actor is not the signer")
    # Applied by a worker: the sender waits for none of its fetches, and gets the same answer
    # whatever the activity points at.
    try:
        tasks.receive.enqueue(activity, signer.pk)
    except redis.RedisError as e:
        logger.warning("could not queue activity %s from %s: %s", id_of(activity.get("id")), signer.uri, e)
        response = error(503, "try again later")
        response["Retry-After"] = "60"
        return response
    return HttpResponse(status=202)


def _is_self_delete_of_unknown(activity: dict[str, Any]) -> bool:
    actor_uri = id_of(activity.get("actor"))
    return (
        activity.get("type") == "Delete"
        and bool(actor_uri)
        and id_of(activity.get("object")) == actor_uri
        and not Account.objects.filter(uri=actor_uri).exists()
    )
