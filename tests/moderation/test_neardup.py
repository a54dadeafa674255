from datetime import timedelta

from django.utils import timezone

from accounts.models import Account
from moderation.actions import do_decide, do_remove_post
from moderation.models import QueueItem
from moderation.neardup import signature, similarity
from posts.actions import do_create_post

TEXT = "Everyone meet at the square tonight at nine and bring your friends and flags for the rally"


def test_signatures_of_near_duplicates_are_similar():
    a = signature(TEXT)
    b = signature(TEXT.upper().replace("nine", "9:00") + "!!")
    c = signature("The weather in Lyon is lovely this week, we went walking along the river")
    assert a is not None and b is not None and c is not None
    assert similarity(a, b) > 0.6 > similarity(a, c)
    assert signature("too short") is None


def test_repost_of_removed_content_is_held(alice, bob, make_account):
    moderator = make_account("mod", staff=True).user
    original = do_create_post(alice, TEXT)
    do_remove_post(original, acting_user=moderator, reason="coordinated harassment", policy="harassment")
    repost = do_create_post(bob, TEXT.replace("tonight", "tonight!!") + " #again")
    repost.refresh_from_db()
    assert repost.moderation_state == "held"
    item = QueueItem.objects.get(post=repost)
    assert f"re-post of removed post {original.pk}" in item.reason
    unrelated = do_create_post(bob, "The weather in Lyon is lovely this week, we went walking along the river")
    assert unrelated.moderation_state == "published"


def test_burst_from_new_accounts_becomes_one_campaign_item(make_account):
    moderator = make_account("mod", staff=True).user
    accounts = [make_account(f"fresh{i}") for i in range(4)]
    posts = [do_create_post(a, TEXT + f" {i}") for i, a in enumerate(accounts)]
    campaigns = QueueItem.objects.filter(kind="campaign", state="open")
    assert campaigns.count() == 1
    campaign = campaigns.get()
    assert {p.pk for p in campaign.posts.all()} == {p.pk for p in posts}
    do_decide(campaign, "suspend", acting_user=moderator, reason="coordinated campaign", policy="spam")
    for post in posts:
        post.refresh_from_db()
        assert post.moderation_state == "removed"
    assert Account.objects.filter(pk__in=[a.pk for a in accounts], suspended_at__isnull=False).count() == 4


def test_established_accounts_posting_alike_are_not_a_campaign(make_account):
    old = [make_account(f"old{i}") for i in range(3)]
    Account.objects.filter(pk__in=[a.pk for a in old]).update(created_at=timezone.now() - timedelta(days=365))
    for a in old:
        a.refresh_from_db()
        do_create_post(a, TEXT)
    assert not QueueItem.objects.filter(kind="campaign").exists()
