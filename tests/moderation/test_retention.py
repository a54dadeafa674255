"""A suspended account's data is kept 30 days (reversible), then erased."""

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Account
from moderation.actions import do_suspend
from moderation.models import AuditEntry
from moderation.retention import do_purge_expired_suspensions
from posts.actions import do_create_post
from posts.media import do_upload_media
from posts.models import MediaAttachment, Post
from tests.posts.test_actions import jpeg_with_exif


@pytest.fixture
def moderator(make_account):
    return make_account("moderator", staff=True).user


def test_data_is_kept_during_the_period_and_erased_after(alice, moderator):
    media = do_upload_media(alice, SimpleUploadedFile("a.jpg", jpeg_with_exif(), content_type="image/jpeg"))
    post = do_create_post(alice, "threatening words", media_ids=[media.pk])
    path = media.file.path
    do_suspend(alice, acting_user=moderator, reason="threats", policy="violence")

    assert do_purge_expired_suspensions(now=timezone.now() + timedelta(days=29)) == 0
    post.refresh_from_db()
    assert post.text == "threatening words"  # still there: a moderator may lift the suspension

    assert do_purge_expired_suspensions(now=timezone.now() + timedelta(days=31)) == 1
    post.refresh_from_db()
    alice.refresh_from_db()
    assert (post.text, post.content) == ("", "") and post.deleted_at is not None
    assert not MediaAttachment.objects.filter(account=alice).exists()
    assert not os.path.exists(path)
    assert alice.deleted_at is not None and alice.display_name == ""
    assert not alice.user.is_active
    entry = AuditEntry.objects.get(action="purge")
    assert entry.acting_label == "retention" and entry.target_account_id == alice.pk
    # Once only.
    assert do_purge_expired_suspensions(now=timezone.now() + timedelta(days=40)) == 0
    assert Post.objects.filter(pk=post.pk).exists()  # the row stays for reports and the audit log


def test_accounts_never_suspended_are_untouched(alice):
    do_create_post(alice, "ordinary")
    assert do_purge_expired_suspensions(now=timezone.now() + timedelta(days=365)) == 0
    assert Account.objects.get(pk=alice.pk).deleted_at is None
