"""How much an account's history should tighten the policy: 0 (established) to 1 (throwaway)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Account
from moderation.policy import AccountFacts, risk_from_facts


def account_facts(account: Account) -> AccountFacts:
    from moderation.models import Strike

    since = timezone.now() - timedelta(days=90)
    strikes = Strike.objects.filter(account=account, revoked_at__isnull=True, created_at__gte=since).count()
    age_days = max(0.0, (timezone.now() - account.created_at).total_seconds() / 86400) if account.created_at else 0.0
    return AccountFacts(
        age_days=age_days,
        posts=account.posts_count,
        followers=account.followers_count,
        strikes=strikes,
        limited=account.limited,
        remote=not account.is_local,
    )


def account_risk(account: Account) -> float:
    return risk_from_facts(account_facts(account))
