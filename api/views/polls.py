"""Polls: read one, vote (posts/polls.py). A poll is read through its post, so whoever may not
see the post does not find the poll either."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from accounts.models import Account
from api import openapi as bodies
from api.auth import me, optional, required, viewer
from api.params import Params
from api.serializers.polls import poll_entity
from api.views.common import post_or_404
from posts.models import Poll
from posts.polls import do_vote
from tribune.lib.errors import ActionError, NotFound

router = Router(tags=["polls"])


def poll_or_404(who: Account | None, id: str) -> Poll:
    post = post_or_404(who, id)
    poll = Poll.objects.filter(pk=post.pk).select_related("post__author").first()
    if poll is None:
        raise NotFound("Record not found")
    return poll


@router.get("/v1/polls/{id}", auth=optional("read:statuses"))
def get_poll(request: HttpRequest, id: str) -> dict[str, Any]:
    who = viewer(request)
    return poll_entity(who, poll_or_404(who, id))


@router.post("/v1/polls/{id}/votes", auth=required("write:statuses"), openapi_extra=bodies.POLL_VOTE)
def vote(request: HttpRequest, id: str) -> dict[str, Any]:
    account = me(request)
    poll = poll_or_404(account, id)
    choices = []
    for raw in Params(request).items("choices"):
        try:
            choices.append(int(str(raw)))
        except ValueError:
            raise ActionError("choices must hold option indexes", field="choices") from None
    do_vote(account, poll, choices)
    return poll_entity(account, poll)
