"""Announcements as administrators write them: actions, emoji checks and the command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.announcements import (
    current_announcements,
    do_create_announcement,
    do_dismiss_announcement,
    is_unicode_emoji,
)
from accounts.models import Announcement
from tribune.lib.errors import ActionError, Forbidden


def test_text_is_rendered_and_sanitised_as_a_post(make_account) -> None:
    admin = make_account("mod", staff=True)
    a = do_create_announcement(acting_user=admin.user, text="Maintenance <script>x</script> #ops https://example.org")
    assert "<script>" not in a.content and "&lt;script&gt;" in a.content
    assert 'class="hashtag"' in a.content and 'href="https://example.org"' in a.content
    assert a.published and a.published_at is not None and a.all_day is False


def test_only_staff_write_and_the_text_is_checked(make_account, alice) -> None:
    admin = make_account("mod", staff=True)
    with pytest.raises(Forbidden):
        do_create_announcement(acting_user=alice.user, text="hello")
    with pytest.raises(ActionError):
        do_create_announcement(acting_user=admin.user, text="   ")
    now = timezone.now()
    with pytest.raises(ActionError):
        do_create_announcement(acting_user=admin.user, text="x", starts_at=now, ends_at=now - timedelta(days=1))


def test_current_leaves_out_ended_unpublished_and_dismissed(make_account, alice, bob) -> None:
    admin = make_account("mod", staff=True).user
    now = timezone.now()
    live = do_create_announcement(acting_user=admin, text="live", ends_at=now + timedelta(days=1), all_day=True)
    do_create_announcement(acting_user=admin, text="over", ends_at=now - timedelta(minutes=1))
    do_create_announcement(acting_user=admin, text="draft", published=False)
    assert list(current_announcements(alice)) == [live] and live.all_day
    do_dismiss_announcement(alice, live)
    do_dismiss_announcement(alice, live)  # idempotent
    assert list(current_announcements(alice)) == []
    assert list(current_announcements(alice, with_dismissed=True)) == [live]
    assert list(current_announcements(bob)) == [live]


@pytest.mark.parametrize("name", ["👍", "❤️", "🇫🇷", "👩🏽‍💻", "1️⃣", "☕", "🏳️‍🌈"])
def test_unicode_emoji_are_accepted(name) -> None:
    assert is_unicode_emoji(name)


@pytest.mark.parametrize("name", ["", "bongoCat", ":blobcat:", "a", "👍👍", "1", "👍x", "\u200d"])
def test_other_names_are_not(name) -> None:
    assert not is_unicode_emoji(name)


def test_command_adds_lists_and_removes(make_account, capsys) -> None:
    make_account("mod", staff=True)
    call_command("announcements", "add", "Hello everyone", "--admin", "mod",
                 "--ends-at", "2999-01-01T00:00:00+00:00")  # fmt: skip
    a = Announcement.objects.get()
    assert a.text == "Hello everyone" and a.ends_at is not None
    call_command("announcements", "list")
    assert f"{a.pk}\tuntil 2999-01-01" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("announcements", "add", "x", "--admin", "nobody")
    with pytest.raises(CommandError):
        call_command("announcements", "add", "x", "--admin", "mod", "--starts-at", "tomorrow")
    call_command("announcements", "remove", str(a.pk), "--admin", "mod")
    assert not Announcement.objects.exists()
