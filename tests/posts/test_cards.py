"""Link previews: fetched after publication from a real HTTP server on loopback, shown on the
status, with our own copy of the image (metadata stripped); never for a held post."""

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from moderation.actions import do_approve_post
from posts.actions import do_create_post, do_edit_post
from posts.cards import parse_page
from posts.models import PreviewCard

ARTICLE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Fallback title</title>
<meta property="og:title" content="Caf&eacute; &amp; croissants">
<meta property="og:description" content="  A guide
to the best   breakfasts. ">
<meta property="og:site_name" content="The Daily Loaf">
<meta property="og:image" content="/photo.jpg">
</head><body><meta property="og:title" content="not this one"></body></html>"""
PLAIN = b"""<html><head><title>Just a title</title><meta name="description" content="Plain page."></head></html>"""


def photo_with_exif() -> bytes:
    image = Image.new("RGB", (1200, 800), (200, 80, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


class Site:
    """A web site on loopback that records what it was asked for."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {
            "/article": ("text/html; charset=utf-8", ARTICLE),
            "/plain": ("text/html", PLAIN),
            "/photo.jpg": ("image/jpeg", photo_with_exif()),
            "/data.json": ("application/json", b"{}"),
        }
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802  # http.server's naming
                site.requests.append(self.path)
                found = site.pages.get(self.path)
                if found is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", found[0])
                self.send_header("Content-Length", str(len(found[1])))
                self.end_headers()
                self.wfile.write(found[1])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(settings: Any) -> Iterator[Site]:
    settings.PREVIEW_CARDS = True
    served = Site()
    yield served
    served.close()


def card_of(client: Client, post_id: int) -> Any:
    return client.get(f"/api/v1/statuses/{post_id}").json()["card"]


def test_a_published_post_gets_the_card_of_its_first_link(site, alice, bob) -> None:
    post = do_create_post(alice, f"@bob #bread read {site.base}/article and {site.base}/plain")
    card = card_of(Client(), post.pk)
    assert card["url"] == f"{site.base}/article"
    assert card["title"] == "Café & croissants"
    assert card["description"] == "A guide to the best breakfasts."
    assert card["provider_name"] == "The Daily Loaf"
    assert card["type"] == "link"
    assert (card["width"], card["height"]) == (640, 427)
    # The image is our own copy, shrunk and without its metadata; clients never see the remote one.
    assert card["image"].startswith(f"{settings.SITE_URL}/media/cards/")
    served = Client().get(card["image"].removeprefix(settings.SITE_URL))
    assert served.status_code == 200
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert image.size == (640, 427)
    assert not image.getexif()
    assert "/plain" not in site.requests

    # A second post linking there shares the card without fetching the page again.
    fetched = len(site.requests)
    again = do_create_post(bob, f"same {site.base}/article")
    assert card_of(Client(), again.pk)["title"] == "Café & croissants"
    assert len(site.requests) == fetched
    assert PreviewCard.objects.count() == 1

    # An edit that changes the link changes the card; one that drops it takes it away.
    do_edit_post(alice, post, f"now {site.base}/plain")
    card = card_of(Client(), post.pk)
    assert (card["title"], card["description"], card["image"]) == ("Just a title", "Plain page.", None)
    assert card["provider_name"] == "127.0.0.1"
    do_edit_post(alice, post, "no links now")
    assert card_of(Client(), post.pk) is None


def test_no_card_for_pages_that_are_not_html_or_not_public(site, alice) -> None:
    for url in (f"{site.base}/data.json", f"{site.base}/missing", "https://10.0.0.1/admin"):
        post = do_create_post(alice, f"see {url}")
        assert card_of(Client(), post.pk) is None
        assert PreviewCard.objects.get(url=url).error
    assert "refusing to connect to non-public address" in PreviewCard.objects.get(url="https://10.0.0.1/admin").error


def test_a_held_post_is_fetched_only_once_published(site, make_account) -> None:
    author = make_account("author")
    mod = make_account("mod", staff=True)
    held = do_create_post(author, f"I will kill you {site.base}/article")
    held.refresh_from_db()
    assert held.moderation_state == "held"
    assert site.requests == []
    assert not PreviewCard.objects.exists()
    do_approve_post(held, acting_user=mod.user, reason="fine")
    assert card_of(Client(), held.pk)["title"] == "Café & croissants"


def test_no_fetch_when_cards_are_off(alice) -> None:
    do_create_post(alice, "see https://example.org/")
    assert not PreviewCard.objects.exists()


def test_parse_page_falls_back_and_bounds_text() -> None:
    page = b"<html><head><title> A\n  title </title><meta name='twitter:description' content='" + b"x" * 2000 + b"'>"
    found = parse_page(page, "https://example.org/a/b")
    assert found["title"] == "A title"
    assert len(found["description"]) == 1000 and found["description"].endswith("…")
    assert found["image"] == ""
    latin = "<title>Déjà vu</title>".encode("latin-1")
    assert parse_page(latin, "https://example.org/", "text/html; charset=ISO-8859-1")["title"] == "Déjà vu"
    broken = b"<meta property='og:image' content='https://[x/a.png'>"  # an address that does not parse
    assert parse_page(broken, "https://example.org/")["image"] == ""


def test_the_web_page_shows_the_card_under_the_text(site, alice) -> None:
    post = do_create_post(alice, f"read {site.base}/article")
    page = Client().get(f"/@alice/{post.pk}").content.decode()
    card = page[page.index('class="link-card"') :]
    card = card[: card.index("</a>")]
    assert f'href="{site.base}/article"' in card
    assert "Café &amp; croissants" in card and "A guide to the best breakfasts." in card
    assert '<span class="link-card-domain">127.0.0.1</span>' in card
    assert f'src="{settings.SITE_URL}/media/cards/' in card  # our copy, never the page's server
    assert site.base + "/photo.jpg" not in page and "style=" not in card


def test_a_remote_edit_changes_the_card_too(site) -> None:
    from federation.actions import do_update_remote_post
    from federation.fetch import fetch_post
    from tests.federation.peer import Peer

    peer = Peer()
    try:
        author = peer.actor("zoe")
        note = {
            "id": f"{peer.base}/users/zoe/statuses/1", "type": "Note", "attributedTo": author,
            "content": f'<p>read <a href="{site.base}/article">the article</a></p>', "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "cc": [], "published": "2026-11-01T00:00:00Z",
        }  # fmt: skip
        peer.documents["/users/zoe/statuses/1"] = note
        post = fetch_post(note["id"])
        assert card_of(Client(), post.pk)["title"] == "Café & croissants"
        do_update_remote_post(post, note | {"content": f'<p>now <a href="{site.base}/plain">this</a></p>'})
        assert card_of(Client(), post.pk)["title"] == "Just a title"
        do_update_remote_post(post, note | {"content": "<p>no links now</p>"})
        assert card_of(Client(), post.pk) is None
    finally:
        peer.close()
