"""Remote accounts and posts, stored from what remote servers send or we fetch.

A remote post is stored like a local one (tags, mentions, counters, moderation
screening, fan-out after commit) but its HTML is the sender's, sanitised, and its
visibility comes from its addressing."""

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import Account
from federation.parse import as_list, id_of, ids_of, text_of, types_of, url_of
from federation.policy import domain_of, is_limited, rejects_media
from posts import render_cache
from posts.models import Hashtag, MediaAttachment, Mention, ModerationState, Post, PostEdit, PostHashtag, Visibility
from tribune.lib.errors import BadRequest
from tribune.lib.tasks import enqueue_or_leave_to_sweep
from tribune.lib.text import html_to_text, sanitize_html

logger = logging.getLogger("tribune.federation")

AS_PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
QUOTE_KEYS = ("quote", "quoteUri", "quoteUrl", "_misskey_quote")
LD_PROFILE = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


def _username(data: dict[str, Any], uri: str) -> str:
    name = text_of(data.get("preferredUsername"), 64).strip()
    return name or uri.rstrip("/").rsplit("/", 1)[-1][:64]


def do_upsert_remote_account(data: dict[str, Any]) -> Account:
    """Create or refresh a remote account from its actor document (already origin-checked)."""
    uri = id_of(data.get("id"))
    domain = domain_of(uri)
    if not uri or not domain or len(domain) > 255 or len(uri) > 2000:
        raise BadRequest("actor has no usable id")
    inbox = id_of(data.get("inbox"))
    if not inbox:
        raise BadRequest("actor has no inbox")
    key = data.get("publicKey")
    key = key[0] if isinstance(key, list) and key else key
    endpoints = data.get("endpoints") if isinstance(data.get("endpoints"), dict) else {}
    fields = [
        {"name": text_of(a.get("name"), 255), "value": sanitize_html(text_of(a.get("value"), 2000))[:2000]}
        for a in as_list(data.get("attachment"))[:8]
        if isinstance(a, dict) and "PropertyValue" in types_of(a)
    ]
    values: dict[str, Any] = {
        "username": _username(data, uri),
        "domain": domain,
        "display_name": text_of(data.get("name"), 100),
        "bio": sanitize_html(text_of(data.get("summary"), 10_000)),
        "locked": data.get("manuallyApprovesFollowers") is True,
        "bot": bool(types_of(data) & {"Service", "Application"}),
        "discoverable": data.get("discoverable") is not False,
        "fields": fields,
        "url": url_of(data.get("url"))[:2000] or uri,
        "inbox_uri": inbox[:2000],
        "shared_inbox_uri": id_of((endpoints or {}).get("sharedInbox"))[:2000],
        "outbox_uri": id_of(data.get("outbox"))[:2000],
        "followers_uri": id_of(data.get("followers"))[:2000],
        "also_known_as": ids_of(data.get("alsoKnownAs"))[:20],
        "fetched_at": timezone.now(),
    }
    if not rejects_media(domain):
        values["avatar_remote_url"] = url_of(data.get("icon"))[:2000]
        values["header_remote_url"] = url_of(data.get("image"))[:2000]
    if isinstance(key, dict) and isinstance(key.get("publicKeyPem"), str):
        values["public_key"] = key["publicKeyPem"][:10_000]
        values["public_key_id"] = id_of(key.get("id"))[:2000]
    if is_limited(domain):
        values["limited"] = True
    with transaction.atomic():
        account = Account.objects.select_for_update().filter(uri=uri).first()
        if account is None:
            # A handle once used by another actor URI on that domain (re-created account): the new actor wins.
            clash = Account.objects.filter(username__iexact=values["username"], domain=domain).first()
            if clash is not None:
                Account.objects.filter(pk=clash.pk).update(username=f"{clash.username[:40]}_{clash.pk}")
            try:
                account = Account.objects.create(uri=uri, **values)
            except IntegrityError:
                raise BadRequest("conflicting actor") from None
        else:
            for name, value in values.items():
                setattr(account, name, value)
            account.save(update_fields=list(values))
        moved = id_of(data.get("movedTo"))
        if moved and moved != uri:
            target = Account.objects.filter(uri=moved).first()
            if target is not None and account.moved_to_id != target.pk:
                Account.objects.filter(pk=account.pk).update(moved_to=target)
    return account


def visibility_from(data: dict[str, Any], author: Account) -> str:
    to = set(ids_of(data.get("to")))
    cc = set(ids_of(data.get("cc")))
    if to & AS_PUBLIC:
        return Visibility.PUBLIC
    if cc & AS_PUBLIC:
        return Visibility.UNLISTED
    followers = author.followers_uri or f"{author.uri}/followers"
    if followers in to or followers in cc:
        return Visibility.PRIVATE
    return Visibility.DIRECT


def _published(data: dict[str, Any]) -> datetime:
    value = data.get("published")
    try:
        when = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed, but no such time
        when = None
    if when is None or when.tzinfo is None or when > timezone.now():
        return timezone.now()
    return when


def quote_uri_of(data: dict[str, Any]) -> str:
    """The quoted post, as Mastodon (`quote`), Fedibird (`quoteUri`), Misskey
    (`_misskey_quote`) or FEP-e232 (a Link tag with the ActivityStreams media type) encode it."""
    for key in QUOTE_KEYS:
        if found := id_of(data.get(key)):
            return found
    for tag in as_list(data.get("tag")):
        if isinstance(tag, dict) and "Link" in types_of(tag):
            media_type = str(tag.get("mediaType", "")).replace(" ", "")
            if media_type in (LD_PROFILE.replace(" ", ""), "application/activity+json"):
                return id_of(tag.get("href"))
    return ""


def _content(data: dict[str, Any]) -> str:
    content = data.get("content")
    if not isinstance(content, str):
        content_map = data.get("contentMap")
        if isinstance(content_map, dict):
            content = next((v for v in content_map.values() if isinstance(v, str)), "")
    if not isinstance(content, str):
        content = ""
    html = sanitize_html(content[:100_000])
    if "Article" in types_of(data) or "Page" in types_of(data):
        name = text_of(data.get("name"), 500)
        url = url_of(data.get("url"))
        if name:
            html = sanitize_html(
                f"<p><strong>{name}</strong></p>" + (f'<p><a href="{url}">{url}</a></p>' if url else "")
            )
    return html


def _language(data: dict[str, Any]) -> str:
    content_map = data.get("contentMap")
    if isinstance(content_map, dict) and content_map:
        first = next(iter(content_map))
        if isinstance(first, str):
            return first.split("-")[0].lower()[:8]
    return ""


def _mentioned(data: dict[str, Any]) -> list[Account]:
    """Accounts mentioned by tag: local ones, and remote ones we already know (no fetch per mention)."""
    from federation.fetch import local_account_for_uri

    found: dict[int, Account] = {}
    for tag in as_list(data.get("tag"))[:50]:
        if isinstance(tag, dict) and "Mention" in types_of(tag):
            href = id_of(tag.get("href"))
            account = local_account_for_uri(href) or Account.objects.filter(uri=href).first()
            if account is not None:
                found[account.pk] = account
    return list(found.values())


def _hashtags(data: dict[str, Any]) -> list[str]:
    names: dict[str, None] = {}
    for tag in as_list(data.get("tag"))[:50]:
        if isinstance(tag, dict) and "Hashtag" in types_of(tag):
            name = text_of(tag.get("name"), 101).lstrip("#").lower()
            if name and len(name) <= 100:
                names.setdefault(name, None)
    return list(names)


def _store_tags(post: Post, data: dict[str, Any]) -> list[Account]:
    PostHashtag.objects.filter(post=post).delete()
    for name in _hashtags(data):
        tag, _created = Hashtag.objects.get_or_create(name=name)
        PostHashtag.objects.get_or_create(post=post, hashtag=tag, defaults={"post_created_id": post.pk})
    mentioned = _mentioned(data)
    Mention.objects.filter(post=post).exclude(account_id__in=[a.pk for a in mentioned]).delete()
    for account in mentioned:
        Mention.objects.get_or_create(post=post, account=account)
    return mentioned


def _store_media(post: Post, author: Account, data: dict[str, Any]) -> None:
    post.media.all().delete()
    if rejects_media(author.domain):
        return
    for position, item in enumerate(as_list(data.get("attachment"))[: settings.MAX_MEDIA_PER_POST]):
        if not isinstance(item, dict):
            continue
        url = url_of(item.get("url") or item.get("href"))
        if not url.startswith(("https://", "http://")):
            continue
        MediaAttachment.objects.create(
            account=author,
            post=post,
            position=position,
            remote_url=url[:2000],
            description=text_of(item.get("name"), 1500),
            content_type=text_of(item.get("mediaType"), 50) or "image/jpeg",
            blurhash=text_of(item.get("blurhash"), 100),
            width=item["width"] if isinstance(item.get("width"), int) and item["width"] > 0 else None,
            height=item["height"] if isinstance(item.get("height"), int) and item["height"] > 0 else None,
        )


def _store_poll(post: Post, data: dict[str, Any]) -> None:
    """A Question's options (`oneOf`: one choice, `anyOf`: several), counts and end."""
    from posts.polls import do_store_remote_poll

    if "Question" not in types_of(data):
        return
    multiple = isinstance(data.get("anyOf"), list)
    items = [i for i in as_list(data.get("anyOf") if multiple else data.get("oneOf")) if isinstance(i, dict)]
    options, counts = [], []
    for item in items[:20]:
        name = text_of(item.get("name"), 200).strip()
        if not name or name in options:
            continue
        replies = item.get("replies") if isinstance(item.get("replies"), dict) else {}
        total = replies.get("totalItems") if isinstance(replies, dict) else 0
        options.append(name)
        counts.append(total if isinstance(total, int) and total >= 0 else 0)
    if len(options) < 2:
        return
    end = data.get("endTime") or data.get("closed")
    try:
        expires_at = parse_datetime(end) if isinstance(end, str) else None
    except ValueError:
        expires_at = None
    if expires_at is not None and expires_at.tzinfo is None:
        expires_at = None
    voters = data.get("votersCount")
    do_store_remote_poll(
        post, options, counts, multiple=multiple, expires_at=expires_at,
        voters=voters if isinstance(voters, int) and voters >= 0 else None,
    )  # fmt: skip


def _related_post(uri: str, depth: int) -> Post | None:
    """A parent or quoted post: local, cached, or fetched up to the thread bound."""
    from federation.fetch import MAX_THREAD_DEPTH, FetchError, fetch_post

    if not uri:
        return None
    if depth >= MAX_THREAD_DEPTH:
        return Post.objects.filter(uri=uri).first()
    try:
        return fetch_post(uri, depth=depth + 1)
    except (FetchError, BadRequest) as e:
        logger.info("could not fetch %s: %s", uri, e)
        return None


def do_create_remote_post(author: Account, data: dict[str, Any], *, depth: int = 0) -> Post:
    """Store a remote Note (the caller checked its origin). Idempotent on the Note's id."""
    uri = id_of(data.get("id"))
    if not uri:
        raise BadRequest("Note has no id")
    existing = Post.objects.filter(uri=uri, local=False).first()
    if existing is not None:
        return existing
    parent = _related_post(id_of(data.get("inReplyTo")), depth)
    quoted = _related_post(quote_uri_of(data), depth)
    if quoted is not None and quoted.visibility not in (Visibility.PUBLIC, Visibility.UNLISTED):
        quoted = None
    content = _content(data)
    spoiler = text_of(data.get("summary"), 500)
    with transaction.atomic():
        # Serialise per author: the same Note delivered twice at once (retries, shared and
        # personal inbox) is stored once.
        Account.objects.select_for_update().filter(pk=author.pk).first()
        if Post.objects.filter(uri=uri, local=False).exists():  # stored meanwhile (a retry, a parent fetch)
            return Post.objects.get(uri=uri, local=False)
        created = _published(data)
        post = Post(
            author=author,
            text=html_to_text(content)[:100_000],
            content=content,
            spoiler_text=spoiler,
            sensitive=data.get("sensitive") is True or bool(spoiler),
            visibility=visibility_from(data, author),
            language=_language(data),
            in_reply_to=parent,
            in_reply_to_account=parent.author if parent else None,
            quote_of=quoted,
            created_at=created,
            uri=uri[:2000],
            url=url_of(data.get("url"))[:2000] or uri[:2000],
            local=False,
        )
        post.save(force_insert=True)
        _store_tags(post, data)
        _store_media(post, author, data)
        _store_poll(post, data)
        from moderation.screening import screen_post

        state = screen_post(post)
        if state != post.moderation_state:
            post.moderation_state = state
            post.save(update_fields=["moderation_state"])
        Account.objects.filter(pk=author.pk).update(posts_count=F("posts_count") + 1, last_post_at=created)
        if parent is not None and post.moderation_state == ModerationState.PUBLISHED:
            Post.objects.filter(pk=parent.pk).update(replies_count=F("replies_count") + 1)
        if quoted is not None:
            Post.objects.filter(pk=quoted.pk).update(quotes_count=F("quotes_count") + 1)
        _publish(post)
        from search.index import index_after_commit

        index_after_commit(post.pk)
    return post


def _publish(post: Post) -> None:
    from timelines.tasks import deliver_post

    if post.moderation_state == ModerationState.PUBLISHED:
        post_id = post.pk
        transaction.on_commit(lambda: enqueue_or_leave_to_sweep(deliver_post, post_id))


def do_update_remote_post(post: Post, data: dict[str, Any]) -> Post:
    """Apply an edit from the author's server, keeping the former version; re-screened."""
    if post.local or post.deleted_at is not None:
        return post
    with transaction.atomic():
        if not post.edits.exists():
            PostEdit.objects.create(
                post=post, text=post.text, content=post.content, spoiler_text=post.spoiler_text,
                sensitive=post.sensitive, created_at=post.created_at,
            )  # fmt: skip
        content = _content(data)
        post.content = content
        post.text = html_to_text(content)[:100_000]
        post.spoiler_text = text_of(data.get("summary"), 500)
        post.sensitive = data.get("sensitive") is True or bool(post.spoiler_text)
        post.edited_at = timezone.now()
        _store_tags(post, data)
        _store_media(post, post.author, data)
        _store_poll(post, data)
        from moderation.screening import screen_post

        before = post.moderation_state
        post.moderation_state = screen_post(post, edited=True)
        post.save(update_fields=["text", "content", "spoiler_text", "sensitive", "edited_at", "moderation_state"])
        if post.moderation_state != before:
            from posts.counts import recount

            recount(post)
        PostEdit.objects.create(
            post=post, text=post.text, content=post.content, spoiler_text=post.spoiler_text,
            sensitive=post.sensitive, created_at=post.edited_at,
        )  # fmt: skip
        if post.moderation_state != ModerationState.PUBLISHED and before == ModerationState.PUBLISHED:
            from timelines.actions import remove_post_from_feeds

            remove_post_from_feeds(post.pk)
        render_cache.forget(post.pk)
        from search.index import index_after_commit

        index_after_commit(post.pk)
        from posts.cards import wants_card

        if post.moderation_state == ModerationState.PUBLISHED and wants_card(post):
            # The edit may have changed or dropped its first link: its card follows, as a local edit's does.
            from posts.tasks import attach_card

            post_id = post.pk
            transaction.on_commit(lambda: enqueue_or_leave_to_sweep(attach_card, post_id))
    return post


def do_delete_remote_post(post: Post) -> None:
    """The author's server deleted the post (or undid an echo): same tombstone as a local delete."""
    from posts.actions import do_delete_post

    if post.deleted_at is None:
        do_delete_post(post.author, post)


def do_delete_remote_account(account: Account) -> None:
    """The actor was deleted on its server: its posts go, its follows go, the row stays as a tombstone."""
    from accounts.models import Follow

    if account.is_local or account.deleted_at is not None:
        return
    from accounts.actions import do_unfollow

    with transaction.atomic():
        account.posts.all().delete()
        for follow in Follow.objects.filter(follower=account).select_related("target"):
            do_unfollow(account, follow.target, federate=False)
        for follow in Follow.objects.filter(target=account).select_related("follower"):
            do_unfollow(follow.follower, account, federate=False)
        Account.objects.filter(pk=account.pk).update(deleted_at=timezone.now(), public_key="", posts_count=0)
