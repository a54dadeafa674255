"""The pages work in a real browser under their Content-Security-Policy: nothing is refused.

The browser reports each refusal as a `securitypolicyviolation` event and a console error; the
test collects both while a moderator reads the main pages, posts through the htmx composer, moves
through the moderation queue and lets the service worker install.
"""

from collections.abc import Iterator

import pytest

from tests.live import live_server
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS

SEED = """
from accounts.actions import do_create_user
from posts.actions import do_create_post
writer = do_create_user("writer", "writer passphrase 42", display_name="Wendy Writer", is_staff=True).account
do_create_post(writer, "Fresh bread on the market square this morning #market")
"""
RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


@pytest.fixture
def server() -> Iterator[str]:
    with live_server(SEED, static=True) as live:
        yield live.url


@pytest.mark.browser
@pytest.mark.server
def test_pages_and_the_composer_break_no_rule_of_the_policy(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    refused: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page.set_default_timeout(15_000)
        page.add_init_script(RECORD)
        page.on(
            "console",
            lambda m: (
                refused.append(m.text) if "Content Security Policy" in m.text or "Content-Security" in m.text else None
            ),
        )

        def visit(path: str) -> None:
            page.goto(server + path)
            page.wait_for_load_state("load")
            seen = page.evaluate("window.__violations")
            refused.extend(f"{path}: {v}" for v in seen)

        visit("/login")
        page.get_by_label("Username").fill("writer")
        page.get_by_label("Password").fill("writer passphrase 42")
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(server + "/home")
        assert page.evaluate("htmx.config.includeIndicatorStyles") is False
        assert page.evaluate("document.querySelectorAll('style').length") == 0

        # Posting through the htmx composer: the post arrives at the top and the form empties.
        page.get_by_label("What is on your mind?").fill("Posted under a strict policy")
        page.get_by_role("button", name="Post", exact=True).click()
        expect(page.locator("#feed .post").first).to_contain_text("Posted under a strict policy", timeout=30_000)
        expect(page.get_by_label("What is on your mind?")).to_have_value("")
        expect(page.locator(".counter").first).to_have_text("1000 / 1000")
        refused.extend(page.evaluate("window.__violations"))
        # An htmx action in place, then the keyboard shortcuts' dialog (app.js).
        visit("/")
        upvote = page.locator(".post", has_text="Fresh bread").get_by_role("button", name="Upvote")
        upvote.click()
        expect(upvote).to_have_attribute("aria-pressed", "true")
        page.keyboard.press("?")
        expect(page.locator("#shortcuts")).to_be_visible()
        refused.extend(page.evaluate("window.__violations"))

        for path in ("/", "/explore", "/search?q=bread", "/tags/market", "/@writer", "/notifications", "/settings",
                     "/admin/", "/moderation/", "/moderation/dashboard", "/transparency", "/offline"):  # fmt: skip
            visit(path)
        # The moderation queue's shortcuts come from a static file now.
        page.goto(server + "/moderation/")
        page.keyboard.press("n")
        page.wait_for_load_state("load")
        # The PWA: the service worker installs and controls the pages.
        visit("/")
        assert page.evaluate("navigator.serviceWorker.ready.then((r) => !!r.active)") is True
        browser.close()
    assert refused == []
