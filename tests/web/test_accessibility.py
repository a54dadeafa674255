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


def test_stylesheet_colours_meet_wcag_aa():
    with open(finders.find("web/style.css")) as f:
        css = f.read()
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = [
        (var["fg"], var["bg"]),
        (var["muted"], var["bg"]),
        (var["muted"], var["soft"]),
        (var["accent"], var["bg"]),
        (var["accent-fg"], var["accent"]),
        (var["danger"], var["bg"]),
        ("#ffffff", var["danger"]),  # the unread badge
        ("#991b1b", "#fef2f2"),  # error notices
        (var["accent"], "#eff6ff"),  # links in unread notifications
    ]
    for fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg)
    assert ":focus-visible" in css and ".skip:focus" in css
