"""Every form control has a label, every image an alt attribute, and the colours meet WCAG AA."""

import re
from html.parser import HTMLParser

from django.contrib.staticfiles import finders

from posts.actions import do_create_post
from tests.web.helpers import png


class Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.labels: set[str] = set()
        self.images: list[dict] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag == "img":
            self.images.append(a)
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append(a)


def check(body: str) -> None:
    parsed = Controls()
    parsed.feed(body)
    assert parsed.html_lang in ("en", "fr")
    unlabelled = [c for c in parsed.controls if c.get("id") not in parsed.labels and not c.get("aria-label")]
    assert unlabelled == []
    assert all("alt" in img for img in parsed.images)


def test_pages_label_their_controls_and_describe_images(client, make_account, alice, bob):
    root = make_account("root_admin", staff=True)
    for url in ("/", "/login", "/signup", "/search?q=x", "/explore", "/offline"):
        check(client.get(url).content.decode())
    client.force_login(alice.user)
    client.post("/posts/new", {"text": "with picture", "media1": png(), "alt1": "A red square"})
    post = do_create_post(bob, "hello")
    for url in ("/home", "/settings", "/@bob", f"/@bob/{post.pk}", "/compose", "/notifications", "/follow_requests"):
        check(client.get(url).content.decode())
    client.force_login(root.user)
    for url in ("/admin/", "/admin/posts", "/admin/instance"):
        check(client.get(url).content.decode())


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


def test_stylesheet_colours_meet_wcag_aa_in_both_themes():
    with open(finders.find("web/style.css")) as f:
        css = f.read()
    light = _tokens(css.split(":root {", 1)[1].split("}", 1)[0])
    dark = _tokens(css.split('[data-theme="dark"] {', 1)[1].split("}", 1)[0])
    system_dark = _tokens(css.split(':root:not([data-theme="light"]) {', 1)[1].split("}", 1)[0])
    assert dark == system_dark  # the system's dark theme is the same as the chosen one
    assert set(light) == set(dark)
    for var in (light, dark):
        pairs = [
            (var["fg"], var["bg"]),
            (var["fg"], var["soft"]),
            (var["muted"], var["bg"]),
            (var["muted"], var["soft"]),
            (var["muted"], var["raised"]),
            (var["accent"], var["bg"]),
            (var["accent"], var["accent-soft"]),  # links in unread notifications
            (var["fg"], var["accent-soft"]),
            (var["accent-fg"], var["accent"]),
            (var["danger"], var["bg"]),
            (var["upvote"], var["bg"]),
            (var["echo"], var["bg"]),
            (var["bookmark"], var["bg"]),
            (var["error-fg"], var["error-bg"]),
            (var["success-fg"], var["success-bg"]),
            ("#ffffff", light["danger"]),  # the unread badge
        ]
        for fg, bg in pairs:
            assert contrast(fg, bg) >= 4.5, (fg, bg)
    assert ":focus-visible" in css and ".skip:focus" in css
    assert "prefers-color-scheme: dark" in css
