"""Block: a remote person blocks a local one (follows end both ways)."""

from typing import Any

from accounts.actions import do_block
from accounts.models import Account
from federation.inbox.common import local_account, object_id
from federation.parse import id_of


def handle(activity: dict[str, Any], actor: Account) -> None:
    target = local_account(object_id(activity))
    do_block(actor, target, uri=id_of(activity.get("id"))[:2000])
