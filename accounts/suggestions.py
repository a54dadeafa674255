"""Who to follow, and the profile directory.

Suggestions: active, discoverable, unlimited accounts that the people one follows follow most
(`friends_of_friends`), then the most followed local ones (`most_followed`); never oneself, an
account one follows, asked to follow, blocked either way, muted, or dismissed. The directory lists
discoverable, active, unlimited accounts, recently active or new first. Neither shows a post."""

from django.db import transaction
from django.db.models import Count, QuerySet

from accounts.access import active_accounts, blocks
from accounts.models import Account, Follow, Mute, SuggestionDismissal


def _candidates(viewer: Account) -> QuerySet[Account]:
    blocked = blocks(viewer)
    excluded = {viewer.pk, *blocked.ids}
    excluded |= set(Follow.objects.filter(follower=viewer).values_list("target_id", flat=True))
    excluded |= set(Mute.objects.filter(account=viewer).values_list("target_id", flat=True))
    excluded |= set(SuggestionDismissal.objects.filter(account=viewer).values_list("target_id", flat=True))
    return active_accounts().filter(blocked.excluding(), discoverable=True, limited=False).exclude(pk__in=excluded)


def suggestions(viewer: Account, limit: int = 40) -> list[tuple[Account, str]]:
    """(account, source) pairs, at most `limit`."""
    candidates = _candidates(viewer)
    followed = Follow.objects.filter(follower=viewer, state=Follow.State.ACCEPTED).values("target_id")
    friends = list(
        candidates.filter(follower_set__follower_id__in=followed, follower_set__state=Follow.State.ACCEPTED)
        .annotate(shared=Count("follower_set"))
        .order_by("-shared", "-followers_count", "id")[:limit]
    )
    out: list[tuple[Account, str]] = [(a, "friends_of_friends") for a in friends]
    if len(out) < limit:
        seen = {a.pk for a in friends}
        popular = candidates.filter(domain="").exclude(pk__in=seen).order_by("-followers_count", "-last_post_at", "id")
        out += [(a, "most_followed") for a in popular[: limit - len(out)]]
    return out


@transaction.atomic
def do_dismiss_suggestion(viewer: Account, target: Account) -> None:
    SuggestionDismissal.objects.get_or_create(account=viewer, target=target)


def directory(*, local: bool, order: str, offset: int, limit: int) -> list[Account]:
    qs = active_accounts().filter(discoverable=True, limited=False, posts_count__gt=0)
    if local:
        qs = qs.filter(domain="")
    ordering = ("-created_at", "-id") if order == "new" else ("-last_post_at", "-id")
    return list(qs.order_by(*ordering)[offset : offset + limit])
