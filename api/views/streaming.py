"""Streaming as server-sent events: `update`, `status.update`, `notification`, `conversation` and `delete` events.

An async view polls the database about once a second for what became visible
to the caller since the last poll (through the same access helpers as every
other read), so it works under any ASGI server with no message broker; a
comment line every few seconds keeps proxies from closing an idle stream.
"""

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from asgiref.sync import sync_to_async
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone

from accounts.access import blocks, following_ids
from accounts.models import Account, Follow
from api.auth import caller_for, check_scope, token_from_header
from api.serializers.conversations import conversations
from api.serializers.notifications import notifications
from api.serializers.statuses import statuses
from moderation.models import AuditEntry
from notifications.models import Notification
from posts.access import visible_among
from posts.models import Mention, ModerationState, Post, PostHashtag, Visibility
from timelines.feeds import direct_feed, hashtag_feed, home_feed, public_feed
from timelines.lists import access_list, list_feed
from timelines.models import List, ListMember
from tribune.lib.errors import ActionError, NotFound
from tribune.lib.ids import make_id
from tribune.lib.pagination import Page

POLL_SECONDS = 1.0
HEARTBEAT_SECONDS = 10.0
STREAMS = {
    "user", "user:notification", "public", "public:local", "public:remote", "hashtag", "hashtag:local", "direct",
    "list",
}  # fmt: skip
# Streams that need a signed-in person.
PERSONAL = ("user", "direct", "list")


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("OK", content_type="text/plain")


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _authenticate(request: HttpRequest, needs_user: bool) -> tuple[Account | None, JsonResponse | None]:
    raw = request.GET.get("access_token", "")
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        raw = header[7:]
    account, problem = authenticate(raw, needs_user)
    return account, _error(*problem) if problem else None


def authenticate(raw: str, needs_user: bool) -> tuple[Account | None, tuple[str, int] | None]:
    """The account behind a streaming access token (None: anonymous), or (message, status)."""
    if not raw:
        return None, ("Missing access token", 401) if needs_user else None
    token = token_from_header(raw)
    caller = caller_for(token) if token is not None else None
    if token is None or caller is None:
        return None, ("Invalid access token", 401)
    try:
        check_scope(token, "read:statuses")
    except ActionError as e:
        return None, (e.message, e.status)
    if needs_user and caller.account is None:
        return None, ("This stream requires an authenticated user", 401)
    return caller.account, None


class Poller:
    """What is new for one stream since the previous poll (runs in a thread: it queries the database)."""

    def __init__(self, viewer: Account | None, stream: str, tag: str) -> None:
        """`tag`: the hashtag of a hashtag stream, the list's id of a list stream (which must be the viewer's)."""
        self.viewer, self.stream, self.tag = viewer, stream, tag.lower().lstrip("#")
        self.list: List | None = None
        if stream == "list":
            if viewer is None or not self.tag.isdigit():
                raise NotFound("Record not found")
            self.list = access_list(viewer, int(self.tag))
        self.last_post = make_id()
        self.last_notification = self.last_post
        self.since: datetime = timezone.now()

    def poll(self) -> list[tuple[str, str, Any]]:
        events: list[tuple[str, str, Any]] = []
        now = timezone.now()
        if self.stream == "direct" and self.viewer is not None:
            posts = self._new_posts()
            if posts:
                self.last_post = max(p.pk for p in posts)
            for rendered in conversations(self.viewer, sorted(posts, key=lambda p: p.pk, reverse=True)):
                events.append((self.stream, "conversation", rendered))
        elif self.stream != "user:notification":
            posts = self._new_posts()
            if posts:
                self.last_post = max(p.pk for p in posts)
            for rendered in statuses(self.viewer, posts):
                events.append((self.stream, "update", rendered))
            for rendered in statuses(self.viewer, self._edited()):
                events.append((self.stream, "status.update", rendered))
            for post_id in self._deleted():
                events.append((self.stream, "delete", str(post_id)))
        if self.stream.startswith("user") and self.viewer is not None:
            rows = list(
                Notification.objects.filter(
                    recipient=self.viewer, pk__gt=self.last_notification, dismissed=False, filtered=False
                )
                .select_related("actor")
                .order_by("id")[:40]
            )
            if rows:
                self.last_notification = rows[-1].pk
            for rendered in notifications(self.viewer, rows):
                events.append((self.stream, "notification", rendered))
        self.since = now
        return events

    def _new_posts(self) -> list[Post]:
        """The posts after the last one sent, oldest first, read through the feeds themselves
        (the home feed from Redis or the feed table, very followed accounts merged in)."""
        page = Page(min_id=self.last_post, limit=40)
        if self.stream == "user" and self.viewer is not None:
            posts = home_feed(self.viewer, page)
        elif self.stream == "direct" and self.viewer is not None:
            posts = direct_feed(self.viewer, page)
        elif self.list is not None and self.viewer is not None:
            posts = list_feed(self.viewer, self.list, page)
        elif self.stream.startswith("public"):
            posts = public_feed(
                self.viewer, page, local_only=self.stream == "public:local", remote_only=self.stream == "public:remote"
            )
        else:
            posts = hashtag_feed(self.viewer, self.tag, page, local_only=self.stream == "hashtag:local")
        return sorted(posts, key=lambda p: p.pk)

    def _edited(self) -> list[Post]:
        """Posts this stream sent before (older than its last one) and edited since the last poll,
        that the viewer may still see and that still belong to the stream (an edit may change tags)."""
        ids = list(
            Post.objects.filter(edited_at__gt=self.since, pk__lte=self.last_post, deleted_at__isnull=True)
            .order_by("-edited_at")
            .values_list("id", flat=True)[:40]
        )
        if not ids:
            return []
        visible = visible_among(self.viewer, ids, feed=True, reach=not self.stream.startswith("user"))
        return [p for p in sorted(visible, key=lambda p: p.pk) if self._belongs(p)]

    def _belongs(self, post: Post) -> bool:
        if self.list is not None:
            return ListMember.objects.filter(list=self.list, account_id=post.author_id).exists()
        if self.stream == "user" and self.viewer is not None:
            return (
                post.author_id == self.viewer.pk
                or Follow.objects.filter(follower=self.viewer, target_id=post.author_id, state="accepted").exists()
                or Mention.objects.filter(post=post, account=self.viewer).exists()
            )
        if post.visibility != Visibility.PUBLIC:
            return False
        if self.stream in ("public:local", "hashtag:local") and not post.local:
            return False
        if self.stream == "public:remote" and post.local:
            return False
        if self.stream.startswith("hashtag"):
            return PostHashtag.objects.filter(post=post, hashtag__name=self.tag).exists()
        return True

    def _deleted(self) -> list[int]:
        """Posts deleted by their authors or removed by moderators since the last poll, among
        those the stream could have shown: published ones (never a held post's id; the author's
        own in the user stream), in the audience the stream serves, not by a blocked account."""
        removed = AuditEntry.objects.filter(  # removed by a moderator, or held after publication (second tier)
            action__in=(AuditEntry.Action.REMOVE, AuditEntry.Action.HOLD),
            created_at__gt=self.since,
            details__was=ModerationState.PUBLISHED,
        )
        removed_ids = [i for i in removed.values_list("target_post_id", flat=True)[:100] if i is not None]
        shown = Q(moderation_state=ModerationState.PUBLISHED)
        audience = Q(visibility__in=(Visibility.PUBLIC, Visibility.UNLISTED))
        if self.list is not None:
            audience &= Q(author_id__in=ListMember.objects.filter(list=self.list).values("account_id"))
        if self.viewer is not None and self.stream == "user":
            shown |= Q(author=self.viewer)
            audience |= Q(author=self.viewer) | Q(
                visibility=Visibility.PRIVATE, author_id__in=following_ids(self.viewer)
            )
        qs = Post.objects.filter((Q(deleted_at__gt=self.since) & shown) | Q(pk__in=removed_ids)).filter(audience)
        if self.viewer is not None and (blocked := blocks(self.viewer)):
            qs = qs.filter(blocked.excluding("author"))
        return list(qs.values_list("id", flat=True)[:100])


def _event(stream: str, name: str, payload: Any) -> str:
    data = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return f"event: {name}\ndata: {data}\n\n"


async def _events(poller: Poller) -> AsyncIterator[str]:
    yield ":)\n\n"
    last_beat = time.monotonic()
    poll = sync_to_async(poller.poll, thread_sensitive=True)
    while True:
        await asyncio.sleep(POLL_SECONDS)
        for stream, name, payload in await poll():
            yield _event(stream, name, payload)
        if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
            last_beat = time.monotonic()
            yield ":thump\n\n"


async def stream(request: HttpRequest, stream: str) -> HttpResponse | StreamingHttpResponse:
    name = (stream or request.GET.get("stream", "")).strip("/").replace("/", ":")
    if name not in STREAMS:
        return _error("Unknown stream type", 400)
    tag = request.GET.get("tag", "") or request.GET.get("list", "")
    if name.startswith("hashtag") and not tag:
        return _error("No tag for hashtag stream", 400)
    viewer, error = await sync_to_async(_authenticate)(request, name.startswith(PERSONAL))
    if error is not None:
        return error
    try:
        poller = await sync_to_async(Poller)(viewer, name, tag)
    except NotFound:
        return _error("Record not found", 404)
    response = StreamingHttpResponse(_events(poller), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"
    return response
