"""Every change moderation makes goes through these functions (see STYLE.md, habits 1 and 2)."""

from moderation.actions.appeals import access_appealable, do_appeal, do_decide_appeal
from moderation.actions.decisions import (
    do_approve_post,
    do_limit,
    do_mark_sensitive,
    do_remove_post,
    do_suspend,
    do_unlimit,
    do_unsuspend,
    do_warn,
)
from moderation.actions.flaggers import (
    authenticate_flagger,
    do_create_flagger_token,
    do_flag_batch,
    do_revoke_flagger_token,
)
from moderation.actions.queue import DECISIONS, do_decide
from moderation.actions.reports import check_report_category, do_create_report
from moderation.actions.rules import do_add_rule, do_set_rule_enabled

__all__ = [
    "DECISIONS", "access_appealable", "authenticate_flagger", "check_report_category", "do_add_rule", "do_appeal",
    "do_approve_post", "do_create_flagger_token", "do_create_report", "do_decide", "do_decide_appeal",
    "do_flag_batch", "do_limit", "do_mark_sensitive", "do_remove_post", "do_revoke_flagger_token",
    "do_set_rule_enabled", "do_suspend", "do_unlimit", "do_unsuspend", "do_warn",
]  # fmt: skip
