"""Account migration (Move), in both directions.

Out: a local person first has the new account list the old one in `alsoKnownAs`
(it does so on its own server), then `do_move_account` checks that, marks the old
account as moved, makes its local followers follow the new account, and sends
`Move` to remote followers' servers, which do the same for their people.
In: `do_handle_incoming_move` re-checks `alsoKnownAs` on the new account (fetched
fresh, never trusted from the activity) before moving local followers over.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Account, Follow
from tribune.lib.errors import ActionError, Forbidden

logger = logging.getLogger("tribune.federation")


def _resolve(handle_or_uri: str) -> Account:
    from federation.fetch import FetchError, fetch_actor, resolve_handle

    try:
        if handle_or_uri.startswith(("http://", "https://")):
            return fetch_actor(handle_or_uri, refresh=True)
        return resolve_handle(handle_or_uri)
    except FetchError as e:
        raise ActionError(_("This account could not be found: %(error)s") % {"error": e}, status=404) from None


def do_add_alias(account: Account, handle_or_uri: str) -> Account:
    """Declare that `account` is also known as another account (needed before moving *to* it)."""
    other = _resolve(handle_or_uri)
    if other.pk == account.pk:
        raise ActionError(_("An account cannot be its own alias."))
    uri = other.actor_uri()
    if uri not in account.also_known_as:
        account.also_known_as = [*account.also_known_as, uri][-10:]
        account.save(update_fields=["also_known_as"])
        from federation.hooks import account_updated

        account_id = account.pk
        transaction.on_commit(lambda: account_updated(account_id))
    return account


def _move_followers(old: Account, new: Account, *, local_only: bool) -> int:
    from accounts.actions import do_follow, do_unfollow

    followers = Follow.objects.filter(target=old, state=Follow.State.ACCEPTED).select_related("follower")
    if local_only:
        followers = followers.filter(follower__domain="")
    moved = 0
    for follow in list(followers):
        follower = follow.follower
        if follower.pk == new.pk:
            continue
        try:
            do_follow(follower, new)
            moved += 1
        except ActionError as e:  # blocked, or the new account is not available
            logger.info("%s does not follow %s after the move: %s", follower.acct, new.acct, e.message)
        do_unfollow(follower, old)
    return moved


def do_move_account(account: Account, target_handle_or_uri: str) -> Account:
    """Move a local account to `target` (which must list this one in alsoKnownAs)."""
    if not account.is_local:
        raise Forbidden(_("Only local accounts can move."))
    target = _resolve(target_handle_or_uri)
    if target.pk == account.pk:
        raise ActionError(_("An account cannot move to itself."))
    if account.actor_uri() not in target.also_known_as:
        raise ActionError(_("The new account must first list this one as an alias (alsoKnownAs)."), field="target")
    with transaction.atomic():
        Account.objects.filter(pk=account.pk).update(moved_to=target)
        account.moved_to = target
        # Remote followers are moved by their own servers when they get the Move.
        _move_followers(account, target, local_only=True)
    from federation.outbox import send_move

    account_id, target_id = account.pk, target.pk

    def after_commit() -> None:
        moved = Account.objects.get(pk=account_id)
        send_move(moved, Account.objects.get(pk=target_id))

    transaction.on_commit(after_commit)
    return account


def do_handle_incoming_move(old: Account, target_uri: str) -> int:
    """A remote account says it moved to `target_uri`; returns how many local followers followed."""
    from federation.fetch import FetchError, fetch_actor

    try:
        target = fetch_actor(target_uri, refresh=True)
    except FetchError as e:
        raise ActionError(f"the new account could not be fetched: {e}", status=400) from None
    if old.uri not in target.also_known_as:
        raise Forbidden("the new account does not list the old one in alsoKnownAs")
    if target.pk == old.pk:
        raise ActionError("an account cannot move to itself")
    with transaction.atomic():
        Account.objects.filter(pk=old.pk).update(moved_to=target)
        return _move_followers(old, target, local_only=True)
