"""Every change federation makes to the database goes through these functions.

remote: remote accounts and posts (created, updated, deleted from what remote
servers send); domains: administrators' domain policies and blocklists; moves:
account migration in both directions.
"""

from federation.actions.domains import (
    do_import_blocklist,
    do_remove_domain_policy,
    do_set_domain_policy,
    export_blocklist,
)
from federation.actions.moves import do_add_alias, do_handle_incoming_move, do_move_account
from federation.actions.remote import (
    do_create_remote_post,
    do_delete_remote_account,
    do_delete_remote_post,
    do_update_remote_post,
    do_upsert_remote_account,
)

__all__ = [
    "do_add_alias",
    "do_create_remote_post",
    "do_delete_remote_account",
    "do_delete_remote_post",
    "export_blocklist",
    "do_handle_incoming_move",
    "do_import_blocklist",
    "do_move_account",
    "do_remove_domain_policy",
    "do_set_domain_policy",
    "do_update_remote_post",
    "do_upsert_remote_account",
]
