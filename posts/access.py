"""Who may see which post: the one place visibility is decided.

Pages, the API, search, feeds and federation all read posts through
`visible_posts` / `access_post`, so that visibility (public, unlisted,
followers-only, direct), blocks, suspensions, deletion and moderation state are
applied the same way on every path. Held posts are visible to their author only;
removed and deleted posts to nobody (moderators read them through the moderation
app's own helpers).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.access import blocked_ids, following_ids, muted_ids
from accounts.models import Account, MutedWord
from posts.models import Mention, ModerationState, Post, Visibility
from tribune.lib.errors import NotFound

PUBLICLY_LISTED = (Visibility.PUBLIC, Visibility.UNLISTED)


def _visibility_q(viewer: Account | None, prefix: str = "", blocked: list[int] | None = None) -> Q:
    f = prefix
    base = Q(
        **{
            f"{f}deleted_at__isnull": True,
            f"{f}author__suspended_at__isnull": True,
            f"{f}author__deleted_at__isnull": True,
        }
    )
    if viewer is None:
        return base & Q(**{f"{f}moderation_state": ModerationState.PUBLISHED, f"{f}visibility__in": PUBLICLY_LISTED})
    own = Q(**{f"{f}author_id": viewer.pk})
    published = Q(**{f"{f}moderation_state": ModerationState.PUBLISHED})
    audience = (
        Q(**{f"{f}visibility__in": PUBLICLY_LISTED})
        | Q(**{f"{f}visibility": Visibility.PRIVATE, f"{f}author_id__in": following_ids(viewer)})
        | Q(
            Exists(Mention.objects.filter(post_id=OuterRef(f"{f}pk" if f else "pk"), account_id=viewer.pk)),
            **{f"{f}visibility__in": (Visibility.PRIVATE, Visibility.DIRECT)},
        )
    )
    own_not_removed = own & ~Q(**{f"{f}moderation_state": ModerationState.REMOVED})
    not_blocked = ~Q(**{f"{f}author_id__in": blocked}) if blocked else Q()
    return base & (own_not_removed | (published & audience & not_blocked))


def visible_posts(viewer: Account | None) -> QuerySet[Post]:
    """Every post the viewer may see; an echo also needs its original to be visible."""
    blocked = blocked_ids(viewer) if viewer is not None else []
    reblog_ok = Q(reblog_of__isnull=True) | _visibility_q(viewer, "reblog_of__", blocked)
    return Post.objects.filter(_visibility_q(viewer, "", blocked) & reblog_ok).select_related(
        "author", "reblog_of", "reblog_of__author", "quote_of", "quote_of__author"
    )


def can_see(viewer: Account | None, post: Post) -> bool:
    return visible_posts(viewer).filter(pk=post.pk).exists()


def access_post(viewer: Account | None, post_id: int | str) -> Post:
    """The post, if the viewer may see it; NotFound otherwise (never 403: that would
    tell a stranger a private post exists)."""
    try:
        return visible_posts(viewer).get(pk=int(post_id))
    except (Post.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound("Record not found") from None


def feed_filter(viewer: Account | None, qs: QuerySet[Post]) -> QuerySet[Post]:
    """What feeds hide on top of visibility: muted accounts (and echoes of them)
    and posts with a muted word."""
    if viewer is None:
        return qs
    muted = muted_ids(viewer)
    qs = qs.exclude(author_id__in=muted).exclude(reblog_of__author_id__in=muted)
    for phrase in MutedWord.objects.filter(account=viewer).values_list("phrase", flat=True):
        qs = qs.exclude(text__icontains=phrase).exclude(reblog_of__text__icontains=phrase)
        qs = qs.exclude(spoiler_text__icontains=phrase)
    return qs


def quoted_post_for(viewer: Account | None, post: Post) -> Post | None:
    """The quoted post if the viewer may see it, else None (the quote shows as unavailable)."""
    if post.quote_of_id is None:
        return None
    return visible_posts(viewer).filter(pk=post.quote_of_id).first()
