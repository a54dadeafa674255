"""Status entities for a page of posts, loaded in a fixed number of queries.

`StatusRenderer` batch-loads what a page needs (media, mentions, tags, link cards, the
viewer's upvotes, echoes and bookmarks, which quoted posts the viewer may see)
and then renders each post without touching the database again.
"""

from typing import Any

from accounts.filters import ActiveFilters
from accounts.models import Account
from api.serializers.accounts import account_entity
from api.serializers.cards import card_entity
from api.serializers.common import iso, tag_url
from api.serializers.media import media_entity
from api.serializers.polls import PollRenderer
from posts import render_cache
from posts.access import visible_among
from posts.cards import cards_by_post
from posts.models import Mention, Poll, Post, PostHashtag
from posts.viewer_state import media_by_post, viewer_state


class StatusRenderer:
    def __init__(self, viewer: Account | None, posts: list[Post]) -> None:
        self.viewer = viewer
        originals = [p.reblog_of for p in posts if p.reblog_of_id and p.reblog_of is not None]
        everything = list({p.pk: p for p in [*posts, *originals]}.values())
        quote_ids = {p.quote_of_id for p in everything if p.quote_of_id}
        self.quoted: dict[int, Post] = {}
        if quote_ids:
            self.quoted = {q.pk: q for q in visible_among(viewer, quote_ids)}
        loaded = [*everything, *self.quoted.values()]
        self.state = viewer_state(viewer, loaded)
        # Media, mentions, tags and link cards are the same for every viewer: cached per
        # post version (posts.cards forgets a post's entry when its card changes), loaded
        # (in five queries) only for the posts not in the cache.
        self.parts: dict[int, dict[str, Any]] = render_cache.get_many("api", loaded)
        missing = [p for p in loaded if p.pk not in self.parts and not p.reblog_of_id]
        if missing:
            fresh = self._load_parts(missing)
            self.parts.update(fresh)
            render_cache.set_many("api", fresh, missing)
        # Polls change with every vote: read afresh, and only when the page has some.
        poll_ids = [pk for pk, part in self.parts.items() if part.get("poll")]
        self.polls: dict[int, Poll] = {}
        if poll_ids:
            self.polls = {p.pk: p for p in Poll.objects.filter(pk__in=poll_ids)}
        self.poll_renderer = PollRenderer(viewer, list(self.polls.values())) if self.polls else None
        self.filters = ActiveFilters(viewer) if viewer is not None else None

    @staticmethod
    def _load_parts(posts: list[Post]) -> dict[int, dict[str, Any]]:
        ids = {p.pk for p in posts}
        media = media_by_post(posts)
        mentions: dict[int, list[dict[str, Any]]] = {}
        for mention in Mention.objects.filter(post_id__in=ids).select_related("account"):
            a = mention.account
            mentions.setdefault(mention.post_id, []).append(
                {"id": str(a.pk), "username": a.username, "acct": a.acct, "url": a.profile_url()}
            )
        tags: dict[int, list[dict[str, Any]]] = {}
        for post_id, name in PostHashtag.objects.filter(post_id__in=ids).values_list("post_id", "hashtag__name"):
            tags.setdefault(post_id, []).append({"name": name, "url": tag_url(name)})
        with_poll = set(Poll.objects.filter(pk__in=ids).values_list("pk", flat=True))
        cards = {pk: card_entity(card) for pk, card in cards_by_post(ids).items()}
        return {
            pk: {
                "media_attachments": [media_entity(m) for m in media.get(pk, [])],
                "mentions": mentions.get(pk, []),
                "tags": tags.get(pk, []),
                "poll": pk in with_poll,
                "card": cards.get(pk),
            }
            for pk in ids
        }

    def render(self, post: Post, *, quote_depth: int = 0) -> dict[str, Any]:
        if post.reblog_of_id and post.reblog_of is not None:
            outer = self._base(post, content=False)
            outer["reblog"] = self.render(post.reblog_of)
            return outer
        data = self._base(post, content=True)
        data["reblog"] = None
        data["quote"] = self._quote(post, quote_depth)
        return data

    def render_many(self, posts: list[Post]) -> list[dict[str, Any]]:
        return [self.render(p) for p in posts]

    def _quote(self, post: Post, depth: int) -> dict[str, Any] | None:
        if not post.quote_of_id:
            return None
        quoted = self.quoted.get(post.quote_of_id)
        if quoted is None:
            return {"state": "unauthorized", "quoted_status": None}
        if depth >= 1:
            return {"state": "accepted", "quoted_status_id": str(quoted.pk)}
        return {"state": "accepted", "quoted_status": self.render(quoted, quote_depth=depth + 1)}

    def _filtered(self, post: Post) -> list[dict[str, Any]]:
        if self.filters is None or not self.filters.filters:
            return []
        return [
            {
                "filter": {
                    "id": str(found.pk), "title": found.title, "context": list(found.context),
                    "expires_at": iso(found.expires_at), "filter_action": found.action,
                },
                "keyword_matches": words or None,
                "status_matches": statuses or None,
            }
            for found, words, statuses in self.filters.matches(post.pk, f"{post.spoiler_text} {post.text}")
        ]  # fmt: skip

    def _poll(self, post: Post) -> dict[str, Any] | None:
        poll = self.polls.get(post.pk)
        if poll is None or self.poll_renderer is None:
            return None
        return self.poll_renderer.render(poll, post.author_id)

    def _base(self, post: Post, *, content: bool) -> dict[str, Any]:
        key = post.pk
        viewer = self.viewer
        mine = viewer is not None and post.author_id == viewer.pk
        parts = self.parts.get(key, {}) if content else {}
        data: dict[str, Any] = {
            "id": str(post.pk),
            "uri": post.activity_uri(),
            "url": post.public_url() if not post.reblog_of_id else None,
            "created_at": iso(post.created_at),
            "edited_at": iso(post.edited_at),
            "account": account_entity(post.author),
            "content": post.content if content else "",
            "visibility": post.visibility,
            "sensitive": post.sensitive,
            "spoiler_text": post.spoiler_text,
            "media_attachments": parts.get("media_attachments", []),
            "application": {"name": post.application_name, "website": None}
            if (mine and post.application_name)
            else None,
            "mentions": parts.get("mentions", []),
            "tags": parts.get("tags", []),
            "emojis": [],
            "reblogs_count": post.reblogs_count,
            "favourites_count": post.favourites_count,
            "replies_count": post.replies_count,
            "quotes_count": post.quotes_count,
            "in_reply_to_id": str(post.in_reply_to_id) if post.in_reply_to_id else None,
            "in_reply_to_account_id": str(post.in_reply_to_account_id) if post.in_reply_to_account_id else None,
            "language": post.language or None,
            "poll": self._poll(post) if content else None,
            "card": parts.get("card"),
            "quote_approval": {
                "automatic": ["public"] if post.visibility in ("public", "unlisted") else [],
                "manual": [],
                "current_user": "automatic" if post.visibility in ("public", "unlisted") else "denied",
            },
        }
        if viewer is not None:
            data.update(
                favourited=key in self.state.upvoted,
                reblogged=key in self.state.reblogged,
                bookmarked=key in self.state.bookmarked,
                muted=False,
                pinned=(key in self.state.pinned) if mine else None,
                filtered=self._filtered(post) if content else [],
            )
            if data["pinned"] is None:
                del data["pinned"]
        return data


def status_entity(viewer: Account | None, post: Post) -> dict[str, Any]:
    return StatusRenderer(viewer, [post]).render(post)


def statuses(viewer: Account | None, posts: list[Post]) -> list[dict[str, Any]]:
    return StatusRenderer(viewer, posts).render_many(posts)
