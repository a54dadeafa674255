"""Stored images follow their post's (or account's) rules: who may see the post may fetch its
images, nobody else, and they stop being served when the post is held, removed or deleted."""

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.actions import do_follow, do_update_profile
from accounts.models import Account
from federation.serializers import render_note
from moderation.actions import do_remove_post, do_suspend
from moderation.retention import do_erase_media_of_gone_posts
from posts import media_access
from posts.actions import do_create_post, do_delete_post
from posts.media import do_upload_media
from posts.models import MediaAttachment, ModerationState, Post
from tests.posts.test_actions import jpeg_with_exif


@pytest.fixture
def moderator(make_account: Callable[..., Account]) -> Any:
    return make_account("moderator", staff=True).user


def _upload(account: Account) -> MediaAttachment:
    return do_upload_media(account, SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg"))


def _post_with_image(
    author: Account, visibility: str = "public", text: str = "a picture"
) -> tuple[Post, MediaAttachment]:
    media = _upload(author)
    post = do_create_post(author, text, visibility=visibility, media_ids=[media.pk])
    media.refresh_from_db()
    return post, media


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _as(account: Account | None) -> Client:
    client = Client()
    if account is not None:
        client.force_login(account.user)
    return client


def _fetch(client: Client, url: str) -> int:
    response = client.get(_path(url))
    if response.status_code == 200:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body[:2] == b"\xff\xd8"  # the JPEG itself
    return response.status_code


def test_stored_names_are_random_and_unrelated_to_the_id(alice: Account) -> None:
    first, second = _upload(alice), _upload(alice)
    for media in (first, second):
        for name in (media.file.name, media.thumbnail.name):
            stem = Path(name).stem
            assert str(media.pk) not in name and len(stem) >= 32
    assert Path(first.file.name).stem != Path(second.file.name).stem


def test_followers_only_images_reach_followers_only(alice: Account, bob: Account, carol: Account) -> None:
    do_follow(bob, alice)
    post, media = _post_with_image(alice, "private")
    bare = f"/media/{media.file.name}"
    assert _fetch(_as(None), bare) == 404  # the name alone is not enough, even if guessed
    assert _fetch(_as(carol), bare) == 404  # a stranger, signed in
    assert _fetch(_as(bob), bare) == 200  # a follower, signed in (the web pages)
    assert _fetch(_as(alice), bare) == 200

    # What a follower's client app is given works without credentials (apps send none with <img>).
    api = Client()
    token = _token_for(bob)
    seen = api.get(f"/api/v1/statuses/{post.pk}", headers={"Authorization": f"Bearer {token}"}).json()
    url, preview = seen["media_attachments"][0]["url"], seen["media_attachments"][0]["preview_url"]
    assert "?t=" in url and "?t=" in preview
    assert _fetch(_as(None), url) == 200 and _fetch(_as(None), preview) == 200
    # The token is for that file only, and cannot be altered.
    expires, state, mac = urlsplit(url).query.removeprefix("t=").split(".")
    assert _fetch(_as(None), f"/media/{media.thumbnail.name}?t={expires}.{state}.{mac}") == 404
    assert _fetch(_as(None), f"{bare}?t={int(expires) + 86400}.{state}.{mac}") == 404
    assert _fetch(_as(None), f"{bare}?t={expires}.h.{mac}") == 404
    assert _fetch(_as(None), f"{bare}?t=junk") == 404
    # ...and expires.
    stale = media_access.make_token(media.file.name, "p", now=time.time() - 3 * 86400)
    assert _fetch(_as(None), f"{bare}?t={stale}") == 404

    # The ActivityPub attachment a remote follower's server fetches works the same way.
    remote_url = render_note(Post.objects.get(pk=post.pk))["attachment"][0]["url"]
    assert "?t=" in remote_url and _fetch(_as(None), remote_url) == 200

    # Held: only its author, and the URLs given out before stop working.
    Post.objects.filter(pk=post.pk).update(moderation_state=ModerationState.HELD)
    assert _fetch(_as(None), url) == 404 and _fetch(_as(bob), bare) == 404
    assert _fetch(_as(alice), bare) == 200
    own = Client().get(f"/api/v1/statuses/{post.pk}", headers={"Authorization": f"Bearer {_token_for(alice)}"})
    assert _fetch(_as(None), own.json()["media_attachments"][0]["url"]) == 200


def test_direct_images_reach_the_mentioned_only(alice: Account, bob: Account, carol: Account) -> None:
    _post, media = _post_with_image(alice, "direct", "@bob for your eyes")
    bare = f"/media/{media.file.name}"
    assert _fetch(_as(bob), bare) == 200
    assert _fetch(_as(carol), bare) == 404 and _fetch(_as(None), bare) == 404


def test_removed_and_deleted_posts_images_stop_and_are_erased(alice: Account, moderator: Any) -> None:
    removed, removed_media = _post_with_image(alice, "public", "to be removed")
    deleted, deleted_media = _post_with_image(alice, "public", "to be deleted")
    for media in (removed_media, deleted_media):
        assert _fetch(_as(None), f"/media/{media.file.name}") == 200
    removed_file = Path(removed_media.file.path)
    deleted_files = [Path(deleted_media.file.path), Path(deleted_media.thumbnail.path)]

    do_remove_post(removed, acting_user=moderator, reason="threat", policy="violence")
    assert _fetch(_as(None), f"/media/{removed_media.file.name}") == 404
    assert _fetch(_as(alice), f"/media/{removed_media.file.name}") == 404  # not even its author

    do_delete_post(alice, deleted)
    assert _fetch(_as(alice), f"/media/{deleted_media.file.name}") == 404
    # Nobody reported or decided about the deleted post: its files are gone at once.
    assert not any(path.exists() for path in deleted_files)
    # The removed post's are kept for appeals and the audit log, then erased.
    assert removed_file.exists()
    assert do_erase_media_of_gone_posts(now=timezone.now() + timedelta(days=29)) == 0
    assert removed_file.exists()
    assert do_erase_media_of_gone_posts(now=timezone.now() + timedelta(days=31)) == 1
    assert not removed_file.exists()
    assert do_erase_media_of_gone_posts(now=timezone.now() + timedelta(days=32)) == 0
    assert MediaAttachment.objects.filter(pk=removed_media.pk).exists()  # the row stays


def test_an_upload_not_yet_posted_is_its_uploaders(alice: Account, bob: Account) -> None:
    media = _upload(alice)
    bare = f"/media/{media.file.name}"
    assert _fetch(_as(None), bare) == 404 and _fetch(_as(bob), bare) == 404
    assert _fetch(_as(alice), bare) == 200
    assert _fetch(_as(None), media.file_url()) == 200  # what the upload API answers


def test_suspended_accounts_images_are_not_served(alice: Account, moderator: Any) -> None:
    png = SimpleUploadedFile("a.jpg", jpeg_with_exif((500, 500)), content_type="image/jpeg")
    do_update_profile(alice, avatar=png)
    alice.refresh_from_db()
    _post, media = _post_with_image(alice)
    assert str(alice.pk) not in alice.avatar.name and "avatar" not in Path(alice.avatar.name).stem
    assert _fetch(_as(None), alice.avatar_url()) == 200
    do_suspend(alice, acting_user=moderator, reason="threats", policy="violence")
    assert _fetch(_as(None), alice.avatar_url()) == 404
    assert _fetch(_as(None), f"/media/{media.file.name}") == 404


def test_behind_nginx_the_file_is_sent_by_nginx(alice: Account, bob: Account, settings: Any) -> None:
    settings.MEDIA_ACCEL_REDIRECT = "/_media/"
    _post, media = _post_with_image(alice, "private")
    refused = _as(None).get(f"/media/{media.file.name}")
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    do_follow(bob, alice)
    allowed = _as(bob).get(f"/media/{media.file.name}")
    assert allowed.status_code == 200 and allowed["X-Accel-Redirect"] == f"/_media/{media.file.name}"
    assert allowed["Content-Type"] == "image/jpeg" and allowed["Cache-Control"].startswith("private")
    assert allowed.content == b""


def test_nothing_else_is_served_from_storage(alice: Account, settings: Any) -> None:
    root = Path(settings.MEDIA_ROOT)
    (root / "exports").mkdir(parents=True, exist_ok=True)
    (root / "exports" / "x.zip").write_bytes(b"secret")
    for path in ("/media/exports/x.zip", "/media/media/../exports/x.zip", "/media/", "/media/media/nope.jpg"):
        assert _as(None).get(path).status_code == 404


def _token_for(account: Account) -> str:
    import secrets

    from oauth2_provider.models import AccessToken

    from api.actions import do_create_app

    application, _secret = do_create_app("Test", "urn:ietf:wg:oauth:2.0:oob", "read write")
    return AccessToken.objects.create(
        user=account.user,
        application=application,
        token=secrets.token_urlsafe(24),
        scope="read write",
        expires=timezone.now() + timedelta(days=1),
    ).token
