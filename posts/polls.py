"""Polls: 2 to TRIBUNE_POLL_MAX_OPTIONS options, one or several choices, an end, totals hidden
until the end if asked; everyone who may see the post votes once.

Local polls count their PollVote rows. A remote poll (a federated `Question`) shows the counts its
server sends; a local vote on it is stored as a PollVote too and sent to that server as a Note
carrying the option's `name` (federation/outbox.py), as Mastodon does. When a poll ends, the worker's
sweep (`finish_ended_polls`) tells its local voters and its local author (a `poll` notification),
and for a local poll sends the final counts to the servers that have it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account
from posts.models import Poll, PollVote, Post
from tribune.lib.errors import ActionError

MIN_EXPIRY = 300
MAX_EXPIRY = 30 * 24 * 3600
MAX_OPTION_CHARS = 50


def check_poll(poll: dict[str, Any], *, has_media: bool = False) -> dict[str, Any]:
    """`poll` as clients send it: options, expires_in (seconds), multiple, hide_totals.
    Returns it normalised."""
    if has_media:
        raise ActionError(_("A post cannot have both images and a poll."), field="poll")
    options = poll.get("options")
    if not isinstance(options, list):
        raise ActionError(_("A poll needs options."), field="poll")
    options = [str(o).strip() for o in options]
    if not 2 <= len(options) <= settings.POLL_MAX_OPTIONS:
        raise ActionError(_("A poll has 2 to %(max)d options.") % {"max": settings.POLL_MAX_OPTIONS}, field="poll")
    if any(not o or len(o) > MAX_OPTION_CHARS for o in options):
        raise ActionError(_("A poll option has 1 to 50 characters."), field="poll")
    if len(set(options)) != len(options):
        raise ActionError(_("A poll's options must differ."), field="poll")
    try:
        expires_in = int(str(poll.get("expires_in", "")))
    except ValueError:
        raise ActionError(_("A poll needs a duration in seconds."), field="poll") from None
    if not MIN_EXPIRY <= expires_in <= MAX_EXPIRY:
        raise ActionError(_("A poll lasts 5 minutes to 30 days."), field="poll")
    truthy = ("true", "1", "on", "yes")
    return {
        "options": options,
        "expires_in": expires_in,
        "multiple": str(poll.get("multiple", "")).lower() in truthy,
        "hide_totals": str(poll.get("hide_totals", "")).lower() in truthy,
    }


def do_create_poll(post: Post, poll: dict[str, Any]) -> Poll:
    """Inside do_create_post's transaction; `poll` went through check_poll."""
    return Poll.objects.create(
        post=post,
        options=poll["options"],
        multiple=poll["multiple"],
        hide_totals=poll["hide_totals"],
        expires_at=post.created_at + timedelta(seconds=poll["expires_in"]),
    )


def is_expired(poll: Poll, now: datetime | None = None) -> bool:
    return poll.expires_at is not None and poll.expires_at <= (now or timezone.now())


@dataclass
class Results:
    counts: list[int]
    voters: int


def results(polls: list[Poll]) -> dict[int, Results]:
    """Counts per option and voters, for many polls in one query."""
    local = [p.pk for p in polls if p.remote_counts is None]
    per_choice: dict[tuple[int, int], int] = {}
    voters: dict[int, int] = {}
    if local:
        for row in PollVote.objects.filter(poll_id__in=local).values("poll_id", "choice").annotate(n=Count("id")):
            per_choice[(row["poll_id"], row["choice"])] = row["n"]
        people = (
            PollVote.objects.filter(poll_id__in=local).values("poll_id").annotate(n=Count("account", distinct=True))
        )
        for poll_id, n in people.values_list("poll_id", "n"):
            voters[poll_id] = n
    out = {}
    for poll in polls:
        if poll.remote_counts is not None:
            counts = [int(c) if isinstance(c, int) else 0 for c in poll.remote_counts][: len(poll.options)]
            counts += [0] * (len(poll.options) - len(counts))
            out[poll.pk] = Results(counts, poll.remote_voters if poll.remote_voters is not None else sum(counts))
        else:
            counts = [per_choice.get((poll.pk, i), 0) for i in range(len(poll.options))]
            out[poll.pk] = Results(counts, voters.get(poll.pk, 0))
    return out


def own_votes(account: Account | None, polls: list[Poll]) -> dict[int, list[int]]:
    if account is None or not polls:
        return {}
    out: dict[int, list[int]] = {}
    rows = PollVote.objects.filter(account=account, poll_id__in=[p.pk for p in polls]).order_by("choice")
    for poll_id, choice in rows.values_list("poll_id", "choice"):
        out.setdefault(poll_id, []).append(choice)
    return out


def check_vote(account: Account, poll: Poll, choices: list[int]) -> list[int]:
    if is_expired(poll):
        raise ActionError(_("This poll has ended."), field="choices")
    if poll.post.author_id == account.pk:
        raise ActionError(_("You cannot vote in your own poll."), field="choices")
    unique = sorted(set(choices))
    if not unique or any(not 0 <= c < len(poll.options) for c in unique):
        raise ActionError(_("Choose among the poll's options."), field="choices")
    if len(unique) > 1 and not poll.multiple:
        raise ActionError(_("This poll takes one choice."), field="choices")
    if PollVote.objects.filter(poll=poll, account=account).exists():
        raise ActionError(_("You have already voted in this poll."), field="choices")
    return unique


@transaction.atomic
def do_vote(account: Account, poll: Poll, choices: list[int], *, uri: str = "") -> list[PollVote]:
    """Vote once (the caller read the poll's post through access_post). A local vote on a remote
    poll is sent to its server after commit."""
    Poll.objects.select_for_update().filter(pk=poll.pk).first()  # one vote at a time per poll
    unique = check_vote(account, poll, choices)
    try:
        votes = [PollVote.objects.create(poll=poll, account=account, choice=c, uri=uri) for c in unique]
    except IntegrityError:
        raise ActionError(_("You have already voted in this poll."), field="choices") from None
    if account.is_local and not poll.post.author.is_local:
        from federation.hooks import poll_voted

        vote_ids = [v.pk for v in votes]
        transaction.on_commit(lambda: poll_voted(vote_ids))
    return votes


@transaction.atomic
def do_record_remote_vote(account: Account, poll: Poll, option: str, *, uri: str) -> PollVote | None:
    """A vote from another server (a Note naming one option of a local poll; a multiple-choice vote
    comes as one Note per option). Ignored when it names no option, comes after the end, repeats a
    choice, or adds a second choice to a one-choice poll. Idempotent on the Note's id."""
    Poll.objects.select_for_update().filter(pk=poll.pk).first()
    if option not in poll.options or is_expired(poll) or not poll.post.author.is_local:
        return None
    if uri and PollVote.objects.filter(uri=uri).exists():
        return None
    mine = PollVote.objects.filter(poll=poll, account=account)
    choice = poll.options.index(option)
    if mine.filter(choice=choice).exists() or (mine.exists() and not poll.multiple):
        return None
    return PollVote.objects.create(poll=poll, account=account, choice=choice, uri=uri[:2000])


def do_store_remote_poll(post: Post, options: list[str], counts: list[int], *, multiple: bool,
                         expires_at: datetime | None, voters: int | None) -> Poll:  # fmt: skip
    """A remote Question's poll, created or refreshed with the counts its server sent."""
    poll, _created = Poll.objects.update_or_create(
        post=post,
        defaults={
            "options": options,
            "multiple": multiple,
            "expires_at": expires_at,
            "remote_counts": counts,
            "remote_voters": voters,
        },
    )
    return poll


def finish_ended_polls(limit: int = 200) -> int:
    """Polls whose end has come: their local voters and local author get a `poll` notification, and
    a local poll's final counts go to the servers that have it. Each poll is finished once."""
    now = timezone.now()
    due = list(Poll.objects.filter(ended_at__isnull=True, expires_at__lte=now).values_list("pk", flat=True)[:limit])
    for poll_id in due:
        _finish(poll_id, now)
    return len(due)


@transaction.atomic
def _finish(poll_id: int, now: datetime) -> None:
    from notifications.actions import do_notify

    poll = Poll.objects.select_for_update().select_related("post__author").filter(pk=poll_id).first()
    if poll is None or poll.ended_at is not None:
        return
    poll.ended_at = now
    poll.save(update_fields=["ended_at"])
    post = poll.post
    if post.deleted_at is not None:
        return
    author_id, post_id = post.author_id, post.pk
    told = set(PollVote.objects.filter(poll=poll, account__domain="").values_list("account_id", flat=True))
    if post.author.is_local:
        told.add(author_id)
    transaction.on_commit(lambda: [do_notify(v, author_id, "poll", post_id) for v in sorted(told)])
    if post.author.is_local:
        from federation.hooks import post_updated

        transaction.on_commit(lambda: post_updated(post_id))
