"""A new person's first visit, in a real browser against a real server process.

The server runs on its own migrated SQLite database; a writer is seeded through
the actions (via `tribune shell`) before the browser arrives. Screenshots of each
step go to the test's temporary directory, or to docs/screenshots/ with
TRIBUNE_SCREENSHOTS=1 (to refresh the documentation's pictures on purpose).
"""

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.live import live_server

ROOT = Path(__file__).resolve().parents[2]
DOC_SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = """
from accounts.actions import do_create_user
from posts.actions import do_create_post
writer = do_create_user("writer", "writer passphrase 42", display_name="Wendy Writer").account
do_create_post(writer, "Fresh bread on the market square this morning #market")
"""


@pytest.fixture
def server() -> Iterator[str]:
    with live_server(SEED, static=True) as live:
        yield live.url


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.png"
    image = Image.new("RGB", (320, 200), (30, 90, 160))
    for x in range(0, 320, 40):
        image.paste((240, 200, 40), (x, 120, x + 20, 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.browser
@pytest.mark.server
def test_new_person_walkthrough(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    shots = DOC_SHOTS if os.environ.get("TRIBUNE_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 420, "height": 900}, locale="en-GB")
        page.set_default_timeout(10_000)

        # Reading works signed out.
        page.goto(server + "/")
        expect(page.get_by_text("Fresh bread on the market square")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.screenshot(path=str(shots / "local-feed.png"), full_page=True)
        # Keyboard: the first Tab reaches the skip link, which then moves focus to the content.
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#main")).to_be_focused()

        # Sign up.
        page.get_by_role("link", name="Sign up").click()
        page.get_by_label("Username").fill("newbie")
        page.get_by_label("Password").fill("a quite long passphrase")
        page.screenshot(path=str(shots / "signup.png"), full_page=True)
        page.get_by_role("button", name="Create account").click()
        expect(page).to_have_url(server + "/home")
        expect(page.get_by_role("heading", name="Home")).to_be_visible()

        # A refused post shows the reason in the alert area and the form is not reset.
        page.get_by_label("What is on your mind?").fill("   ")
        page.get_by_role("button", name="Post", exact=True).click()
        expect(page.locator("#alerts")).to_contain_text("A post needs text or an image.")
        expect(page.get_by_label("What is on your mind?")).to_have_value("   ")

        # Post with an image and its alt text (htmx puts the new post at the top of the feed).
        page.get_by_label("What is on your mind?").fill("My first post, with a picture of the harbour")
        expect(page.locator(".counter").first).to_contain_text("/ ")
        page.get_by_text("Content warning, visibility and images").click()
        page.locator("input[name=media1]").set_input_files(str(_photo(tmp_path)))
        page.locator("input[name=alt1]").fill("Blue water with yellow boats")
        page.get_by_role("button", name="Post", exact=True).click()
        # The first post with an image is slow on a loaded machine (image processing, first scoring).
        expect(page.locator("#feed .post").first).to_contain_text("My first post", timeout=30_000)
        expect(page.get_by_role("img", name="Blue water with yellow boats")).to_be_visible()
        expect(page.locator(".counter").first).to_have_text("1000 / 1000")  # the form was reset
        expect(page.locator("#alerts")).to_be_empty()
        page.screenshot(path=str(shots / "home-after-posting.png"), full_page=True)

        # Follow the writer, then see their post at home.
        page.goto(server + "/@writer")
        page.get_by_role("button", name="Follow", exact=True).click()
        expect(page.get_by_role("button", name="Unfollow")).to_be_visible()
        page.screenshot(path=str(shots / "profile.png"), full_page=True)
        page.goto(server + "/home")
        writer_post = page.locator(".post", has_text="Fresh bread on the market square")
        expect(writer_post).to_be_visible()

        # Upvote in place: an icon button with its count and its name for screen readers.
        upvote = writer_post.get_by_role("button", name="Upvote")
        upvote.click()
        expect(upvote).to_have_attribute("aria-pressed", "true")
        expect(upvote).to_contain_text("1")
        # The action bar stays on one line.
        boxes = writer_post.locator(".actions > *").evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
        assert max(boxes) - min(boxes) < 8, boxes

        # Keyboard: j selects a post, f upvotes it (undoes here), ? lists the shortcuts.
        page.locator("body").press("j")
        expect(page.locator(".post.selected")).to_have_count(1)
        page.keyboard.press("?")
        expect(page.locator("#shortcuts")).to_be_visible()
        page.keyboard.press("Escape")

        # The image viewer shows the picture with its description.
        page.goto(server + "/@newbie")
        page.locator("a.media-link").first.click()
        expect(page.locator("#viewer")).to_be_visible()
        expect(page.locator("#viewer figcaption")).to_have_text("Blue water with yellow boats")
        page.keyboard.press("Escape")

        # Report the writer's post from its menu.
        page.goto(server + "/@writer")
        page.locator(".post .more summary").first.click()
        page.get_by_role("link", name="Report").first.click()
        page.get_by_label("Spam").check()
        page.get_by_role("button", name="Send the report").click()
        expect(page.locator("#alerts")).to_contain_text("The moderators will look at your report")
        page.goto(server + "/home")
        writer_post = page.locator(".post", has_text="Fresh bread on the market square")

        # Reply from the post's page.
        writer_post.get_by_role("link", name="Reply").click()
        page.get_by_label("Your reply").fill("@writer Is there sourdough too?")
        page.get_by_label("Your reply").press("Control+Enter")  # Ctrl+Enter sends
        expect(page.locator(".replies")).to_contain_text("Is there sourdough too?")
        expect(page.locator(".replies")).to_contain_text("Replying to @writer")
        page.screenshot(path=str(shots / "thread.png"), full_page=True)

        # Lists: from the navigation, a new list, the writer added in place, then the list's timeline.
        page.get_by_role("link", name="Lists", exact=True).click()
        page.get_by_label("Title", exact=True).fill("Market people")
        page.get_by_role("button", name="Create the list").click()
        page.get_by_role("button", name="Add Wendy Writer").click()
        expect(page.get_by_role("button", name="Remove Wendy Writer")).to_be_visible()
        page.get_by_role("link", name="Back to the list").click()
        expect(page.get_by_role("heading", name="Market people")).to_be_visible()
        expect(page.locator(".post", has_text="Fresh bread on the market square")).to_be_visible()

        # Follow a hashtag from its page (in place).
        page.goto(server + "/tags/market")
        page.get_by_role("button", name="Follow #market").click()
        expect(page.get_by_role("button", name="Unfollow #market")).to_be_visible()

        # Search.
        page.get_by_role("link", name="Search").click()
        page.get_by_label("Search people, hashtags and posts").fill("bread")
        page.get_by_role("button", name="Search").click()
        expect(page.locator(".post", has_text="Fresh bread")).to_be_visible()
        page.screenshot(path=str(shots / "search.png"), full_page=True)

        # Switch to French.
        page.get_by_label("Language").select_option("fr")
        page.get_by_role("button", name="Change").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.get_by_role("link", name="Accueil")).to_be_visible()
        page.goto(server + "/home")
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        expect(page.get_by_label("Qu’avez-vous en tête")).to_be_visible()
        page.screenshot(path=str(shots / "home-french.png"), full_page=True)

        # The service worker registers at the root scope.
        scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
        assert scope == server + "/"

        # Dark theme: following the system, and chosen in the footer.
        dark = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark", locale="en-GB")
        dark.goto(server + "/")
        background = dark.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(15, 20, 26)", background
        dark.get_by_label("Theme").select_option("light")
        dark.get_by_role("button", name="Apply").click()
        assert dark.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        # On a phone the navigation is a bar at the bottom of the screen, the header a thin bar.
        nav = dark.locator("nav.nav").bounding_box()
        assert nav is not None and nav["y"] + nav["height"] >= 844 - 2, nav
        header = dark.locator("header.rail").bounding_box()
        assert header is not None and header["height"] < 844 * 0.1, header
        dark.close()
        _screenshots(browser, server, shots)
        browser.close()


PAGES = [("local", "/"), ("profile", "/@writer"), ("notifications", "/notifications"), ("search", "/search?q=bread")]


def _screenshots(browser, server: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    """The main pages at desktop and phone sizes, light and dark, English and French."""
    for width, height, size in ((1280, 860, "desktop"), (390, 844, "phone")):
        for scheme in ("light", "dark"):
            for language in ("en", "fr"):
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                page.context.add_cookies([{"name": "tribune_language", "value": language, "url": server}])
                page.goto(server + "/login")
                page.locator("#id_username").fill("newbie")
                page.locator("#id_password").fill("a quite long passphrase")
                page.locator("form.stack button[type=submit]").click()
                page.wait_for_url(server + "/home")
                # The account's own setting wins over the cookie: choose the language with the footer's form.
                page.locator("#lang-select").select_option(language)
                page.locator("form.lang button[type=submit]").first.click()
                page.wait_for_load_state()
                for name, path in PAGES:
                    page.goto(server + path)
                    page.screenshot(path=str(shots / f"{name}-{size}-{scheme}-{language}.png"))
                page.close()
