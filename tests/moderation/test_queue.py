"""The prioritised queue and claims."""

import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from moderation.actions import do_create_report, do_decide
from moderation.models import QueueItem
from moderation.queue import claim, claim_next, open_queue
from posts.actions import do_create_post
from tribune.lib.errors import ActionError


def test_priority_orders_by_source_score_and_reports(make_account, alice, bob, carol):
    mod = make_account("mod", staff=True)
    spam = do_create_post(bob, "please buy my stuff")
    do_create_report(alice, target=bob, posts=[spam], category="spam")
    threat = do_create_post(carol, "I will kill you")  # held by the scorer, urgent
    ordered = [i.post_id for i in open_queue()]
    assert ordered.index(threat.pk) < ordered.index(spam.pk)
    assert claim_next(mod.user).post_id == threat.pk


def test_two_moderators_never_hold_the_same_item(make_account, alice, bob):
    first, second = make_account("m1", staff=True).user, make_account("m2", staff=True).user
    post = do_create_post(bob, "x")
    item = do_create_report(alice, target=bob, posts=[post], category="spam").queue_item
    assert claim(item.pk, first)
    assert not claim(item.pk, second)
    assert claim_next(second) is None
    try:
        do_decide(item, "approve", acting_user=second)
        raise AssertionError("the second moderator decided a claimed item")
    except ActionError as e:
        assert e.status == 409
    # Claims expire.
    QueueItem.objects.filter(pk=item.pk).update(claim_expires_at=timezone.now() - timedelta(seconds=1))
    assert claim(item.pk, second)


def test_concurrent_claims_from_threads(make_account, alice, bob):
    mods = [make_account(f"m{i}", staff=True).user for i in range(4)]
    post = do_create_post(bob, "x")
    item = do_create_report(alice, target=bob, posts=[post], category="spam").queue_item
    results: list[bool] = []

    def run(user):
        try:
            results.append(claim(item.pk, user))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(m,)) for m in mods]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
