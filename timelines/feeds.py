"""Reading feeds: home, local, public, hashtag, profile, bookmarks, upvotes.

Every feed goes through posts.access (visibility, blocks, moderation) and
feed_filter (mutes, muted words); pagination is by time-sortable id.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import Account, Follow
from posts.access import feed_filter, visible_posts
from posts.models import Bookmark, Hashtag, Mention, Post, PostHashtag, Upvote, Visibility
from timelines import redis_feeds
from timelines.models import FeedEntry
from tribune.lib.ids import id_floor
from tribune.lib.pagination import Page, paginate


def home_feed(viewer: Account, page: Page) -> list[Post]:
    """The people the viewer follows, and the viewer, newest first.

    Candidates come from the fan-out written at post time (Redis, or the feed
    table in the embedded default), plus, merged at read time, the posts of very
    followed accounts that fan-out skips. Visibility, blocks, mutes and
    moderation are applied here on every read, so a stale entry is never shown.
    """
    qs = feed_filter(viewer, visible_posts(viewer))
    window = page.limit * 3 + 20  # over-fetch: hidden posts must not shorten pages much
    if redis_feeds.enabled():
        ids = redis_feeds.read(viewer.pk, max_id=page.max_id, since_id=page.since_id, min_id=page.min_id, count=window)
        if ids is None:
            rebuilt = list(pull_home(viewer).order_by("-id").values_list("id", flat=True)[: redis_feeds.cap()])
            redis_feeds.rebuild(viewer.pk, rebuilt)
            ids = _within(rebuilt, page)[:window]
        candidates = Q(pk__in=ids)
    else:
        candidates = Q(pk__in=_window(FeedEntry.objects.filter(owner=viewer), page, window))
    big = big_accounts_followed(viewer)
    if big:
        candidates |= Q(author_id__in=big)
    return paginate(qs.filter(candidates), page)


def pull_home(viewer: Account) -> QuerySet[Post]:
    """The home feed computed from follows alone: used to rebuild a feed that Redis
    lost. Mirrors timelines.actions.feed_recipients."""
    follows = Follow.objects.filter(follower=viewer, state=Follow.State.ACCEPTED)
    mentioned = Exists(Mention.objects.filter(post_id=OuterRef("pk"), account_id=viewer.pk))
    return (
        visible_posts(viewer)
        .filter(
            Q(author=viewer)
            | Q(author_id__in=follows.values("target_id"), reblog_of__isnull=True)
            | Q(author_id__in=follows.filter(show_reblogs=True).values("target_id"))
            | Q(mentioned, visibility__in=(Visibility.PRIVATE, Visibility.DIRECT))
        )
        .exclude(~Q(author=viewer) & ~Q(mentioned), visibility=Visibility.DIRECT)
    )


def big_accounts_followed(viewer: Account) -> list[int]:
    return list(
        Follow.objects.filter(
            follower=viewer, state=Follow.State.ACCEPTED, target__followers_count__gte=settings.FANOUT_MAX_FOLLOWERS
        ).values_list("target_id", flat=True)
    )


def _within(ids: list[int], page: Page) -> list[int]:
    """Apply page bounds to ids sorted newest first."""
    out = [i for i in ids if (page.max_id is None or i < page.max_id) and (page.since_id is None or i > page.since_id)]
    if page.min_id is not None:
        out = [i for i in out if i > page.min_id][-page.limit * 3 - 20 :]
    return out


def _window(entries: QuerySet[FeedEntry], page: Page, size: int) -> QuerySet:
    """Candidate post ids from the feed table, bounded so the visibility join stays small."""
    if page.max_id is not None:
        entries = entries.filter(post_sort_id__lt=page.max_id)
    if page.since_id is not None:
        entries = entries.filter(post_sort_id__gt=page.since_id)
    if page.min_id is not None:
        entries = entries.filter(post_sort_id__gt=page.min_id).order_by("post_sort_id")
    else:
        entries = entries.order_by("-post_sort_id")
    return entries.values_list("post_sort_id", flat=True)[:size]


def public_feed(
    viewer: Account | None, page: Page, *, local_only: bool = False, remote_only: bool = False, only_media: bool = False
) -> list[Post]:
    qs = feed_filter(viewer, visible_posts(viewer)).filter(visibility=Visibility.PUBLIC, reblog_of__isnull=True)
    if local_only:
        qs = qs.filter(local=True)
    if remote_only:
        qs = qs.filter(local=False)
    if only_media:
        qs = qs.filter(media__isnull=False).distinct()
    return paginate(qs, page)


def hashtag_feed(viewer: Account | None, tag: str, page: Page, *, local_only: bool = False) -> list[Post]:
    hashtag = Hashtag.objects.filter(name=tag.lower().lstrip("#")).first()
    if hashtag is None:
        return []
    ids = PostHashtag.objects.filter(hashtag=hashtag)
    if page.max_id is not None:
        ids = ids.filter(post_created_id__lt=page.max_id)
    qs = feed_filter(viewer, visible_posts(viewer)).filter(visibility=Visibility.PUBLIC, pk__in=ids.values("post_id"))
    if local_only:
        qs = qs.filter(local=True)
    return paginate(qs, page)


def profile_feed(
    viewer: Account | None,
    account: Account,
    page: Page,
    *,
    with_replies: bool = False,
    only_media: bool = False,
    exclude_reblogs: bool = False,
) -> list[Post]:
    qs = visible_posts(viewer).filter(author=account)
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
    while frontier and len(descendants) < max_descendants:
        children = list(
            feed_filter(viewer, visible).filter(in_reply_to_id__in=frontier).order_by("id")[:max_descendants]
        )
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


def trending_hashtags(limit: int = 10, hours: int = 24) -> list[dict]:
    """Hashtags used by the most distinct people in public posts over the last `hours`."""
    since = id_floor(timezone.now() - timedelta(hours=hours))
    rows = (
        PostHashtag.objects.filter(
            post_created_id__gte=since,
            post__visibility=Visibility.PUBLIC,
            post__moderation_state="published",
            post__deleted_at__isnull=True,
            post__author__suspended_at__isnull=True,
        )
        .values("hashtag__name")
        .annotate(accounts=Count("post__author", distinct=True), uses=Count("id"))
        .order_by("-accounts", "-uses", "hashtag__name")[:limit]
    )
    return [{"name": r["hashtag__name"], "accounts": r["accounts"], "uses": r["uses"]} for r in rows]
