"""Files stored before names became random (`media/…/<media id>.jpg`, `avatars/avatar.jpg`) are
moved to random names by migration posts 0013, through the storage API."""

import importlib
import logging
from pathlib import PurePosixPath

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.actions import do_update_profile
from accounts.models import Account
from posts.actions import do_create_post
from posts.media import do_upload_media
from posts.models import MediaAttachment
from tests.posts.test_actions import jpeg_with_exif
from tribune.lib.storage_names import is_random_name

migration = importlib.import_module("posts.migrations.0013_random_legacy_file_names")


def _move(name: str, legacy: str) -> str:
    """Put a stored file back under the kind of name it had before names were random."""
    with default_storage.open(name, "rb") as handle:
        saved = default_storage.save(legacy, ContentFile(handle.read()))
    default_storage.delete(name)
    return saved


def _legacy_media(account: Account) -> MediaAttachment:
    media = do_upload_media(account, SimpleUploadedFile("p.jpg", jpeg_with_exif(), content_type="image/jpeg"))
    folder = PurePosixPath(media.file.name).parent.name
    month = PurePosixPath(media.file.name).parent.parent.name
    MediaAttachment.objects.filter(pk=media.pk).update(
        file=_move(media.file.name, f"media/{month}/{folder}/{media.pk}.jpg"),
        thumbnail=_move(media.thumbnail.name, f"thumbs/{month}/{folder}/{media.pk}-small.jpg"),
    )
    media.refresh_from_db()
    return media


def _get(url: str) -> tuple[int, bytes]:
    response = Client().get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def test_legacy_names_become_random_and_are_served_under_them_only(alice: Account) -> None:
    media = _legacy_media(alice)
    do_create_post(alice, "an old picture", media_ids=[media.pk])
    upload = SimpleUploadedFile("a.jpg", jpeg_with_exif((500, 500)), content_type="image/jpeg")
    do_update_profile(alice, avatar=upload)
    alice.refresh_from_db()
    Account.objects.filter(pk=alice.pk).update(avatar=_move(alice.avatar.name, "avatars/avatar.jpg"))
    old = {
        "file": media.file.name,
        "thumbnail": media.thumbnail.name,
        "avatar": "avatars/avatar.jpg",
    }
    assert str(media.pk) in old["file"] and not is_random_name(old["file"])
    assert _get(f"/media/{old['file']}")[0] == 200
    before = {field: _read(name) for field, name in old.items()}

    migration.rename_legacy_files(apps, None)

    media.refresh_from_db()
    alice.refresh_from_db()
    new = {"file": media.file.name, "thumbnail": media.thumbnail.name, "avatar": alice.avatar.name}
    for field, name in new.items():
        assert is_random_name(name) and str(media.pk) not in name
        assert PurePosixPath(name).parent == PurePosixPath(old[field]).parent
        assert not default_storage.exists(old[field])
        assert _read(name) == before[field]
        assert _get(f"/media/{name}") == (200, before[field])
        assert _get(f"/media/{old[field]}")[0] == 404
    assert (media.width, media.height) == (64, 48)

    migration.rename_legacy_files(apps, None)  # a second run changes nothing
    media.refresh_from_db()
    assert media.file.name == new["file"] and media.thumbnail.name == new["thumbnail"]


def test_a_missing_file_is_logged_and_skipped(alice: Account, caplog: pytest.LogCaptureFixture) -> None:
    gone, kept = _legacy_media(alice), _legacy_media(alice)
    default_storage.delete(gone.file.name)
    with caplog.at_level(logging.WARNING):
        migration.rename_legacy_files(apps, None)
    assert gone.file.name in caplog.text
    gone_name = gone.file.name
    gone, kept = MediaAttachment.objects.get(pk=gone.pk), MediaAttachment.objects.get(pk=kept.pk)
    assert gone.file.name == gone_name  # left as it was
    assert is_random_name(gone.thumbnail.name) and is_random_name(kept.file.name)
