"""Inbound activities: one handler module per type, dispatched on `type`.

A handler gets the activity (a dict, not yet trusted beyond its signature) and the
account that signed it (already checked to be the activity's actor). It raises
ActionError subclasses for bad input and ignores what does not concern this server.

The inbox answers 202 once the signature is checked, and a worker runs `process`:
whatever the activity points at (unknown, held, removed, followers-only or direct),
the sender gets the same answer, so the inbox tells nobody what exists here.
"""

import logging
from collections.abc import Callable
from typing import Any

from accounts.models import Account
from federation.http import FetchError
from federation.inbox import announce, block, create, delete, flag, follow, like, move, undo, update
from federation.parse import id_of, types_of
from tribune.lib.errors import ActionError

logger = logging.getLogger("tribune.federation")

Handler = Callable[[dict[str, Any], Account], None]

HANDLERS: dict[str, Handler] = {
    "Create": create.handle,
    "Update": update.handle,
    "Delete": delete.handle,
    "Announce": announce.handle,
    "Like": like.handle,
    "EmojiReact": like.handle,
    "Follow": follow.handle_follow,
    "Accept": follow.handle_accept,
    "Reject": follow.handle_reject,
    "Undo": undo.handle,
    "Block": block.handle,
    "Flag": flag.handle,
    "Move": move.handle,
}


def dispatch(activity: dict[str, Any], actor: Account) -> bool:
    """Run the handler for the activity's type; False when the type is not handled."""
    for kind in types_of(activity):
        handler = HANDLERS.get(kind)
        if handler is not None:
            handler(activity, actor)
            return True
    logger.info("ignored %s activity from %s", sorted(types_of(activity)), actor.uri)
    return False


def process(activity: dict[str, Any], signer_id: int) -> None:
    """Apply an activity signed by account `signer_id` (the inbox checked the signature and
    that the signer is the activity's actor). Refusals are logged: the sender was answered."""
    actor = Account.objects.filter(pk=signer_id).first()
    if actor is None or not actor.is_active:
        return
    try:
        dispatch(activity, actor)
    except ActionError as e:
        logger.info("activity %s from %s not applied: %s", id_of(activity.get("id")), actor.uri, e.message)
    except FetchError as e:
        logger.info("activity %s from %s not applied, a linked object: %s", id_of(activity.get("id")), actor.uri, e)
