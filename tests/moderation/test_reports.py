import pytest

from moderation.actions import do_create_report
from moderation.models import AuditEntry, QueueItem, Report
from posts.actions import do_create_post
from tribune.lib.errors import ActionError


def test_report_of_a_post_is_queued_and_audited(alice, bob):
    post = do_create_post(bob, "a perfectly ordinary post")
    report = do_create_report(alice, target=bob, posts=[post], category="harassment", comment="he keeps at it")
    assert Report.objects.get(pk=report.pk).posts.get() == post
    item = QueueItem.objects.get(post=post, state="open")
    assert report.queue_item_id == item.pk
    assert item.reports_count == 1 and item.source == "person" and item.category == "harassment"
    entry = AuditEntry.objects.get(action="report", queue_item=item)
    assert entry.acting_user == alice.user and entry.target_post == post


def test_second_report_strengthens_the_same_item(alice, bob, carol):
    post = do_create_post(bob, "something")
    do_create_report(alice, target=bob, posts=[post], category="spam")
    before = QueueItem.objects.get(post=post).priority
    do_create_report(carol, target=bob, posts=[post], category="spam")
    item = QueueItem.objects.get(post=post)
    assert item.reports_count == 2 and item.priority > before


def test_account_report_without_posts_and_mastodon_categories(alice, bob):
    report = do_create_report(alice, target=bob, category="legal", comment="")
    assert report.category == "illegal"
    assert report.queue_item is not None and report.queue_item.kind == "account"


@pytest.mark.parametrize(
    "kwargs",
    [{"category": "nonsense"}, {"category": "spam", "comment": "x" * 1001}],
)
def test_bad_reports_are_refused_without_writing(alice, bob, kwargs):
    with pytest.raises(ActionError):
        do_create_report(alice, target=bob, **kwargs)
    assert not Report.objects.exists() and not QueueItem.objects.exists()


def test_reported_posts_must_belong_to_the_target(alice, bob, carol):
    post = do_create_post(carol, "carol's")
    with pytest.raises(ActionError):
        do_create_report(alice, target=bob, posts=[post], category="spam")
    with pytest.raises(ActionError):
        do_create_report(alice, target=alice, category="spam")


def test_audit_log_is_append_only(alice, bob):
    do_create_report(alice, target=bob, category="spam")
    entry = AuditEntry.objects.get()
    entry.reason = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
