from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Account
from moderation.policy import AccountFacts, Outcome, decide, risk_from_facts, thresholds_from_config
from moderation.risk import account_risk
from posts.actions import do_create_post

ESTABLISHED = AccountFacts(age_days=400, posts=500, followers=300, strikes=0)
WEEK_OLD = AccountFacts(age_days=7, posts=3, followers=0, strikes=0)


def test_risk_orders_accounts():
    assert risk_from_facts(ESTABLISHED) == 0.0
    assert risk_from_facts(WEEK_OLD) > 0.8
    struck = AccountFacts(age_days=400, posts=500, followers=300, strikes=2)
    assert risk_from_facts(struck) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("scores", "outcome"),
    [
        ({"violence": 0.1}, Outcome.PUBLISH),
        ({"violence": 0.4}, Outcome.REVIEW),
        ({"violence": 0.6}, Outcome.HOLD),
        ({"incitement": 0.9}, Outcome.URGENT),
        ({"hate": 0.9, "violence": 0.4}, Outcome.HOLD),
        ({"spam": 0.7}, Outcome.REVIEW),
    ],
)
def test_thresholds_per_category(scores, outcome):
    assert decide(scores).outcome == outcome


def test_account_risk_tightens_thresholds():
    scores = {"violence": 0.5}
    assert decide(scores, risk=risk_from_facts(ESTABLISHED)).outcome == Outcome.REVIEW
    decision = decide(scores, risk=risk_from_facts(WEEK_OLD), rules={"violence": "builtin:x"})
    assert decision.outcome == Outcome.HOLD and decision.rule == "builtin:x"
    assert "violence" in decision.explanation


def test_configured_thresholds_override_defaults():
    table = thresholds_from_config({"spam": {"review": 0.1, "hold": 0.2}})
    assert decide({"spam": 0.25}, thresholds=table).outcome == Outcome.HOLD
    assert table["violence"].hold == pytest.approx(0.55)


def _age(account: Account, *, days: int, posts: int, followers: int = 0) -> Account:
    Account.objects.filter(pk=account.pk).update(
        created_at=timezone.now() - timedelta(days=days), posts_count=posts, followers_count=followers
    )
    account.refresh_from_db()
    return account


def test_week_old_account_with_three_posts_is_held_where_established_one_is_queued(make_account):
    new = _age(make_account("newcomer"), days=7, posts=3)
    old = _age(make_account("regular"), days=400, posts=500, followers=300)
    assert account_risk(new) > 0.8 and account_risk(old) == 0.0
    text = "I'm coming for you"
    held = do_create_post(new, text)
    queued = do_create_post(old, text)
    held.refresh_from_db()
    queued.refresh_from_db()
    assert held.moderation_state == "held"
    assert queued.moderation_state == "published"
    assert queued.queue_items.filter(state="open").exists()
    # A plain threat is held from anyone.
    threat = do_create_post(old, "I will kill you")
    threat.refresh_from_db()
    assert threat.moderation_state == "held"
