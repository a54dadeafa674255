"""Inbound activities: one handler module per type, dispatched on `type`.

A handler gets the activity (a dict, not yet trusted beyond its signature) and the
account that signed it (already checked to be the activity's actor). It raises
ActionError subclasses for bad input (a 4xx) and ignores what does not concern
this server (answered 202 all the same, as other servers do).
"""

import logging
from collections.abc import Callable
from typing import Any

from accounts.models import Account
from federation.inbox import announce, block, create, delete, flag, follow, like, move, undo, update
from federation.parse import types_of

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
