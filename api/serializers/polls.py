"""The Poll entity. Hidden totals stay hidden (null counts) until the poll ends, except to its author."""

from typing import Any

from accounts.models import Account
from api.serializers.common import iso
from posts.models import Poll
from posts.polls import Results, is_expired, own_votes, results


class PollRenderer:
    """Polls of a page of posts: counts and the viewer's votes in two queries."""

    def __init__(self, viewer: Account | None, polls: list[Poll]) -> None:
        self.viewer = viewer
        self.results = results(polls)
        self.votes = own_votes(viewer, polls)

    def render(self, poll: Poll, author_id: int) -> dict[str, Any]:
        found = self.results.get(poll.pk) or Results([0] * len(poll.options), 0)
        expired = is_expired(poll)
        hidden = poll.hide_totals and not expired and (self.viewer is None or self.viewer.pk != author_id)
        data: dict[str, Any] = {
            "id": str(poll.pk),
            "expires_at": iso(poll.expires_at),
            "expired": expired,
            "multiple": poll.multiple,
            "votes_count": sum(found.counts),
            "voters_count": found.voters if poll.multiple else sum(found.counts),
            "options": [
                {"title": title, "votes_count": None if hidden else found.counts[i]}
                for i, title in enumerate(poll.options)
            ],
            "emojis": [],
        }
        if self.viewer is not None:
            mine = self.votes.get(poll.pk, [])
            data["voted"] = bool(mine) or self.viewer.pk == author_id
            data["own_votes"] = mine
        return data


def poll_entity(viewer: Account | None, poll: Poll) -> dict[str, Any]:
    return PollRenderer(viewer, [poll]).render(poll, poll.post.author_id)
