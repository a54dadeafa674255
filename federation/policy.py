"""Reading domain policies: which remote servers are blocked, limited, or have their media rejected.

A policy on `example.com` covers its subdomains too. Lookups are per request and
cheap (a handful of rows), so no cache to go stale after an administrator acts."""

from urllib.parse import urlsplit

from django.conf import settings

from federation.models import DomainPolicy


def domain_of(url: str) -> str:
    """host[:port] of a URL, lower case ('' when unreadable)."""
    try:
        return (urlsplit(url).netloc or "").lower().rpartition("@")[2]
    except ValueError:
        return ""


def is_local_domain(domain: str) -> bool:
    return domain.lower() in {settings.DOMAIN.lower()}


def policy_for(domain: str) -> DomainPolicy | None:
    domain = domain.lower()
    host = domain.split(":")[0]
    candidates = {domain, host}
    parts = host.split(".")
    for i in range(1, len(parts) - 1):
        candidates.add(".".join(parts[i:]))
    matches = list(DomainPolicy.objects.filter(domain__in=candidates))
    if not matches:
        return None
    # The most specific (longest) domain wins.
    return max(matches, key=lambda p: len(p.domain))


def is_blocked(domain: str) -> bool:
    policy = policy_for(domain)
    return policy is not None and policy.severity == DomainPolicy.Severity.SUSPEND


def rejects_media(domain: str) -> bool:
    policy = policy_for(domain)
    return policy is not None and (policy.reject_media or policy.severity == DomainPolicy.Severity.SUSPEND)


def rejects_reports(domain: str) -> bool:
    policy = policy_for(domain)
    return policy is not None and (policy.reject_reports or policy.severity == DomainPolicy.Severity.SUSPEND)


def is_limited(domain: str) -> bool:
    policy = policy_for(domain)
    return policy is not None and policy.severity == DomainPolicy.Severity.SILENCE
