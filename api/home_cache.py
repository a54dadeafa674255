"""Home timelines, rendered once and served again while nothing on them has changed.

Clients ask for the same home timeline again and again (every refresh, every
poll); reading the feed, deciding visibility and rendering twenty statuses costs
several milliseconds and a few queries each time. With Redis configured, the
rendered page (its JSON and its Link header) is kept per reader and per query
string, together with the change stamps (tribune/lib/stamps.py) of everything it
shows: the reader (follows, blocks, mutes, muted words, upvotes, bookmarks, their
home feed), each post on it (and echoed and quoted posts), each author (and the
account an author moved to), the very followed accounts the reader follows (whose
posts are merged in at read time rather than pushed), and the instance. A page is
served from the cache only while every one of those stamps is unchanged, checked
in one Redis round trip (the page itself is kept in Redis, shared by every process,
and the last few hundred in each process's memory); any change to any of them
renders it afresh.

So a deleted, removed or newly hidden post, a block or an edit is never served
from the cache: the change moved a stamp the page carries (an account crossing the
very-followed threshold moves the instance's). The entry's lifetime (PAGE_TTL) bounds
anything else. Without Redis (the embedded default), or when Redis fails, every
request is rendered.
"""

import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import redis
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja.responses import NinjaJSONEncoder

import tribune
from accounts.access import Relations, relations
from accounts.models import Account
from api.pagination import with_links
from api.serializers.common import COMPACT_JSON
from api.serializers.statuses import StatusRenderer
from posts.models import Post
from tribune.lib import redis as shared
from tribune.lib import stamps
from tribune.lib.pagination import Page

log = logging.getLogger(__name__)

PAGE_TTL = 300
CONTENT_TYPE = "application/json; charset=utf-8"
counts = {"hit": 0, "miss": 0, "stored": 0}


def page_key(viewer_id: int, full_path: str) -> str:
    # The version too: pages rendered by the previous release are not served after an upgrade.
    digest = hashlib.sha256(f"{tribune.__version__}:{full_path}".encode()).hexdigest()[:24]
    return f"{getattr(settings, 'REDIS_FEED_PREFIX', 'tribune')}:home:{viewer_id}:{digest}"


@dataclass(frozen=True)
class _Page:
    keys: list[str]
    stamps: list[str]
    body: bytes
    link: str | None
    expires: float  # time.monotonic()

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, content_type=CONTENT_TYPE)
        if self.link:
            response["Link"] = self.link
        return response


# The pages this process served lately, so that serving one again needs only its stamps from
# Redis (one MGET), not the page as well.
_local: OrderedDict[str, _Page] = OrderedDict()
LOCAL_PAGES = 500


def forget_local_pages() -> None:
    _local.clear()


def home_response(
    request: HttpRequest,
    viewer: Account,
    page: Page,
    feed: Callable[[Account, Page, Relations], list[Post]],
) -> HttpResponse:
    """The home timeline page for this request, from the cache when still valid."""
    conn = shared.client() if stamps.enabled() and settings.HOME_CACHE else None
    if conn is None:
        return _render(request, viewer, page, feed)[0]
    key = page_key(viewer.pk, request.get_full_path())
    try:
        stamps.check_dirty(conn)
        known = _local.get(key)
        if known is not None and known.expires > time.monotonic() and conn.mget(known.keys) == known.stamps:
            counts["hit"] += 1
            return known.response()
        pipe = conn.pipeline(transaction=False)
        pipe.get(key)
        pipe.ttl(key)
        pipe.time()
        entry, ttl, (seconds, micros) = pipe.execute()
        stored = _load(entry, ttl)
        if stored is not None and conn.mget(stored.keys) == stored.stamps:
            counts["hit"] += 1
            _remember(key, stored)
            return stored.response()
    except redis.RedisError as error:
        shared.failed(error, "home timeline cache")
        return _render(request, viewer, page, feed)[0]
    counts["miss"] += 1
    started = int(seconds) * 1_000_000 + int(micros)
    response, shown = _render(request, viewer, page, feed)
    try:
        # Anything stamped after the rendering began may not be on the page: store it only
        # if every stamp is older (the next request stores it, once things are quiet).
        current = stamps.read_if_older(conn, shown, started)
        if current is not None:
            rendered = _Page(shown, current, response.content, response.get("Link"), time.monotonic() + PAGE_TTL)
            conn.set(key, _dump(rendered), ex=PAGE_TTL)
            _remember(key, rendered)
            counts["stored"] += 1
    except (redis.RedisError, ValueError) as error:
        shared.failed(error, "home timeline cache")
    return response


def _remember(key: str, page: _Page) -> None:
    _local[key] = page
    _local.move_to_end(key)
    while len(_local) > LOCAL_PAGES:
        _local.popitem(last=False)


def _render(
    request: HttpRequest, viewer: Account, page: Page, feed: Callable[[Account, Page, Relations], list[Post]]
) -> tuple[HttpResponse, list[str]]:
    known = relations(viewer, very_followed_from=settings.FANOUT_MAX_FOLLOWERS)
    posts = feed(viewer, page, known)
    renderer = StatusRenderer(viewer, posts)
    body = json.dumps(renderer.render_many(posts), cls=NinjaJSONEncoder, **COMPACT_JSON)
    response = with_links(request, HttpResponse(body, content_type=CONTENT_TYPE), [p.pk for p in posts])
    return response, _stamps_of(viewer, posts, renderer, known)


def _stamps_of(viewer: Account, posts: list[Post], renderer: StatusRenderer, known: Relations) -> list[str]:
    shown = [*posts, *(p.reblog_of for p in posts if p.reblog_of is not None), *renderer.quoted.values()]
    keys = {stamps.everything(), stamps.viewer(viewer.pk)}
    for post in shown:
        keys.add(stamps.post(post.pk))
        keys.add(stamps.account(post.author_id))
        if post.author.moved_to_id:
            keys.add(stamps.account(post.author.moved_to_id))
    keys.update(stamps.account(a) for a in known.very_followed)
    return sorted(keys)


def _dump(page: _Page) -> str:
    head = {"keys": page.keys, "stamps": page.stamps, "link": page.link}
    return json.dumps(head) + "\n" + page.body.decode()


def _load(entry: str | None, ttl: int) -> _Page | None:
    """The page stored in Redis, or None (absent, expiring, or not one this code wrote)."""
    if not entry or ttl <= 0:
        return None
    head_text, _, body = entry.partition("\n")
    try:
        head = json.loads(head_text)
        keys, values, link = list(head["keys"]), list(head["stamps"]), head["link"]
    except (ValueError, KeyError, TypeError):
        return None
    if not keys or len(keys) != len(values):
        return None
    return _Page(keys, values, body.encode(), link, time.monotonic() + ttl)
