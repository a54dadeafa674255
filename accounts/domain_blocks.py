"""Personal domain blocks: a person hides every account of a server. Its accounts count as blocked
for that person wherever blocks apply (`accounts.access.blocks` and `relations`, so feeds,
threads, search and suggestions), no notification comes from them, and their follows of the person
end and their notifications are dismissed, as in Mastodon. Unlike an account block, nothing is sent to the other server."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Account, DomainBlock
from tribune.lib.errors import ActionError

MAX_DOMAIN_BLOCKS = 1000


def check_blockable_domain(domain: str) -> str:
    from federation.actions.domains import check_domain

    domain = check_domain(domain)
    if domain in (settings.DOMAIN.lower(), settings.DOMAIN.split(":")[0].lower()):
        raise ActionError(_("You cannot block your own server."), field="domain")
    return domain


def do_block_domain(account: Account, domain: str) -> DomainBlock:
    """Idempotent."""
    from accounts.actions import do_remove_follower
    from notifications.models import Notification

    domain = check_blockable_domain(domain)
    with transaction.atomic():
        existing = DomainBlock.objects.filter(account=account, domain=domain).first()
        if existing is not None:
            return existing
        if DomainBlock.objects.filter(account=account).count() >= MAX_DOMAIN_BLOCKS:
            raise ActionError(_("At most 1,000 blocked servers."), field="domain")
        try:
            with transaction.atomic():
                block = DomainBlock.objects.create(account=account, domain=domain)
        except IntegrityError:  # blocked at the same moment by another request
            return DomainBlock.objects.get(account=account, domain=domain)
        for follower in Account.objects.filter(domain=domain, following_set__target=account).distinct():
            do_remove_follower(account, follower)
        Notification.objects.filter(recipient=account, actor__domain=domain).update(dismissed=True)
    return block


def do_unblock_domain(account: Account, domain: str) -> None:
    """Idempotent; the name is read as when blocking ("https://example.com/" is example.com)."""
    from federation.actions.domains import check_domain

    try:
        domain = check_domain(domain)
    except ActionError:
        return  # no such name was ever blocked
    DomainBlock.objects.filter(account=account, domain=domain).delete()
