"""The moderator page in a real browser against a real server process: one key per decision."""

from collections.abc import Iterator

import pytest

from tests.live import live_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SEED = """
from datetime import timedelta
from django.utils import timezone
from accounts.actions import do_create_user, do_follow
from accounts.models import Account
from posts.actions import do_create_post
do_create_user("warden", "warden passphrase 42", is_staff=True)
reader = do_create_user("reader", "reader passphrase 42").account
troll = do_create_user("troll", "troll passphrase 42").account
Account.objects.filter(pk=troll.pk).update(created_at=timezone.now() - timedelta(days=7), posts_count=3)
do_follow(reader, troll)
do_create_post(troll, "I will k i l l you tomorrow @reader")
"""


@pytest.fixture
def server() -> Iterator[str]:
    with live_server(SEED, static=True) as live:
        yield live.url


def _login(page, server: str, username: str, password: str) -> None:
    page.goto(server + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.browser
@pytest.mark.server
def test_moderator_removes_a_held_threat_with_one_key(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        reader = browser.new_context().new_page()
        reader.set_default_timeout(10_000)
        _login(reader, server, "reader", "reader passphrase 42")
        reader.goto(server + "/home")
        expect(reader.get_by_text("tomorrow")).to_have_count(0)  # held: never in the follower's feed

        page = browser.new_context().new_page()
        page.set_default_timeout(10_000)
        _login(page, server, "warden", "warden passphrase 42")
        page.goto(server + "/moderation/")
        expect(page.locator("tr.queue-item.selected")).to_contain_text("Violence or threat")
        page.keyboard.press("Enter")
        expect(page.get_by_text("I will k i l l you tomorrow").first).to_be_visible()
        expect(page.get_by_text("claimed by you")).to_be_visible()
        page.keyboard.press("/")
        page.keyboard.type("explicit threat")
        page.locator("#reason").blur()
        page.keyboard.press("r")
        expect(page.get_by_role("heading", name="Moderation queue (0 items)")).to_be_visible()
        page.goto(server + "/moderation/dashboard")
        expect(page.locator("#queue-size")).to_have_text("0")
        reader.goto(server + "/home")
        expect(reader.get_by_text("tomorrow")).to_have_count(0)
        browser.close()
