"""The cached body of a post on pages (web/templatetags/posts.py): its key covers everything the
template reads, so a change to any of it renders the body afresh."""

import io
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.utils import translation
from PIL import Image

from accounts.actions import do_follow, do_update_profile
from posts.actions import do_create_post, do_delete_post, do_edit_post, do_reblog
from posts.media import do_upload_media
from web.templatetags import posts as body
from web.views.common import decorate

FIELDS = {
    "item": body.ITEM_FIELDS,
    "item.post": body.POST_FIELDS,
    "item.shown": body.SHOWN_FIELDS,
    "item.quote": body.QUOTE_FIELDS,
    "item.media[]": body.MEDIA_FIELDS,
    "item.quote_media[]": body.QUOTE_MEDIA_FIELDS,
    "item.card": body.CARD_FIELDS,
}


class Recorder:
    """Stands for an object in a template and writes down every attribute the template reads."""

    def __init__(self, obj: Any, path: str, read: set[str]) -> None:
        self._obj, self._path, self._read = obj, path, read

    def __getitem__(self, key: Any) -> Any:
        raise TypeError  # the template then reads it as an attribute

    def __bool__(self) -> bool:
        return bool(self._obj)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._obj, name)
        path = f"{self._path}.{name}"
        self._read.add(path)
        if isinstance(value, Model):
            return Recorder(value, path, self._read)
        if isinstance(value, list):
            return [Recorder(v, path + "[]", self._read) for v in value]
        return value


def _image(name: str = "red.png") -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(data, format="PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def test_the_key_covers_everything_the_body_template_reads(alice, bob, carol):
    quoted = do_create_post(carol, "quoted", media_ids=[do_upload_media(carol, _image()).pk])
    parent = do_create_post(alice, "parent")
    media = do_upload_media(bob, _image(), description="red")
    post = do_create_post(
        bob,
        "every branch",
        spoiler_text="cw",
        sensitive=True,
        in_reply_to=parent,
        quote_of=quoted,
        media_ids=[media.pk],
    )
    post = do_edit_post(bob, post, "every branch, edited")
    echo = do_reblog(alice, post)
    item = decorate(alice, [echo])[0]
    item.quote_media = list(quoted.media.all())
    assert item.quote is not None and item.media and item.quote_media
    read: set[str] = set()
    html = body.render_body(Recorder(item, "item", read), False, "en")
    assert "every branch, edited" in html and "red" in html
    declared = {f"{owner}.{name}" for owner, names in FIELDS.items() for name in names}
    containers = {p.rsplit(".", 1)[0] for p in declared} | {k.removesuffix("[]") for k in FIELDS}
    undeclared = {p for p in read if p not in declared and p not in containers and p.split(".")[0] == "item"}
    assert undeclared == set()


def test_a_cached_body_never_hides_a_change(alice, bob, carol):
    do_follow(alice, bob)
    quoted = do_create_post(carol, "carol's words")
    post = do_create_post(bob, "bob's first words", quote_of=quoted)
    client = Client()
    client.force_login(alice.user)
    for _ in range(2):
        page = client.get("/home").content.decode()
        assert "bob&#x27;s first words" in page or "bob's first words" in page
        assert "carol&#x27;s words" in page or "carol's words" in page
    do_edit_post(bob, post, "bob's second words")
    page = client.get("/home").content.decode()
    assert "second words" in page and "first words" not in page
    do_update_profile(bob, display_name="Robert the Second")
    assert "Robert the Second" in client.get("/home").content.decode()
    do_delete_post(carol, quoted)
    page = client.get("/home").content.decode()
    assert "carol&#x27;s words" not in page and "carol's words" not in page


def test_the_key_follows_language_and_time_zone(alice, bob):
    item = decorate(alice, [do_create_post(bob, "hello")])[0]
    keys = set()
    for language in ("en", "fr"):
        with translation.override(language):
            keys.add(body.fingerprint(item, False, language))
    from django.utils import timezone

    with timezone.override("Europe/Paris"):
        keys.add(body.fingerprint(item, False, "en"))
    assert len(keys) == 3
    assert isinstance(item.shown.created_at, datetime)
