"""Link previews: the card of a post's first link.

After a post is published (and after each edit), the worker finds its first link that is not a
mention or a hashtag, fetches the page with federation's guarded fetcher (public addresses only,
checked redirects, a deadline, a size cap), and reads its Open Graph and Twitter card tags, else
its `<title>` and meta description. The page's image is fetched the same way, decoded, shrunk and
re-encoded without metadata, and stored with the card: clients are shown our copy, never the
remote server's. One card per URL, shared by every post that links there and fetched again when
it is older than `REFRESH`. Cards are read only with their post, which access helpers have
already judged visible, so a card tells nothing about a post one may not see.
"""

import html
import logging
from collections.abc import Iterable
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from federation.http import FetchError, get_page
from posts import render_cache
from posts.media import check_image, process_card_image
from posts.models import ModerationState, Post, PostCard, PreviewCard
from tribune.lib.errors import ActionError

logger = logging.getLogger("tribune.cards")

MAX_PAGE_BYTES = 1024 * 1024
MAX_CARD_IMAGE_BYTES = 4 * 1024 * 1024
CARD_IMAGE_SIDE = 640
REFRESH = timedelta(days=7)
RETRY_FAILED = timedelta(hours=6)


class _Links(HTMLParser):
    """The hrefs of a post's links, mentions and hashtags left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        rels = (found.get("rel") or "").split()
        if "mention" in classes or "hashtag" in classes or "tag" in rels:
            return
        href = found.get("href") or ""
        try:
            scheme = urlsplit(href).scheme
        except ValueError:  # a malformed address is no link, and must never stop a delivery
            return
        if scheme in ("http", "https"):
            self.hrefs.append(href)


def first_link(post: Post) -> str | None:
    """The first link of a post worth a card: not a mention, a hashtag or a page of this instance."""
    parser = _Links()
    parser.feed(post.content)
    own = urlsplit(settings.SITE_URL).netloc
    for href in parser.hrefs:
        if _netloc(href) != own and len(href) <= 2000:
            return href
    return None


class _Head(HTMLParser):
    """The `<meta>` tags and the `<title>` of a page, up to its `<body>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.done = True
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            found = dict(attrs)
            key = (found.get("property") or found.get("name") or "").strip().lower()
            if key and found.get("content") and key not in self.meta:
                self.meta[key] = found["content"] or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._in_title and not self.done:
            self.title += data


def _text(value: str, limit: int) -> str:
    """Plain text on one line: pages put entities and markup in their tags too."""
    value = " ".join(html.unescape(value).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def parse_page(body: bytes, url: str, content_type: str = "") -> dict[str, str]:
    """Title, description, provider and image URL (absolute) of an HTML page."""
    charset = "utf-8"
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"') or charset
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    parser = _Head()
    # Pages are fed in pieces so that a huge body stops being read once the head is over.
    for start in range(0, len(text), 16384):
        parser.feed(text[start : start + 16384])
        if parser.done:
            break
    meta = parser.meta

    def pick(*keys: str) -> str:
        return next((meta[k] for k in keys if meta.get(k, "").strip()), "")

    image = pick("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
    return {
        "title": _text(pick("og:title", "twitter:title") or parser.title, 300),
        "description": _text(pick("og:description", "twitter:description", "description"), 1000),
        "provider_name": _text(pick("og:site_name", "application-name"), 200),
        "image": _absolute(url, image.strip()) if image else "",
    }


def _netloc(url: str) -> str:
    try:
        return urlsplit(url).netloc
    except ValueError:
        return ""


def _hostname(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _absolute(base: str, url: str) -> str:
    """The page's image address made absolute; "" for one that does not parse."""
    try:
        return urljoin(base, url)
    except ValueError:
        return ""


def _fetch_image(url: str) -> tuple[ContentFile, int, int] | None:
    """Our copy of a card's image: fetched with the same guards, re-encoded without metadata."""
    try:
        page = get_page(url, accept="image/*", limit=MAX_CARD_IMAGE_BYTES)
        return process_card_image(check_image(SimpleUploadedFile("card", page.body)), CARD_IMAGE_SIDE)
    except (FetchError, ActionError) as error:
        logger.info("card image %s not kept: %s", url, error)
        return None


def fetch_card(url: str) -> PreviewCard:
    """The card for `url`, fetched now unless a recent fetch is stored. Idempotent."""
    card, _created = PreviewCard.objects.get_or_create(url=url)
    now = timezone.now()
    if card.fetched_at is not None and now - card.fetched_at < (RETRY_FAILED if card.error else REFRESH):
        return card
    try:
        page = get_page(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", limit=MAX_PAGE_BYTES)
        if "html" not in page.content_type.lower():
            raise FetchError(f"{url} is not a web page ({page.content_type.split(';')[0] or 'no type'})")
        found = parse_page(page.body, page.url, page.content_type)
    except FetchError as error:
        logger.info("no card for %s: %s", url, error)
        card.error = str(error)[:200]
        card.fetched_at = now
        card.save(update_fields=["error", "fetched_at"])
        return card
    image = _fetch_image(found["image"]) if found["image"] else None
    card.title, card.description = found["title"], found["description"]
    card.provider_name = found["provider_name"] or _text(_hostname(page.url), 200)
    card.error, card.fetched_at = "", now
    old_image = card.image.name if card.image else ""
    if image is not None:
        content, card.image_width, card.image_height = image
        card.image.save(str(content.name), content, save=False)
    else:
        card.image, card.image_width, card.image_height = "", 0, 0  # type: ignore[assignment]  # clears the file field
    card.save()
    if old_image and old_image != card.image.name:
        card.image.storage.delete(old_image)
    return card


def cards_by_post(post_ids: Iterable[int]) -> dict[int, PreviewCard]:
    """The cards worth showing (fetched, with a title) of those posts, whose visibility the
    caller has already checked. One query."""
    links = PostCard.objects.filter(post_id__in=list(post_ids), card__error="", card__fetched_at__isnull=False)
    return {link.post_id: link.card for link in links.exclude(card__title="").select_related("card")}


def do_attach_card(post_id: int) -> None:
    """Give a published post the card of its first link (or take it away when an edit removed
    the link). Runs in the worker after publication; fetching happens outside any transaction."""
    if not settings.PREVIEW_CARDS:
        return
    post = Post.objects.filter(pk=post_id, moderation_state=ModerationState.PUBLISHED, deleted_at=None).first()
    if post is None or post.reblog_of_id:
        return
    url = first_link(post)
    card = fetch_card(url) if url else None
    with transaction.atomic():
        if card is None:
            PostCard.objects.filter(post_id=post_id).delete()
        else:
            PostCard.objects.update_or_create(post_id=post_id, defaults={"card": card})
    render_cache.forget(post_id)


def wants_card(post: Post) -> bool:
    """Whether the worker has a card to fetch, or one to take away, for this post."""
    if not settings.PREVIEW_CARDS or post.reblog_of_id:
        return False
    return first_link(post) is not None or PostCard.objects.filter(post_id=post.pk).exists()
