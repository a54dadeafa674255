"""Who may see which post: the one place visibility is decided.

Pages, the API, search, feeds and federation all read posts through
`visible_posts` / `access_post`, so that visibility (public, unlisted,
followers-only, direct), blocks, suspensions, deletion and moderation state are
applied the same way on every path. Held posts are visible to their author only;
removed and deleted posts to nobody (moderators read them through the moderation
app's own helpers).

The rules are written twice, on purpose: as a query (`visible_posts`, for lists
the database pages through) and as a check over posts already loaded by id
(`visible_among`, for feeds, quotes and notifications, whose candidates are a
short list of ids: building the query costs more than the rows). A test drives
both over random networks and requires the same answer for every viewer.
"""

import re
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.access import Blocked, Relations, blocks, following_ids, muted_ids, relations
from accounts.models import Account, FilterStatus, Follow, MutedWord
from posts.models import Mention, ModerationState, Post, Visibility
from tribune.lib.errors import NotFound

PUBLICLY_LISTED = (Visibility.PUBLIC, Visibility.UNLISTED)


def _visibility_q(viewer: Account | None, prefix: str = "", blocked: Blocked | None = None) -> Q:
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
    not_blocked = blocked.excluding(f"{f}author") if blocked else Q()
    return base & (own_not_removed | (published & audience & not_blocked))


def visible_posts(viewer: Account | None) -> QuerySet[Post]:
    """Every post the viewer may see; an echo also needs its original to be visible."""
    blocked = blocks(viewer) if viewer is not None else Blocked()
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


def feed_filter(viewer: Account | None, qs: QuerySet[Post], context: str = "home") -> QuerySet[Post]:
    """What feeds hide on top of visibility: muted accounts (and echoes of them)
    and posts with a keyword of a hiding filter for that context (as a substring here: whole-word
    matching is decided in Python, by visible_among, which feeds use)."""
    if viewer is None:
        return qs
    from accounts.filters import active_hiding_keywords_q

    muted = muted_ids(viewer)
    qs = qs.exclude(author_id__in=muted).exclude(reblog_of__author_id__in=muted)
    hidden = FilterStatus.objects.filter(filter__account=viewer, filter__action="hide").exclude(
        filter__expires_at__lte=timezone.now()
    )
    hidden_ids = [pid for pid, ctx in hidden.values_list("post_id", "filter__context") if context in ctx]
    if hidden_ids:
        qs = qs.exclude(pk__in=hidden_ids).exclude(reblog_of_id__in=hidden_ids)
    words = MutedWord.objects.filter(active_hiding_keywords_q(), account=viewer, contexts_copy__contains=context)
    for phrase in words.values_list("phrase", flat=True):
        qs = qs.exclude(text__icontains=phrase).exclude(reblog_of__text__icontains=phrase)
        qs = qs.exclude(spoiler_text__icontains=phrase)
    return qs


def quoted_post_for(viewer: Account | None, post: Post) -> Post | None:
    """The quoted post if the viewer may see it, else None (the quote shows as unavailable)."""
    if post.quote_of_id is None:
        return None
    return visible_posts(viewer).filter(pk=post.quote_of_id).first()


# Quoted posts are not loaded with the candidates: renderers read them through
# visible_among as well, since the viewer may not be allowed to see them.
RELATED = ("author", "reblog_of", "reblog_of__author")


def visible_among(
    viewer: Account | None,
    ids: Iterable[int],
    *,
    feed: bool = False,
    reach: bool = False,
    known: Relations | None = None,
    context: str = "home",
) -> list[Post]:
    """The posts among `ids` the viewer may see, newest first, loaded with their authors
    and originals: `visible_posts(viewer).filter(pk__in=ids)`, with `feed` also
    `feed_filter` (for `context`) and with `reach` also `timelines.feeds.within_reach` (limited accounts),
    decided in Python over the rows read by primary key. `known`: the viewer's relations,
    when the caller has read them already."""
    wanted = set(ids)
    if not wanted:
        return []
    posts = sorted(Post.objects.filter(pk__in=wanted).select_related(*RELATED).order_by(), key=_newest_first)
    return _Reader(viewer, posts, feed=feed, reach=reach, known=known, context=context).allowed(posts)


def _newest_first(post: Post) -> int:
    return -post.pk


class _Reader:
    """What deciding visibility needs to know about a viewer, read in a few small queries
    about these posts only (follows and mentions only where a post is not public)."""

    def __init__(
        self, viewer: Account | None, posts: list[Post], *, feed: bool, reach: bool, known: Relations | None,
        context: str = "home",
    ) -> None:  # fmt: skip
        self.viewer_id = viewer.pk if viewer is not None else None
        self.reach = reach
        self.followed: set[int] = set()
        self.mentioned: set[int] = set()
        known = known or (relations(viewer) if viewer is not None else Relations())
        self.blocked, self.blocked_domains = known.blocked, known.blocked_domains
        self.muted = known.muted if feed else set()
        self.words = [
            (re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)") if whole else None, phrase)
            for phrase, whole, contexts in (known.muted_words if feed else [])
            if context in contexts.split(",")
        ]
        self.hidden = {
            post_id for post_id, contexts in (known.hidden_posts if feed else []) if f'"{context}"' in contexts
        }
        if viewer is None:
            return
        shown = [*posts, *(p.reblog_of for p in posts if p.reblog_of is not None)]
        restricted = [p for p in shown if p.visibility not in PUBLICLY_LISTED and p.author_id != viewer.pk]
        private_authors = {p.author_id for p in restricted if p.visibility == Visibility.PRIVATE}
        if reach:
            private_authors |= {p.author_id for p in posts if p.author.limited and p.author_id != viewer.pk}
        if private_authors:
            follows = Follow.objects.filter(follower=viewer, state=Follow.State.ACCEPTED, target_id__in=private_authors)
            self.followed = set(follows.values_list("target_id", flat=True))
        if restricted:
            mentions = Mention.objects.filter(account=viewer, post_id__in=[p.pk for p in restricted])
            self.mentioned = set(mentions.values_list("post_id", flat=True))

    def allowed(self, posts: list[Post]) -> list[Post]:
        return [p for p in posts if self.may_see(p) and not self.hides(p) and self.reaches(p)]

    def reaches(self, post: Post) -> bool:
        """within_reach: a limited account's posts reach only itself and its followers."""
        if not self.reach or not post.author.limited:
            return True
        return post.author_id == self.viewer_id or post.author_id in self.followed

    def may_see(self, post: Post) -> bool:
        """_visibility_q for the post, and for the original of an echo."""
        if post.reblog_of_id is not None and (post.reblog_of is None or not self._sees(post.reblog_of)):
            return False
        return self._sees(post)

    def _sees(self, post: Post) -> bool:
        author = post.author
        if post.deleted_at is not None or author.suspended_at is not None or author.deleted_at is not None:
            return False
        if self.viewer_id is None:
            return post.moderation_state == ModerationState.PUBLISHED and post.visibility in PUBLICLY_LISTED
        if post.author_id == self.viewer_id:
            return post.moderation_state != ModerationState.REMOVED
        if post.moderation_state != ModerationState.PUBLISHED or post.author_id in self.blocked:
            return False
        if author.domain in self.blocked_domains:
            return False
        if post.visibility in PUBLICLY_LISTED:
            return True
        if post.visibility == Visibility.PRIVATE and post.author_id in self.followed:
            return True
        return post.visibility in (Visibility.PRIVATE, Visibility.DIRECT) and post.pk in self.mentioned

    def hides(self, post: Post) -> bool:
        """feed_filter: muted authors (and echoes of them) and muted words."""
        original = post.reblog_of
        if post.author_id in self.muted or (original is not None and original.author_id in self.muted):
            return True
        if post.pk in self.hidden or post.reblog_of_id in self.hidden:
            return True
        texts = [post.text.lower(), post.spoiler_text.lower()]
        if original is not None:
            texts.append(original.text.lower())
        return any(
            (pattern.search(text) if pattern is not None else phrase in text)
            for pattern, phrase in self.words
            for text in texts
        )
