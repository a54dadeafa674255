"""A person's data, to take elsewhere: posts as an ActivityStreams outbox with their media, and the
follows, blocks, mutes and bookmarks as the CSV files Mastodon exports and imports; and the import
of those CSV files (from Tribune or from any Mastodon-compatible server).

Posts are read through `posts.access` (a person's own posts, as they see them: held ones included,
removed and deleted ones not); every change an import makes goes through the actions.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q

from accounts.access import access_account_by_handle
from accounts.actions import do_block, do_follow, do_mute
from accounts.models import Account, Block, Follow, Mute
from posts.access import visible_posts
from posts.actions import do_bookmark
from posts.models import Bookmark, MediaAttachment, Post, Visibility
from tribune.lib.errors import ActionError, NotFound

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
IMPORT_KINDS = ("following", "blocks", "mutes", "bookmarks")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
FOLLOWING_HEADER = ["Account address", "Show boosts", "Notify on new posts", "Languages"]
MUTES_HEADER = ["Account address", "Hide notifications"]


def address(account: Account) -> str:
    """user@domain, as Mastodon's CSV files name accounts (the local domain for local accounts)."""
    return f"{account.username}@{account.domain or settings.DOMAIN}"


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _csv(rows: list[list[str]], header: list[str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def following_csv(account: Account) -> str:
    follows = Follow.objects.filter(follower=account).select_related("target").order_by("id")
    rows = [[address(f.target), _flag(f.show_reblogs), _flag(f.notify), ""] for f in follows]
    return _csv(rows, FOLLOWING_HEADER)


def blocks_csv(account: Account) -> str:
    # Mastodon writes the blocks file without a header: one address per line.
    return _csv([[address(b.target)] for b in Block.objects.filter(account=account).select_related("target")])


def mutes_csv(account: Account) -> str:
    mutes = Mute.objects.filter(account=account).select_related("target").order_by("id")
    return _csv([[address(m.target), _flag(m.notifications)] for m in mutes], MUTES_HEADER)


def bookmarks_csv(account: Account) -> str:
    visible = visible_posts(account)
    bookmarked = Bookmark.objects.filter(account=account).order_by("id").values_list("post_id", flat=True)
    posts = {p.pk: p for p in visible.filter(pk__in=list(bookmarked))}
    return _csv([[posts[pk].public_url()] for pk in bookmarked if pk in posts])


def _audience(post: Post, account: Account) -> tuple[list[str], list[str]]:
    followers = account.followers_uri or f"{account.actor_uri()}/followers"
    mentioned = [m.account.actor_uri() for m in post.mentions.select_related("account")]
    if post.visibility == Visibility.PUBLIC:
        return [PUBLIC], [followers, *mentioned]
    if post.visibility == Visibility.UNLISTED:
        return [followers], [PUBLIC, *mentioned]
    if post.visibility == Visibility.PRIVATE:
        return [followers], mentioned
    return mentioned, []


def _media_name(media: MediaAttachment) -> str:
    return f"media_attachments/{media.file.name}"


def note(post: Post, account: Account) -> dict[str, Any]:
    to, cc = _audience(post, account)
    return {
        "id": post.activity_uri(),
        "type": "Note",
        "attributedTo": account.actor_uri(),
        "url": post.public_url(),
        "published": post.created_at.isoformat().replace("+00:00", "Z"),
        **({"updated": post.edited_at.isoformat().replace("+00:00", "Z")} if post.edited_at else {}),
        "to": to,
        "cc": cc,
        "sensitive": post.sensitive,
        "summary": post.spoiler_text or None,
        "content": post.content,
        "source": {"content": post.text, "mediaType": "text/plain"},
        **({"contentMap": {post.language: post.content}} if post.language else {}),
        "inReplyTo": post.in_reply_to.activity_uri() if post.in_reply_to_id and post.in_reply_to else None,
        **({"quoteUrl": post.quote_of.activity_uri()} if post.quote_of_id and post.quote_of else {}),
        "attachment": [
            {
                "type": "Document",
                "mediaType": media.content_type,
                "url": _media_name(media),
                "name": media.description or None,
                "width": media.width,
                "height": media.height,
                "blurhash": media.blurhash or None,
            }
            for media in post.media.all()
            if media.file
        ],
        "tag": [
            {"type": "Hashtag", "name": f"#{ph.hashtag.name}", "href": f"{settings.SITE_URL}/tags/{ph.hashtag.name}"}
            for ph in post.post_hashtags.select_related("hashtag")
        ]
        + [
            {"type": "Mention", "name": m.account.full_handle, "href": m.account.actor_uri()}
            for m in post.mentions.select_related("account")
        ],
    }


def outbox(account: Account) -> dict[str, Any]:
    posts = (
        visible_posts(account)
        .filter(author=account)
        .select_related("in_reply_to", "quote_of")
        .prefetch_related("media")
        .order_by("id")
    )
    items: list[dict[str, Any]] = []
    for post in posts:
        to, cc = _audience(post, account)
        published = post.created_at.isoformat().replace("+00:00", "Z")
        if post.reblog_of_id is not None and post.reblog_of is not None:
            items.append(
                {
                    "id": f"{post.activity_uri()}/activity",
                    "type": "Announce",
                    "actor": account.actor_uri(),
                    "published": published,
                    "to": to,
                    "cc": cc,
                    "object": post.reblog_of.activity_uri(),
                }
            )
        else:
            items.append(
                {
                    "id": f"{post.activity_uri()}/activity",
                    "type": "Create",
                    "actor": account.actor_uri(),
                    "published": published,
                    "to": to,
                    "cc": cc,
                    "object": note(post, account),
                }
            )
    return {
        "@context": AS_CONTEXT,
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": len(items),
        "orderedItems": items,
    }


def actor(account: Account) -> dict[str, Any]:
    person: dict[str, Any] = {
        "@context": [AS_CONTEXT, "https://w3id.org/security/v1"],
        "id": account.actor_uri(),
        "type": "Person",
        "preferredUsername": account.username,
        "name": account.display_name,
        "summary": account.bio,
        "url": account.profile_url(),
        "published": account.created_at.isoformat().replace("+00:00", "Z"),
        "manuallyApprovesFollowers": account.locked,
        "discoverable": account.discoverable,
        "attachment": [
            {"type": "PropertyValue", "name": f.get("name", ""), "value": f.get("value", "")}
            for f in (account.fields or [])
            if isinstance(f, dict)
        ],
        "alsoKnownAs": account.also_known_as or [],
        "publicKey": {"id": account.public_key_id, "owner": account.actor_uri(), "publicKeyPem": account.public_key},
        **({"icon": {"type": "Image", "url": f"media_attachments/{account.avatar.name}"}} if account.avatar else {}),
        **({"image": {"type": "Image", "url": f"media_attachments/{account.header.name}"}} if account.header else {}),
    }
    return person


def write_export(account: Account, target: IO[bytes]) -> None:
    """The whole export as a ZIP written to `target` (a file or a response)."""
    own_media = MediaAttachment.objects.filter(
        post__in=visible_posts(account).filter(author=account).values("id")
    ).exclude(file="")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("outbox.json", json.dumps(outbox(account), indent=2, ensure_ascii=False))
        archive.writestr("actor.json", json.dumps(actor(account), indent=2, ensure_ascii=False))
        archive.writestr("following_accounts.csv", following_csv(account))
        archive.writestr("blocked_accounts.csv", blocks_csv(account))
        archive.writestr("muted_accounts.csv", mutes_csv(account))
        archive.writestr("bookmarks.csv", bookmarks_csv(account))
        files = [m.file for m in own_media] + [f for f in (account.avatar, account.header) if f]
        for stored in files:
            if not stored.name:
                continue
            try:
                with default_storage.open(stored.name, "rb") as handle:
                    archive.writestr(f"media_attachments/{stored.name}", handle.read())
            except FileNotFoundError:
                continue  # a file lost from storage: the outbox still names it


def export_filename(account: Account) -> str:
    return f"tribune-export-{account.username}.zip"


# Import --------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    kind: str
    done: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.kind}: {self.done} imported"
        if self.failed:
            text += f", {len(self.failed)} not: " + "; ".join(f"{what} ({why})" for what, why in self.failed[:20])
            if len(self.failed) > 20:
                text += "; ..."
        return text


def _rows(data: bytes) -> list[list[str]]:
    if len(data) > MAX_IMPORT_BYTES:
        raise ActionError(f"The file is too large (at most {MAX_IMPORT_BYTES // (1024 * 1024)} MB).", field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActionError("The file is not UTF-8 text (a CSV file is expected).", field="file") from None
    try:
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    except csv.Error as error:
        raise ActionError(f"The file is not valid CSV ({error}).", field="file") from None
    if rows and rows[0] and rows[0][0].lower() in {"account address", "url"}:
        rows = rows[1:]
    if len(rows) > MAX_IMPORT_ROWS:
        raise ActionError(f"The file has more than {MAX_IMPORT_ROWS:,} lines.", field="file")
    return rows


def _true(row: list[str], index: int, default: bool) -> bool:
    if len(row) <= index or not row[index]:
        return default
    return row[index].lower() in {"true", "1", "yes"}


def _resolve(handle: str) -> Account:
    """A known account by address. Remote accounts this server has never seen cannot be followed
    from a file: they are reported (following them once from their profile makes them known)."""
    if not re.fullmatch(r"@?[\w.-]+(@[\w.-]+(:\d+)?)?", handle):
        raise NotFound("not an account address")
    try:
        return access_account_by_handle(handle)
    except NotFound:
        raise NotFound("unknown account (not found on this server)") from None


_LOCAL_POST = re.compile(r"/(?:@[\w.-]+|users/[\w.-]+/statuses)/(\d+)/?$")


def _resolve_post(account: Account, url: str) -> Post:
    visible = visible_posts(account)
    if url.startswith(settings.SITE_URL + "/") and (match := _LOCAL_POST.search(url)):
        post = visible.filter(pk=int(match.group(1))).first()
    else:
        post = visible.filter(Q(uri=url) | Q(url=url)).first()
    if post is None:
        raise NotFound("unknown or not visible post")
    return post


def import_csv(account: Account, kind: str, data: bytes) -> ImportReport:
    """Apply one Mastodon-compatible CSV file; a line that cannot be applied is reported, not fatal."""
    if kind not in IMPORT_KINDS:
        raise ActionError(f"Unknown import type (one of: {', '.join(IMPORT_KINDS)}).", field="kind")
    report = ImportReport(kind)
    for row in _rows(data):
        what = row[0]
        try:
            if kind == "bookmarks":
                do_bookmark(account, _resolve_post(account, what))
            else:
                target = _resolve(what)
                if kind == "following":
                    do_follow(account, target, show_reblogs=_true(row, 1, True), notify=_true(row, 2, False))
                elif kind == "blocks":
                    do_block(account, target)
                else:
                    do_mute(account, target, notifications=_true(row, 1, True))
            report.done += 1
        except (ActionError, NotFound) as error:
            report.failed.append((what, str(getattr(error, "message", None) or error)))
    return report
