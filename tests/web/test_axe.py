"""The main pages checked by axe-core in a real browser: light and dark, English and French.

axe-core (tests/web/vendor/, MPL-2.0) is injected into each page after it loads; a violation of
impact serious or critical fails the test, with every one found listed in the message.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live import LiveInstance, live_server

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SEED = """
import io
from datetime import timedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from accounts.actions import do_create_user, do_follow
from accounts.models import Account
from posts.actions import do_create_post, do_upvote
from posts.media import do_upload_media
warden = do_create_user("warden", "warden passphrase 42", is_staff=True, display_name="Wren Warden").account
writer = do_create_user("writer", "writer passphrase 42", display_name="Wendy Writer").account
troll = do_create_user("troll", "troll passphrase 42").account
Account.objects.filter(pk=troll.pk).update(created_at=timezone.now() - timedelta(days=7), posts_count=3)
do_follow(warden, writer)
do_follow(writer, warden)
buffer = io.BytesIO()
Image.new("RGB", (320, 200), (30, 90, 160)).save(buffer, "PNG")
upload = SimpleUploadedFile("harbour.png", buffer.getvalue(), content_type="image/png")
media = do_upload_media(writer, upload, description="Blue water with yellow boats")
first = do_create_post(writer, "Fresh bread on the market square #market", media_ids=[media.pk])
do_create_post(warden, "@writer Is there sourdough too?", in_reply_to=first)
do_create_post(writer, "Only for followers", visibility="private", spoiler_text="Bread prices")
do_upvote(writer, first)
do_create_post(troll, "I will k i l l you tomorrow @warden")
from timelines.lists import do_add_list_members, do_create_list
bakers = do_create_list(warden, "Bakers")
do_add_list_members(warden, bakers, [writer])
from accounts.filters import do_create_filter
do_create_filter(warden, "Spoilers", ["home", "public"], action="warn", keywords=[("finale", True)])
"""
PAGES = [
    ("home", "/home"),
    ("local", "/"),
    ("thread", "/@writer/{post}"),
    ("profile", "/@writer"),
    ("notifications", "/notifications"),
    ("search", "/search?q=bread"),
    ("settings", "/settings"),
    ("compose", "/compose"),
    ("moderation", "/moderation/"),
    ("lists", "/lists"),
    ("list", "/lists/{list}"),
    ("list edit", "/lists/{list}/edit"),
    ("tag", "/tags/market"),
    ("followed tags", "/followed_tags"),
    ("filters", "/filters"),
    ("scheduled", "/scheduled"),
    ("notification requests", "/notifications/requests"),
]

DESKTOP, PHONE = {"width": 1280, "height": 860}, {"width": 390, "height": 844}
# Both themes in both languages at desktop width; the phone's layout (bottom bar) once.
VARIANTS = [(s, lang, DESKTOP) for s in ("light", "dark") for lang in ("en", "fr")] + [("dark", "fr", PHONE)]


@pytest.fixture
def server() -> Iterator[LiveInstance]:
    with live_server(SEED, static=True) as live:
        yield live


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')
                + (n.any[0] ? ' [' + n.any[0].message + ']' : '')).join(' | '))"""
    )
    return list(found)


@pytest.mark.browser
@pytest.mark.server
def test_main_pages_have_no_serious_axe_violations(server: LiveInstance) -> None:
    from playwright.sync_api import sync_playwright

    post = server.shell(
        'from posts.models import Post; print(Post.objects.get(text__startswith="Fresh bread").pk)'
    ).strip()
    bakers = server.shell('from timelines.models import List; print(List.objects.get(title="Bakers").pk)').strip()
    found: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme, language, viewport in VARIANTS:
            # The pages forbid inline scripts (CSP); axe is the test's own, injected past it.
            context = browser.new_context(color_scheme=scheme, viewport=viewport, bypass_csp=True)
            context.add_cookies([{"name": "tribune_language", "value": language, "url": server.url}])
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.goto(server.url + "/login")
            found += [f"login {scheme} {language} {viewport['width']}: {v}" for v in _violations(page)]
            page.locator("#id_username").fill("warden")
            page.locator("#id_password").fill("warden passphrase 42")
            page.locator("form.stack button[type=submit]").click()
            page.wait_for_url(server.url + "/home")
            for name, path in PAGES:
                response = page.goto(server.url + path.format(post=post, list=bakers))
                assert response is not None and response.ok, path
                assert page.locator("html").get_attribute("lang") == language
                if name == "moderation":  # the troll's threat is held, waiting in the queue
                    assert page.locator("tr.queue-item").count() >= 1
                found += [f"{name} {scheme} {language} {viewport['width']}: {v}" for v in _violations(page)]
            context.close()
        browser.close()
    assert found == [], "\n".join(found)
