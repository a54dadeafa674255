"""Every change to posts goes through these functions (see STYLE.md, habit 1)."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import is_blocked_either_way
from accounts.models import Account
from posts import counts, render_cache
from posts.access import can_see
from posts.models import (
    Bookmark,
    Hashtag,
    MediaAttachment,
    Mention,
    ModerationState,
    Post,
    PostEdit,
    PostHashtag,
    Upvote,
    Visibility,
)
from tribune.lib.errors import ActionError, Forbidden, NotFound
from tribune.lib.tasks import enqueue_or_leave_to_sweep
from tribune.lib.text import Rendered, render_post_text

LANGUAGE_CODES = {
    "en",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "ar",
    "ja",
    "zh",
    "ru",
    "pl",
    "uk",
    "tr",
    "ca",
    "eu",
    "br",
    "oc",
    "co",
}


def _tag_url(tag: str) -> str:
    return f"{settings.SITE_URL}/tags/{tag}"


def _resolve_mention(username: str, domain: str | None) -> Account | None:
    local_domains = {settings.DOMAIN.lower(), settings.DOMAIN.split(":")[0].lower()}
    domain = "" if (domain is None or domain in local_domains) else domain
    return Account.objects.filter(username__iexact=username, domain=domain, deleted_at__isnull=True).first()


def render(text: str) -> tuple[Rendered, list[Account]]:
    accounts: dict[tuple[str, str | None], Account] = {}

    def mention_url(username: str, domain: str | None) -> str | None:
        account = _resolve_mention(username, domain)
        if account is None:
            return None
        accounts[(username, domain)] = account
        return account.profile_url()

    rendered = render_post_text(text, tag_url=_tag_url, mention_url=mention_url)
    return rendered, list({a.pk: a for a in accounts.values()}.values())


def check_post_input(
    author: Account,
    text: str,
    *,
    spoiler_text: str = "",
    visibility: str = Visibility.PUBLIC,
    language: str = "",
    media_ids: Sequence[int | str] = (),
) -> list[MediaAttachment]:
    """Validate a new or edited post; returns the media to attach, in order."""
    if not author.is_active:
        raise Forbidden(_("This account cannot post."))
    text = text or ""
    if len(text) + len(spoiler_text or "") > settings.MAX_POST_CHARS:
        raise ActionError(
            _("A post has at most %(max)d characters.") % {"max": settings.MAX_POST_CHARS}, field="status"
        )
    if len(spoiler_text or "") > 500:
        raise ActionError(_("A content warning has at most 500 characters."), field="spoiler_text")
    if visibility not in Visibility.values:
        raise ActionError(_("Unknown visibility."), field="visibility")
    if language and language.split("-")[0].lower() not in LANGUAGE_CODES:
        raise ActionError(_("Unknown language."), field="language")
    if len(media_ids) > settings.MAX_MEDIA_PER_POST:
        raise ActionError(
            _("A post has at most %(max)d images.") % {"max": settings.MAX_MEDIA_PER_POST}, field="media_ids"
        )
    media: list[MediaAttachment] = []
    for raw in media_ids:
        try:
            item = MediaAttachment.objects.get(pk=int(raw), account=author)
        except (MediaAttachment.DoesNotExist, ValueError, TypeError, OverflowError):
            raise ActionError(_("Unknown image."), field="media_ids") from None
        media.append(item)
    if not text.strip() and not media:
        raise ActionError(_("A post needs text or an image."), field="status")
    return media


def _store_tags_and_mentions(post: Post, rendered: Rendered, mentioned: list[Account]) -> None:
    PostHashtag.objects.filter(post=post).delete()
    for name in rendered.hashtags:
        tag, _created = Hashtag.objects.get_or_create(name=name[:100])
        PostHashtag.objects.get_or_create(post=post, hashtag=tag, defaults={"post_created_id": post.pk})
    keep = {a.pk for a in mentioned}
    Mention.objects.filter(post=post).exclude(account_id__in=keep).delete()
    for account in mentioned:
        Mention.objects.get_or_create(post=post, account=account)


@transaction.atomic
def do_create_post(
    author: Account,
    text: str,
    *,
    visibility: str = Visibility.PUBLIC,
    spoiler_text: str = "",
    sensitive: bool = False,
    language: str = "",
    in_reply_to: Post | None = None,
    quote_of: Post | None = None,
    media_ids: Sequence[int | str] = (),
    poll: dict[str, Any] | None = None,
    application_name: str = "",
) -> Post:
    """Store, score and (unless held) publish a post. The caller checked that
    the author may see `in_reply_to` and `quote_of` (through access_post).
    `poll`: options, expires_in, multiple, hide_totals (posts/polls.py)."""
    media = check_post_input(
        author, text, spoiler_text=spoiler_text, visibility=visibility, language=language, media_ids=media_ids
    )
    if poll is not None:
        from posts.polls import check_poll

        poll = check_poll(poll, has_media=bool(media))
    if any(m.post_id is not None or m.scheduled_post_id is not None for m in media):
        raise ActionError(_("This image is already attached to a post."), field="media_ids")
    for target in (in_reply_to, quote_of):
        if target is not None and is_blocked_either_way(author, target.author):
            raise NotFound("Record not found")
    if quote_of is not None:
        if quote_of.reblog_of is not None:
            quote_of = quote_of.reblog_of
        if quote_of.visibility not in (Visibility.PUBLIC, Visibility.UNLISTED):
            raise ActionError(_("Only public posts can be quoted."), field="quoted_status_id")
    rendered, mentioned = render(text)
    if in_reply_to is not None and in_reply_to.author_id != author.pk and in_reply_to.author not in mentioned:
        mentioned.append(in_reply_to.author)
    now = timezone.now()
    post = Post(
        author=author,
        text=text,
        content=rendered.html,
        spoiler_text=spoiler_text or "",
        sensitive=bool(sensitive or spoiler_text),
        visibility=visibility,
        language=(language or "").split("-")[0].lower(),
        in_reply_to=in_reply_to,
        in_reply_to_account=in_reply_to.author if in_reply_to else None,
        quote_of=quote_of,
        created_at=now,
        application_name=application_name[:100],
    )
    post.save(force_insert=True)
    for position, item in enumerate(media):
        item.post = post
        item.position = position
        item.save(update_fields=["post", "position"])
    _store_tags_and_mentions(post, rendered, mentioned)
    if poll is not None:
        from posts.polls import do_create_poll

        do_create_poll(post, poll)
    from moderation.screening import screen_post

    state = screen_post(post)
    if state != post.moderation_state:
        post.moderation_state = state
        post.save(update_fields=["moderation_state"])
    Account.objects.filter(pk=author.pk).update(last_post_at=now)
    counts.published_created(post)
    if quote_of is not None:
        Post.objects.filter(pk=quote_of.pk).update(quotes_count=F("quotes_count") + 1)
    _publish_after_commit(post)
    from search.index import index_after_commit

    index_after_commit(post.pk)
    return post


def _publish_after_commit(post: Post) -> None:
    from timelines.actions import write_entries
    from timelines.tasks import deliver_post

    post_id = post.pk
    if post.moderation_state == ModerationState.PUBLISHED:
        if post.author.is_local:
            # Read-your-own-writes: the author's own entry is written in this request, once the post
            # is committed, not left to the fan-out worker (whose queue may be minutes long).
            transaction.on_commit(lambda: write_entries(post, [post.author_id]))
        transaction.on_commit(lambda: enqueue_or_leave_to_sweep(deliver_post, post_id))
    elif post.author.is_local:
        # The author still sees their own held post in their feed.
        write_entries(post, [post.author_id])


def check_own_post(account: Account, post: Post) -> None:
    if post.author_id != account.pk or post.deleted_at is not None:
        raise NotFound("Record not found")
    if post.reblog_of_id:
        raise ActionError(_("An echo cannot be edited."))


@transaction.atomic
def do_edit_post(
    editor: Account,
    post: Post,
    text: str,
    *,
    spoiler_text: str | None = None,
    sensitive: bool | None = None,
    language: str | None = None,
    media_ids: Sequence[int | str] | None = None,
    media_descriptions: dict[int, str] | None = None,
) -> Post:
    """Edit a post, keeping the former version in its history; re-scored like a new post."""
    check_own_post(editor, post)
    spoiler = post.spoiler_text if spoiler_text is None else spoiler_text
    current_media = list(post.media.all())
    ids = [m.pk for m in current_media] if media_ids is None else media_ids
    media = check_post_input(
        editor, text, spoiler_text=spoiler, visibility=post.visibility, language=language or "", media_ids=ids
    )
    if any(m.post_id not in (None, post.pk) or m.scheduled_post_id is not None for m in media):
        raise ActionError(_("This image is already attached to a post."), field="media_ids")
    if not post.edits.exists():
        PostEdit.objects.create(
            post=post, text=post.text, content=post.content, spoiler_text=post.spoiler_text, sensitive=post.sensitive,
            media_descriptions=[m.description for m in current_media], created_at=post.created_at,
        )  # fmt: skip
    rendered, mentioned = render(text)
    if (
        post.in_reply_to_account
        and post.in_reply_to_account_id != editor.pk
        and post.in_reply_to_account not in mentioned
    ):
        mentioned.append(post.in_reply_to_account)
    now = timezone.now()
    post.text = text
    post.content = rendered.html
    post.spoiler_text = spoiler
    post.sensitive = bool(sensitive if sensitive is not None else post.sensitive) or bool(spoiler)
    if language is not None:
        post.language = language.split("-")[0].lower()
    post.edited_at = now
    keep = {m.pk for m in media}
    for item in current_media:
        if item.pk not in keep:
            item.post = None
            item.save(update_fields=["post"])
    for position, item in enumerate(media):
        item.post = post
        item.position = position
        if media_descriptions and item.pk in media_descriptions:
            item.description = media_descriptions[item.pk][:1500]
        item.save(update_fields=["post", "position", "description"])
    _store_tags_and_mentions(post, rendered, mentioned)
    from moderation.screening import screen_post

    before = post.moderation_state
    post.moderation_state = screen_post(post, edited=True)
    post.save(
        update_fields=["text", "content", "spoiler_text", "sensitive", "language", "edited_at", "moderation_state"]
    )
    if post.moderation_state != before:
        counts.recount(post)
    PostEdit.objects.create(
        post=post, text=post.text, content=post.content, spoiler_text=post.spoiler_text, sensitive=post.sensitive,
        media_descriptions=[m.description for m in media], created_at=now,
    )  # fmt: skip
    post_id = post.pk
    render_cache.forget(post_id)
    from search.index import index_after_commit

    index_after_commit(post_id)
    if post.moderation_state == ModerationState.PUBLISHED:
        from federation.hooks import post_updated
        from timelines.tasks import deliver_post

        transaction.on_commit(lambda: enqueue_or_leave_to_sweep(deliver_post, post_id))
        if before == ModerationState.PUBLISHED:
            transaction.on_commit(lambda: post_updated(post_id))
    elif before == ModerationState.PUBLISHED:
        # Held by the edit: out of the feeds, and a `Delete` to the servers that had the old text.
        from federation.hooks import post_deleted
        from timelines.actions import remove_post_from_feeds

        remove_post_from_feeds(post_id)
        _publish_after_commit(post)
        if post.local:
            author_id, uri = post.author_id, post.activity_uri()
            transaction.on_commit(lambda: post_deleted(post_id, author_id, uri))
    return post


@transaction.atomic
def do_delete_post(account: Account, post: Post) -> Post:
    """The author deletes their post (or echo). Soft delete: the row stays as a
    tombstone so federation can answer Gone and counters stay right."""
    if post.author_id != account.pk or post.deleted_at is not None:
        raise NotFound("Record not found")
    post.deleted_at = timezone.now()
    post.save(update_fields=["deleted_at"])
    render_cache.forget(post.pk)
    if post.moderation_state == ModerationState.PUBLISHED:
        if post.reblog_of_id is None:
            Account.objects.filter(pk=post.author_id, posts_count__gt=0).update(posts_count=F("posts_count") - 1)
        if post.in_reply_to_id:
            Post.objects.filter(pk=post.in_reply_to_id, replies_count__gt=0).update(
                replies_count=F("replies_count") - 1
            )
    if post.reblog_of_id:
        Post.objects.filter(pk=post.reblog_of_id, reblogs_count__gt=0).update(reblogs_count=F("reblogs_count") - 1)
    if post.quote_of_id:
        Post.objects.filter(pk=post.quote_of_id, quotes_count__gt=0).update(quotes_count=F("quotes_count") - 1)
    # Echoes of a deleted post go with it.
    Post.objects.filter(reblog_of=post, deleted_at__isnull=True).update(deleted_at=post.deleted_at)
    from timelines.actions import remove_post_from_feeds

    remove_post_from_feeds(post.pk)
    from search.index import unindex_after_commit

    unindex_after_commit(post.pk)
    from federation.hooks import post_deleted

    post_id, author_id, uri = post.pk, post.author_id, post.activity_uri()
    if post.author.is_local:
        transaction.on_commit(lambda: post_deleted(post_id, author_id, uri))
    from moderation.retention import do_erase_media_of_gone_posts

    # Its images' files go now, unless moderation may still need them (then the worker's sweep).
    transaction.on_commit(lambda: do_erase_media_of_gone_posts(post_id=post_id))
    return post


def _check_interaction(account: Account, post: Post) -> Post:
    if post.reblog_of_id:
        post = post.reblog_of  # type: ignore[assignment]  # reblog_of is set when reblog_of_id is
    if not can_see(account, post):
        raise NotFound("Record not found")
    return post


@transaction.atomic
def do_reblog(account: Account, post: Post, *, visibility: str = Visibility.PUBLIC) -> Post:
    """Echo a post. Idempotent: echoing twice returns the first echo."""
    post = _check_interaction(account, post)
    if post.visibility not in (Visibility.PUBLIC, Visibility.UNLISTED):
        raise Forbidden(_("Only public posts can be echoed."))
    if post.moderation_state != ModerationState.PUBLISHED:
        raise Forbidden(_("This post cannot be echoed."))
    existing = Post.objects.filter(author=account, reblog_of=post, deleted_at__isnull=True).first()
    if existing:
        return existing
    if visibility not in (Visibility.PUBLIC, Visibility.UNLISTED, Visibility.PRIVATE):
        visibility = Visibility.PUBLIC
    echo = Post.objects.create(author=account, reblog_of=post, visibility=visibility, created_at=timezone.now())
    Post.objects.filter(pk=post.pk).update(reblogs_count=F("reblogs_count") + 1)
    _publish_after_commit(echo)
    return echo


def do_unreblog(account: Account, post: Post) -> Post:
    original: Post = post.reblog_of if post.reblog_of is not None else post
    echo = Post.objects.filter(author=account, reblog_of=original, deleted_at__isnull=True).first()
    if echo is not None:
        do_delete_post(account, echo)
    original.refresh_from_db()
    return original


@transaction.atomic
def do_upvote(account: Account, post: Post) -> Post:
    post = _check_interaction(account, post)
    upvote, created = Upvote.objects.get_or_create(account=account, post=post)
    if created:
        Post.objects.filter(pk=post.pk).update(favourites_count=F("favourites_count") + 1)
        post.favourites_count += 1
        from federation.hooks import upvote_changed
        from notifications.actions import notify_later

        notify_later(post.author_id, account.pk, "favourite", post.pk)
        post_id = post.pk
        transaction.on_commit(lambda: upvote_changed(account.pk, post_id, True))
    return post


@transaction.atomic
def do_remove_upvote(account: Account, post: Post) -> Post:
    if post.reblog_of_id:
        post = post.reblog_of  # type: ignore[assignment]
    deleted, _n = Upvote.objects.filter(account=account, post=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk, favourites_count__gt=0).update(favourites_count=F("favourites_count") - 1)
        post.favourites_count = max(0, post.favourites_count - 1)
        from federation.hooks import upvote_changed

        post_id = post.pk
        transaction.on_commit(lambda: upvote_changed(account.pk, post_id, False))
    return post


def do_bookmark(account: Account, post: Post) -> Post:
    post = _check_interaction(account, post)
    Bookmark.objects.get_or_create(account=account, post=post)
    return post


def do_remove_bookmark(account: Account, post: Post) -> Post:
    if post.reblog_of_id:
        post = post.reblog_of  # type: ignore[assignment]
    Bookmark.objects.filter(account=account, post=post).delete()
    return post
