"""`POST /api/v1/reports`: a person reports an account and some of its posts to the moderators."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api import openapi as bodies
from api.auth import me, required
from api.params import Params, id_list
from api.serializers.accounts import account_entity
from api.serializers.common import iso
from api.views.common import account_or_404
from moderation.actions import do_create_report
from posts.access import visible_among

router = Router(tags=["reports"])


@router.post("/v1/reports", auth=required("write:reports"), openapi_extra=bodies.REPORT)
def create_report(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    target = account_or_404(account, params.text("account_id") or "")
    wanted = id_list(params.items("status_ids"), "status_ids")[:50]
    # Only posts the reporter can see may be attached to a report.
    found = {p.pk: p for p in visible_among(account, wanted)}
    posts = [found[i] for i in wanted if i in found]
    report = do_create_report(
        account,
        target=target,
        posts=posts,
        category=params.text("category") or "other",
        comment=params.text("comment") or "",
        forward=bool(params.flag("forward")),
    )
    return {
        "id": str(report.pk),
        "action_taken": False,
        "action_taken_at": None,
        "category": params.text("category") or report.category,
        "comment": report.comment,
        "forwarded": report.forward,
        "created_at": iso(report.created_at),
        "status_ids": [str(p.pk) for p in posts] or None,
        "rule_ids": None,
        "target_account": account_entity(target),
    }
