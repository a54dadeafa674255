"""Endorsements (accounts one follows, featured on one's profile) and private notes about accounts."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Account, AccountNote, Endorsement, Follow
from tribune.lib.errors import ActionError

MAX_ENDORSEMENTS = 100


@transaction.atomic
def do_endorse(account: Account, target: Account) -> Endorsement:
    """Only an account one follows (as Mastodon requires). Idempotent."""
    if not Follow.objects.filter(follower=account, target=target, state=Follow.State.ACCEPTED).exists():
        raise ActionError(_("You can only feature accounts you follow."), field="id")
    existing = Endorsement.objects.filter(account=account, target=target).first()
    if existing is not None:
        return existing
    if Endorsement.objects.filter(account=account).count() >= MAX_ENDORSEMENTS:
        raise ActionError(_("At most 100 featured accounts."), field="id")
    return Endorsement.objects.create(account=account, target=target)


def do_unendorse(account: Account, target: Account) -> None:
    Endorsement.objects.filter(account=account, target=target).delete()


def do_set_note(account: Account, target: Account, comment: str) -> str:
    """An empty comment removes the note."""
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ActionError(_("A note has at most 2,000 characters."), field="comment")
    if comment:
        AccountNote.objects.update_or_create(account=account, target=target, defaults={"comment": comment})
    else:
        AccountNote.objects.filter(account=account, target=target).delete()
    return comment
