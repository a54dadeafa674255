"""Create: a remote Note, Question (post with a poll), reply or quote. Stored only when it concerns
this server: the author has local followers, or it mentions a local person, or replies to a local
post. A Note that names an option of a local poll is a vote in it."""

from typing import Any

from accounts.models import Account
from federation.actions import do_create_remote_post
from federation.fetch import NOTE_TYPES, local_account_for_uri, local_post_for_uri
from federation.inbox.common import has_local_followers
from federation.inbox.verify import Refused
from federation.parse import as_list, id_of, types_of
from federation.policy import domain_of
from tribune.lib.errors import BadRequest


def concerns_us(note: dict[str, Any], actor: Account) -> bool:
    if has_local_followers(actor):
        return True
    if local_post_for_uri(id_of(note.get("inReplyTo"))) is not None:
        return True
    for tag in as_list(note.get("tag")):
        if isinstance(tag, dict) and "Mention" in types_of(tag) and local_account_for_uri(id_of(tag.get("href"))):
            return True
    return any(
        local_account_for_uri(uri) for uri in as_list(note.get("to")) + as_list(note.get("cc")) if isinstance(uri, str)
    )


def handle(activity: dict[str, Any], actor: Account) -> None:
    note = activity.get("object")
    if not isinstance(note, dict):
        raise BadRequest("Create needs an embedded object")
    if not (types_of(note) & NOTE_TYPES):
        return  # other object types (polls' votes, chat messages) are not stored
    note_id = id_of(note.get("id"))
    if not note_id:
        raise BadRequest("the Note has no id")
    if id_of(note.get("attributedTo")) != actor.uri or domain_of(note_id) != actor.domain:
        raise Refused("the Note is not the actor's own")
    # Addressing of the activity counts when the Note has none (some servers put it only on the Create).
    for key in ("to", "cc"):
        if key not in note and key in activity:
            note[key] = activity[key]
    if _is_vote(note):
        _record_vote(note, actor, note_id)
        return
    if concerns_us(note, actor):
        do_create_remote_post(actor, note)


def _is_vote(note: dict[str, Any]) -> bool:
    """Mastodon's vote: a Note with a `name` (the option), no content, in reply to the Question."""
    return isinstance(note.get("name"), str) and not note.get("content") and bool(id_of(note.get("inReplyTo")))


def _record_vote(note: dict[str, Any], actor: Account, note_id: str) -> None:
    from posts.access import can_see
    from posts.models import Poll
    from posts.polls import do_record_remote_vote

    post = local_post_for_uri(id_of(note.get("inReplyTo")))
    poll = Poll.objects.filter(pk=post.pk).select_related("post__author").first() if post is not None else None
    if poll is not None and can_see(actor, poll.post):
        do_record_remote_vote(actor, poll, note["name"], uri=note_id)
