"""Move: a remote account moved; local followers follow the new account."""

from typing import Any

from accounts.models import Account
from federation.actions import do_handle_incoming_move
from federation.inbox.common import object_id
from federation.inbox.verify import Refused
from federation.parse import id_of
from tribune.lib.errors import BadRequest


def handle(activity: dict[str, Any], actor: Account) -> None:
    if object_id(activity) != actor.uri:
        raise Refused("an account can only move itself")
    target = id_of(activity.get("target"))
    if not target:
        raise BadRequest("Move has no target")
    do_handle_incoming_move(actor, target)
