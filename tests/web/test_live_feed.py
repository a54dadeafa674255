"""New posts announced live in a real browser: a writer posts, the follower's home shows the bar."""

from collections.abc import Iterator

import pytest

from tests.live import live_server
from tests.web.test_axe import _violations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SEED = """
from accounts.actions import do_create_user, do_follow
from posts.actions import do_create_post
reader = do_create_user("reader", "reader passphrase 42").account
writer = do_create_user("writer", "writer passphrase 42").account
do_follow(reader, writer)
do_create_post(writer, "Already there when the reader arrives")
"""


@pytest.fixture
def server() -> Iterator[str]:
    with live_server(SEED, static=True) as live:
        yield live.url


def _login(page, server: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/login")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"{username} passphrase 42")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(server + "/home")


@pytest.mark.browser
@pytest.mark.server
def test_a_new_post_shows_the_bar_to_the_follower(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        reader = browser.new_context(locale="en-GB", bypass_csp=True).new_page()  # axe is injected below
        reader.set_default_timeout(10_000)
        _login(reader, server, "reader")
        expect(reader.get_by_text("Already there")).to_be_visible()
        # The same page without JavaScript: it reads, it just does not update.
        still = browser.new_context(java_script_enabled=False, locale="en-GB").new_page()
        _login(still, server, "reader")

        writer = browser.new_context(locale="en-GB").new_page()
        _login(writer, server, "writer")
        writer.get_by_label("What is on your mind?").fill("Just out of the oven")
        writer.get_by_role("button", name="Post", exact=True).click()
        # The first post is slow on a loaded machine (first scoring).
        expect(writer.locator("#feed .post").first).to_contain_text("Just out of the oven", timeout=30_000)

        bar = reader.get_by_role("link", name="1 new post")
        expect(bar).to_be_visible(timeout=40_000)  # asked every 15 s
        expect(reader.get_by_text("Just out of the oven")).to_have_count(0)
        assert _violations(reader) == []  # axe-core: the bar too
        bar.click()
        expect(reader.locator("#feed .post").first).to_contain_text("Just out of the oven")
        expect(reader.locator(".new-posts")).to_have_count(0)

        still.wait_for_timeout(1_000)
        expect(still.locator(".new-posts")).to_have_count(0)
        expect(still.get_by_text("Already there")).to_be_visible()
        browser.close()
