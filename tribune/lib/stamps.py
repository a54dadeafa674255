"""Change stamps: what tells a cached page that something it shows has changed.

A stamp is a small Redis key per post, per account, per reader ("viewer": what
they follow, block, mute, upvoted, their home feed) and one for the instance
("global"). Whatever changes one of those (a save, a delete or an `update()` of
a post or an account, a follow, a block, an upvote, a feed push...) sets its
stamp, after the transaction commits, to Redis's clock in microseconds. A cached
page (api/home_cache.py) records the stamps of everything it shows and is served
only while they are all unchanged.

Stamps are set from three places, so no write path can forget one: the
`post_save` / `post_delete` signals of every model a page depends on
(`connect()`), the `update()` of posts and accounts (`StampedQuerySet`, since an
`update()` sends no signal), and the feed pushes (timelines/redis_feeds.py).

The clock makes a race harmless: a reader notes Redis's time before it reads the
database and stores its page only if every stamp is older than that, so a change
committed while the page was being built (whose stamp is necessarily newer)
keeps the page out of the cache. When a stamp cannot be set (Redis down), the
database is marked, and the next reader that sees the mark moves the global
stamp, which invalidates every cached page.

All stamp keys share one Redis Cluster hash slot (`{stamps}`), so that a page's
stamps are read in one MGET.
"""

import logging
import time
from collections.abc import Iterable
from typing import Any

import redis
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from tribune.lib import redis as shared

log = logging.getLogger(__name__)

GLOBAL = "global"
DIRTY_KEY = "stamps_dirty"
# Beyond this many rows, an update() moves the global stamp instead of one per row.
MAX_ROWS = 200
DIRTY_CHECK_S = 1.0
# A stamp that expires (or is evicted) comes back with a new time: what recorded it is then
# refused, never wrongly accepted. So stamps can expire, and do, to keep Redis small.
LIFETIME_S = 24 * 3600

# Sets every key to the server's time in microseconds; returns the time.
_BUMP = """
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
for i = 1, #KEYS do redis.call('SET', KEYS[i], now, 'EX', ARGV[1]) end
return now
"""

# The current stamps of the keys, creating missing ones at the server's time.
_READ_OR_CREATE = """
local t = redis.call('TIME')
local now = t[1] .. string.format('%06d', t[2])
local out = {}
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if not v then
    redis.call('SET', KEYS[i], now, 'EX', ARGV[1])
    v = now
  end
  out[i] = v
end
return out
"""

_dirty_checked_at = 0.0


def enabled() -> bool:
    return bool(settings.REDIS_URL)


def _prefix() -> str:
    return f"{getattr(settings, 'REDIS_FEED_PREFIX', 'tribune')}:{{stamps}}"


def key(kind: str, ident: int | str = 0) -> str:
    return f"{_prefix()}:{kind}" if kind == GLOBAL else f"{_prefix()}:{kind}:{ident}"


def post(post_id: int) -> str:
    return key("p", post_id)


def account(account_id: int) -> str:
    return key("a", account_id)


def viewer(account_id: int) -> str:
    return key("v", account_id)


def everything() -> str:
    return key(GLOBAL)


def bump(keys: Iterable[str]) -> None:
    """Set these stamps once the current transaction commits (at once outside one)."""
    if not enabled():
        return
    keys = set(keys)
    if keys:
        # A rolled-back transaction runs no on_commit callback: its changes never happened.
        transaction.on_commit(lambda: _write(keys))


def touch(conn: redis.Redis, keys: list[str]) -> None:
    """Set these stamps now, through a connection the caller holds (Redis errors are the
    caller's to handle)."""
    if keys:
        conn.register_script(_BUMP)(keys=keys, args=[LIFETIME_S])


def _write(keys: set[str]) -> None:
    conn = shared.client()
    if conn is not None:
        try:
            touch(conn, sorted(keys))
            return
        except redis.RedisError as error:
            shared.failed(error, "change stamps")
    mark_dirty()


def mark_dirty() -> None:
    """A change could not be stamped: the next reader moves the global stamp (check_dirty)."""
    try:
        shared.mark_dirty(DIRTY_KEY)
    except Exception:  # the change itself has committed; never fail it over its stamp
        log.exception("could not mark the change stamps dirty")


def check_dirty(conn: redis.Redis) -> None:
    """If a stamp could not be set while Redis was away, move the global stamp (every cached
    page and remembered token is then stale). Checked at most once a second per process, and
    at once after this process met a Redis error."""
    global _dirty_checked_at
    now = time.monotonic()
    if now - _dirty_checked_at < DIRTY_CHECK_S and shared.last_failure < _dirty_checked_at:
        return
    _dirty_checked_at = now
    mark = shared.dirty_mark(DIRTY_KEY)
    if mark is not None:
        touch(conn, [everything()])
        shared.clear_dirty(DIRTY_KEY, mark)


def reset() -> None:
    global _dirty_checked_at
    _dirty_checked_at = 0.0


def now_us(conn: redis.Redis) -> int:
    seconds, micros = conn.time()
    return int(seconds) * 1_000_000 + int(micros)


def read(conn: redis.Redis, keys: list[str]) -> list[str]:
    """The stamps of these keys, creating missing ones (at the current time)."""
    return [str(v) for v in conn.register_script(_READ_OR_CREATE)(keys=keys, args=[LIFETIME_S])]


def read_if_older(conn: redis.Redis, keys: list[str], started: int) -> list[str] | None:
    """The stamps of these keys if every one predates `started` (now_us before the database
    was read), else None: something changed meanwhile, and what was read may predate it."""
    values = read(conn, keys)
    return values if all(int(v) < started for v in values) else None


class StampedQuerySet(models.QuerySet):
    """`update()` sends no signal: this one sets the stamps of the rows it changes."""

    stamp_kind = ""

    def update(self, **kwargs: Any) -> int:
        if not enabled():
            return super().update(**kwargs)
        ids = list(self.values_list("pk", flat=True).order_by()[: MAX_ROWS + 1])
        changed = super().update(**kwargs)
        if changed:
            bump([everything()] if len(ids) > MAX_ROWS else [key(self.stamp_kind, i) for i in ids])
        return changed


def _post_keys(instance: Any) -> list[str]:
    return [post(instance.pk), account(instance.author_id), viewer(instance.author_id)]


def _related_post(instance: Any) -> list[str]:
    return [post(instance.post_id)]


def _media_keys(instance: Any) -> list[str]:
    # Read afresh: the saved copy may predate the attachment's post.
    post_id = type(instance).objects.filter(pk=instance.pk).values_list("post_id", flat=True).first()
    return [post(i) for i in {post_id, instance.post_id} if i]


def _both_viewers(instance: Any) -> list[str]:
    return [viewer(instance.account_id), viewer(instance.target_id)]


def connect() -> None:
    """Stamp every model a cached page depends on, on save and delete."""
    from oauth2_provider.models import AccessToken

    from accounts.models import Account, Block, Filter, FilterStatus, Follow, Mute, MutedWord, User
    from federation.models import DomainPolicy
    from posts.models import Bookmark, MediaAttachment, Mention, Poll, PollVote, Post, PostHashtag, Upvote
    from timelines.models import ListMember

    rules: dict[type[models.Model], Any] = {
        Post: _post_keys,
        Account: lambda a: [account(a.pk), viewer(a.pk)],
        User: lambda u: [key("u", u.pk)],
        AccessToken: lambda t: [key("t", t.token_checksum), key("u", t.user_id)],
        Follow: lambda f: [viewer(f.follower_id), viewer(f.target_id)],
        Block: _both_viewers,
        Mute: _both_viewers,
        MutedWord: lambda w: [viewer(w.account_id)],
        Filter: lambda f: [viewer(f.account_id)],  # `filtered` on the statuses a page shows
        FilterStatus: lambda r: [
            viewer(a) for a in Filter.objects.filter(pk=r.filter_id).values_list("account_id", flat=True)
        ],
        Upvote: lambda u: [viewer(u.account_id), post(u.post_id)],
        Bookmark: lambda b: [viewer(b.account_id), post(b.post_id)],
        Mention: lambda m: [viewer(m.account_id), post(m.post_id)],
        MediaAttachment: _media_keys,
        PostHashtag: _related_post,
        Poll: lambda p: [post(p.pk)],
        ListMember: lambda m: [viewer(m.owner_id_copy)],  # exclusive lists shape the home timeline
        PollVote: lambda v: [viewer(v.account_id), post(v.poll_id)],  # a poll's id is its post's
        DomainPolicy: lambda _d: [everything()],
    }
    for model, keys in rules.items():

        def handler(sender: Any, instance: Any, keys: Any = keys, **_kwargs: Any) -> None:
            if enabled():  # some rules read the database: not without Redis
                bump(keys(instance))

        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"stamps-save-{model.__name__}")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"stamps-delete-{model.__name__}")
