"""Reading feeds: home, local, public, hashtag, profile, bookmarks, upvotes.

Every feed goes through posts.access (visibility, blocks, moderation) and
feed_filter (mutes, muted words); pagination is by time-sortable id.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.access import Relations, relations
from accounts.models import Account, Follow
from posts.access import feed_filter, visible_among, visible_posts
from posts.models import Bookmark, Hashtag, Mention, Post, PostHashtag, Upvote, Visibility
from timelines import redis_feeds
from timelines.models import FeedEntry, FollowedHashtag
from timelines.tags import public_uses
from tribune.lib.ids import id_floor
from tribune.lib.pagination import Page, paginate


def home_feed(viewer: Account, page: Page, known: Relations | None = None) -> list[Post]:
    """The people the viewer follows, and the viewer, newest first.

    Candidates come from the fan-out written at post time (Redis, or the feed
    table in the embedded default), plus, merged at read time, the posts of very
    followed accounts that fan-out skips. Visibility, blocks, mutes and
    moderation are applied here on every read, so a stale entry is never shown.

    The candidates are fetched first, as a list of ids, and visibility is then
    checked over those few dozen rows read by primary key (posts.access.visible_among).
    `known`: the viewer's relations with the very followed accounts, when read already.
    """
    if redis_feeds.enabled():
        ids = redis_feeds.read(
            viewer.pk, max_id=page.max_id, since_id=page.since_id, min_id=page.min_id, count=_candidates(page)
        )
        if ids is None:
            rebuilt = pull_home_ids(viewer, redis_feeds.cap())
            redis_feeds.rebuild(viewer.pk, rebuilt)
            ids = _within(rebuilt, page)
        candidates = list(ids)
    else:
        candidates = _bounded_ids(FeedEntry.objects.filter(owner=viewer), page, sort="post_sort_id")
    if known is None:
        known = relations(viewer, very_followed_from=settings.FANOUT_MAX_FOLLOWERS)
    if known.very_followed:
        candidates += _bounded_ids(Post.objects.filter(author_id__in=known.very_followed), page)
    if known.exclusive:  # members of an exclusive list are read in that list only
        exclusive = known.exclusive - {viewer.pk}
        return _visible_page(viewer, candidates, page, lambda p: p.author_id not in exclusive, feed=True, known=known)
    return _visible_page(viewer, candidates, page, feed=True, known=known)


def _visible_page(
    viewer: Account | None, candidates: list[int], page: Page, keep: Callable[[Post], bool] | None = None, **checks: Any
) -> list[Post]:
    """The page of visible posts among candidate ids within the page bounds, newest first.

    Candidates are loaded nearest the cursor first, a page and a few at a time (most are
    visible, so one batch usually fills the page), and visibility is decided over the
    loaded rows (posts.access.visible_among). `keep` is a further condition on a post."""
    nearest = sorted(set(candidates), reverse=page.min_id is None)
    found: list[Post] = []
    start, size = 0, page.limit + 5
    while start < len(nearest) and len(found) < page.limit:
        batch = visible_among(viewer, nearest[start : start + size], **checks)
        found += [p for p in batch if keep is None or keep(p)]
        start, size = start + size, len(nearest)
    found.sort(key=lambda p: p.pk, reverse=True)
    return found[-page.limit :] if page.min_id is not None else found[: page.limit]


def _candidates(page: Page) -> int:
    """How many candidate ids to fetch for a page: over-fetch, so that posts the visibility
    check hides do not shorten pages much."""
    return page.limit * 3 + 20


def _bounded_ids(rows: QuerySet, page: Page, *, sort: str = "id", value: str | None = None) -> list[int]:
    """`value` (default: `sort`) of the rows whose `sort` column, a post id or a copy of one,
    lies within the page bounds: at most _candidates(page), nearest the cursor first."""
    if page.max_id is not None:
        rows = rows.filter(**{f"{sort}__lt": page.max_id})
    if page.since_id is not None:
        rows = rows.filter(**{f"{sort}__gt": page.since_id})
    if page.min_id is not None:
        rows = rows.filter(**{f"{sort}__gt": page.min_id}).order_by(sort)
    else:
        rows = rows.order_by(f"-{sort}")
    return list(rows.values_list(value or sort, flat=True)[: _candidates(page)])


def pull_home_ids(viewer: Account, limit: int) -> list[int]:
    """The newest home-feed candidates computed from follows alone, newest first: used
    to rebuild a feed Redis lost, and to serve feeds while Redis is down. Mirrors
    timelines.actions.feed_recipients; visibility is applied when the feed is read.

    Each part reads one index (posts by author, mentions by account) and is bounded,
    so the cost depends on how many people and hashtags the viewer follows, not on all posts."""
    follows = list(
        Follow.objects.filter(follower=viewer, state=Follow.State.ACCEPTED).values_list("target_id", "show_reblogs")
    )
    authors = [viewer.pk, *(target for target, _reblogs in follows)]
    without_echoes = [target for target, reblogs in follows if not reblogs]
    by_authors = Post.objects.filter(author_id__in=authors)
    if without_echoes:
        by_authors = by_authors.exclude(author_id__in=without_echoes, reblog_of__isnull=False)
    ids = set(by_authors.order_by("-id").values_list("id", flat=True)[:limit])
    ids.update(
        Mention.objects.filter(account=viewer, post__visibility__in=(Visibility.PRIVATE, Visibility.DIRECT))
        .order_by("-post_id")
        .values_list("post_id", flat=True)[:limit]
    )
    followed_tags = list(FollowedHashtag.objects.filter(account=viewer).values_list("hashtag_id", flat=True))
    if followed_tags:
        ids.update(
            PostHashtag.objects.filter(hashtag_id__in=followed_tags, post__visibility=Visibility.PUBLIC)
            .order_by("-post_created_id")
            .values_list("post_id", flat=True)[:limit]
        )
    return sorted(ids, reverse=True)[:limit]


def _within(ids: list[int], page: Page) -> list[int]:
    """_bounded_ids for ids in a list sorted newest first."""
    out = [i for i in ids if (page.max_id is None or i < page.max_id) and (page.since_id is None or i > page.since_id)]
    if page.min_id is not None:
        return [i for i in out if i > page.min_id][-_candidates(page) :]
    return out[: _candidates(page)]


def public_feed(
    viewer: Account | None, page: Page, *, local_only: bool = False, remote_only: bool = False, only_media: bool = False
) -> list[Post]:
    """Public posts, newest first. As in home_feed, candidate ids come first from the
    post_public_id index (visibility, local, id), then visibility over that bounded list."""
    if only_media:
        qs = within_reach(viewer, feed_filter(viewer, visible_posts(viewer), "public")).filter(
            visibility=Visibility.PUBLIC, reblog_of__isnull=True, media__isnull=False
        )
        qs = qs.distinct()
        if local_only:
            qs = qs.filter(local=True)
        if remote_only:
            qs = qs.filter(local=False)
        return paginate(qs, page)
    recent = Post.objects.filter(visibility=Visibility.PUBLIC, reblog_of__isnull=True)
    # `local__in` rather than `local=`: Django writes `local=True` as a bare boolean
    # column, which SQLite does not match against the index.
    if local_only:
        recent = recent.filter(local__in=[True])
    if remote_only:
        recent = recent.filter(local__in=[False])
    return _visible_page(
        viewer, _bounded_ids(recent, page), page, _public_original, feed=True, reach=True, context="public"
    )


def link_feed(viewer: Account | None, card_id: int, page: Page, *, local_only: bool = False) -> list[Post]:
    """Public posts carrying one preview card (Mastodon's link timeline), through the public timeline's
    visibility, filters and reach; the card's posts are found through its post_links."""
    qs = within_reach(viewer, feed_filter(viewer, visible_posts(viewer), "public")).filter(
        visibility=Visibility.PUBLIC, reblog_of__isnull=True, card_link__card_id=card_id
    )
    if local_only:
        qs = qs.filter(local=True)
    return paginate(qs, page)


def _public_original(post: Post) -> bool:
    return post.visibility == Visibility.PUBLIC and post.reblog_of_id is None


def hashtag_feed(viewer: Account | None, tag: str, page: Page, *, local_only: bool = False) -> list[Post]:
    hashtag = Hashtag.objects.filter(name=tag.lower().lstrip("#")).first()
    if hashtag is None:
        return []
    # The tag's latest uses within the page bounds, from the hashtag_posts index, then
    # visibility over those rows (as in home_feed); post_created_id is the post's id.
    uses = PostHashtag.objects.filter(hashtag=hashtag)
    candidates = _bounded_ids(uses, page, sort="post_created_id", value="post_id")

    def listed(post: Post) -> bool:
        return post.visibility == Visibility.PUBLIC and (post.local or not local_only)

    return _visible_page(viewer, candidates, page, listed, feed=True, reach=True, context="public")


def direct_feed(viewer: Account, page: Page) -> list[Post]:
    """Direct posts the viewer wrote or is mentioned in, newest first (the `direct` stream and
    timeline): candidates from the author and mention indexes, then visibility as in home_feed."""
    own = Post.objects.filter(author=viewer, visibility=Visibility.DIRECT, reblog_of__isnull=True)
    received = Mention.objects.filter(account=viewer, post__visibility=Visibility.DIRECT)
    candidates = _bounded_ids(own, page) + _bounded_ids(received, page, sort="post_id")
    return _visible_page(viewer, candidates, page, feed=True)


def within_reach(viewer: Account | None, posts: QuerySet[Post]) -> QuerySet[Post]:
    """A limited account (a moderator's decision) reaches only its followers: its posts stay out
    of the public and hashtag feeds of everyone else. Home feeds and profiles are unchanged."""
    if viewer is None:
        return posts.exclude(author__limited=True)
    follows = Follow.objects.filter(follower=viewer, state=Follow.State.ACCEPTED, target_id=OuterRef("author_id"))
    return posts.exclude(Q(author__limited=True) & ~Q(author=viewer) & ~Exists(follows))


def profile_feed(
    viewer: Account | None,
    account: Account,
    page: Page,
    *,
    with_replies: bool = False,
    only_media: bool = False,
    exclude_reblogs: bool = False,
    tagged: str = "",
) -> list[Post]:
    """`tagged`: only posts carrying that hashtag (a featured hashtag's link)."""
    qs = visible_posts(viewer).filter(author=account)
    if tagged:
        qs = qs.filter(post_hashtags__hashtag__name=tagged.lower().lstrip("#"))
    if not with_replies:
        # Replies to oneself (threads) stay on the profile, as in Mastodon.
        qs = qs.filter(Q(in_reply_to_account__isnull=True) | Q(in_reply_to_account=account))
    if only_media:
        qs = qs.filter(media__isnull=False).distinct()
    if exclude_reblogs:
        qs = qs.filter(reblog_of__isnull=True)
    return paginate(qs, page)


def bookmarks_feed(viewer: Account, page: Page) -> list[Bookmark]:
    qs = Bookmark.objects.filter(account=viewer, post__in=visible_posts(viewer)).select_related("post", "post__author")
    return paginate(qs, page)


def upvotes_feed(viewer: Account, page: Page) -> list[Upvote]:
    qs = Upvote.objects.filter(account=viewer, post__in=visible_posts(viewer)).select_related("post", "post__author")
    return paginate(qs, page)


def thread(
    viewer: Account | None, post: Post, *, max_ancestors: int = 40, max_descendants: int = 200
) -> tuple[list[Post], list[Post]]:
    """Ancestors (oldest first) and descendants (depth-first, oldest first) that the viewer may see."""
    visible = visible_posts(viewer)
    ancestors: list[Post] = []
    current = post
    while current.in_reply_to_id and len(ancestors) < max_ancestors:
        parent = visible.filter(pk=current.in_reply_to_id).first()
        if parent is None:
            break
        ancestors.append(parent)
        current = parent
    ancestors.reverse()
    descendants: list[Post] = []
    frontier = [post.pk]
    by_parent: dict[int, list[Post]] = {}
    # What the reader hides (mutes, hiding filters) is read once for the whole thread.
    shown = feed_filter(viewer, visible, "thread")
    while frontier and len(descendants) < max_descendants:
        children = list(shown.filter(in_reply_to_id__in=frontier).order_by("id")[:max_descendants])
        for child in children:
            by_parent.setdefault(child.in_reply_to_id or 0, []).append(child)
        frontier = [c.pk for c in children]
        descendants.extend(children)

    ordered: list[Post] = []

    def walk(parent_id: int) -> None:
        for child in by_parent.get(parent_id, []):
            ordered.append(child)
            walk(child.pk)

    walk(post.pk)
    return ancestors, ordered[:max_descendants]


TRENDING_CACHE_SECONDS = 60
TRENDS_GENERATION = "trending-hashtags:generation"


def forget_trends() -> None:
    """Moderation changed what may trend: the next read recomputes the trends."""
    try:
        cache.incr(TRENDS_GENERATION)
    except ValueError:  # not set yet (or evicted): any new value will do
        cache.set(TRENDS_GENERATION, 1, None)


def trending_hashtags(limit: int = 10, hours: int = 24) -> list[dict]:
    """Hashtags used by the most distinct people in public posts over the last `hours`.

    Shown on every page, and the same for everyone (public posts only), so it is
    cached: the key carries the newest hashtag use, so a new use recomputes it at
    once, and a generation that moderation bumps (forget_trends), so a removed post
    or a limited or suspended account leaves the trends at once; the cache lifetime
    bounds how long a post its author deleted still counts."""
    newest = PostHashtag.objects.order_by("-id").values_list("id", flat=True).first()
    generation = cache.get_or_set(TRENDS_GENERATION, 0)
    key = f"trending-hashtags:{limit}:{hours}:{newest}:{generation}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    since = id_floor(timezone.now() - timedelta(hours=hours))
    rows = (
        public_uses()
        .filter(post_created_id__gte=since)
        .values("hashtag__name")
        .annotate(accounts=Count("post__author", distinct=True), uses=Count("id"))
        .order_by("-accounts", "-uses", "hashtag__name")[:limit]
    )
    result = [{"name": r["hashtag__name"], "accounts": r["accounts"], "uses": r["uses"]} for r in rows]
    cache.set(key, result, TRENDING_CACHE_SECONDS)
    return result
